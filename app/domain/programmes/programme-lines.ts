import { cleanText } from "./programme-text";

/**
 * The line structure of a programme document exported as text: lines, blocks of lines,
 * table rows (tab-separated cells) and chapter headings.
 */

/** One line of the input. */
export interface Line {
  /** 1-based line number. */
  no: number;
  text: string;
}

export const FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰";
/** A footnote's text: "¹ Gemeente Voorschoten onderschrijft …". */
export const FOOTNOTE_LINE = new RegExp(`^([${FOOTNOTE_MARKS}]+)\\s+(\\S.*)$`);
/** A footnote mark at the end of a heading: "3.3 Acties bij doelstelling 3¹". */
export const FOOTNOTE_SUFFIX = new RegExp(`([${FOOTNOTE_MARKS}]+)$`);

/** Dutch number words as used in "drie voornemens", "Elke twee jaar". */
export const DUTCH_NUMBERS: Record<string, number> = {
  een: 1,
  één: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
};

/** A number written as digits or as a Dutch word; undefined otherwise. */
export function readCount(word: string): number | undefined {
  const w = word.toLowerCase();
  return /^\d+$/.test(w) ? Number(w) : DUTCH_NUMBERS[w];
}

/** Splits text into lines: BOM removed, CRLF/CR accepted, trailing spaces dropped (tabs are cells). */
export function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ no: i + 1, text: t.replace(/[ \u00a0]+$/, "") }));
}

/** True for an empty or whitespace-only line (or none at all). */
export function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim().length === 0;
}

/** True when the line is a table row (has tab-separated cells). */
export function isRow(line: Line): boolean {
  return line.text.includes("\t");
}

/** The raw cells of a table row. */
export function cells(line: Line): string[] {
  return line.text.split("\t");
}

/** A header row of an action table: "Voornemen | Actie | Trekker/partners | … | Planning | Categorie". */
export function isTableHeader(line: Line): boolean {
  if (!isRow(line)) return false;
  const c = cells(line).map((x) => cleanText(x).toLowerCase());
  return c.length >= 3 && c[1] === "actie" && c[c.length - 1] === "categorie";
}

/** Index of the first non-blank line at or after `from` (lines.length when there is none). */
export function nextNonBlank(lines: readonly Line[], from: number): number {
  let j = from;
  while (j < lines.length && isBlank(lines[j])) j++;
  return j;
}

/** Title of chapter `n` when line `i` is its heading: "N. Title" followed by "N.1 …" or an action table. */
export function chapterHeadingAt(lines: readonly Line[], i: number, n: number): string | null {
  const line = lines[i]!;
  if (isRow(line)) return null;
  const match = /^(\d{1,2})\.\s+(\S.*)$/.exec(line.text.trim());
  if (!match || Number(match[1]) !== n) return null;
  const next = lines[nextNonBlank(lines, i + 1)];
  if (!next) return null;
  const isSubsection = new RegExp(`^${n}\\.1\\s`).test(next.text.trim());
  if (!isSubsection && !isTableHeader(next)) return null;
  return match[2]!.trim();
}

/** Groups lines into blocks of consecutive non-blank lines. */
export function blocks(lines: readonly Line[]): Line[][] {
  const out: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (isBlank(line)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
