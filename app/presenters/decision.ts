import type { CategoryChangeBody, DecisionBody } from "../api/decisions/schema";
import type { CategoryChange } from "../domain/decisions/category-history";
import type { Decision } from "../domain/decisions/types";

/** The open-data shape of a decision: categories as codes (null: none, or no change for `to`). */
export function presentDecision(d: Decision): DecisionBody {
  return {
    id: d.id,
    decidedOn: d.decidedOn,
    kind: d.kind,
    status: d.status,
    title: d.title,
    text: d.text,
    source: d.source,
    meeting: d.meeting ? { id: d.meeting.id, heldOn: d.meeting.heldOn, title: d.meeting.title } : null,
    actions: d.actions.map((a) => ({ number: a.number, title: a.title, from: a.from, to: a.to })),
    updatedAt: d.updatedAt,
  };
}

/** An action's category changes, oldest first; `source` "import" for a change a re-import made. */
export function presentCategoryHistory(changes: readonly CategoryChange[]): CategoryChangeBody[] {
  return changes.map((c) => ({ decidedOn: c.decidedOn, decision: { id: c.decision.id, title: c.decision.title }, from: c.from, to: c.to, source: c.source }));
}
