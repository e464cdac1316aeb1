import { z } from "zod";
import type { ReportTexts } from "./annual-report";

/** The yearly documents Regie writes: the annual report (jaarverslag) and the annual programme (jaarprogramma). */
export const REPORT_KINDS = ["annual-report", "annual-programme"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A document's stored part: the programme manager's texts, and once final the snapshot it shows. */
export interface StoredReport {
  id: number;
  kind: ReportKind;
  year: number;
  texts: ReportTexts;
  /** "proposed": an annual programme put before the steering group for adoption. */
  status: "draft" | "proposed" | "final";
  /** JSON of the assembled document, kept at finalising; null for a draft. */
  snapshot: string | null;
  finalisedAt: string | null;
  finalisedBy: string | null;
  updatedAt: string;
  version: number;
}

export const REPORT_TEXT_MAX = 20_000;
export const THEME_TEXT_MAX = 5_000;

/** The texts as the edit form sends them: `introduction` and `theme.<number>` (or `theme.chapter`). */
export const reportTextsSchema = z.object({
  introduction: z.string().max(REPORT_TEXT_MAX, { message: "reports.textTooLong" }),
  themes: z.record(z.string().regex(/^(\d{1,3}|chapter)$/), z.string().max(THEME_TEXT_MAX, { message: "reports.textTooLong" })),
});

/** Reads the edit form's fields into texts, with line ends made uniform. */
export function readReportTextsForm(fields: Record<string, string>): ReportTexts {
  const clean = (v: string | undefined) => (v ?? "").replace(/\r\n?/g, "\n").trim();
  const themes: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const m = /^theme\.(\d{1,3}|chapter)$/.exec(name);
    if (m) themes[m[1]!] = clean(value);
  }
  return { introduction: clean(fields.introduction), themes };
}

/** A year in a report's address: four digits within reason. */
export function parseReportYear(raw: string): number | null {
  if (!/^\d{4}$/.test(raw)) return null;
  const year = Number(raw);
  return year >= 1900 && year <= 2999 ? year : null;
}

/** The file name of a document: programme, kind and year ("kennis-en-werk-071-jaarverslag-2014.pdf"). */
export function reportFileName(programmeSlug: string, kind: ReportKind, year: number, language: "nl" | "en", extension: string): string {
  const word = kind === "annual-report" ? (language === "nl" ? "jaarverslag" : "annual-report") : language === "nl" ? "jaarprogramma" : "annual-programme";
  return `${programmeSlug}-${word}-${year}.${extension}`;
}
