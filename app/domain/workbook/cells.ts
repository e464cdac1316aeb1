import type { LinkType } from "../programmes/programme-document";

/**
 * Cell values in both directions: what a field becomes in a cell, and what a cell (as exceljs reads
 * it) becomes again. Kept symmetric so that exporting and importing an unchanged workbook changes nothing.
 */

/** A cell's value once read: formulas are replaced by their computed value, rich text by its text. */
export type CellValue = string | number | boolean | Date | null | { error: string };

/** Starts that a spreadsheet could take for a formula (or, after a tab or return, hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a text must be kept from being taken for a formula when someone edits the cell. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The Text number format ("@"): a cell with it stays text when someone edits it in Excel or
 * LibreOffice, so "=1+1" remains those four characters instead of becoming a formula.
 */
export const TEXT_FORMAT = "@";

/** Normalises what exceljs gives for a cell: formulas as their cached result, rich text and links as text. */
export function readCell(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  if (raw instanceof Date) return raw;
  if (typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) return o.result === undefined ? null : readCell(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === "string" ? r.text : "")).join("");
    if ("hyperlink" in o) return readCell(o.text);
    if ("error" in o) return { error: String(o.error) };
    if ("text" in o) return readCell(o.text);
  }
  return null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: string; params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (key: string, params?: Record<string, string | number>): Parsed<never> => ({ ok: false, key, params });

function errorOf(v: CellValue): Parsed<never> | null {
  return v !== null && typeof v === "object" && !(v instanceof Date) ? bad("workbook.cellError", { value: v.error }) : null;
}

/** Text as the cell holds it, line ends made "\n"; numbers as written; empty is "". */
export function cellText(v: CellValue): Parsed<string> {
  const err = errorOf(v);
  if (err) return err;
  if (v === null) return ok("");
  if (v instanceof Date) return ok(isoDate(v));
  if (typeof v === "boolean") return ok(v ? "1" : "0");
  return ok(plain(v).replace(/\r\n?/g, "\n"));
}

export function cellInteger(v: CellValue): Parsed<number | null> {
  const err = errorOf(v);
  if (err) return err;
  if (v === null || (typeof v === "string" && v.trim() === "")) return ok(null);
  if (typeof v === "number" && Number.isInteger(v)) return ok(v);
  if (typeof v === "string" && /^\s*-?\d{1,9}\s*$/.test(v)) return ok(Number(v.trim()));
  return bad("workbook.notInteger");
}

export function cellNumber(v: CellValue): Parsed<number | null> {
  const err = errorOf(v);
  if (err) return err;
  if (v === null || (typeof v === "string" && v.trim() === "")) return ok(null);
  if (typeof v === "number" && Number.isFinite(v)) return ok(v);
  if (typeof v === "string" && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(v)) return ok(Number(v.trim().replace(",", ".")));
  return bad("workbook.notNumber");
}

const TRUE_WORDS = new Set(["ja", "yes", "true", "waar", "1", "j", "y"]);
const FALSE_WORDS = new Set(["nee", "no", "false", "onwaar", "0", "n", ""]);

export function cellBoolean(v: CellValue): Parsed<boolean> {
  const err = errorOf(v);
  if (err) return err;
  if (v === null) return ok(false);
  if (typeof v === "boolean") return ok(v);
  if (typeof v === "number" && (v === 0 || v === 1)) return ok(v === 1);
  const word = plain(v).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad("workbook.notBoolean");
}

export function booleanText(value: boolean, language: string): string {
  return language === "en" ? (value ? "yes" : "no") : value ? "ja" : "nee";
}

/** A calendar date: a date cell, or text written as YYYY-MM-DD. */
export function cellDate(v: CellValue): Parsed<string | null> {
  const err = errorOf(v);
  if (err) return err;
  if (v === null || (typeof v === "string" && v.trim() === "")) return ok(null);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return ok(isoDate(v));
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return ok(v.trim());
  return bad("workbook.notDate");
}

const plain = (v: CellValue): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

// exceljs reads a date cell as midnight UTC of that day.
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** One item per line; blank lines and surrounding spaces do not count. */
export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** "Gemeente Leiden (tot eind 2013)": a name, and its remark in brackets at the end. */
export function organisationLine(name: string, qualifier: string | null): string {
  return qualifier ? `${name} (${qualifier})` : name;
}

/**
 * Reads one organisation line. `isName` says whether a text is an organisation's name as it stands;
 * a whole line that is a name wins, so a name that itself ends in brackets is not cut.
 */
export function parseOrganisationLine(line: string, isName: (text: string) => boolean): { name: string; qualifier: string | null } {
  if (isName(line)) return { name: line, qualifier: null };
  const m = /^(.*\S)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(line);
  if (m && m[2]!.trim() !== "") return { name: m[1]!.trim(), qualifier: m[2]!.trim() };
  return { name: line, qualifier: null };
}

const LINK_WORDS: Record<LinkType, { nl: string; en: string }> = {
  related: { nl: "hangt samen met", en: "related to" },
  prerequisiteFor: { nl: "is voorwaarde voor", en: "prerequisite for" },
  enables: { nl: "maakt mogelijk", en: "enables" },
};
const TARGET_WORDS = { action: { nl: "actie", en: "action" }, theme: { nl: "thema", en: "theme" } } as const;

export type LinkValue = { type: LinkType; target: { action: number } | { theme: number } };

export function linkLine(link: LinkValue, language: string): string {
  const lang = language === "en" ? "en" : "nl";
  const [kind, n] = "action" in link.target ? (["action", link.target.action] as const) : (["theme", link.target.theme] as const);
  return `${LINK_WORDS[link.type][lang]} ${TARGET_WORDS[kind][lang]} ${n}`;
}

/** "hangt samen met actie 12" or "related to action 12"; null when the line is not one. */
export function parseLinkLine(line: string): LinkValue | null {
  const text = line.trim().toLowerCase().replace(/\s+/g, " ");
  for (const [type, words] of Object.entries(LINK_WORDS) as [LinkType, { nl: string; en: string }][]) {
    for (const w of [words.nl, words.en]) {
      if (!text.startsWith(`${w} `)) continue;
      const m = /^(actie|action|thema|theme) (\d{1,6})$/.exec(text.slice(w.length + 1));
      if (!m) return null;
      const n = Number(m[2]);
      return { type, target: m[1] === "actie" || m[1] === "action" ? { action: n } : { theme: n } };
    }
  }
  return null;
}

const KIND_WORDS = {
  municipality: { nl: "gemeente", en: "municipality" },
  business: { nl: "bedrijf", en: "business" },
  "knowledge-institution": { nl: "kennisinstelling", en: "knowledge institution" },
  government: { nl: "overheid", en: "government" },
  other: { nl: "overig", en: "other" },
} as const;
export type KindWord = keyof typeof KIND_WORDS;

export function kindText(kind: KindWord, language: string): string {
  return KIND_WORDS[kind][language === "en" ? "en" : "nl"];
}

export function parseKind(text: string): KindWord | null {
  const t = text.trim().toLowerCase();
  if (t === "") return "other";
  for (const [kind, words] of Object.entries(KIND_WORDS) as [KindWord, { nl: string; en: string }][]) {
    if (t === words.nl || t === words.en || t === kind) return kind;
  }
  return null;
}

const COLOUR_WORDS = { green: ["groen", "green"], orange: ["oranje", "orange"], red: ["rood", "red"] } as const;
export function colourText(colour: keyof typeof COLOUR_WORDS, language: string): string {
  return COLOUR_WORDS[colour][language === "en" ? 1 : 0];
}
export function parseColour(text: string): keyof typeof COLOUR_WORDS | null {
  const t = text.trim().toLowerCase();
  for (const [c, words] of Object.entries(COLOUR_WORDS) as [keyof typeof COLOUR_WORDS, readonly string[]][]) if (words.includes(t)) return c;
  return null;
}
