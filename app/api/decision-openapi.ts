import { DECISION_KINDS, DECISION_SOURCES, DECISION_STATUSES } from "../domain/decisions/types";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../domain/programmes/action-filters";
import type { OperationObject, ParameterObject, Ref, ResponseObject, SchemaObject } from "./openapi";

/**
 * The steering group's decisions in the OpenAPI document (merged into it by `openApiDocument`):
 * the register, recording, correcting and withdrawing a decision, the `asOf` parameter and an
 * action's category history.
 */

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID_HEADER: Record<string, Ref> = { "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" } };
const categoryCode = (description: string, nullable = true): SchemaObject => ({ type: nullable ? ["integer", "null"] : "integer", minimum: 1, maximum: 4, description });
const date = (description: string): SchemaObject => ({ type: "string", format: "date", description });

function object(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return { type: "object", ...(description ? { description } : {}), properties, required: Object.keys(properties), additionalProperties: false };
}

const problem = (description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

const decisionActionProperties: Record<string, SchemaObject> = {
  number: { type: "integer", minimum: 1, description: "The action's number." },
  from: categoryCode("The category the action had when the decision was taken (or recorded, for a planned one); null: none yet."),
  to: categoryCode("The category the decision gives the action; null when it concerns the action without changing its category."),
};

/** `Action` with its category history: the shape of one action on its own. */
function actionDetail(action: SchemaObject): SchemaObject {
  return {
    ...action,
    description: "One action of a programme, with the decisions that set its category.",
    properties: {
      ...action.properties,
      categoryHistory: {
        type: "array",
        items: ref("CategoryChange"),
        description: "Every change of the action's category by a decision taken, oldest first. The category on a date is the `to` of the last change on or before it.",
      },
    },
    required: [...(action.required ?? []), "categoryHistory"],
  };
}

const schemas: Record<string, SchemaObject> = {
  DecisionKind: {
    type: "string",
    enum: DECISION_KINDS,
    description: "`general`, `categories` (changes categories of actions), `adopt-programme`, `adopt-annual-plan`.",
  },
  DecisionStatus: { type: "string", enum: DECISION_STATUSES, description: "`taken`, or `planned` (still to be taken; changes no category yet)." },
  DecisionSource: {
    type: "string",
    enum: DECISION_SOURCES,
    description:
      "`steering-group`: a decision of the steering group. `import`: not a decision of the steering group, but the categories a re-import of the programme document changed (or the actions it added), recorded on the day of the import so that category history and `asOf` agree with the current category.",
  },
  Decision: object(
    {
      id: { type: "integer", minimum: 1 },
      decidedOn: date("When it was taken; for a planned decision, when it is expected."),
      kind: ref("DecisionKind"),
      status: ref("DecisionStatus"),
      title: { type: "string" },
      text: { type: "string", description: "The decision's text; paragraphs separated by a blank line." },
      source: ref("DecisionSource"),
      meeting: {
        anyOf: [object({ id: { type: "integer", minimum: 1 }, heldOn: date("The meeting's date."), title: { type: "string" } }), { type: "null" }],
        description: "The steering-group meeting where it was taken, when recorded.",
      },
      actions: {
        type: "array",
        items: object({ ...decisionActionProperties, title: { type: "string", description: "The action's title." } }),
        description: "The actions the decision concerns, by number.",
      },
      updatedAt: { type: "string", format: "date-time" },
    },
    "A decision of the steering group, or (`source` `import`) the category changes a re-import of the programme document made.",
  ),
  DecisionList: object(
    {
      data: { type: "array", items: ref("Decision"), description: "This page of decisions, newest first (by date, then the last recorded)." },
      total: { type: "integer", minimum: 0, description: "How many decisions the programme has." },
      limit: { type: "integer", minimum: 1, maximum: MAX_LIMIT },
      offset: { type: "integer", minimum: 0 },
    },
    "A page of decisions.",
  ),
  NewDecision: {
    type: "object",
    description:
      "A decision to record. A category change (`to`) needs `from`, the category the decider saw: when the action's category is no longer `from`, nothing is recorded (409). Decisions are recorded in date order: one dated before an action's last category decision cannot change that action (400). A decision `taken` cannot lie after today; a `planned` one changes no category; a `general` one neither; a taken `categories` decision changes at least one.",
    properties: {
      decidedOn: date("The day it was taken (or is expected)."),
      meetingId: { type: ["integer", "null"], minimum: 1, description: "The meeting where it was taken (see the meetings pages)." },
      kind: ref("DecisionKind"),
      status: { ...ref("DecisionStatus"), default: "taken" },
      title: { type: "string", maxLength: 300 },
      text: { type: "string", maxLength: 20000, default: "" },
      actions: {
        type: "array",
        maxItems: 500,
        default: [],
        items: { type: "object", properties: decisionActionProperties, required: ["number"], additionalProperties: false },
      },
    },
    required: ["decidedOn", "kind", "title"],
    additionalProperties: false,
    examples: [{ decidedOn: "2014-06-30", kind: "categories", title: "Actie 5 naar categorie 2", text: "", actions: [{ number: 5, from: 3, to: 2 }] }],
  },
  DecisionCorrection: {
    type: "object",
    description:
      "A recorded decision, corrected: the whole decision again, as when recording it (what is left out takes its default, so `actions` left out concerns no action). An action's `from` is not sent: it becomes the category the action had just before the decision. Afterwards every action the decision concerned, before or after, gets the category its decisions taken on or before today give it: correcting an action's latest decision changes its current category, correcting an older one does not. A decision `taken` cannot lie after today; a `planned` one changes no category; a `general` one neither; a taken `categories` decision changes at least one.",
    properties: {
      decidedOn: date("The day it was taken (or is expected)."),
      meetingId: { type: ["integer", "null"], minimum: 1, default: null, description: "The meeting where it was taken; null for none." },
      kind: ref("DecisionKind"),
      status: { ...ref("DecisionStatus"), default: "taken" },
      title: { type: "string", maxLength: 300 },
      text: { type: "string", maxLength: 20000, default: "" },
      actions: {
        type: "array",
        maxItems: 500,
        default: [],
        items: {
          type: "object",
          properties: {
            number: decisionActionProperties.number!,
            to: { type: "integer", minimum: 1, maximum: 4, description: "The category the decision gives the action; left out when it concerns the action without changing its category." },
          },
          required: ["number"],
          additionalProperties: false,
        },
      },
    },
    required: ["decidedOn", "kind", "title"],
    additionalProperties: false,
    examples: [{ decidedOn: "2014-06-30", kind: "categories", status: "taken", meetingId: null, title: "Actie 5 naar categorie 2", text: "", actions: [{ number: 5, to: 2 }] }],
  },
  CategoryChange: object(
    {
      decidedOn: date("The decision's date."),
      decision: object({ id: { type: "integer", minimum: 1 }, title: { type: "string" } }),
      from: categoryCode("The category before; null for the first."),
      to: categoryCode("The category after.", false),
      source: ref("DecisionSource"),
    },
    "A change of an action's category by a decision, or by a re-import (`source` `import`).",
  ),
};

const parameters: Record<string, ParameterObject> = {
  asOf: {
    name: "asOf",
    in: "query",
    required: false,
    description:
      "Categories as they were at the end of this day (YYYY-MM-DD): the last decision taken on or before it counts; before any decision an action has none. Today or later is the current state. A malformed or impossible date is a 400.",
    schema: { type: "string", format: "date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
  },
  decisionId: {
    name: "id",
    in: "path",
    required: true,
    description: "The decision's id.",
    schema: { type: "string", pattern: "^[1-9][0-9]{0,9}$" },
  },
};

const listDecisions: OperationObject = {
  operationId: "listDecisions",
  summary: "The steering group's decisions on a programme",
  tags: ["decisions"],
  parameters: [
    param("programmeSlug"),
    { name: "limit", in: "query", required: false, description: `Page size, 1 to ${MAX_LIMIT}.`, schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
    { name: "offset", in: "query", required: false, description: "How many decisions to skip.", schema: { type: "integer", minimum: 0, default: 0 } },
  ],
  responses: {
    "200": { description: "A page of decisions.", headers: REQUEST_ID_HEADER, content: { "application/json": { schema: ref("DecisionList") } } },
    "400": response("BadRequest"),
    "404": response("NotFound"),
  },
};

const decisionAnswer = (description: string): ResponseObject => ({
  description,
  headers: { ...REQUEST_ID_HEADER, ETag: { description: "The decision's version.", schema: { type: "string" } } },
  content: { "application/json": { schema: ref("Decision") } },
});

const getDecision: OperationObject = {
  operationId: "getDecision",
  summary: "One decision",
  tags: ["decisions"],
  parameters: [param("programmeSlug"), param("decisionId")],
  responses: { "200": decisionAnswer("The decision."), "400": response("BadRequest"), "404": response("NotFound") },
};

const recordDecision: OperationObject = {
  operationId: "recordDecision",
  summary: "Record a decision of the steering group",
  description:
    "For programme managers and steering-group members (a Bearer token, or a session cookie with `X-CSRF-Token`). Category changes take effect in the same transaction: each action's category and version change and its history records it. Checked in the order 401, 404, 403, 400, 409.",
  tags: ["decisions"],
  parameters: [param("programmeSlug")],
  requestBody: { required: true, content: { "application/json": { schema: ref("NewDecision") } } },
  responses: {
    "201": {
      ...decisionAnswer("The decision as recorded."),
      headers: {
        ...REQUEST_ID_HEADER,
        Location: { description: "Where the decision is.", schema: { type: "string" } },
        ETag: { description: "The decision's version.", schema: { type: "string" } },
      },
    },
    "400": problem("The body is not a valid decision; `errors` says what, per field (`actions.5` for action 5)."),
    "401": problem("Not signed in."),
    "403": problem("Not a programme manager or steering-group member of this programme, or the CSRF token is missing."),
    "404": response("NotFound"),
    "409": problem("An action's category is no longer the `from` given: someone changed it meanwhile. Nothing was recorded."),
  },
};

const CHANGE_ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown programme or decision (400 for a malformed id), 403 without the right (or a session cookie without `X-CSRF-Token`), 409 for a decision a re-import recorded (it is not corrected by hand), 428 without `If-Match`, 412 when `If-Match` names another version";

const changeAnswers = {
  "401": response("Unauthorised"),
  "403": response("Forbidden"),
  "404": response("NotFound"),
  "409": problem("The decision was recorded by a re-import of the programme document: it is not a decision of the steering group and cannot be corrected or withdrawn through the API. Nothing was changed."),
  "412": response("PreconditionFailed"),
  "428": response("PreconditionRequired"),
};

const correctDecision: OperationObject = {
  operationId: "correctDecision",
  summary: "Correct a recorded decision",
  description: `For the programme's programme manager (a Bearer token, or a session cookie with \`X-CSRF-Token\`). ${CHANGE_ORDER}, 400 for a bad body. The decision, the categories of the actions concerned and their history change in one transaction; the decision gets a new version (ETag). A correction that changes nothing keeps the version.`,
  tags: ["decisions"],
  parameters: [param("programmeSlug"), param("decisionId"), param("ifMatch"), param("csrfToken")],
  requestBody: { required: true, content: { "application/json": { schema: ref("DecisionCorrection") } } },
  responses: {
    "200": decisionAnswer("The decision as it is now."),
    "400": problem("The body is not a valid decision, or the id is malformed; `errors` says what, per field (`actions.5` for action 5). Nothing was changed."),
    ...changeAnswers,
  },
};

const withdrawDecision: OperationObject = {
  operationId: "withdrawDecision",
  summary: "Withdraw a decision recorded by mistake",
  description: `For the programme's programme manager (a Bearer token, or a session cookie with \`X-CSRF-Token\`). ${CHANGE_ORDER}. In one transaction the decision goes, every action it concerned gets the category its remaining decisions give it today (the category it had before any decision when none remains), and history keeps the decision as it was.`,
  tags: ["decisions"],
  parameters: [param("programmeSlug"), param("decisionId"), param("ifMatch"), param("csrfToken")],
  responses: {
    "204": { description: "Withdrawn.", headers: REQUEST_ID_HEADER },
    "400": response("BadRequest"),
    ...changeAnswers,
  },
};

export function decisionOpenApi(base: { action: SchemaObject }) {
  return {
    tag: { name: "decisions", description: "The steering group's decisions, and the categories they set." },
    paths: {
      "/programmes/{slug}/decisions": { get: listDecisions, post: recordDecision },
      "/programmes/{slug}/decisions/{id}": { get: getDecision, put: correctDecision, delete: withdrawDecision },
    },
    schemas: { ...schemas, ActionDetail: actionDetail(base.action) },
    parameters,
  };
}
