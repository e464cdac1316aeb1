import { z } from "zod";
import { planBodySchema, planDecisionBodySchema, planSubmitBodySchema } from "../../domain/plans/plan-input";
import { PLAN_STATUSES } from "../../domain/plans/plan-lifecycle";
import { area, op, type Details } from "../schema";

/** Plans of approach: the shapes the API answers with, the bodies it takes, and the operations. */

export const planStatusSchema = z.enum(PLAN_STATUSES).meta({
  id: "PlanStatus",
  description: "`draft` (being written), `submitted` (waits for a decision), `approved` (adopted), `returned` (sent back with a note).",
});

export const approvedPlanSchema = z
  .strictObject({
    status: z.literal("approved"),
    version: z.int().min(1).describe("The number of the approved version."),
    approvedOn: z.iso.date().describe("The day it was approved (UTC)."),
  })
  .meta({ id: "ApprovedPlan", description: "The action's adopted plan of approach: its newest approved version." });

const moment = (description: string) => z.iso.datetime().nullable().describe(description);

export const planVersionSchema = z
  .strictObject({
    version: z.int().min(1).describe("The version's number; every new version after a decision gets the next one."),
    status: planStatusSchema,
    // The seven parts, with the lengths and descriptions of the body that writes them.
    ...planBodySchema.shape,
    submittedAt: moment("When it was submitted; null for a draft."),
    decidedAt: moment("When it was approved or returned; null before a decision."),
    decisionNote: z.string().nullable().describe("The note with the decision (required when returning)."),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PlanVersion", description: "One version of a plan of approach. Names of authors and deciders are not published." });

export const planVersionSummarySchema = z
  .strictObject({
    version: z.int().min(1),
    status: planStatusSchema,
    submittedAt: moment("When it was submitted."),
    decidedAt: moment("When it was decided on."),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PlanVersionSummary" });

export const planOfApproachSchema = z
  .strictObject({
    action: z.int().min(1).describe("The action's number."),
    approved: planVersionSchema.nullable().describe("The adopted plan (the newest approved version); null when none is approved yet."),
    open: planVersionSchema
      .nullable()
      .describe("The version being written or waiting for a decision. Only for signed-in programme keepers (plan readers); always null for everyone else."),
    versions: z.array(planVersionSummarySchema).describe("Every version, newest first; for the public only the approved ones."),
  })
  .meta({ id: "PlanOfApproach", description: "An action's plan of approach." });

export type ApprovedPlanBody = z.infer<typeof approvedPlanSchema>;
export type PlanVersionBody = z.infer<typeof planVersionSchema>;
export type PlanVersionSummaryBody = z.infer<typeof planVersionSummarySchema>;
export type PlanOfApproachBody = z.infer<typeof planOfApproachSchema>;

const planDraft = planBodySchema.meta({
  id: "PlanDraft",
  description:
    'The parts of the draft, all of them (the whole draft again). A draft may leave parts empty (`""`); submitting needs every part. Line ends become `\\n` and outer white space is removed before the maximum lengths (the plan page\'s) are checked.',
});
const planDecision = planDecisionBodySchema.meta({ id: "PlanDecision", description: "A decision on the submitted version." });
const planSubmit = planSubmitBodySchema.meta({ id: "PlanSubmit", description: "Nothing: an empty object, or no body at all." });

// ---- Operations

const AUTH = "A Bearer token, or a session cookie with its `X-CSRF-Token` header.";
const ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown programme or action, 403 without the right (or a session cookie without `X-CSRF-Token`), 428 without `If-Match`, 412 when the plan changed since that ETag, 400 for a bad body, 409 when the plan's state does not allow the step. Nothing is changed unless the answer is 200 or 201.";
const FOR_CONTACTS = `For the action's contacts and the programme manager. ${AUTH} ${ORDER}`;

/** A step in the plan's life: If-Match, the plan as it is now, and 409 when its state does not allow the step. */
const step = (conflict: string, answers: Details["answers"] = {}) => ({
  match: true,
  answers: { 200: { description: "The plan as it is now.", schema: planOfApproachSchema }, 409: conflict, ...answers },
});

const decide = (name: "approve" | "return") =>
  op(name === "approve" ? "approveActionPlan" : "returnActionPlan", name === "approve" ? "Approve the submitted plan" : "Return the submitted plan, with the reason", {
    description: `For the programme manager and the steering group. ${AUTH} ${ORDER} ${
      name === "approve"
        ? "A body with a `note` is optional. The approved version becomes the action's adopted plan."
        : "The body's `note` holds the reason (400 without one). A new version can then be written."
    } The version's author is told by mail (unless they decided themselves).`,
    body: planDecision,
    bodyOptional: name === "approve",
    ...step("There is no submitted plan to decide on."),
  });

export const planOperations = area("programmes", "The plan's ETag now, for the next write.", {
  "get /programmes/{slug}/actions/{number}/plan": op("getActionPlan", "An action's plan of approach", {
    description:
      "The approved plan is public. Signed-in readers (programme manager, steering and coordination group, action contacts; a session cookie or a Bearer token) also get the open version and every version.",
    etag: "For plan readers the plan's own tag, such as `\"plan-12-v5\"`: it changes with every change to the plan (any version), and the writes take it in `If-Match`. For everyone else a strong tag over this answer.",
    answers: {
      200: {
        description: "The plan of approach. Carries an `ETag`; send it back in `If-None-Match` to get a `304` while nothing changed.",
        schema: planOfApproachSchema,
      },
      304: { description: "Not modified since the ETag sent in `If-None-Match`." },
    },
  }),
  "put /programmes/{slug}/actions/{number}/plan": op("writeActionPlan", "Write the draft of an action's plan of approach", {
    description: `${FOR_CONTACTS} Changes the open draft; when the action has no plan yet, or its newest version was approved or returned, starts a new draft version with these parts (earlier versions stay as they were). A submitted plan waits for a decision and cannot be written (409). Writing the same parts again changes nothing (200, same ETag). The change and its history entry are one transaction.`,
    body: planDraft,
    ...step("The plan is submitted and waits for a decision: it cannot be written now.", {
      201: { description: "The plan's first version, a draft.", schema: planOfApproachSchema, headers: { Location: "The plan's address in this API." } },
    }),
    match: "optional",
  }),
  "post /programmes/{slug}/actions/{number}/plan/submit": op("submitActionPlan", "Submit the draft for approval", {
    description: `${FOR_CONTACTS} No body is needed. The draft becomes read-only and the programme's managers are told by mail (not the one who submits).`,
    body: planSubmit,
    bodyOptional: true,
    ...step("There is no draft to submit (no plan, or it is already submitted or decided), or a part is still empty (`errors` names each one)."),
  }),
  "post /programmes/{slug}/actions/{number}/plan/approve": decide("approve"),
  "post /programmes/{slug}/actions/{number}/plan/return": decide("return"),
});
