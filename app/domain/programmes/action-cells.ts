import { nameKey } from "./organisation-names";
import type { ParseIssueCode } from "./parse-issues";
import { readCell, type CellNote } from "./programme-text";

/**
 * Readers for the action-table cells other than the lead cell: the action itself
 * (number, title, description, notes), intended results, planning and category.
 */

/** Why a cell could not be read; the caller adds the line number. */
export interface CellProblem {
  code: ParseIssueCode;
  params: Record<string, string | number>;
  message: string;
}

// Capitalised function words that start a Dutch sentence but do not occur inside an action title.
const SENTENCE_OPENERS = new Set(
  (
    "De Het Een We Wij Er In Op Om Als Bij Door Deze Dit Dat Zo Ook Hierbij Hiertoe Hiervoor Indien Naar Na " +
    "Met Tevens Daarnaast Daartoe Alle Elke Elk Zij Wie Wat Hoe Via Vanuit Samen Onze Ons"
  ).split(" "),
);

// Lower-case words after which a capitalised word does not start a new item of a list of results.
const LINK_WORDS = new Set(
  (
    "de het een van voor op in en of met naar bij tussen waarbij " + "aan om te over door qua per tot uit"
  ).split(" "),
);

const MAX_TITLE_PARAGRAPH_WORDS = 15;

/** Strips quotes and brackets around a token for word tests. */
function bare(token: string): string {
  return token.replace(/^[("'‘“]+|[)"'’”,;:.!?]+$/g, "");
}

/** "bv.", "o.a.", "n.a.v.", "jl." are abbreviations, not sentence ends. */
function endsSentence(token: string): boolean {
  if (!/[.!?][)"'’”]*$/.test(token)) return false;
  return !/^\(?(?:\p{L}{1,3}\.)+\)?$/u.test(token);
}

/** The token closes a lower-case phrase: its last hyphen/slash part is lower case, or it closes a bracket. */
function endsLowercasePhrase(token: string): boolean {
  if (/\)[,;:]?$/.test(token)) return true;
  const parts = token.replace(/[,;:]+$/, "").split(/[-/]/);
  const last = parts[parts.length - 1] ?? "";
  return /^\p{Ll}/u.test(last);
}

function isAcronym(token: string): boolean {
  return /^\p{Lu}{2,}\d*$/u.test(bare(token));
}

/** A capitalised ordinary word ("Scholieren,", "Gemeenten"): capital, then lower case only. */
function isCapitalisedWord(token: string): boolean {
  return /^\p{Lu}\p{Ll}+[,;:]?$/u.test(token);
}

function startsLowercase(token: string | undefined): boolean {
  return token !== undefined && /^[("'‘“]?\p{Ll}/u.test(token);
}

/**
 * Where the run-in title of a plain cell ends ("Opschalen Leiden Kennisstad Het programma …").
 * Looks only within the first sentence. In order of trust:
 *  1. a capitalised sentence opener ("Het", "We", "De", "Er", "Op", …);
 *  2. otherwise a capitalised ordinary word after a lower-case phrase and followed by lower case
 *     or a comma ("… tekortsectoren Scholieren, studenten …"), or a known organisation name
 *     followed by lower case or a comma ("… beeldmerk Leiden Marketing bedenkt …").
 * Returns the index of the first description token, or null when no split is found.
 */
export function findTitleEnd(
  tokens: readonly string[],
  organisationKeys: ReadonlySet<string>,
  maxNameWords: number,
): number | null {
  let windowEnd = tokens.length - 1;
  for (let i = 0; i < tokens.length; i++) {
    if (endsSentence(tokens[i]!)) {
      windowEnd = i;
      break;
    }
  }
  for (let k = 1; k <= windowEnd; k++) {
    if (SENTENCE_OPENERS.has(bare(tokens[k]!)) && /^\p{Lu}/u.test(tokens[k]!)) return k;
  }
  for (let k = 1; k <= windowEnd; k++) {
    const token = tokens[k]!;
    if (
      isCapitalisedWord(token) &&
      endsLowercasePhrase(tokens[k - 1]!) &&
      (token.endsWith(",") || startsLowercase(tokens[k + 1]))
    ) {
      return k;
    }
    if (!/^\p{Lu}/u.test(token)) continue;
    for (let m = Math.min(maxNameWords, tokens.length - k - 1); m >= 1; m--) {
      const span = tokens.slice(k, k + m);
      const key = nameKey(span.join(" ").replace(/[,;:]+$/, ""));
      if (!organisationKeys.has(key)) continue;
      if (span[span.length - 1]!.endsWith(",") || startsLowercase(tokens[k + m])) return k;
    }
  }
  return null;
}

/** The action cell read into its parts. */
export interface ActionCell {
  number: number;
  title: string;
  description: string;
  notes: CellNote[];
}

/**
 * Reads the action cell. In `<p>` cells a short first paragraph without closing punctuation is the
 * title; otherwise the title is run into the first sentence and `findTitleEnd` separates them.
 * A title hint (the exact title) overrides the heuristic and must match the text.
 */
export function readActionCell(
  raw: string,
  options: {
    mendWords: readonly string[];
    organisationKeys: ReadonlySet<string>;
    maxNameWords: number;
    titleHint?: string;
  },
): { ok: true; cell: ActionCell } | { ok: false; problem: CellProblem } {
  const cell = readCell(raw, options.mendWords);
  const first = cell.paragraphs[0] ?? "";
  const numbered = /^(\d+)\s*\.\s*(.*)$/s.exec(first);
  if (!numbered) {
    return {
      ok: false,
      problem: {
        code: "action-number-missing",
        params: { text: first.slice(0, 80) },
        message: `The action cell does not start with an action number ("12. …"): "${first.slice(0, 80)}"`,
      },
    };
  }
  const number = Number(numbered[1]);
  const head = numbered[2]!.trim();
  const rest = cell.paragraphs.slice(1);

  if (options.titleHint !== undefined) {
    const hint = options.titleHint.trim();
    if (head === hint || head.startsWith(`${hint} `)) {
      const remainder = head.slice(hint.length).trim();
      return {
        ok: true,
        cell: { number, title: hint, description: joinParagraphs([remainder, ...rest]), notes: cell.notes },
      };
    }
    return {
      ok: false,
      problem: {
        code: "title-hint-mismatch",
        params: { number, hint },
        message: `The title hint for action ${number} ("${hint}") does not match the start of the cell`,
      },
    };
  }

  const words = head.split(/\s+/).filter((w) => w.length > 0);
  const titleParagraph =
    rest.length > 0 && !/[.!?]$/.test(head) && words.length <= MAX_TITLE_PARAGRAPH_WORDS && words.length > 0;
  if (titleParagraph) {
    return { ok: true, cell: { number, title: head, description: joinParagraphs(rest), notes: cell.notes } };
  }
  const end = findTitleEnd(words, options.organisationKeys, options.maxNameWords);
  if (end === null) {
    if (
      words.length > 0 &&
      words.length <= MAX_TITLE_PARAGRAPH_WORDS &&
      !/[.!?]$/.test(head) &&
      rest.length === 0
    ) {
      // A cell with only a title.
      return { ok: true, cell: { number, title: head, description: "", notes: cell.notes } };
    }
    return {
      ok: false,
      problem: {
        code: "action-title-unclear",
        params: { number },
        message: `Cannot tell where the title of action ${number} ends; add a title hint for it`,
      },
    };
  }
  const title = words.slice(0, end).join(" ");
  const description = joinParagraphs([words.slice(end).join(" "), ...rest]);
  return { ok: true, cell: { number, title, description, notes: cell.notes } };
}

function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.filter((p) => p.length > 0).join("\n\n");
}

/**
 * Splits a plain result cell whose items were run together by the export
 * ("… op BSP Succesvolle matches …"): a new item starts at a capitalised ordinary word that follows
 * a lower-case word (not a linking word such as "en", "van") or an acronym, and is followed by
 * lower case. `<p>` cells keep their paragraphs as items and are not split further.
 */
export function readResultsCell(
  raw: string,
  mendWords: readonly string[],
  hint?: readonly string[],
): { ok: true; results: string[] } | { ok: false; problem: CellProblem } {
  const cell = readCell(raw, mendWords);
  const all = [...cell.paragraphs, ...cell.notes.map((n) => n.source)];
  if (hint !== undefined) {
    const text = all.join(" ");
    if (!hintCoversText(hint, text)) {
      return {
        ok: false,
        problem: {
          code: "results-hint-mismatch",
          params: { hint: hint.join(" | ") },
          message: `The results hint ("${hint.join(" | ")}") does not add up to the cell text "${text}"`,
        },
      };
    }
    return { ok: true, results: [...hint] };
  }
  if (cell.hasParagraphMarkup || all.length !== 1) return { ok: true, results: all };
  const tokens = all[0]!.split(" ");
  const results: string[] = [];
  let start = 0;
  for (let k = 1; k < tokens.length - 1; k++) {
    const prev = tokens[k - 1]!;
    const splitHere =
      isCapitalisedWord(tokens[k]!) &&
      !/[,;:]$/.test(tokens[k]!) &&
      (endsLowercasePhrase(prev) || isAcronym(prev)) &&
      !/[,;:]$/.test(prev) &&
      !LINK_WORDS.has(prev.toLowerCase()) &&
      startsLowercase(tokens[k + 1]);
    if (splitHere) {
      results.push(tokens.slice(start, k).join(" "));
      start = k;
    }
  }
  results.push(tokens.slice(start).join(" "));
  return { ok: true, results: results.filter((r) => r.length > 0) };
}

/**
 * True when the hinted items appear in order in the text and what lies between them is only
 * whitespace, punctuation or a conjunction ("Lange termijn visie en Uitvoeringsprogramma").
 */
function hintCoversText(hint: readonly string[], text: string): boolean {
  let position = 0;
  for (const item of hint) {
    const at = text.indexOf(item, position);
    if (at < 0) return false;
    if (!/^[\s,;]*(?:(?:en|&)\s*)?$/.test(text.slice(position, at))) return false;
    position = at + item.length;
  }
  return /^[\s,;.]*$/.test(text.slice(position));
}

/** Planning text: paragraphs joined by "\n", superscript ordinals mended. */
export function readPlanningCell(raw: string, mendWords: readonly string[]): string {
  const cell = readCell(raw, mendWords);
  return [...cell.paragraphs, ...cell.notes.map((n) => n.source)].join("\n");
}

/** "2 (taak onderwijs)" → 2 and "taak onderwijs"; empty → null; anything else is a problem. */
export function readCategoryCell(
  raw: string,
  mendWords: readonly string[],
): { ok: true; category: number | null; note: string | null } | { ok: false; problem: CellProblem } {
  const text = readCell(raw, mendWords).paragraphs.join(" ").trim();
  if (text.length === 0) return { ok: true, category: null, note: null };
  const match = /^(\d+)\s*(?:\((.*)\))?\s*\.?$/s.exec(text);
  if (!match) {
    return {
      ok: false,
      problem: {
        code: "category-not-numeric",
        params: { value: text },
        message: `The category "${text}" is not a number (1-4), optionally followed by a remark in brackets`,
      },
    };
  }
  const category = Number(match[1]);
  if (category < 1 || category > 4) {
    return {
      ok: false,
      problem: {
        code: "category-out-of-range",
        params: { value: category },
        message: `Category ${category} does not exist; categories run from 1 to 4`,
      },
    };
  }
  const note = match[2]?.trim();
  return { ok: true, category, note: note && note.length > 0 ? note : null };
}
