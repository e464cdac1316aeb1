import { z } from "zod";
import { isCalendarDate } from "../calendar";
import { MAX_RECORD_ID, recordId, text } from "../primitives";
import { MAX_AMOUNT_CENTS, MAX_CAPACITY_HUNDREDTHS, parseAmount, parseHundredths } from "./money";
import { CAPACITY_UNITS, COST_KINDS, DECIDERS, SOURCE_KINDS } from "./types";

/**
 * The inputs of the budget and capacity, as the API takes them (amounts in whole cents) and as forms
 * give them (amounts as text, "12.500,00"). Messages are i18n keys.
 */

const year = z
  .number({ message: "budget.yearInvalid" })
  .int({ message: "budget.yearInvalid" })
  .min(1900, { message: "budget.yearInvalid" })
  .max(2999, { message: "budget.yearInvalid" });

const cents = (min: number) =>
  z
    .number({ message: "budget.amountInvalid" })
    .int({ message: "budget.amountTooPrecise" })
    .min(min, { message: min > 0 ? "budget.amountZero" : "budget.amountNegative" })
    .max(MAX_AMOUNT_CENTS, { message: "budget.amountTooLarge" })
    .describe("Whole euro cents: 1250000 is € 12.500,00.");

/** A form's amount text as cents. */
const amountText = (allowZero: boolean) =>
  text({ message: "budget.amountInvalid" }).transform((raw, ctx) => {
    if (allowZero && raw.trim() !== "") {
      const r = parseHundredths(raw, MAX_AMOUNT_CENTS);
      if (r.ok) return r.value;
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    const r = parseAmount(raw);
    if (r.ok) return r.cents;
    ctx.addIssue({ code: "custom", message: r.error });
    return z.NEVER;
  });

const date = (message: string) =>
  text({ message })
    .trim()
    .refine(isCalendarDate, { message })
    .meta({ format: "date" });

const note = text({ message: "edit.invalid" }).trim().max(2000, { message: "edit.tooLong" }).default("");
const slug = text({ message: "budget.organisationUnknown" })
  .trim()
  .max(200, { message: "budget.organisationUnknown" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "budget.organisationUnknown" });
const meetingId = z
  .number({ message: "decisions.meetingUnknown" })
  .int({ message: "decisions.meetingUnknown" })
  .positive({ message: "decisions.meetingUnknown" })
  .max(MAX_RECORD_ID, { message: "decisions.meetingUnknown" })
  .nullable()
  .default(null);

const sourceFields = {
  year,
  kind: z.enum(SOURCE_KINDS, { message: "budget.sourceKindInvalid" }),
  organisation: slug.nullable().default(null).describe("The contributing organisation's slug (for a contribution)."),
  name: text({ message: "edit.invalid" }).trim().max(200, { message: "edit.tooLong" }).default("").describe("The subsidy's or other source's name."),
  note,
};

function checkSource(s: { kind: string; organisation: string | null; name: string }, ctx: z.RefinementCtx) {
  if (s.kind === "contribution" && !s.organisation) ctx.addIssue({ code: "custom", path: ["organisation"], message: "budget.organisationRequired" });
  if (s.kind !== "contribution" && s.name === "") ctx.addIssue({ code: "custom", path: ["name"], message: "budget.sourceNameRequired" });
}

export const sourceInputSchema = z
  .object({ ...sourceFields, amountCents: cents(1) })
  .strict()
  .superRefine(checkSource);
export type SourceInput = z.output<typeof sourceInputSchema>;

export const sourceFormSchema = z
  .object({ ...sourceFields, amountCents: amountText(false) })
  .superRefine(checkSource);

const allocationFields = {
  year,
  action: recordId("budget.actionUnknown").nullable().default(null).describe("The number of an action of this programme; null for a programme cost."),
  costKind: z.enum(COST_KINDS, { message: "budget.costKindInvalid" }).nullable().default(null),
  note,
  decidedBy: z.enum(DECIDERS, { message: "budget.deciderInvalid" }),
  decidedOn: date("decisions.dateInvalid").nullable().default(null).describe("The day the steering group decided (with decidedBy steering-group)."),
  meetingId,
};

function checkAllocation(a: { action: number | null; costKind: string | null; decidedBy: string; decidedOn: string | null }, ctx: z.RefinementCtx) {
  if ((a.action === null) === (a.costKind === null)) ctx.addIssue({ code: "custom", path: ["action"], message: "budget.targetRequired" });
  if (a.decidedBy === "steering-group" && a.decidedOn === null) ctx.addIssue({ code: "custom", path: ["decidedOn"], message: "decisions.dateInvalid" });
}

export const allocationInputSchema = z
  .object({ ...allocationFields, amountCents: cents(1) })
  .strict()
  .superRefine(checkAllocation);
export type AllocationInput = z.output<typeof allocationInputSchema>;

export const allocationFormSchema = z
  .object({ ...allocationFields, amountCents: amountText(false) })
  .superRefine(checkAllocation);

const spendingFields = {
  allocationId: recordId("budget.allocationUnknown"),
  spentOn: date("budget.dateInvalid"),
  description: text({ message: "budget.descriptionRequired" }).trim().min(1, { message: "budget.descriptionRequired" }).max(500, { message: "edit.tooLong" }),
  reference: text({ message: "edit.invalid" }).trim().max(100, { message: "edit.tooLong" }).default("").describe("An invoice number or other reference."),
};

export const spendingInputSchema = z.object({ ...spendingFields, amountCents: cents(1) }).strict();
export type SpendingInput = z.output<typeof spendingInputSchema>;
export const spendingFormSchema = z.object({ ...spendingFields, amountCents: amountText(false) });

const mandateFields = { year, decidedOn: date("decisions.dateInvalid"), meetingId };
export const mandateInputSchema = z.object({ ...mandateFields, amountCents: cents(0) }).strict();
export type MandateInput = z.output<typeof mandateInputSchema>;
export const mandateFormSchema = z.object({ ...mandateFields, amountCents: amountText(true) });

const commitmentFields = {
  year,
  action: recordId("budget.actionUnknown"),
  organisation: slug,
  unit: z.enum(CAPACITY_UNITS, { message: "budget.unitInvalid" }),
  role: text({ message: "edit.invalid" }).trim().max(100, { message: "edit.tooLong" }).default(""),
  note,
};
export const commitmentInputSchema = z
  .object({
    ...commitmentFields,
    amountHundredths: z
      .number({ message: "budget.amountInvalid" })
      .int({ message: "budget.amountTooPrecise" })
      .min(1, { message: "budget.amountZero" })
      .max(MAX_CAPACITY_HUNDREDTHS, { message: "budget.amountTooLarge" })
      .describe("Hundredths of the unit: 50 is 0.5 FTE, 12000 is 120 hours."),
  })
  .strict();
export type CommitmentInput = z.output<typeof commitmentInputSchema>;
export const commitmentFormSchema = z.object({
  ...commitmentFields,
  amountHundredths: text({ message: "budget.amountInvalid" }).transform((raw, ctx) => {
    const r = parseHundredths(raw, MAX_CAPACITY_HUNDREDTHS);
    if (r.ok && r.value > 0) return r.value;
    ctx.addIssue({ code: "custom", message: r.ok ? "budget.amountZero" : r.error });
    return z.NEVER;
  }),
});
