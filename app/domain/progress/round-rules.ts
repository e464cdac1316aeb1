import type { IsoDate } from "./fuzzy-date";

/**
 * The rules of an update round's personal links and of its overview, free of storage.
 *
 * A link opens the update form for its one action and round. Until the due date (inclusive, in
 * Amsterdam) its holder may answer and correct the answer as often as needed. After the due date
 * an action that has not answered yet may still answer once (that is what the reminder after the
 * due date asks for); an answer already given can no longer be changed. When the round closes
 * (on its closing date, or earlier by the programme manager) the link is refused.
 */

export interface RoundState {
  status: string;
  dueOn: IsoDate;
  closesOn: IsoDate;
}

/** open: may answer or correct; late: past the due date, not answered yet, may answer once; locked: answered and past the due date; closed: refused. */
export type LinkState = "open" | "late" | "locked" | "closed";

export function roundIsOpen(round: RoundState, today: IsoDate): boolean {
  return round.status === "open" && today <= round.closesOn;
}

export function linkState(round: RoundState, answered: boolean, today: IsoDate): LinkState {
  if (!roundIsOpen(round, today)) return "closed";
  if (today <= round.dueOn) return "open";
  return answered ? "locked" : "late";
}

/** Whether the form accepts an answer in this state. */
export function mayAnswer(state: LinkState): boolean {
  return state === "open" || state === "late";
}

export type RequestStatus = "answered" | "pending" | "overdue";

/** An action's state in a round: answered, not yet (until the due date), or overdue. */
export function requestStatus(answered: boolean, dueOn: IsoDate, today: IsoDate): RequestStatus {
  if (answered) return "answered";
  return today > dueOn ? "overdue" : "pending";
}

export interface StatusCounts {
  answered: number;
  pending: number;
  overdue: number;
}

export const emptyCounts = (): StatusCounts => ({ answered: 0, pending: 0, overdue: 0 });

/** Counts per group key (an organisation), each action counted once per group. */
export function countByGroup<T>(
  items: readonly T[],
  key: (item: T) => string,
  action: (item: T) => number,
  status: (item: T) => RequestStatus,
): Map<string, StatusCounts> {
  const seen = new Set<string>();
  const out = new Map<string, StatusCounts>();
  for (const item of items) {
    const k = key(item);
    const id = `${k}\u0000${action(item)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const counts = out.get(k) ?? emptyCounts();
    counts[status(item)]++;
    out.set(k, counts);
  }
  return out;
}
