/**
 * CBS period codes: `yyyyJJ00` (a year), `yyyyKWnn` (quarter 1-4), `yyyyMMnn` (month 1-12).
 * Other kinds exist in some CBS tables (`X0`, `HJ`, …); the monitor refuses them rather than guess.
 */

export type PeriodKind = "year" | "quarter" | "month";

export interface Period {
  /** The CBS code, e.g. "2014KW02". */
  code: string;
  kind: PeriodKind;
  year: number;
  /** 0 for a year, the quarter (1-4) or the month (1-12). */
  number: number;
  /** First day, ISO date. */
  start: string;
  /** Last day, ISO date. */
  end: string;
  label: { nl: string; en: string };
}

const PERIOD_CODE = /^(\d{4})(JJ|KW|MM)(\d{2})$/;

const MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads a CBS period code; undefined when it is not a year, quarter or month code. */
export function parsePeriod(raw: string): Period | undefined {
  const code = raw.trim().toUpperCase();
  const m = PERIOD_CODE.exec(code);
  if (!m) return undefined;
  const year = Number(m[1]);
  const kindCode = m[2];
  const number = Number(m[3]);
  if (year < 1800 || year > 2200) return undefined;
  if (kindCode === "JJ") {
    if (number !== 0) return undefined;
    return { code, kind: "year", year, number, start: `${year}-01-01`, end: `${year}-12-31`, label: { nl: String(year), en: String(year) } };
  }
  if (kindCode === "KW") {
    if (number < 1 || number > 4) return undefined;
    const firstMonth = (number - 1) * 3 + 1;
    const lastMonth = firstMonth + 2;
    return {
      code,
      kind: "quarter",
      year,
      number,
      start: `${year}-${pad(firstMonth)}-01`,
      end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
      label: { nl: `${number}e kwartaal ${year}`, en: `${year} Q${number}` },
    };
  }
  if (number < 1 || number > 12) return undefined;
  return {
    code,
    kind: "month",
    year,
    number,
    start: `${year}-${pad(number)}-01`,
    end: `${year}-${pad(number)}-${pad(lastDayOfMonth(year, number))}`,
    label: { nl: `${MONTHS_NL[number - 1]} ${year}`, en: `${MONTHS_EN[number - 1]} ${year}` },
  };
}

/** Whether a string looks like any CBS period code (also kinds the monitor does not read). */
export function looksLikePeriodCode(raw: string): boolean {
  return /^\d{4}[A-Z0-9]{2}\d{2}$/.test(raw.trim().toUpperCase());
}

export function yearCode(year: number): string {
  return `${year}JJ00`;
}

/** Orders periods by start date, then a year before its quarters and months. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  const rank = { year: 0, quarter: 1, month: 2 } as const;
  return rank[a.kind] - rank[b.kind];
}

function codeOf(kind: PeriodKind, year: number, number: number): string {
  return kind === "year" ? `${year}JJ00` : kind === "quarter" ? `${year}KW${pad(number)}` : `${year}MM${pad(number)}`;
}

/** The next period of the same kind. */
export function nextPeriod(p: Period): Period {
  if (p.kind === "year") return parsePeriod(codeOf("year", p.year + 1, 0))!;
  const size = p.kind === "quarter" ? 4 : 12;
  const year = p.number === size ? p.year + 1 : p.year;
  const number = p.number === size ? 1 : p.number + 1;
  return parsePeriod(codeOf(p.kind, year, number))!;
}

/**
 * Every period from the first to the last of the given ones, per kind, so that a period without
 * any figure still has its place on a time axis (a visible gap). At most `max` periods per kind.
 */
export function fillPeriods(periods: Period[], max = 600): Period[] {
  const out: Period[] = [];
  for (const kind of ["year", "quarter", "month"] as const) {
    const own = periods.filter((p) => p.kind === kind).sort(comparePeriods);
    const first = own[0];
    const last = own.at(-1);
    if (!first || !last) continue;
    let p = first;
    for (let i = 0; i < max; i++) {
      out.push(p);
      if (p.code === last.code) break;
      p = nextPeriod(p);
    }
  }
  return out.sort(comparePeriods);
}

export function periodLabel(code: string, language: "nl" | "en"): string {
  return parsePeriod(code)?.label[language] ?? code;
}
