import { z } from "zod";
import { decisionEditSchema, decisionInputSchema } from "../../domain/decisions/decision-input";
import { DECISION_KINDS, DECISION_SOURCES, DECISION_STATUSES } from "../../domain/decisions/types";
import { area, listOf, op } from "../schema";

/** The steering group's decisions: the shapes the API answers with, the bodies it takes, and the operations. */

export const decisionKindSchema = z.enum(DECISION_KINDS).meta({
  id: "DecisionKind",
  description: "`general`, `categories` (changes categories of actions), `adopt-programme`, `adopt-annual-plan`.",
});
export const decisionStatusSchema = z
  .enum(DECISION_STATUSES)
  .meta({ id: "DecisionStatus", description: "`taken`, or `planned` (still to be taken; changes no category yet)." });
export const decisionSourceSchema = z.enum(DECISION_SOURCES).meta({
  id: "DecisionSource",
  description:
    "`steering-group`: a decision of the steering group. `import`: not a decision of the steering group, but the categories a re-import of the programme document changed (or the actions it added), recorded on the day of the import so that category history and `asOf` agree with the current category.",
});

const categoryCode = z.int().min(1).max(4);

export const decisionSchema = z
  .strictObject({
    id: z.int().min(1),
    decidedOn: z.iso.date().describe("When it was taken; for a planned decision, when it is expected."),
    kind: decisionKindSchema,
    status: decisionStatusSchema,
    title: z.string(),
    text: z.string().describe("The decision's text; paragraphs separated by a blank line."),
    source: decisionSourceSchema,
    meeting: z
      .strictObject({ id: z.int().min(1), heldOn: z.iso.date().describe("The meeting's date."), title: z.string() })
      .nullable()
      .describe("The steering-group meeting where it was taken, when recorded."),
    actions: z
      .array(
        z.strictObject({
          number: z.int().min(1).describe("The action's number."),
          title: z.string().describe("The action's title."),
          from: categoryCode
            .nullable()
            .describe("The category the action had when the decision was taken (or recorded, for a planned one); null: none yet."),
          to: categoryCode
            .nullable()
            .describe("The category the decision gives the action; null when it concerns the action without changing its category."),
        }),
      )
      .describe("The actions the decision concerns, by number."),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    id: "Decision",
    description:
      "A decision of the steering group, or (`source` `import`) the category changes a re-import of the programme document made.",
  });

export const decisionListSchema = listOf(decisionSchema, "DecisionList", "A page of decisions, newest first (by date, then the last recorded).");

export const categoryChangeSchema = z
  .strictObject({
    decidedOn: z.iso.date().describe("The decision's date."),
    decision: z.strictObject({ id: z.int().min(1), title: z.string() }),
    from: categoryCode.nullable().describe("The category before; null for the first."),
    to: categoryCode.describe("The category after."),
    source: decisionSourceSchema,
  })
  .meta({ id: "CategoryChange", description: "A change of an action's category by a decision, or by a re-import (`source` `import`)." });

export type DecisionBody = z.infer<typeof decisionSchema>;
export type CategoryChangeBody = z.infer<typeof categoryChangeSchema>;

const newDecision = decisionInputSchema.meta({
  id: "NewDecision",
  description:
    "A decision to record. A category change (`to`) needs `from`, the category the decider saw: when the action's category is no longer `from`, nothing is recorded (409). Decisions are recorded in date order: one dated before an action's last category decision cannot change that action (400). A decision `taken` cannot lie after today; a `planned` one changes no category; a `general` one neither; a taken `categories` decision changes at least one.",
  examples: [{ decidedOn: "2014-06-30", kind: "categories", title: "Actie 5 naar categorie 2", text: "", actions: [{ number: 5, from: 3, to: 2 }] }],
});
const decisionCorrection = decisionEditSchema.meta({
  id: "DecisionCorrection",
  description:
    "A recorded decision, corrected: the whole decision again, as when recording it (what is left out takes its default, so `actions` left out concerns no action). An action's `from` is not sent: it becomes the category the action had just before the decision. Afterwards every action the decision concerned, before or after, gets the category its decisions taken on or before today give it: correcting an action's latest decision changes its current category, correcting an older one does not. A decision `taken` cannot lie after today; a `planned` one changes no category; a `general` one neither; a taken `categories` decision changes at least one.",
  examples: [
    { decidedOn: "2014-06-30", kind: "categories", status: "taken", meetingId: null, title: "Actie 5 naar categorie 2", text: "", actions: [{ number: 5, to: 2 }] },
  ],
});

// ---- Operations

const CHANGE_ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown programme or decision (400 for a malformed id), 403 without the right (or a session cookie without `X-CSRF-Token`), 409 for a decision a re-import recorded (it is not corrected by hand), 428 without `If-Match`, 412 when `If-Match` names another version";
const IMPORTED =
  "The decision was recorded by a re-import of the programme document: it is not a decision of the steering group and cannot be corrected or withdrawn through the API. Nothing was changed.";
const FOR_MANAGER = "For the programme's programme manager (a Bearer token, or a session cookie with `X-CSRF-Token`).";

export const decisionOperations = area("decisions", "The decision's version.", {
  "get /programmes/{slug}/decisions": op("listDecisions", "The steering group's decisions on a programme", {
    list: true,
    answers: { 200: { description: "A page of decisions.", schema: decisionListSchema } },
  }),
  "post /programmes/{slug}/decisions": op("recordDecision", "Record a decision of the steering group", {
    description:
      "For programme managers and steering-group members (a Bearer token, or a session cookie with `X-CSRF-Token`). Category changes take effect in the same transaction: each action's category and version change and its history records it. Checked in the order 401, 404, 403, 400, 409.",
    body: newDecision,
    answers: {
      201: { description: "The decision as recorded.", schema: decisionSchema, headers: { Location: "Where the decision is." } },
      400: "The body is not a valid decision; `errors` says what, per field (`actions.5` for action 5).",
      401: "Not signed in.",
      403: "Not a programme manager or steering-group member of this programme, or the CSRF token is missing.",
      409: "An action's category is no longer the `from` given: someone changed it meanwhile. Nothing was recorded.",
    },
  }),
  "get /programmes/{slug}/decisions/{id}": op("getDecision", "One decision", {
    answers: { 200: { description: "The decision.", schema: decisionSchema } },
  }),
  "put /programmes/{slug}/decisions/{id}": op("correctDecision", "Correct a recorded decision", {
    description: `${FOR_MANAGER} ${CHANGE_ORDER}, 400 for a bad body. The decision, the categories of the actions concerned and their history change in one transaction; the decision gets a new version (ETag). A correction that changes nothing keeps the version.`,
    body: decisionCorrection,
    answers: {
      200: { description: "The decision as it is now.", schema: decisionSchema },
      400: "The body is not a valid decision, or the id is malformed; `errors` says what, per field (`actions.5` for action 5). Nothing was changed.",
      409: IMPORTED,
    },
  }),
  "delete /programmes/{slug}/decisions/{id}": op("withdrawDecision", "Withdraw a decision recorded by mistake", {
    description: `${FOR_MANAGER} ${CHANGE_ORDER}. In one transaction the decision goes, every action it concerned gets the category its remaining decisions give it today (the category it had before any decision when none remains), and history keeps the decision as it was.`,
    answers: { 204: { description: "Withdrawn." }, 409: IMPORTED },
  }),
});
