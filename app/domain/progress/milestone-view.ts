import { dueDate, expandOccurrences, type IsoDate, type Precision } from "./fuzzy-date";
import { isOverdue } from "./planning-milestones";
import type { MilestoneRecord } from "./types";

/**
 * A milestone as a page shows it: the planning's own words with the date it is due (the end of
 * its period), and whether it is done, overdue or open on a given day.
 */

export type DueView =
  | { kind: "by"; date: IsoDate }
  | { kind: "from"; date: IsoDate }
  | { kind: "ongoing" }
  | { kind: "recurring"; date: IsoDate };

export interface MilestoneView {
  id: number;
  label: string | null;
  dueText: string;
  precision: Precision;
  due: DueView;
  doneOn: IsoDate | null;
  state: "done" | "overdue" | "open";
  manual: boolean;
  version: number;
}

function dueView(m: MilestoneRecord, today: IsoDate): DueView {
  const { due } = m;
  if (due.precision === "none") return { kind: "ongoing" };
  if (due.precision === "open" || due.end === null) return { kind: "from", date: due.start };
  if (due.precision === "recurring" && due.recurrence) {
    const years = { start: Number(due.start.slice(0, 4)), end: Number(due.recurrence.until.slice(0, 4)) };
    const occurrences = expandOccurrences(due, years).filter((o) => o.end !== null);
    const next = occurrences.find((o) => (o.end ?? "") >= today) ?? occurrences[occurrences.length - 1];
    return { kind: "recurring", date: next?.end ?? due.end };
  }
  return { kind: "by", date: dueDate(due) ?? due.end };
}

export function milestoneView(m: MilestoneRecord, today: IsoDate): MilestoneView {
  const overdue = isOverdue(m, today);
  return {
    id: m.id,
    label: m.label,
    dueText: m.due.text,
    precision: m.due.precision,
    due: dueView(m, today),
    doneOn: m.doneOn,
    state: overdue ? "overdue" : m.doneOn !== null ? "done" : "open",
    manual: m.manual,
    version: m.version,
  };
}
