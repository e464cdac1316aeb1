/** Where money comes from: an organisation's contribution, a subsidy, or anything else with a name. */
export const SOURCE_KINDS = ["contribution", "subsidy", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What the programme itself spends on, besides actions. */
export const COST_KINDS = ["research", "meetings", "promotion", "lobby", "other"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** Who decided an allocation: the steering group (a decision in the register), or the programme manager within the year's mandate. */
export const DECIDERS = ["steering-group", "mandate"] as const;
export type Decider = (typeof DECIDERS)[number];

export const CAPACITY_UNITS = ["hours", "fte"] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];

export interface ThemeRef {
  number: number;
  title: string;
}

export interface ActionRef {
  number: number;
  title: string;
  category: number | null;
  theme: ThemeRef | null;
}

export interface OrganisationRef {
  slug: string;
  name: string;
}

export interface DecisionRef {
  id: number;
  decidedOn: string;
  title: string;
}

export interface BudgetSource {
  id: number;
  year: number;
  kind: SourceKind;
  organisation: OrganisationRef | null;
  /** The organisation's name for a contribution; the subsidy's or other source's own name otherwise. */
  name: string;
  amountCents: number;
  note: string;
}

export interface BudgetAllocation {
  id: number;
  year: number;
  action: ActionRef | null;
  costKind: CostKind | null;
  amountCents: number;
  /** What was spent against it so far. */
  spentCents: number;
  note: string;
  decidedBy: Decider;
  decision: DecisionRef | null;
}

export interface BudgetSpending {
  id: number;
  allocationId: number;
  year: number;
  spentOn: string;
  amountCents: number;
  description: string;
  reference: string;
}

export interface CapacityCommitment {
  id: number;
  year: number;
  action: ActionRef;
  organisation: OrganisationRef;
  amountHundredths: number;
  unit: CapacityUnit;
  role: string;
  note: string;
}

/** A year of a programme's money as stored. */
export interface BudgetYear {
  year: number;
  mandateCents: number;
  mandateDecision: DecisionRef | null;
  sources: BudgetSource[];
  allocations: BudgetAllocation[];
  spending: BudgetSpending[];
}
