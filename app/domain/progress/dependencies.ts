import type { LinkType } from "../programmes/programme-document";
import { isProgressStatus, PROGRESS_STATUSES, type ProgressStatus } from "./progress-input";

/**
 * Dependencies between actions and the risk they carry. A link of type `prerequisiteFor` or
 * `enables` is stored on the citing action: the link's action is the *source*, its target action
 * the *dependent* ("Actie 10 is randvoorwaarde voor 11 en 12": 10 → 11, 10 → 12).
 *
 * The rule, as the pages state it:
 * 1. A source *blocks* when the steering group dropped it (category 4), or when its latest progress
 *    update (of any period) says `stopped` or `delayed`; dropped wins over stopped over delayed.
 * 2. Every dependent of a blocking source is flagged "at risk through action N" (N = the source).
 * 3. The flag travels down the chain: a dependent of a flagged action is flagged through the same N,
 *    with the actions in between shown ("at risk through action 10, via action 11"). The chain stops
 *    at an action that is done (finished work no longer passes a delay on) and at an action that
 *    blocks itself (its own dependents are flagged through that nearer action instead).
 * 4. Actions that are done, stopped or dropped carry no flag: there is nothing left to put at risk.
 *    A delayed or at-risk action can be flagged; its flag is shown beside its own status.
 * Links of type `related` never carry risk. Cycles are harmless: an action is visited once per source.
 */

// The status codes are those of the progress updates (progress-input.ts).
export { PROGRESS_STATUSES, type ProgressStatus };

/** A stored status string as a known status; anything else reads as no status. */
export function asProgressStatus(value: string | null | undefined): ProgressStatus | null {
  return isProgressStatus(value) ? value : null;
}

/** Link types along which a delay passes on. */
export const DEPENDENCY_TYPES = ["prerequisiteFor", "enables"] as const satisfies readonly LinkType[];
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

export function isDependencyType(type: string): type is DependencyType {
  return (DEPENDENCY_TYPES as readonly string[]).includes(type);
}

/** The category the steering group gives to actions that are dropped ("vallen af"). */
export const DROPPED_CATEGORY = 4;

/** A dependency between two actions of one programme, by action number. */
export interface DependencyLink {
  source: number;
  target: number;
  type: DependencyType;
}

/** What the rule needs to know of an action. */
export interface DependencyState {
  category: number | null;
  /** The status of its latest progress update (any period); null without updates. */
  status: ProgressStatus | null;
}

export type BlockReason = "dropped" | "stopped" | "delayed";

/** "At risk through action `through` (which is `reason`), via the actions in `via`" (nearest to `through` first). */
export interface RiskFlag {
  through: number;
  reason: BlockReason;
  via: number[];
}

/** Why an action blocks its dependents, or null when it does not. */
export function blockReason(state: DependencyState | undefined): BlockReason | null {
  if (!state) return null;
  if (state.category === DROPPED_CATEGORY) return "dropped";
  if (state.status === "stopped" || state.status === "delayed") return state.status;
  return null;
}

/** Done, stopped or dropped: no flag, and (done) the chain stops here. */
function closed(state: DependencyState | undefined): boolean {
  return (
    state !== undefined &&
    (state.category === DROPPED_CATEGORY || state.status === "done" || state.status === "stopped")
  );
}

/**
 * The risk flags of every action that has one, by action number; each action's flags are ordered by
 * the blocking action's number. Actions missing from `states` count as open work without updates.
 */
export function dependencyFlags(
  states: ReadonlyMap<number, DependencyState>,
  links: readonly DependencyLink[],
): Map<number, RiskFlag[]> {
  const dependents = new Map<number, number[]>();
  for (const link of links) {
    if (!isDependencyType(link.type) || link.source === link.target) continue;
    const list = dependents.get(link.source) ?? [];
    if (!list.includes(link.target)) list.push(link.target);
    dependents.set(link.source, list);
  }
  for (const list of dependents.values()) list.sort((a, b) => a - b);

  const flags = new Map<number, RiskFlag[]>();
  const sources = [...dependents.keys()].sort((a, b) => a - b);
  for (const source of sources) {
    const reason = blockReason(states.get(source));
    if (!reason) continue;
    // Breadth first, so that each action gets the shortest chain from this source.
    const seen = new Set<number>([source]);
    let frontier: { number: number; via: number[] }[] = [{ number: source, via: [] }];
    while (frontier.length > 0) {
      const next: { number: number; via: number[] }[] = [];
      for (const { number, via } of frontier) {
        for (const target of dependents.get(number) ?? []) {
          if (seen.has(target)) continue;
          seen.add(target);
          const state = states.get(target);
          const path = number === source ? via : [...via, number];
          if (!closed(state)) {
            const list = flags.get(target) ?? [];
            list.push({ through: source, reason, via: path });
            flags.set(target, list);
          }
          // The chain goes on through open work that does not block by itself.
          if (!closed(state) && blockReason(state) === null) next.push({ number: target, via: path });
        }
      }
      frontier = next;
    }
  }
  for (const list of flags.values()) list.sort((a, b) => a.through - b.through);
  return flags;
}

/** Action numbers in the dependency neighbourhood of one action: everything up and down its chains. */
export function neighbourhood(
  number: number,
  links: readonly { source: number; target: number }[],
): Set<number> {
  const out = new Set<number>([number]);
  const walk = (from: number, step: (n: number) => number[]) => {
    const queue = [from];
    while (queue.length > 0) {
      const n = queue.shift()!;
      for (const m of step(n)) {
        if (out.has(m)) continue;
        out.add(m);
        queue.push(m);
      }
    }
  };
  walk(number, (n) => links.filter((l) => l.source === n).map((l) => l.target));
  walk(number, (n) => links.filter((l) => l.target === n).map((l) => l.source));
  return out;
}
