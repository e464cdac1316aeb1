import { z } from "zod";
import { text, isRecordId } from "../primitives";
import { message, zodFieldErrors, type FieldErrors } from "../../lib/errors";

/**
 * A progress update as a form or API sends it: a status, an optional percentage, a short
 * narrative (public unless its author says otherwise) and the milestones reached. Messages are
 * i18n keys.
 */

/** Status codes, in the order forms offer them; Dutch labels: op schema, risico, vertraagd, afgerond, gestopt. */
export const PROGRESS_STATUSES = ["on-track", "at-risk", "delayed", "done", "stopped"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const NARRATIVE_MAX = 2000;

export function isProgressStatus(value: unknown): value is ProgressStatus {
  return (PROGRESS_STATUSES as readonly unknown[]).includes(value);
}

export interface ProgressValues {
  status: ProgressStatus;
  percent: number | null;
  narrative: string;
  narrativePublic: boolean;
  milestonesReached: number[];
}

const percent = text()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    if (!/^-?\d{1,3}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "progress.percentInvalid" });
      return z.NEVER;
    }
    const n = Number(v);
    if (n < 0 || n > 100) {
      ctx.addIssue({ code: "custom", message: "progress.percentRange" });
      return z.NEVER;
    }
    return n;
  });

const formSchema = z.object({
  status: text({ message: "progress.statusRequired" })
    .refine(isProgressStatus, { message: "progress.statusRequired" }),
  percent,
  narrative: text({ message: "progress.narrativeRequired" })
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(
      text()
        .min(1, { message: "progress.narrativeRequired" })
        .max(NARRATIVE_MAX, { message: "progress.narrativeTooLong" }),
    ),
});

/** The optimistic-concurrency field: empty for a new update, else the version the form showed. */
const versionSchema = z.union([z.literal(""), text().regex(/^[1-9]\d{0,8}$/)]);

export type FormRead =
  | { ok: true; values: ProgressValues; version: number | null }
  | { ok: false; errors: FieldErrors };

/**
 * Reads the update form: `fields` are the single-valued fields, `milestones` the ticked
 * milestone ids (repeated `milestone` fields); the "public" box sends `narrativePublic=1`.
 * A form without the `narrativePublicShown` marker (an old or hand-made form) keeps the default: public.
 */
export function readProgressForm(fields: Record<string, string>, milestones: string[]): FormRead {
  const parsed = formSchema.safeParse({
    status: fields.status ?? "",
    percent: fields.percent ?? "",
    narrative: fields.narrative ?? "",
  });
  const errors: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error, { accept: /./s });
  const ids: number[] = [];
  for (const raw of milestones) {
    if (!isRecordId(raw)) errors.milestones ??= message("progress.milestoneUnknown");
    else if (!ids.includes(Number(raw))) ids.push(Number(raw));
  }
  const version = versionSchema.safeParse(fields.version ?? "");
  if (!version.success) errors.form ??= message("progress.staleForm");
  if (Object.keys(errors).length > 0 || !parsed.success || !version.success) return { ok: false, errors };
  const shown = fields.narrativePublicShown === "1";
  return {
    ok: true,
    values: {
      status: parsed.data.status,
      percent: parsed.data.percent,
      narrative: parsed.data.narrative,
      narrativePublic: shown ? fields.narrativePublic === "1" : true,
      milestonesReached: ids,
    },
    version: version.data === "" ? null : Number(version.data),
  };
}
