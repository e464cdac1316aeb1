/**
 * Correcting and withdrawing decisions, and what that does to the categories of actions.
 *
 * An action's category is set by the decisions taken about it: its current category (the
 * `action.category` column) is the `to` of the newest decision taken on or before today that
 * changed it, by date and then by the order recorded — the same rule the "as of" views use. When a
 * decision is corrected or withdrawn, that rule is applied again to every action it concerned before
 * or after, so that the column and the history keep telling the same story: correcting the newest
 * decision about an action changes the action's category; correcting an older one, which a newer
 * decision overrides, does not.
 *
 * Before the first decision about an action it has its "baseline": the `from` of its oldest
 * decision (the category it had before any was recorded), or, for an action no decision changed,
 * the category it has now. Withdrawing an action's only decision takes it back to that baseline.
 */

/** One decision taken that set an action's category: a link in the action's chain of categories. */
export interface ChainLink {
  decisionId: number;
  decidedOn: string;
  from: number | null;
  to: number | null;
}

/** Whether `a` took effect before `b`: an earlier date, or the same date and recorded earlier. */
export function before(
  a: Pick<ChainLink, "decidedOn" | "decisionId">,
  b: Pick<ChainLink, "decidedOn" | "decisionId">,
): boolean {
  return a.decidedOn < b.decidedOn || (a.decidedOn === b.decidedOn && a.decisionId < b.decisionId);
}

/** The category before any decision: the `from` of the oldest link; `current` when there is none. */
export function baselineOf(links: readonly ChainLink[], current: number | null): number | null {
  let oldest: ChainLink | null = null;
  for (const l of links) if (!oldest || before(l, oldest)) oldest = l;
  return oldest ? oldest.from : current;
}

/** The newest link that satisfies `keep`, or null. */
function newest(links: readonly ChainLink[], keep: (l: ChainLink) => boolean): ChainLink | null {
  let best: ChainLink | null = null;
  for (const l of links) if (keep(l) && (!best || before(best, l))) best = l;
  return best;
}

/** The category at the end of `date`: the `to` of the newest link on or before it; the baseline before any. */
export function categoryOn(
  links: readonly ChainLink[],
  date: string,
  baseline: number | null,
): number | null {
  const found = newest(links, (l) => l.decidedOn <= date);
  return found ? found.to : baseline;
}

/**
 * The category just before a decision at `at` (its date and id), leaving that decision's own link
 * out: what a correction records as the decision's `from`.
 */
export function categoryBefore(
  links: readonly ChainLink[],
  at: Pick<ChainLink, "decidedOn" | "decisionId">,
  baseline: number | null,
): number | null {
  const found = newest(links, (l) => l.decisionId !== at.decisionId && before(l, at));
  return found ? found.to : baseline;
}
