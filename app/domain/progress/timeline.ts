import {
  dueDate,
  expandOccurrences,
  isoDate,
  type FuzzyDate,
  type IsoDate,
  type YearSpan,
} from "./fuzzy-date";
import { isOverdue, type Milestone } from "./planning-milestones";

/**
 * The timeline's calendar: quarters on the axis, and where each milestone lies on it. Pure
 * arithmetic on ISO dates (UTC days), so no time zone can move a milestone.
 *
 * - The axis runs in whole quarters from the first quarter of the programme period (or the
 *   earliest milestone, if earlier) to the last quarter of the period (or the latest milestone end
 *   or start, if later).
 * - A milestone is drawn by its precision: a *point* for a day, a *bar* for a month, quarter,
 *   season, half, year or range, an *open* bar with an arrow to the axis end for "vanaf …", a
 *   *series* of ticks for a recurring date (every occurrence on the axis), and a *continuous* line
 *   for undated work ("Continu").
 */

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export interface TimelineAxis {
  start: IsoDate;
  /** Inclusive last day. */
  end: IsoDate;
  quarters: (Quarter & { start: IsoDate; end: IsoDate })[];
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: IsoDate): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

export function quarterOf(iso: IsoDate): Quarter {
  return {
    year: Number(iso.slice(0, 4)),
    quarter: (Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1) as Quarter["quarter"],
  };
}

function quarterStart(q: Quarter): IsoDate {
  return isoDate(q.year, q.quarter * 3 - 2, 1);
}

function quarterEnd(q: Quarter): IsoDate {
  const month = q.quarter * 3;
  return isoDate(q.year, month, month === 6 || month === 9 ? 30 : 31);
}

function quarterIndex(q: Quarter): number {
  return q.year * 4 + (q.quarter - 1);
}

/** The first start and the last end (or start, when open) of a set of milestones; null when empty. */
export function milestoneExtent(milestones: readonly Milestone[]): { start: IsoDate; end: IsoDate } | null {
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  for (const m of milestones) {
    const last = m.due.end ?? m.due.start;
    if (start === null || m.due.start < start) start = m.due.start;
    if (end === null || last > end) end = last;
  }
  return start === null || end === null ? null : { start, end };
}

/**
 * The axis for a programme period and the extent of its milestones (programme-wide, so that every
 * page of the timeline has the same axis).
 */
export function timelineAxis(
  period: YearSpan,
  extent: { start: IsoDate; end: IsoDate } | null,
): TimelineAxis {
  let first = quarterIndex({ year: period.start, quarter: 1 });
  let last = quarterIndex({ year: period.end, quarter: 4 });
  // A mistyped year ("2104") should not stretch the axis over a century: at most 5 years before
  // and 10 after the period; what lies outside is clipped on the chart and listed in the table.
  if (extent) {
    first = Math.max(
      Math.min(first, quarterIndex(quarterOf(extent.start))),
      quarterIndex({ year: period.start - 5, quarter: 1 }),
    );
    last = Math.min(
      Math.max(last, quarterIndex(quarterOf(extent.end))),
      quarterIndex({ year: period.end + 10, quarter: 4 }),
    );
  }
  const quarters: TimelineAxis["quarters"] = [];
  for (let i = first; i <= last; i++) {
    const q: Quarter = { year: Math.floor(i / 4), quarter: ((i % 4) + 1) as Quarter["quarter"] };
    quarters.push({ ...q, start: quarterStart(q), end: quarterEnd(q) });
  }
  return { start: quarters[0]!.start, end: quarters[quarters.length - 1]!.end, quarters };
}

/** Where a day lies on the axis: 0 at the axis start, 1 after its last day; null outside. */
export function axisFraction(
  axis: TimelineAxis,
  iso: IsoDate,
  edge: "start" | "end" = "start",
): number | null {
  const from = dayNumber(axis.start);
  const to = dayNumber(axis.end) + 1;
  const day = dayNumber(iso) + (edge === "end" ? 1 : 0);
  if (day < from || day > to) return null;
  return (day - from) / (to - from);
}

export type MilestoneShape =
  | { kind: "point"; at: IsoDate }
  | { kind: "bar"; from: IsoDate; to: IsoDate }
  | { kind: "open"; from: IsoDate }
  | { kind: "series"; occurrences: { from: IsoDate; to: IsoDate }[] }
  | { kind: "continuous"; from: IsoDate };

/** How a milestone is drawn (see the module comment). */
export function milestoneShape(due: FuzzyDate, axis: TimelineAxis): MilestoneShape {
  switch (due.precision) {
    case "day":
      return { kind: "point", at: due.start };
    case "open":
      return { kind: "open", from: due.start };
    case "none":
      return { kind: "continuous", from: due.start };
    case "recurring": {
      const years = { start: Number(axis.start.slice(0, 4)), end: Number(axis.end.slice(0, 4)) };
      const occurrences = expandOccurrences(due, years)
        .filter((o) => o.end !== null)
        .map((o) => ({ from: o.start, to: o.end! }));
      return { kind: "series", occurrences };
    }
    default:
      return { kind: "bar", from: due.start, to: due.end ?? due.start };
  }
}

export type MilestoneState = "done" | "overdue" | "open";

/** Done, overdue on `today`, or still open. */
export function milestoneState(m: Milestone, today: IsoDate): MilestoneState {
  if (isOverdue(m, today)) return "overdue";
  if (m.doneOn !== null) return "done";
  return "open";
}

/** The due date shown in the table: the last day of the period; null when open or undated. */
export function milestoneDueDate(m: Milestone): IsoDate | null {
  return dueDate(m.due);
}
