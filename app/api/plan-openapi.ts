import { PLAN_FIELD_MAX, PLAN_FIELDS } from "../domain/plans/plan-input";
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
};

const parameters: Record<string, ParameterObject> = {
  plan: {
    name: "plan",
    in: "query",
    required: false,
    description: "`approved`: only actions with an approved plan of approach.",
    schema: { type: "string", enum: ["approved"] },
  },
};

const ok: ResponseObject = {
  description: "The plan of approach. Carries an `ETag`; send it back in `If-None-Match` to get a `304` while nothing changed.",
  headers: {
    ...REQUEST_ID_HEADER,
    ETag: { description: "A strong tag over this answer.", schema: { type: "string" } },
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

export function planOpenApi() {
  return { paths: { "/programmes/{slug}/actions/{number}/plan": { get: getPlan } }, schemas, parameters };
}
