import { DECISION_NOTE_MAX, PLAN_FIELD_MAX, PLAN_FIELDS } from "../domain/plans/plan-input";
import { PLAN_STATUSES } from "../domain/plans/plan-lifecycle";
import type { OperationObject, ParameterObject, Ref, ResponseObject, SchemaObject } from "./openapi";

/** The plans of approach's part of the OpenAPI document (merged into it by `openApiDocument`). */

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID_HEADER: Record<string, Ref> = { "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" } };
const dateTime = (description: string): SchemaObject => ({ type: ["string", "null"], format: "date-time", description });

function object(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return { type: "object", ...(description ? { description } : {}), properties, required: Object.keys(properties), additionalProperties: false };
}

const FIELD_DESCRIPTIONS: Record<(typeof PLAN_FIELDS)[number], string> = {
  aim: "What the action wants to achieve (doel).",
  approach: "How (aanpak).",
  deliverables: "What it delivers (op te leveren resultaten).",
  milestones: "What is ready when (mijlpalen).",
  budget: "The budget asked (gevraagd budget).",
  capacity: "The people or hours asked (gevraagde capaciteit).",
  risks: "Risks and what is done about them (risico's).",
};

/** A closed request object. */
function body(properties: Record<string, SchemaObject>, required: string[], description: string): SchemaObject {
  return { type: "object", description, properties, required, additionalProperties: false };
}

const schemas: Record<string, SchemaObject> = {
  PlanStatus: {
    type: "string",
    enum: PLAN_STATUSES,
    description: "`draft` (being written), `submitted` (waits for a decision), `approved` (adopted), `returned` (sent back with a note).",
  },
  ApprovedPlan: object(
    {
      status: { type: "string", const: "approved" },
      version: { type: "integer", minimum: 1, description: "The number of the approved version." },
      approvedOn: { type: "string", format: "date", description: "The day it was approved (UTC)." },
    },
    "The action's adopted plan of approach: its newest approved version.",
  ),
  PlanVersion: object(
    {
      version: { type: "integer", minimum: 1, description: "The version's number; every new version after a decision gets the next one." },
      status: ref("PlanStatus"),
      ...Object.fromEntries(PLAN_FIELDS.map((f) => [f, { type: "string", maxLength: PLAN_FIELD_MAX[f], description: FIELD_DESCRIPTIONS[f] } satisfies SchemaObject])),
      submittedAt: dateTime("When it was submitted; null for a draft."),
      decidedAt: dateTime("When it was approved or returned; null before a decision."),
      decisionNote: { type: ["string", "null"], description: "The note with the decision (required when returning)." },
      updatedAt: { type: "string", format: "date-time" },
    },
    "One version of a plan of approach. Names of authors and deciders are not published.",
  ),
  PlanVersionSummary: object({
    version: { type: "integer", minimum: 1 },
    status: ref("PlanStatus"),
    submittedAt: dateTime("When it was submitted."),
    decidedAt: dateTime("When it was decided on."),
    updatedAt: { type: "string", format: "date-time" },
  }),
  PlanOfApproach: object(
    {
      action: { type: "integer", minimum: 1, description: "The action's number." },
      approved: { anyOf: [ref("PlanVersion"), { type: "null" }], description: "The adopted plan (the newest approved version); null when none is approved yet." },
      open: {
        anyOf: [ref("PlanVersion"), { type: "null" }],
        description: "The version being written or waiting for a decision. Only for signed-in programme keepers (plan readers); always null for everyone else.",
      },
      versions: {
        type: "array",
        items: ref("PlanVersionSummary"),
        description: "Every version, newest first; for the public only the approved ones.",
      },
    },
    "An action's plan of approach.",
  ),
  PlanDraft: body(
    Object.fromEntries(PLAN_FIELDS.map((f) => [f, { type: "string", maxLength: PLAN_FIELD_MAX[f], description: FIELD_DESCRIPTIONS[f] } satisfies SchemaObject])),
    [...PLAN_FIELDS],
    "The parts of the draft, all of them (the whole draft again). A draft may leave parts empty (`\"\"`); submitting needs every part. Line ends become `\\n` and outer white space is removed. The maximum lengths are the plan page's.",
  ),
  PlanDecision: body(
    { note: { type: "string", maxLength: DECISION_NOTE_MAX, description: "The note with the decision: optional when approving, the reason (required) when returning." } },
    [],
    "A decision on the submitted version.",
  ),
};

const parameters: Record<string, ParameterObject> = {
  plan: {
    name: "plan",
    in: "query",
    required: false,
    description: "`approved`: only actions with an approved plan of approach.",
    schema: { type: "string", enum: ["approved"] },
  },
  planIfMatch: {
    name: "If-Match",
    in: "header",
    required: false,
    description:
      "The plan's ETag as last read. Required once the action has a plan (428 without it, 412 when the plan changed since); while it has none, leave it out (or send `*`, or the ETag of the empty plan) to write version 1.",
    schema: { type: "string" },
  },
};

const ok: ResponseObject = {
  description: "The plan of approach. Carries an `ETag`; send it back in `If-None-Match` to get a `304` while nothing changed.",
  headers: {
    ...REQUEST_ID_HEADER,
    ETag: {
      description:
        "For plan readers the plan's own tag, such as `\"plan-12-v5\"`: it changes with every change to the plan (any version), and the writes take it in `If-Match`. For everyone else a strong tag over this answer.",
      schema: { type: "string" },
    },
  },
  content: { "application/json": { schema: ref("PlanOfApproach") } },
};

const getPlan: OperationObject = {
  operationId: "getActionPlan",
  summary: "An action's plan of approach",
  description:
    "The approved plan is public. Signed-in readers (programme manager, steering and coordination group, action contacts; a session cookie or a Bearer token) also get the open version and every version.",
  tags: ["programmes"],
  parameters: [param("programmeSlug"), param("actionNumber")],
  responses: {
    "200": ok,
    "304": { description: "Not modified since the ETag sent in `If-None-Match`." },
    "400": response("BadRequest"),
    "404": response("NotFound"),
  },
};

const problem = (description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

/** The plan after a write, with its new ETag. */
const written = (description: string): ResponseObject => ({
  description,
  headers: { ...REQUEST_ID_HEADER, ETag: { description: "The plan's ETag now, for the next write.", schema: { type: "string" } } },
  content: { "application/json": { schema: ref("PlanOfApproach") } },
});

const AUTH = "A Bearer token, or a session cookie with its `X-CSRF-Token` header.";
const ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown programme or action, 403 without the right (or a session cookie without `X-CSRF-Token`), 428 without `If-Match`, 412 when the plan changed since that ETag, 400 for a bad body, 409 when the plan's state does not allow the step. Nothing is changed unless the answer is 200 or 201.";

const stepAnswers = (conflict: string) => ({
  "200": written("The plan as it is now."),
  "400": response("InvalidInput"),
  "401": response("Unauthorised"),
  "403": response("Forbidden"),
  "404": response("NotFound"),
  "409": problem(conflict),
  "412": response("PreconditionFailed"),
  "428": response("PreconditionRequired"),
});

const params = [param("programmeSlug"), param("actionNumber"), param("ifMatch"), param("csrfToken")];

const putPlan: OperationObject = {
  operationId: "writeActionPlan",
  summary: "Write the draft of an action's plan of approach",
  description: [
    `For the action's contacts and the programme manager. ${AUTH} ${ORDER}`,
    "Changes the open draft; when the action has no plan yet, or its newest version was approved or returned, starts a new draft version with these parts (earlier versions stay as they were).",
    "A submitted plan waits for a decision and cannot be written (409). Writing the same parts again changes nothing (200, same ETag). The change and its history entry are one transaction.",
  ].join(" "),
  tags: ["programmes"],
  parameters: [param("programmeSlug"), param("actionNumber"), param("planIfMatch"), param("csrfToken")],
  requestBody: { required: true, content: { "application/json": { schema: ref("PlanDraft") } } },
  responses: {
    ...stepAnswers("The plan is submitted and waits for a decision: it cannot be written now."),
    "201": {
      ...written("The plan's first version, a draft."),
      headers: {
        ...REQUEST_ID_HEADER,
        ETag: { description: "The plan's ETag now, for the next write.", schema: { type: "string" } },
        Location: { description: "The plan's address in this API.", schema: { type: "string" } },
      },
    },
  },
};

const submitPlan: OperationObject = {
  operationId: "submitActionPlan",
  summary: "Submit the draft for approval",
  description: `For the action's contacts and the programme manager. ${AUTH} ${ORDER} No body is needed. The draft becomes read-only and the programme's managers are told by mail (not the one who submits).`,
  tags: ["programmes"],
  parameters: params,
  requestBody: { required: false, content: { "application/json": { schema: body({}, [], "Nothing: an empty object, or no body at all.") } } },
  responses: stepAnswers(
    "There is no draft to submit (no plan, or it is already submitted or decided), or a part is still empty (`errors` names each one).",
  ),
};

const decide = (name: "approve" | "return"): OperationObject => ({
  operationId: name === "approve" ? "approveActionPlan" : "returnActionPlan",
  summary: name === "approve" ? "Approve the submitted plan" : "Return the submitted plan, with the reason",
  description: `For the programme manager and the steering group. ${AUTH} ${ORDER} ${
    name === "approve"
      ? "A body with a `note` is optional. The approved version becomes the action's adopted plan."
      : "The body's `note` holds the reason (400 without one). A new version can then be written."
  } The version's author is told by mail (unless they decided themselves).`,
  tags: ["programmes"],
  parameters: params,
  requestBody: { required: name === "return", content: { "application/json": { schema: ref("PlanDecision") } } },
  responses: stepAnswers("There is no submitted plan to decide on."),
});

export function planOpenApi() {
  return {
    paths: {
      "/programmes/{slug}/actions/{number}/plan": { get: getPlan, put: putPlan },
      "/programmes/{slug}/actions/{number}/plan/submit": { post: submitPlan },
      "/programmes/{slug}/actions/{number}/plan/approve": { post: decide("approve") },
      "/programmes/{slug}/actions/{number}/plan/return": { post: decide("return") },
    },
    schemas,
    parameters,
  };
}
