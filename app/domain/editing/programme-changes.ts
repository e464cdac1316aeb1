import { z } from "zod";
import { text as textField } from "../primitives";
import { message, type FieldErrors } from "../../lib/errors";
import type { Participation } from "../programmes/types";

/**
 * What editing may change on a programme (its front matter) and on a theme (texts, intentions and
 * the participation of each municipality). Error messages are keys that the routes translate.
 */
const text = (max: number) =>
  textField({ message: "edit.invalid" }).max(max, { message: "edit.tooLong" });
const requiredText = (max: number) =>
  textField({ message: "edit.required" })
    .trim()
    .min(1, { message: "edit.required" })
    .max(max, { message: "edit.tooLong" });
const optionalText = (max: number) =>
  textField({ message: "edit.invalid" })
    .trim()
    .max(max, { message: "edit.tooLong" })
    .nullable()
    .transform((v) => (v ? v : null));
const year = z
  .number({ message: "editing.year" })
  .int({ message: "editing.year" })
  .min(1900, { message: "editing.year" })
  .max(2200, { message: "editing.year" });

/** A calendar date as YYYY-MM-DD that exists (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

export const programmePatchSchema = z
  .object({
    title: requiredText(500),
    subtitle: text(500).trim(),
    ambition: text(20000).trim(),
    period: z
      .object({ start: year, end: year }, { message: "editing.period" })
      .strict()
      .refine((p) => p.start <= p.end, { message: "editing.periodOrder" })
      .describe("The years, both included; start not after end. A new period recomputes every action's planning years."),
    adoptedOn: textField({ message: "editing.date" })
      .refine(isCalendarDate, { message: "editing.date" })
      .meta({ format: "date" })
      .nullable()
      .describe("When the programme was adopted."),
    adoptedBy: optionalText(500).describe("Who adopted it."),
  })
  .partial()
  .strict();
export type ProgrammePatch = z.infer<typeof programmePatchSchema>;

export const PARTICIPATION_STATUSES = [
  "participating",
  "undecided",
  "not-participating",
] as const satisfies readonly Participation["status"][];
export const INTENTION_CODE = /^\d{1,3}\.\d{1,3}$/;

export const themePatchSchema = z
  .object({
    title: requiredText(500),
    goal: text(20000).trim(),
    intentionsIntro: optionalText(2000).describe("The sentence that introduces the intentions."),
    intentions: z
      .array(
        z
          .object({
            code: textField({ message: "editing.intentionCode" })
              .regex(INTENTION_CODE, { message: "editing.intentionCode" })
              .optional()
              .describe("An existing intention's code; leave it out for a new intention, which gets the next code."),
            text: requiredText(2000),
          })
          .strict(),
        { message: "edit.invalid" },
      )
      .max(50, { message: "edit.tooMany" })
      .describe(
        "All intentions of the theme, in order: listed ones are kept (with this text), new ones added, unlisted ones removed. An intention that still has actions cannot be removed (400).",
      ),
    participation: z
      .array(
        z
          .object({
            municipality: textField({ message: "editing.municipalityUnknown" })
              .max(200, { message: "editing.municipalityUnknown" })
              .describe("The slug of one of the programme's municipalities."),
            status: z.enum(PARTICIPATION_STATUSES, { message: "editing.participationStatus" }),
            note: optionalText(2000).default(null).describe("The remark (footnote) about this municipality's part."),
          })
          .strict(),
        { message: "edit.invalid" },
      )
      .max(100, { message: "edit.tooMany" })
      .describe(
        "The participation of the municipalities, replacing what was recorded. Plain participation without a note is not stored (a municipality not listed participates).",
      ),
  })
  .partial()
  .strict();
export type ThemePatch = z.infer<typeof themePatchSchema>;

// ---- Form encodings ----

const oneLine = (v: string | undefined) => (v ?? "").trim();
const block = (v: string | undefined) => (v ?? "").replace(/\r\n/g, "\n").trim();

export interface ProgrammeFormValues {
  title: string;
  subtitle: string;
  ambition: string;
  periodStart: string;
  periodEnd: string;
  adoptedOn: string;
  adoptedBy: string;
}

/** Reads the programme form; years that are not whole numbers are errors of their own field. */
export function readProgrammeForm(form: Record<string, string>): {
  values: ProgrammeFormValues;
  changes: Record<string, unknown>;
  errors: FieldErrors;
} {
  const values: ProgrammeFormValues = {
    title: form.title ?? "",
    subtitle: form.subtitle ?? "",
    ambition: form.ambition ?? "",
    periodStart: form.periodStart ?? "",
    periodEnd: form.periodEnd ?? "",
    adoptedOn: form.adoptedOn ?? "",
    adoptedBy: form.adoptedBy ?? "",
  };
  const errors: FieldErrors = {};
  const yearOf = (field: "periodStart" | "periodEnd") => {
    const v = oneLine(values[field]);
    if (!/^\d{4}$/.test(v)) errors[field] = message("editing.year");
    return Number(v);
  };
  const changes = {
    title: oneLine(values.title),
    subtitle: oneLine(values.subtitle),
    ambition: block(values.ambition),
    period: { start: yearOf("periodStart"), end: yearOf("periodEnd") },
    adoptedOn: oneLine(values.adoptedOn) || null,
    adoptedBy: oneLine(values.adoptedBy) || null,
  };
  return { values, changes, errors };
}

export function programmeFormValues(p: {
  title: string;
  subtitle: string;
  ambition: string;
  period: { start: number; end: number };
  adoptedOn: string | null;
  adoptedBy: string | null;
}): ProgrammeFormValues {
  return {
    title: p.title,
    subtitle: p.subtitle,
    ambition: p.ambition,
    periodStart: String(p.period.start),
    periodEnd: String(p.period.end),
    adoptedOn: p.adoptedOn ?? "",
    adoptedBy: p.adoptedBy ?? "",
  };
}

/** Maps errors of change fields to the form fields that edit them. */
export function programmeFormErrors<T>(errors: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "period" ? "periodStart" : k, v]));
}

export interface ThemeFormValues {
  title: string;
  goal: string;
  intentionsIntro: string;
  /** Existing intentions by code, with whether the form asks to remove them. */
  intentions: { code: string; text: string; remove: boolean }[];
  newIntention: string;
  /** Per municipality slug. */
  participation: Record<string, { status: string; note: string }>;
}

/**
 * Reads the theme form: a text field per existing intention ("intention-2.1") with a remove box
 * ("remove-2.1"), one field for a new intention, a status and a note per municipality
 * ("status-gemeente-leiden", "note-gemeente-leiden").
 */
export function readThemeForm(
  form: Record<string, string>,
  existingCodes: readonly string[],
  municipalities: readonly string[],
): { values: ThemeFormValues; changes: Record<string, unknown> } {
  const values: ThemeFormValues = {
    title: form.title ?? "",
    goal: form.goal ?? "",
    intentionsIntro: form.intentionsIntro ?? "",
    intentions: existingCodes.map((code) => ({
      code,
      text: form[`intention-${code}`] ?? "",
      remove: form[`remove-${code}`] === "on",
    })),
    newIntention: form.newIntention ?? "",
    participation: Object.fromEntries(
      municipalities.map((slug) => [
        slug,
        { status: form[`status-${slug}`] ?? "participating", note: form[`note-${slug}`] ?? "" },
      ]),
    ),
  };
  const intentions: { code?: string; text: string }[] = values.intentions
    .filter((i) => !i.remove)
    .map((i) => ({ code: i.code, text: block(i.text) }));
  if (block(values.newIntention)) intentions.push({ text: block(values.newIntention) });
  const changes = {
    title: oneLine(values.title),
    goal: block(values.goal),
    intentionsIntro: block(values.intentionsIntro) || null,
    intentions,
    participation: municipalities
      .map((slug) => ({
        municipality: slug,
        status: values.participation[slug]!.status,
        note: block(values.participation[slug]!.note) || null,
      }))
      .filter((p) => p.status !== "participating" || p.note !== null),
  };
  return { values, changes };
}

export function themeFormValues(
  theme: {
    title: string;
    goal: string;
    intentionsIntro: string | null;
    intentions: { code: string; text: string }[];
    participation: { municipality: string; status: string; note: string | null }[];
  },
  municipalities: readonly string[],
): ThemeFormValues {
  return {
    title: theme.title,
    goal: theme.goal,
    intentionsIntro: theme.intentionsIntro ?? "",
    intentions: theme.intentions.map((i) => ({ code: i.code, text: i.text, remove: false })),
    newIntention: "",
    participation: Object.fromEntries(
      municipalities.map((slug) => {
        const p = theme.participation.find((x) => x.municipality === slug);
        return [slug, { status: p?.status ?? "participating", note: p?.note ?? "" }];
      }),
    ),
  };
}
