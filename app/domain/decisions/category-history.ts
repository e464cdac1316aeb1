import type { DecisionSource } from "./types";

/** One change of an action's category by a decision that was taken (or by a re-import, `source` "import"). */
export interface CategoryChange {
  decidedOn: string;
  decision: { id: number; title: string };
  from: number | null;
  to: number;
  source: DecisionSource;
}

/**
 * The category an action had at the end of a day: the `to` of the latest change decided on or
 * before that date (later decisions first by date, then by the order they were recorded); null
 * before any change.
 */
export function categoryAsOf(changes: readonly CategoryChange[], date: string): number | null {
  let best: CategoryChange | null = null;
  for (const c of changes) {
    if (c.decidedOn > date) continue;
    if (!best || c.decidedOn > best.decidedOn || (c.decidedOn === best.decidedOn && c.decision.id > best.decision.id)) best = c;
  }
  return best ? best.to : null;
}

/** Changes in the order they took effect: oldest first. */
export function chronological(changes: readonly CategoryChange[]): CategoryChange[] {
  return [...changes].sort((a, b) => (a.decidedOn === b.decidedOn ? a.decision.id - b.decision.id : a.decidedOn < b.decidedOn ? -1 : 1));
}
