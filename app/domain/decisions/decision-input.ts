import { z } from "zod";
import { MAX_RECORD_ID, text, isRecordId } from "../primitives";
import { message, zodFieldErrors, type FieldErrors } from "../../lib/errors";
import { isCalendarDate } from "../calendar";
import { DECISION_KINDS, DECISION_STATUSES } from "./types";

/**
 * A new decision, as the API takes it (JSON) and the form produces it. Messages are i18n keys; a
 * parameters travel beside the key ("decisions.duplicateAction", `{ param: 5 }`). Errors about one action are keyed
 * `actions.<number>`.
 */

const category = z.number({ message: "decisions.categoryInvalid" }).int({ message: "decisions.categoryInvalid" }).min(1, { message: "decisions.categoryInvalid" }).max(4, { message: "decisions.categoryInvalid" });

export const decisionActionSchema = z
  .object({
    number: z.number({ message: "decisions.actionNumberInvalid" }).int({ message: "decisions.actionNumberInvalid" }).min(1, { message: "decisions.actionNumberInvalid" }).max(999_999, { message: "decisions.actionNumberInvalid" }),
    from: category
      .nullable()
      .optional()
      .describe("The category the decider saw (null: none yet); required with `to`, so that a change made meanwhile is noticed."),
    to: category
      .optional()
      .describe("The category the decision gives the action; left out when it concerns the action without changing its category."),
  })
  .strict();

/** An action in a correction: no `from`, which is the category the action had just before the decision. */
export const decisionEditActionSchema = decisionActionSchema.omit({ from: true }).strict();

const decisionFields = {
  decidedOn: text({ message: "decisions.dateInvalid" })
    .trim()
    .refine(isCalendarDate, { message: "decisions.dateInvalid" })
    .meta({ format: "date", description: "The day it was taken (or is expected)." }),
  meetingId: z
    .number({ message: "decisions.meetingUnknown" })
    .int({ message: "decisions.meetingUnknown" })
    .positive({ message: "decisions.meetingUnknown" })
    .max(MAX_RECORD_ID, { message: "decisions.meetingUnknown" })
    .nullable()
    .default(null)
    .describe("The meeting where it was taken (see the meetings pages); null for none."),
  kind: z.enum(DECISION_KINDS, { message: "decisions.kindInvalid" }),
  status: z.enum(DECISION_STATUSES, { message: "decisions.statusInvalid" }).default("taken"),
  title: text({ message: "decisions.titleRequired" }).trim().min(1, { message: "decisions.titleRequired" }).max(300, { message: "edit.tooLong" }),
  text: text({ message: "edit.invalid" }).trim().max(20_000, { message: "edit.tooLong" }).default(""),
};

/** The rules a decision keeps, recorded or corrected: each action once, changes only in taken category decisions. */
function checkDecision(
  d: { kind: string; status: string; actions: { number: number; from?: number | null; to?: number }[] },
  ctx: z.RefinementCtx,
  requireFrom: boolean,
) {
  const seen = new Set<number>();
  const changes = d.actions.filter((a) => a.to !== undefined);
  for (const a of d.actions) {
    const path = ["actions", String(a.number)];
    if (seen.has(a.number)) ctx.addIssue({ code: "custom", path, message: "decisions.duplicateAction", params: { param: a.number } });
    seen.add(a.number);
    if (requireFrom && a.to !== undefined && a.from === undefined) ctx.addIssue({ code: "custom", path, message: "decisions.fromRequired", params: { param: a.number } });
    if (a.to !== undefined && a.from === a.to) ctx.addIssue({ code: "custom", path, message: "decisions.sameCategory", params: { param: a.number } });
  }
  if (changes.length === 0) {
    if (d.kind === "categories" && d.status === "taken") ctx.addIssue({ code: "custom", path: ["actions"], message: "decisions.categoriesNeedChange" });
    return;
  }
  if (d.status === "planned") ctx.addIssue({ code: "custom", path: ["actions"], message: "decisions.plannedNoChanges" });
  else if (d.kind === "general") ctx.addIssue({ code: "custom", path: ["kind"], message: "decisions.generalNoChanges" });
}

export const decisionInputSchema = z
  .object({
    ...decisionFields,
    actions: z.array(decisionActionSchema, { message: "decisions.actionsInvalid" }).max(500, { message: "edit.tooMany" }).default([]),
  })
  .strict()
  .superRefine((d, ctx) => checkDecision(d, ctx, true));

export type DecisionInput = z.infer<typeof decisionInputSchema>;

/**
 * A correction of a recorded decision: the same fields, the whole decision again (what is left out
 * takes its default, as when recording). Each action's `from` is not sent: it is the category the
 * action had just before the decision, which the store works out.
 */
export const decisionEditSchema = z
  .object({
    ...decisionFields,
    actions: z.array(decisionEditActionSchema, { message: "decisions.actionsInvalid" }).max(500, { message: "edit.tooMany" }).default([]),
  })
  .strict()
  .superRefine((d, ctx) => checkDecision(d, ctx, false));

export type DecisionEdit = z.infer<typeof decisionEditSchema>;

/** Field errors: the first per field; `actions.5` for an issue about action 5 alone. */
export function decisionErrors(error: z.ZodError): FieldErrors {
  return zodFieldErrors(error, {
    accept: /^(decisions|edit)\./,
    field: (issue) => {
      const [first, second] = issue.path.map(String);
      if (first === "actions" && second !== undefined) return issue.code === "custom" ? `actions.${second}` : "actions";
      return first ?? "form";
    },
  });
}

/** What the decision form shows again after a refusal. */
export interface DecisionFormValues {
  decidedOn: string;
  meetingId: string;
  kind: string;
  status: string;
  title: string;
  text: string;
  /** Numbers of the actions ticked as concerned. */
  involved: number[];
  /** New category per action number, as chosen ("" for none). */
  to: Record<number, string>;
}

/**
 * Reads the decision form: per action a box `action` (value: its number), a choice `to-N` for a new
 * category and a hidden `from-N` with the category the page showed. Choosing a new category makes
 * the action concerned even when its box is not ticked. A correction (`withFrom: false`) sends no
 * `from`: the store works it out from the decisions before.
 */
export function readDecisionForm(
  form: FormData,
  options: { withFrom?: boolean } = {},
): { values: DecisionFormValues; input: unknown; errors: FieldErrors } {
  const withFrom = options.withFrom ?? true;
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const errors: FieldErrors = {};
  const involved = new Set<number>();
  for (const v of form.getAll("action")) {
    if (typeof v === "string" && /^[1-9]\d{0,5}$/.test(v)) involved.add(Number(v));
    else errors.actions ??= message("decisions.actionNumberInvalid");
  }
  const to: Record<number, string> = {};
  const from: Record<number, number | null> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const m = /^(to|from)-([1-9]\d{0,5})$/.exec(key);
    if (!m) continue;
    const number = Number(m[2]);
    const v = value.trim();
    if (m[1] === "to") {
      if (v === "") continue;
      if (!/^[1-4]$/.test(v)) errors[`actions.${number}`] ??= message("decisions.categoryInvalid");
      to[number] = v;
      involved.add(number);
    } else {
      if (v !== "" && !/^[1-4]$/.test(v)) errors[`actions.${number}`] ??= message("decisions.categoryInvalid");
      from[number] = v === "" ? null : Number(v);
    }
  }
  const meetingRaw = field("meetingId").trim();
  if (meetingRaw !== "" && !isRecordId(meetingRaw)) errors.meetingId = message("decisions.meetingUnknown");
  const numbers = [...involved].sort((a, b) => a - b);
  const values: DecisionFormValues = {
    decidedOn: field("decidedOn").trim(),
    meetingId: meetingRaw,
    kind: field("kind"),
    status: field("status") || "taken",
    title: field("title"),
    text: field("text"),
    involved: numbers,
    to,
  };
  const input = {
    decidedOn: values.decidedOn,
    meetingId: meetingRaw === "" || errors.meetingId ? null : Number(meetingRaw),
    kind: values.kind,
    status: values.status,
    title: values.title,
    text: values.text,
    actions: numbers.map((number) => {
      const target = to[number];
      // Without the category the page showed, the schema asks for it (decisions.fromRequired).
      const seen = number in from ? from[number] : undefined;
      if (!target || !/^[1-4]$/.test(target)) return { number };
      return withFrom ? { number, from: seen, to: Number(target) } : { number, to: Number(target) };
    }),
  };
  return { values, input, errors };
}
