import {
  cleanPlanningText,
  compareFuzzyDates,
  dueDate,
  expandOccurrences,
  fuzzyDateYears,
  parseFuzzyDate,
  PHRASE_SOURCES,
  type FuzzyDate,
  type IsoDate,
  type YearSpan,
} from "./fuzzy-date";

/**
 * Milestones read from an action's planning text: "Plan van aanpak gereed op 1 januari 2014
 * Uitvoering: 2014-2015" becomes "Plan van aanpak gereed" (day 2014-01-01) and "Uitvoering"
 * (range 2014–2015). Whatever cannot be read is returned in `unread`, never guessed.
 *
 * How a text is cut up:
 * - parts are separated by line breaks, ";" and sentence ends (". " before a capital);
 * - within a part, every date phrase is found (compound phrases before the dates inside them);
 *   a year in brackets qualifies its label ("korte termijn (2014)") and is not a date;
 * - the words before a date are its label ("Onderzoek gereed: 1e kwartaal 2014"), without
 *   colons and a trailing "op"/"in"; words after the last date of a part, or a dateless part right
 *   after it, label that date when it has no label yet ("Najaar 2013; 1e opzet in PvA");
 * - any other text without a date is unread.
 */

/** A dated step of an action; `label` is the document's own words, null when the text was only a date. */
export interface Milestone {
  label: string | null;
  due: FuzzyDate;
  /** When it was marked done; null while open. */
  doneOn: IsoDate | null;
}

/** The milestones of one planning text and the parts that could not be read. */
export interface ParsedPlanning {
  milestones: Milestone[];
  unread: string[];
}

/** The shape of a milestone in the open-data API. */
export interface ApiMilestone {
  label: string | null;
  due: { text: string; start: IsoDate; end: IsoDate | null; precision: FuzzyDate["precision"] };
  doneOn: IsoDate | null;
}

// Sticky, so that each shape is tried at exactly one position.
const PHRASES = PHRASE_SOURCES.map((source) => new RegExp(source, "iuy"));

// A part ends at a line break, a semicolon, or a full stop that ends a sentence.
const PART_BREAK = /\n|;|\.(?=\s+\p{Lu}|\s*$)/u;

interface Found {
  from: number;
  to: number;
  date: FuzzyDate;
}

/** Hides bracketed text from the date scanner while keeping every offset. */
function maskBrackets(text: string): string {
  return text.replace(/\([^()]*\)/g, (inner) => "(" + " ".repeat(inner.length - 2) + ")");
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\d]/u.test(ch);
}

/** Every date phrase in one part, left to right, without overlaps. */
function findDates(part: string, period: YearSpan): Found[] {
  const masked = maskBrackets(part);
  const found: Found[] = [];
  let at = 0;
  while (at < masked.length) {
    const hit = isWordChar(masked[at - 1]) ? null : dateAt(masked, part, at, period);
    if (hit) {
      found.push(hit);
      at = hit.to;
    } else {
      at++;
    }
  }
  return found;
}

function dateAt(masked: string, part: string, at: number, period: YearSpan): Found | null {
  for (const phrase of PHRASES) {
    phrase.lastIndex = at;
    const m = phrase.exec(masked);
    if (!m || m[0].trim() === "") continue;
    const to = at + m[0].length;
    // A phrase ends where a word ends: "2014" is not the start of "20145".
    if (isWordChar(masked[to]) && isWordChar(masked[to - 1])) continue;
    const date = parseFuzzyDate(part.slice(at, to), { period });
    if (date) return { from: at, to, date };
  }
  return null;
}

/** The document's words around a date, tidied; null when nothing is left. */
function cleanLabel(words: string): string | null {
  let label = words.replace(/\s+/g, " ").replace(/\s*:\s*/g, " ");
  let previous = "";
  while (previous !== label) {
    previous = label;
    label = label.replace(/^[\s,.;:–—-]+|[\s,.;:–—-]+$/g, "").replace(/\s+(?:op|in)$/i, "");
  }
  return label === "" ? null : label;
}

/** Splits a planning text into milestones; `unread` lists the parts it could not read (empty text gives nothing). */
export function parseMilestones(planningText: string, options: { period: YearSpan }): ParsedPlanning {
  const milestones: Milestone[] = [];
  const unread: string[] = [];
  // The milestone that a following dateless part may still label.
  let awaitingLabel: Milestone | null = null;

  for (const rawPart of cleanPlanningText(planningText).split(PART_BREAK)) {
    const part = rawPart.trim();
    if (cleanLabel(part) === null) continue;
    const found = findDates(part, options.period);
    if (found.length === 0) {
      if (awaitingLabel) {
        awaitingLabel.label = cleanLabel(part);
        awaitingLabel = null;
      } else {
        unread.push(part);
      }
      continue;
    }
    let from = 0;
    let last: Milestone | null = null;
    for (const hit of found) {
      last = { label: cleanLabel(part.slice(from, hit.from)), due: hit.date, doneOn: null };
      milestones.push(last);
      from = hit.to;
    }
    const trailing = cleanLabel(part.slice(from));
    if (last && trailing !== null) {
      if (last.label === null) last.label = trailing;
      else unread.push(trailing);
    }
    awaitingLabel = last && last.label === null ? last : null;
  }
  return { milestones, unread };
}

/** Orders milestones by their due dates (open and undated last), keeping document order among equals. */
export function compareMilestones(a: Milestone, b: Milestone): number {
  return compareFuzzyDates(a.due, b.due);
}

/** A copy marked done on a day; null reopens it. */
export function markDone(milestone: Milestone, on: IsoDate | null): Milestone {
  return { ...milestone, doneOn: on };
}

// A recurring milestone is late when its latest ended occurrence was not done during or after
// that occurrence, so that last year's report does not count for this year.
/** Whether a milestone is late on `today`: its due date has passed and it is not done. */
export function isOverdue(milestone: Milestone, today: IsoDate): boolean {
  const { due } = milestone;
  if (due.precision === "recurring" && due.recurrence) {
    const years = { start: Number(due.start.slice(0, 4)), end: Number(today.slice(0, 4)) };
    const ended = expandOccurrences(due, years).filter((o) => o.end !== null && o.end < today);
    const latest = ended[ended.length - 1];
    if (!latest) return false;
    return milestone.doneOn === null || milestone.doneOn < latest.start;
  }
  if (milestone.doneOn !== null) return false;
  const end = dueDate(due);
  return end !== null && end < today;
}

/** The calendar years a set of milestones touches, for comparing with the year filter. */
export function milestoneYears(milestones: readonly Milestone[], period: YearSpan): number[] {
  const years = new Set<number>();
  for (const m of milestones) for (const y of fuzzyDateYears(m.due, period)) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/** The milestone as the open-data API shows it (the recurrence rule stays internal). */
export function toApiMilestone(milestone: Milestone): ApiMilestone {
  const { text, start, end, precision } = milestone.due;
  return { label: milestone.label, due: { text, start, end, precision }, doneOn: milestone.doneOn };
}
