/**
 * Fuzzy dates: one Dutch planning phrase ("1e kwartaal 2014", "najaar 2013", "vanaf 2014",
 * "jaarlijks, laatste kwartaal van het jaar", "Continu") read into a period that keeps the
 * precision the document gave it. A fuzzy date is due at the end of its period.
 *
 * Rules (all periods are inclusive, dates are ISO "YYYY-MM-DD"):
 * - day "1 januari 2014", "1-1-2014", "2014-01-01": that day.
 * - month "december 2013", "mrt 2014": the whole month.
 * - quarter "1e kwartaal 2014", "eerste kwartaal 2014", "Q2 2014", "2014-Q2": three calendar months;
 *   "laatste kwartaal" is the fourth; "… van het jaar" needs a year from the context.
 * - season, meteorological, because Dutch planning uses seasons loosely and whole months keep
 *   due dates on month ends: voorjaar/lente = Mar–May, zomer = Jun–Aug, najaar/herfst = Sep–Nov,
 *   winter Y = Dec Y – Feb Y+1 ("winter 2013/2014" is the same winter as "winter 2013").
 * - half: "eerste helft"/H1 = Jan–Jun, "tweede helft"/H2 = Jul–Dec. The vague parts of a year use
 *   thirds, not halves, so that "begin 2014" is not due as late as 30 June:
 *   begin = Jan–Apr, medio/midden/halverwege = May–Aug, eind/einde = Sep–Dec (precision "half").
 * - year "2015": the calendar year.
 * - range "2014-2015", "2014-15", "2013 tot 2015", "2013 t/m 2015", "januari t/m maart 2014":
 *   from the start of the first to the end of the last ("tot" is inclusive, as the programme's
 *   own "2013 tot 2015" means its three years); "schooljaar 2015/2016" = 1 Aug 2015 – 31 Jul 2016.
 *   "t/m begin 2014", "tot eind 2013" run from the programme start; "uiterlijk X" is X itself.
 * - open "vanaf 2014", "per 1 maart 2014", "m.i.v. 2014": starts with X, end null.
 * - recurring "jaarlijks[, <part of the year>]", "elk kwartaal", "halfjaarlijks", "maandelijks":
 *   start/end are the first occurrence in the programme period; `recurrence` expands the rest.
 * - none "Continu", "Lopende trajecten", "Daarna structureel": start = programme start, end null.
 */

export const PRECISIONS = [
  "day",
  "month",
  "quarter",
  "season",
  "half",
  "year",
  "range",
  "open",
  "recurring",
  "none",
] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Precisions of a period with a known end that is not a series. */
export type ClosedPrecision = Exclude<Precision, "open" | "recurring" | "none">;

/** "YYYY-MM-DD". */
export type IsoDate = string;

/** A series of occurrences: the first is the fuzzy date's own start/end, the next ones shifted by `everyMonths`. */
export interface Recurrence {
  everyMonths: number;
  /** Precision of each occurrence ("quarter" for "jaarlijks, laatste kwartaal van het jaar"). */
  occurrence: ClosedPrecision;
  /** No occurrence starts after this day (the end of the programme period). */
  until: IsoDate;
}

/** A date as precise as the document made it; `end` is the inclusive last day, null when open-ended or undated. */
export interface FuzzyDate {
  text: string;
  start: IsoDate;
  end: IsoDate | null;
  precision: Precision;
  /** Only for precision "recurring". */
  recurrence?: Recurrence;
}

/** Programme years, inclusive ({ start: 2013, end: 2015 }). */
export interface YearSpan {
  start: number;
  end: number;
}

/** What a phrase may lean on: the programme period, and the year that "van het jaar" refers to. */
export interface FuzzyDateContext {
  period: YearSpan;
  year?: number;
}

interface Span {
  start: IsoDate;
  end: IsoDate;
  precision: ClosedPrecision;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on plain numbers, so that no time zone can shift a date.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** ISO date of a year, month (1–12) and day. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parts(iso: IsoDate): { y: number; m: number; d: number } {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

/** Year and month after adding months; months past 12 roll into the next year (winter = months 12..14). */
function rollMonth(year: number, month: number): { y: number; m: number } {
  const index = year * 12 + (month - 1);
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

function monthSpan(year: number, fromMonth: number, toMonth: number, precision: ClosedPrecision): Span {
  const from = rollMonth(year, fromMonth);
  const to = rollMonth(year, toMonth);
  return { start: isoDate(from.y, from.m, 1), end: isoDate(to.y, to.m, daysInMonth(to.y, to.m)), precision };
}

/** Shifts a date by whole months; a month's last day stays the last day, other days are clamped. */
function shiftMonths(iso: IsoDate, months: number): IsoDate {
  const { y, m, d } = parts(iso);
  const to = rollMonth(y, m + months);
  const last = daysInMonth(to.y, to.m);
  const day = d === daysInMonth(y, m) ? last : Math.min(d, last);
  return isoDate(to.y, to.m, day);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH_NAMES = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];

const QUARTER_WORDS: Record<string, number> = { eerste: 1, tweede: 2, derde: 3, vierde: 4, laatste: 4 };

// First month of each season; a season lasts three months.
const SEASONS: Record<string, number> = { voorjaar: 3, lente: 3, zomer: 6, najaar: 9, herfst: 9, winter: 12 };
const SEASON_NAMES: Record<number, string> = { 3: "voorjaar", 6: "zomer", 9: "najaar", 12: "winter" };

// Vague parts of a year as [first month, last month].
const YEAR_PARTS: Record<string, [number, number]> = {
  begin: [1, 4],
  medio: [5, 8],
  midden: [5, 8],
  halverwege: [5, 8],
  eind: [9, 12],
  einde: [9, 12],
};

const NONE_WORDS = String.raw`(?:daarna\s+)?(?:continu\p{L}*|doorlopend\p{L}*|lopende\s+trajecten|lopend|structureel|permanent|voortdurend)`;

// Longest alternatives first, so that "januari" is not read as "jan".
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const QORD = String.raw`(?:[1-4]\s*(?:ste|de|e)|eerste|tweede|derde|vierde|laatste)`;
const YEAR = String.raw`(?:19|20)\d{2}(?!\d)`;
const MONTH = String.raw`(?:${MONTH_ALT})\.?(?!\p{L})`;

// Regular-expression sources (no capture groups) used to find phrases inside a longer text.
const POINT_SOURCES = [
  String.raw`winter\s+${YEAR}\s*[-–—/]\s*(?:${YEAR}|\d{2}(?!\d))`,
  String.raw`(?:schooljaar|studiejaar|collegejaar)\s+${YEAR}\s*[-–—/]\s*(?:${YEAR}|\d{2}(?!\d))`,
  String.raw`${YEAR}-\d{2}-\d{2}(?!\d)`,
  String.raw`\d{1,2}[-/.]\d{1,2}[-/.]${YEAR}`,
  String.raw`\d{1,2}\s+${MONTH}\s+${YEAR}`,
  String.raw`(?:${QORD}\s*kwartaal|[qk][1-4])\s+(?:van\s+)?${YEAR}`,
  String.raw`${YEAR}\s*-?\s*q[1-4](?!\d)`,
  String.raw`(?:${Object.keys(SEASONS).join("|")})\s+(?:van\s+)?${YEAR}`,
  String.raw`(?:(?:eerste|tweede|1e|2e|1ste|2de)\s+(?:helft|halfjaar|half\s+jaar)|h[12])\s+(?:van\s+)?${YEAR}`,
  String.raw`(?:het\s+)?(?:${Object.keys(YEAR_PARTS).join("|")})\s+(?:van\s+)?${YEAR}`,
  String.raw`${MONTH}\s+${YEAR}`,
  YEAR,
];
const POINT = POINT_SOURCES.map((s) => `(?:${s})`).join("|");

// A part of a year without the year: the left end of "januari t/m maart 2014" and the part in "jaarlijks, najaar".
const YEARLESS_PART = [
  String.raw`\d{1,2}\s+${MONTH}`,
  String.raw`${QORD}\s*kwartaal`,
  String.raw`[qk][1-4]`,
  `(?:${Object.keys(SEASONS).join("|")})`,
  String.raw`(?:eerste|tweede|1e|2e)\s+(?:helft|halfjaar|half\s+jaar)`,
  String.raw`h[12]`,
  `(?:${Object.keys(YEAR_PARTS).join("|")})`,
  MONTH,
]
  .map((s) => `(?:${s})`)
  .join("|");

const SEPARATOR = String.raw`\s*(?:t\/m|tot\s+en\s+met|tot|[-–—/])\s*`;
const OPEN_PREFIX = String.raw`(?:vanaf|per|met\s+ingang\s+van|m\.\s*i\.\s*v\.?)\s+(?:het\s+)?`;
const UNTIL_PREFIX = String.raw`(?:t\/m|tot\s+en\s+met|tot|uiterlijk)\s+`;
const YEARLY = String.raw`(?:jaarlijks|elk\s+jaar|ieder\s+jaar|elke\s+jaar)`;
const RECURRING_SOURCE = [
  String.raw`${YEARLY}(?:\s*,?\s*(?:in\s+|op\s+|rond\s+)?(?:het\s+|de\s+)?(?:${YEARLESS_PART})(?:\s+van\s+het\s+jaar)?)?`,
  String.raw`halfjaarlijks|(?:elk|ieder)\s+half\s*jaar`,
  String.raw`(?:elk|ieder|iedere|elke|per)\s+kwartaal|driemaandelijks|kwartaallijks`,
  String.raw`maandelijks|(?:elke|iedere)\s+maand`,
]
  .map((s) => `(?:${s})`)
  .join("|");

// Compound forms come before the single dates they contain, so that "2014-2015" is not read as "2014".
/** Regular-expression sources of date phrases, in the order a scanner should try them at one position. */
export const PHRASE_SOURCES: readonly string[] = [
  RECURRING_SOURCE,
  String.raw`(?:van(?:af)?\s+)?(?:${POINT}|${YEARLESS_PART}|${QORD})${SEPARATOR}(?:${POINT}|\d{2}(?!\d))`,
  `${UNTIL_PREFIX}(?:${POINT})`,
  `${OPEN_PREFIX}(?:${POINT})`,
  NONE_WORDS,
  POINT,
];

// ---------------------------------------------------------------------------------------------
// Reading.

// The PDF import leaves superscript ordinals as "4 ^e"; line breaks are kept because they separate parts.
/** Cleans a planning text: "4 ^e"/"4ᵉ" become "4e", odd spaces plain ones, line breaks stay. */
export function cleanPlanningText(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f\t]/g, " ")
    .replace(/(\d)\s*\^\s*(ste|de|e)\b/gi, "$1$2")
    .replace(/(\d)\s*ᵉ/g, "$1e")
    .replace(/ {2,}/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

function anchored(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, "iu");
}

const RE = {
  none: anchored(NONE_WORDS),
  iso: /^(\d{4})-(\d{2})-(\d{2})$/,
  numeric: /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/,
  day: new RegExp(String.raw`^(\d{1,2})\s+(${MONTH_ALT})\.?\s+(\d{4})$`, "i"),
  month: new RegExp(String.raw`^(${MONTH_ALT})\.?\s+(\d{4})$`, "i"),
  quarter: new RegExp(
    String.raw`^(?:([1-4])\s*(?:ste|de|e)\s*kwartaal|(eerste|tweede|derde|vierde|laatste)\s+kwartaal|[qk]([1-4]))\s+(?:van\s+)?(\d{4})$`,
    "i",
  ),
  quarterAfter: /^(\d{4})\s*-?\s*q([1-4])$/i,
  season: new RegExp(String.raw`^(${Object.keys(SEASONS).join("|")})\s+(?:van\s+)?(\d{4})$`, "i"),
  winterPair: /^winter\s+(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})$/i,
  schoolYear: /^(?:schooljaar|studiejaar|collegejaar)\s+(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})$/i,
  half: /^(?:(eerste|1e|1ste)\s+(?:helft|halfjaar|half\s+jaar)|(tweede|2e|2de)\s+(?:helft|halfjaar|half\s+jaar)|h([12]))\s+(?:van\s+)?(\d{4})$/i,
  part: new RegExp(String.raw`^(?:het\s+)?(${Object.keys(YEAR_PARTS).join("|")})\s+(?:van\s+)?(\d{4})$`, "i"),
  year: /^(\d{4})$/,
  yearly: new RegExp(
    String.raw`^${YEARLY}(?:\s*,?\s*(?:in\s+|op\s+|rond\s+)?(?:het\s+|de\s+)?(.+?))?(?:\s+van\s+het\s+jaar)?$`,
    "iu",
  ),
  halfYearly: /^(?:halfjaarlijks|(?:elk|ieder)\s+half\s*jaar)$/i,
  quarterly: /^(?:(?:elk|ieder|iedere|elke|per)\s+kwartaal|driemaandelijks|kwartaallijks)$/i,
  monthly: /^(?:maandelijks|(?:elke|iedere)\s+maand)$/i,
  open: new RegExp(`^${OPEN_PREFIX}(.+)$`, "i"),
  until: new RegExp(`^(${UNTIL_PREFIX})(.+)$`, "i"),
  rangePrefix: /^van(?:af)?\s+/i,
  separator: new RegExp(SEPARATOR, "gi"),
  relativeYear: /\s+van\s+het\s+jaar$/i,
};

function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2099;
}

/** "15" after 2013 is 2015; a two-digit end is read in the century of the start. */
function secondYear(first: number, text: string): number {
  return text.length === 2 ? Math.floor(first / 100) * 100 + Number(text) : Number(text);
}

/** A single closed period ("1e kwartaal 2014"), or null. `s` is trimmed and whitespace-collapsed. */
function readPoint(s: string): Span | null {
  let m: RegExpExecArray | null;
  if ((m = RE.winterPair.exec(s))) {
    const y = Number(m[1]);
    return plausibleYear(y) && secondYear(y, m[2] ?? "") === y + 1 ? monthSpan(y, 12, 14, "season") : null;
  }
  if ((m = RE.schoolYear.exec(s))) {
    const y = Number(m[1]);
    if (!plausibleYear(y) || secondYear(y, m[2] ?? "") !== y + 1) return null;
    return { start: isoDate(y, 8, 1), end: isoDate(y + 1, 7, 31), precision: "range" };
  }
  if ((m = RE.iso.exec(s))) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = RE.numeric.exec(s))) return day(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = RE.day.exec(s))) return day(Number(m[3]), MONTHS[(m[2] ?? "").toLowerCase()] ?? 0, Number(m[1]));
  if ((m = RE.month.exec(s))) {
    const y = Number(m[2]);
    const month = MONTHS[(m[1] ?? "").toLowerCase()] ?? 0;
    return plausibleYear(y) && month > 0 ? monthSpan(y, month, month, "month") : null;
  }
  if ((m = RE.quarter.exec(s))) {
    const q = Number(m[1] ?? m[3] ?? QUARTER_WORDS[(m[2] ?? "").toLowerCase()]);
    return quarter(Number(m[4]), q);
  }
  if ((m = RE.quarterAfter.exec(s))) return quarter(Number(m[1]), Number(m[2]));
  if ((m = RE.season.exec(s))) {
    const y = Number(m[2]);
    const first = SEASONS[(m[1] ?? "").toLowerCase()] ?? 0;
    return plausibleYear(y) && first > 0 ? monthSpan(y, first, first + 2, "season") : null;
  }
  if ((m = RE.half.exec(s))) {
    const y = Number(m[4]);
    const second = m[2] !== undefined || m[3] === "2";
    return plausibleYear(y) ? monthSpan(y, second ? 7 : 1, second ? 12 : 6, "half") : null;
  }
  if ((m = RE.part.exec(s))) {
    const y = Number(m[2]);
    const [from, to] = YEAR_PARTS[(m[1] ?? "").toLowerCase()] ?? [0, 0];
    return plausibleYear(y) && from > 0 ? monthSpan(y, from, to, "half") : null;
  }
  if ((m = RE.year.exec(s))) {
    const y = Number(m[1]);
    return plausibleYear(y) ? monthSpan(y, 1, 12, "year") : null;
  }
  return null;
}

function day(y: number, month: number, d: number): Span | null {
  if (!plausibleYear(y) || month < 1 || month > 12 || d < 1 || d > daysInMonth(y, month)) return null;
  const iso = isoDate(y, month, d);
  return { start: iso, end: iso, precision: "day" };
}

function quarter(y: number, q: number): Span | null {
  if (!plausibleYear(y) || !(q >= 1 && q <= 4)) return null;
  return monthSpan(y, q * 3 - 2, q * 3, "quarter");
}

/** "2014-2015", "januari t/m maart 2014", "2013-14": tries every separator until both ends read. */
function readRange(s: string): Span | null {
  const body = s.replace(RE.rangePrefix, "");
  for (const sep of body.matchAll(RE.separator)) {
    const left = body.slice(0, sep.index).trim();
    const right = body.slice(sep.index + sep[0].length).trim();
    if (left === "" || right === "") continue;
    const to = readPoint(right) ?? readShortYear(left, right);
    if (!to) continue;
    // A left end without a year takes the year of the right end ("januari t/m maart 2014"),
    // and a bare ordinal its noun too ("1e t/m 3e kwartaal 2014").
    const toYear = to.start.slice(0, 4);
    const from =
      readPoint(left) ??
      readPoint(`${left} ${toYear}`) ??
      (to.precision === "quarter" ? readPoint(`${left} kwartaal ${toYear}`) : null);
    if (!from || from.start > to.end) continue;
    return { start: from.start, end: to.end, precision: "range" };
  }
  return null;
}

function readShortYear(left: string, right: string): Span | null {
  if (!/^\d{2}$/.test(right) || !RE.year.test(left)) return null;
  const y = secondYear(Number(left), right);
  return plausibleYear(y) ? monthSpan(y, 1, 12, "year") : null;
}

/** "laatste kwartaal" within a year of the programme: the occurrence for that year. */
function readYearPart(part: string, year: number): Span | null {
  if (/\d{4}/.test(part)) return null;
  const span = readPoint(`${part} ${year}`);
  return span && span.precision !== "year" ? span : null;
}

/** Parses one Dutch date phrase; null when it is not one. */
export function parseFuzzyDate(phrase: string, context: FuzzyDateContext): FuzzyDate | null {
  const text = cleanPlanningText(phrase).replace(/\s+/g, " ");
  if (text === "") return null;
  const { period } = context;
  const periodStart = isoDate(period.start, 1, 1);
  let s = text.replace(/[.,;:]+$/, "");

  if (RE.none.test(s)) return { text, start: periodStart, end: null, precision: "none" };

  const recurring = readRecurring(s, period);
  if (recurring) return { text, ...recurring };

  // "laatste kwartaal van het jaar" outside "jaarlijks" names a year only through the context.
  if (context.year !== undefined) s = s.replace(RE.relativeYear, ` ${context.year}`);

  const point = readPoint(s);
  if (point) return { text, ...point };

  let m: RegExpExecArray | null;
  if ((m = RE.until.exec(s))) {
    const target = readPoint(m[2] ?? "");
    if (target) {
      // "uiterlijk X" is a deadline at X; "t/m X" also says the work runs from the programme start.
      if (/^uiterlijk/i.test(m[1] ?? "")) return { text, ...target };
      const start = target.start < periodStart ? target.start : periodStart;
      return { text, start, end: target.end, precision: "range" };
    }
  }

  const range = readRange(s);
  if (range) return { text, ...range };

  if ((m = RE.open.exec(s))) {
    const from = readPoint(m[1] ?? "");
    if (from) return { text, start: from.start, end: null, precision: "open" };
  }
  return null;
}

function readRecurring(s: string, period: YearSpan): Omit<FuzzyDate, "text"> | null {
  const until = isoDate(period.end, 12, 31);
  const series = (first: Span, everyMonths: number): Omit<FuzzyDate, "text"> => ({
    start: first.start,
    end: first.end,
    precision: "recurring",
    recurrence: { everyMonths, occurrence: first.precision, until },
  });
  if (RE.halfYearly.test(s)) return series(monthSpan(period.start, 1, 6, "half"), 6);
  if (RE.quarterly.test(s)) return series(monthSpan(period.start, 1, 3, "quarter"), 3);
  if (RE.monthly.test(s)) return series(monthSpan(period.start, 1, 1, "month"), 1);
  const m = RE.yearly.exec(s);
  if (!m) return null;
  if (m[1] === undefined) return series(monthSpan(period.start, 1, 12, "year"), 12);
  const first = readYearPart(m[1], period.start);
  return first ? series(first, 12) : null;
}

// ---------------------------------------------------------------------------------------------
// Using fuzzy dates.

/** The due date: the last day of the period (of the first occurrence when recurring); null when open or undated. */
export function dueDate(date: FuzzyDate): IsoDate | null {
  return date.precision === "open" || date.precision === "none" ? null : date.end;
}

/** Occurrences of a recurring date whose period touches the given years; any other date is its own one occurrence. */
export function expandOccurrences(date: FuzzyDate, years: YearSpan): FuzzyDate[] {
  const windowStart = isoDate(years.start, 1, 1);
  const windowEnd = isoDate(years.end, 12, 31);
  const rule = date.recurrence;
  if (date.precision !== "recurring" || !rule || date.end === null || rule.everyMonths < 1) return [date];
  const out: FuzzyDate[] = [];
  // everyMonths ≥ 1 and the window is finite, so this ends.
  for (let k = 0; ; k++) {
    const start = shiftMonths(date.start, k * rule.everyMonths);
    if (start > rule.until || start > windowEnd) break;
    const end = shiftMonths(date.end, k * rule.everyMonths);
    if (end < windowStart) continue;
    const occurrence: FuzzyDate = { text: "", start, end, precision: rule.occurrence };
    out.push({ ...occurrence, text: formatFuzzyDate(occurrence) });
  }
  return out;
}

/** The calendar years a date touches within the reading of a programme: open and undated dates run to its end. */
export function fuzzyDateYears(date: FuzzyDate, period: YearSpan): number[] {
  const years = new Set<number>();
  const addRange = (from: number, to: number): void => {
    for (let y = from; y <= to; y++) years.add(y);
  };
  const startYear = Number(date.start.slice(0, 4));
  if (date.precision === "recurring") {
    for (const o of expandOccurrences(date, period))
      addRange(Number(o.start.slice(0, 4)), Number(o.end?.slice(0, 4)));
  } else if (date.end === null) {
    addRange(startYear, Math.max(startYear, period.end));
  } else {
    addRange(startYear, Number(date.end.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

// Finer precisions first when due and start are equal; undated kinds last.
const PRECISION_RANK: Record<Precision, number> = {
  day: 0,
  month: 1,
  quarter: 2,
  season: 3,
  half: 4,
  year: 5,
  range: 6,
  recurring: 7,
  open: 8,
  none: 9,
};

function sign(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders by due date (open and undated last), then start, then precision (finer first). */
export function compareFuzzyDates(a: FuzzyDate, b: FuzzyDate): number {
  const dueA = dueDate(a);
  const dueB = dueDate(b);
  if (dueA === null && dueB !== null) return 1;
  if (dueA !== null && dueB === null) return -1;
  if (dueA !== null && dueB !== null && dueA !== dueB) return sign(dueA, dueB);
  if (a.start !== b.start) return sign(a.start, b.start);
  return sign(PRECISION_RANK[a.precision], PRECISION_RANK[b.precision]);
}

// ---------------------------------------------------------------------------------------------
// Writing: a canonical Dutch phrase that reads back to the same period.

function formatStart(iso: IsoDate): string {
  const { y, m, d } = parts(iso);
  if (d !== 1) return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
  return m === 1 ? String(y) : `${MONTH_NAMES[m - 1]} ${y}`;
}

function formatEnd(iso: IsoDate): string {
  const { y, m, d } = parts(iso);
  return d === daysInMonth(y, m) ? `${MONTH_NAMES[m - 1]} ${y}` : `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

function formatClosed(start: IsoDate, end: IsoDate, precision: Precision): string {
  const s = parts(start);
  const e = parts(end);
  switch (precision) {
    case "day":
      return `${s.d} ${MONTH_NAMES[s.m - 1]} ${s.y}`;
    case "month":
      return `${MONTH_NAMES[s.m - 1]} ${s.y}`;
    case "quarter":
      return `${Math.ceil(s.m / 3)}e kwartaal ${s.y}`;
    case "season":
      return `${SEASON_NAMES[s.m] ?? "?"} ${s.y}`;
    case "half": {
      const name =
        e.m - s.m === 5
          ? s.m === 1
            ? "eerste helft"
            : "tweede helft"
          : s.m === 1
            ? "begin"
            : s.m === 5
              ? "medio"
              : "eind";
      return `${name} ${s.y}`;
    }
    case "year":
      return String(s.y);
    default:
      if (s.m === 1 && s.d === 1 && e.m === 12 && e.d === 31) return `${s.y}-${e.y}`;
      return `${formatStart(start).replace(/^(\d{4})$/, "januari $1")} t/m ${formatEnd(end)}`;
  }
}

/** A canonical Dutch phrase for a fuzzy date; parsing it gives the same period again (with the same programme period). */
export function formatFuzzyDate(date: FuzzyDate): string {
  switch (date.precision) {
    case "none":
      return "Continu";
    case "open":
      return `vanaf ${formatStart(date.start)}`;
    case "recurring": {
      const rule = date.recurrence;
      if (!rule || date.end === null) return "jaarlijks";
      if (rule.everyMonths === 1) return "maandelijks";
      if (rule.everyMonths === 3) return "elk kwartaal";
      if (rule.everyMonths === 6) return "halfjaarlijks";
      if (rule.occurrence === "year") return "jaarlijks";
      const year = date.start.slice(0, 4);
      const part = formatClosed(date.start, date.end, rule.occurrence).replace(` ${year}`, "");
      return `jaarlijks, ${part}`;
    }
    default:
      return date.end === null ? formatStart(date.start) : formatClosed(date.start, date.end, date.precision);
  }
}
