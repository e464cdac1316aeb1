import { sumCents } from "./money";
import type { ActionRef, BudgetYear, CapacityCommitment, CapacityUnit, CostKind, ThemeRef } from "./types";

/** A year's money in totals: what came in, what was set aside, what was spent, and what is left. */
export interface BudgetTotals {
  sourcesCents: number;
  allocatedCents: number;
  /** Sources minus allocations: room for new allocations. */
  availableCents: number;
  spentCents: number;
  /** Allocated but not yet spent. */
  unspentCents: number;
  mandateCents: number;
  /** Allocated by the programme manager within the mandate. */
  mandateUsedCents: number;
}

export function budgetTotals(y: BudgetYear): BudgetTotals {
  const sourcesCents = sumCents(y.sources.map((s) => s.amountCents));
  const allocatedCents = sumCents(y.allocations.map((a) => a.amountCents));
  const spentCents = sumCents(y.spending.map((s) => s.amountCents));
  return {
    sourcesCents,
    allocatedCents,
    availableCents: sourcesCents - allocatedCents,
    spentCents,
    unspentCents: allocatedCents - spentCents,
    mandateCents: y.mandateCents,
    mandateUsedCents: sumCents(y.allocations.filter((a) => a.decidedBy === "mandate").map((a) => a.amountCents)),
  };
}

/** Why a new allocation does not fit, or null when it does. */
export function allocationRefusal(totals: BudgetTotals, amountCents: number, withinMandate: boolean): { key: string; roomCents: number } | null {
  if (amountCents > totals.availableCents) return { key: "budget.overAvailable", roomCents: Math.max(0, totals.availableCents) };
  const mandateRoom = totals.mandateCents - totals.mandateUsedCents;
  if (withinMandate && amountCents > mandateRoom) return { key: "budget.overMandate", roomCents: Math.max(0, mandateRoom) };
  return null;
}

/** Why new spending does not fit its allocation, or null when it does. */
export function spendingRefusal(allocation: { amountCents: number; spentCents: number }, amountCents: number): { key: string; roomCents: number } | null {
  const room = allocation.amountCents - allocation.spentCents;
  return amountCents > room ? { key: "budget.overAllocation", roomCents: Math.max(0, room) } : null;
}


/** Allocations and spending per source of cost: per action, and per programme cost kind. */
export function perAction(y: BudgetYear): { action: ActionRef; allocatedCents: number; spentCents: number }[] {
  const out = new Map<number, { action: ActionRef; allocatedCents: number; spentCents: number }>();
  for (const a of y.allocations) {
    if (!a.action) continue;
    const row = out.get(a.action.number) ?? { action: a.action, allocatedCents: 0, spentCents: 0 };
    row.allocatedCents += a.amountCents;
    row.spentCents += a.spentCents;
    out.set(a.action.number, row);
  }
  return [...out.values()].sort((x, y2) => x.action.number - y2.action.number);
}

export function perCostKind(y: BudgetYear): { costKind: CostKind; allocatedCents: number; spentCents: number }[] {
  const out = new Map<CostKind, { costKind: CostKind; allocatedCents: number; spentCents: number }>();
  for (const a of y.allocations) {
    if (!a.costKind) continue;
    const row = out.get(a.costKind) ?? { costKind: a.costKind, allocatedCents: 0, spentCents: 0 };
    row.allocatedCents += a.amountCents;
    row.spentCents += a.spentCents;
    out.set(a.costKind, row);
  }
  return [...out.values()];
}

/** Allocations to actions per theme (actions without a theme under null). */
export function perTheme(y: BudgetYear): { theme: ThemeRef | null; allocatedCents: number; spentCents: number }[] {
  const out = new Map<number | null, { theme: ThemeRef | null; allocatedCents: number; spentCents: number }>();
  for (const row of perAction(y)) {
    const key = row.action.theme?.number ?? null;
    const t = out.get(key) ?? { theme: row.action.theme, allocatedCents: 0, spentCents: 0 };
    t.allocatedCents += row.allocatedCents;
    t.spentCents += row.spentCents;
    out.set(key, t);
  }
  return [...out.values()].sort((a, b) => (a.theme?.number ?? 1e9) - (b.theme?.number ?? 1e9));
}

/** Contributions per source name (an organisation contributing twice is one row). */
export function perSource(y: BudgetYear): { name: string; organisationSlug: string | null; amountCents: number }[] {
  const out = new Map<string, { name: string; organisationSlug: string | null; amountCents: number }>();
  for (const s of y.sources) {
    const key = s.organisation ? `o:${s.organisation.slug}` : `n:${s.kind}:${s.name}`;
    const row = out.get(key) ?? { name: s.name, organisationSlug: s.organisation?.slug ?? null, amountCents: 0 };
    row.amountCents += s.amountCents;
    out.set(key, row);
  }
  return [...out.values()].sort((a, b) => b.amountCents - a.amountCents || a.name.localeCompare(b.name, "nl"));
}

/** Capacity summed per unit: hours and FTE are never added together. */
export type CapacityTotals = Partial<Record<CapacityUnit, number>>;

function addCapacity(totals: CapacityTotals, c: CapacityCommitment): void {
  totals[c.unit] = (totals[c.unit] ?? 0) + c.amountHundredths;
}

/** Commitments grouped by a key, each group with its totals per unit. */
export function capacityBy<K extends string | number>(
  commitments: readonly CapacityCommitment[],
  keyOf: (c: CapacityCommitment) => K,
): Map<K, { commitments: CapacityCommitment[]; totals: CapacityTotals }> {
  const out = new Map<K, { commitments: CapacityCommitment[]; totals: CapacityTotals }>();
  for (const c of commitments) {
    const key = keyOf(c);
    const group = out.get(key) ?? { commitments: [], totals: {} };
    group.commitments.push(c);
    addCapacity(group.totals, c);
    out.set(key, group);
  }
  return out;
}

/** Totals per unit of some commitments. */
export function capacityTotals(commitments: readonly CapacityCommitment[]): CapacityTotals {
  const totals: CapacityTotals = {};
  for (const c of commitments) addCapacity(totals, c);
  return totals;
}

/** A category-3 action without a lead or without money this year: the steering group should know. */
export function needsAttention(action: { category: number | null; hasLead: boolean; allocatedCents: number }): ("lead" | "budget")[] {
  if (action.category !== 3) return [];
  const out: ("lead" | "budget")[] = [];
  if (!action.hasLead) out.push("lead");
  if (action.allocatedCents === 0) out.push("budget");
  return out;
}
