import type { OrganisationSummary } from "../programmes/types";

/** What the steering group decides: anything, categories of actions, the programme, an annual plan. */
export const DECISION_KINDS = ["general", "categories", "adopt-programme", "adopt-annual-plan"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A decision is taken, or planned (still to be taken, on or around its date). */
export const DECISION_STATUSES = ["taken", "planned"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * Where a decision comes from: the steering group (recorded by hand, through the API, or from the
 * programme document), or a re-import of the programme document that changed categories.
 */
export const DECISION_SOURCES = ["steering-group", "import"] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** An action a decision concerns; `to` is null when the decision does not change its category. */
export interface DecisionActionView {
  number: number;
  title: string;
  from: number | null;
  to: number | null;
}

export interface MeetingRef {
  id: number;
  heldOn: string;
  title: string;
}

export interface Decision {
  id: number;
  decidedOn: string;
  kind: DecisionKind;
  status: DecisionStatus;
  title: string;
  text: string;
  source: DecisionSource;
  meeting: MeetingRef | null;
  actions: DecisionActionView[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface MeetingSummary extends MeetingRef {
  attendeeCount: number;
  decisionCount: number;
}

export interface Meeting extends MeetingRef {
  agenda: string;
  minutes: string;
  attendees: OrganisationSummary[];
  decisions: { id: number; decidedOn: string; title: string; status: DecisionStatus; kind: DecisionKind }[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
