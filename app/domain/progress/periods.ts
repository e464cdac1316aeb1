/**
 * Reporting periods: half years ("2014-H1", "2014-H2") and quarters ("2014-Q2"). Progress is
 * reported per action and period; an update round asks for one period.
 */

import { message, type Message } from "../../lib/errors";
import { daysInMonth, isoDate, type IsoDate, type YearSpan } from "./fuzzy-date";

export type PeriodKind = "half" | "quarter";

export interface ReportingPeriod {
  /** The canonical code: "2014-H1", "2014-Q2". */
  code: string;
  year: number;
  kind: PeriodKind;
  /** 1–2 for halves, 1–4 for quarters. */
  index: number;
  /** First and last day, inclusive. */
  start: IsoDate;
  end: IsoDate;
}

const PERIOD = /^(\d{4})-([HQ])([1-4])$/;

function build(year: number, kind: PeriodKind, index: number): ReportingPeriod {
  const months = kind === "half" ? 6 : 3;
  const first = (index - 1) * months + 1;
  const last = first + months - 1;
  return {
    code: `${year}-${kind === "half" ? "H" : "Q"}${index}`,
    year,
    kind,
    index,
    start: isoDate(year, first, 1),
    end: isoDate(year, last, daysInMonth(year, last)),
  };
}

/** Reads a period code ("2014-H1", "2014-q2" and surrounding spaces are accepted); null when it is not one. */
export function parsePeriod(text: string): ReportingPeriod | null {
  const m = PERIOD.exec(text.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const kind: PeriodKind = m[2] === "H" ? "half" : "quarter";
  const index = Number(m[3]);
  if (year < 1900 || year > 2999 || (kind === "half" && index > 2)) return null;
  return build(year, kind, index);
}

/** The period of a kind that holds a date. */
export function periodOfDate(date: IsoDate, kind: PeriodKind = "half"): ReportingPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return build(year, kind, kind === "half" ? (month <= 6 ? 1 : 2) : Math.ceil(month / 3));
}

/** The period before this one, of the same kind. */
export function previousPeriod(period: ReportingPeriod): ReportingPeriod {
  const count = period.kind === "half" ? 2 : 4;
  return period.index > 1
    ? build(period.year, period.kind, period.index - 1)
    : build(period.year - 1, period.kind, count);
}

/** Later periods first: by end date, then by start (a quarter that ends with a half comes after it). */
export function comparePeriodsDesc(a: ReportingPeriod, b: ReportingPeriod): number {
  if (a.end !== b.end) return a.end < b.end ? 1 : -1;
  if (a.start !== b.start) return a.start < b.start ? 1 : -1;
  return 0;
}

/** Half years from the programme's first year up to the one holding `today`, newest first (for a choice list). */
export function halfYearsUpTo(programme: YearSpan, today: IsoDate): ReportingPeriod[] {
  const out: ReportingPeriod[] = [];
  let p = periodOfDate(today, "half");
  while (p.year >= programme.start) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

export type PeriodCheck = { ok: true; period: ReportingPeriod } | { ok: false; error: Message };

/**
 * Whether progress may be reported for a period: a well-formed code, not before the programme's
 * first year, and not in the future (the current period is allowed).
 */
export function checkReportingPeriod(text: string, programme: YearSpan, today: IsoDate): PeriodCheck {
  const period = parsePeriod(text);
  if (!period) return { ok: false, error: message("progress.periodMalformed") };
  if (period.year < programme.start)
    return { ok: false, error: message("progress.periodBeforeProgramme", { param: programme.start }) };
  if (period.start > today) return { ok: false, error: message("progress.periodFuture") };
  return { ok: true, period };
}
