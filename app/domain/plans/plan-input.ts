import { z } from "zod";
import { text as textField } from "../primitives";
import { message, zodFieldErrors, type FieldErrors } from "../../lib/errors";

/** The parts of a plan of approach, in the order forms and pages show them, with their maximum lengths. */
export const PLAN_FIELDS = ["aim", "approach", "deliverables", "milestones", "budget", "capacity", "risks"] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

export const PLAN_FIELD_MAX: Record<PlanField, number> = {
  aim: 2000,
  approach: 10000,
  deliverables: 5000,
  milestones: 5000,
  budget: 2000,
  capacity: 2000,
  risks: 5000,
};

export const DECISION_NOTE_MAX = 2000;

export type PlanFields = Record<PlanField, string>;

export const EMPTY_PLAN: PlanFields = { aim: "", approach: "", deliverables: "", milestones: "", budget: "", capacity: "", risks: "" };

/** What each part holds, for the API's description (the pages have their own labels). */
const PLAN_FIELD_DESCRIPTIONS: Record<PlanField, string> = {
  aim: "What the action wants to achieve (doel).",
  approach: "How (aanpak).",
  deliverables: "What it delivers (op te leveren resultaten).",
  milestones: "What is ready when (mijlpalen).",
  budget: "The budget asked (gevraagd budget).",
  capacity: "The people or hours asked (gevraagde capaciteit).",
  risks: "Risks and what is done about them (risico's).",
};

/**
 * Text from a form: line ends made \n, outer white space removed; messages are i18n keys
 * ("edit.tooLong"). The limit applies after normalising, so JSON Schema learns it from `meta`.
 */
const text = (max: number, description?: string) =>
  textField({ message: "plans.fieldMissing" })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(textField().max(max, { message: "edit.tooLong" }))
    .meta({ maxLength: max, ...(description ? { description } : {}) });

/** The seven parts; a draft may leave any of them empty (see `missingForSubmit`). */
export const planFieldsSchema = z.object(
  Object.fromEntries(PLAN_FIELDS.map((f) => [f, text(PLAN_FIELD_MAX[f], PLAN_FIELD_DESCRIPTIONS[f])])) as Record<PlanField, ReturnType<typeof text>>,
);

const wholeNumber = (max: number) => textField({ message: "plans.staleForm" }).regex(new RegExp(`^[0-9]{1,${max}}$`), { message: "plans.staleForm" }).transform(Number);

/**
 * Which version the form was opened on: both empty when it starts a new version, otherwise the
 * version number and the row's version (optimistic concurrency).
 */
const baseSchema = z.union([
  z.object({ versionNo: z.literal(""), version: z.literal("") }).transform(() => null),
  z.object({ versionNo: wholeNumber(6), version: wholeNumber(9) }),
]);

export type PlanBase = { versionNo: number; version: number } | null;

export type ReadResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Reads the plan form (string fields as `formFields` gives them). */
export function readPlanForm(fields: Record<string, string | undefined>): ReadResult<{ fields: PlanFields; base: PlanBase }> {
  const errors: FieldErrors = {};
  const parsed = planFieldsSchema.safeParse(Object.fromEntries(PLAN_FIELDS.map((f) => [f, fields[f]])));
  if (!parsed.success) Object.assign(errors, firstErrors(parsed.error));
  // Both bookkeeping fields must be there (empty for a new version): a form without them is not ours.
  const base = baseSchema.safeParse({ versionNo: fields.versionNo, version: fields.version });
  if (!base.success) errors.form ??= message("plans.staleForm");
  if (!parsed.success || !base.success) return { ok: false, errors };
  return { ok: true, value: { fields: parsed.data, base: base.data } };
}

export const PLAN_INTENTS = ["submit", "approve", "return"] as const;
export type PlanIntent = (typeof PLAN_INTENTS)[number];

/** A decision's note: line ends made \n, outer white space removed, "" when left out. */
const note = textField()
  .optional()
  .transform((s) => (s ?? "").replace(/\r\n?/g, "\n").trim())
  .pipe(textField().max(DECISION_NOTE_MAX, { message: "edit.tooLong" }))
  .meta({
    maxLength: DECISION_NOTE_MAX,
    description: "The note with the decision: optional when approving, the reason (required) when returning.",
  });

const decisionSchema = z.object({
  intent: z.enum(PLAN_INTENTS, { message: "plans.unknownIntent" }),
  versionNo: wholeNumber(6),
  version: wholeNumber(9),
  note,
});

export interface PlanDecisionInput {
  intent: PlanIntent;
  versionNo: number;
  version: number;
  note: string | null;
}

/** Reads a submit / approve / return form on the plan page. */
export function readPlanDecision(fields: Record<string, string | undefined>): ReadResult<PlanDecisionInput> {
  const parsed = decisionSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, errors: firstErrors(parsed.error) };
  const { intent, versionNo, version, note } = parsed.data;
  return { ok: true, value: { intent, versionNo, version, note: note === "" ? null : note } };
}

/**
 * The API's body for writing the draft (PUT): the seven parts of the form, read the same way; every
 * part must be there (a draft may leave one empty: ""), and nothing else.
 */
export const planBodySchema = planFieldsSchema.strict();

/** The API's body for approving or returning (the note; returning needs one), and nothing else. */
export const planDecisionBodySchema = z.object({ note }).strict();

/** The API's body for submitting: none, or an empty object. */
export const planSubmitBodySchema = z.object({}).strict();

/** Field errors of a refused API body as message keys, one per field ("edit.tooLong"). */
export function planBodyErrors(error: z.ZodError): FieldErrors {
  // A part that is missing or not text: in JSON every part is sent, as text.
  return zodFieldErrors(error, { accept: /^(edit\.|plans\.fieldMissing$)/, rename: { "plans.fieldMissing": "plans.partRequired" } });
}

/** The parts a plan must have before it is submitted: all seven ("n.v.t." is an answer, empty is not). */
export function missingForSubmit(fields: PlanFields): PlanField[] {
  return PLAN_FIELDS.filter((f) => fields[f].trim() === "");
}

function firstErrors(error: z.ZodError): FieldErrors {
  return zodFieldErrors(error, {
    accept: /^(plans|edit)\./,
    // Bookkeeping fields (versions) belong to the form as a whole.
    field: (issue) => {
      const field = String(issue.path[0] ?? "form");
      return field === "versionNo" || field === "version" ? "form" : field;
    },
  });
}
