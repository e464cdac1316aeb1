import type { FuzzyDate, IsoDate } from "./fuzzy-date";
import type { Milestone } from "./planning-milestones";
import type { ProgressStatus } from "./progress-input";

/** Read models of milestones and progress, as the repositories return them. */

/** A stored milestone: read from the planning text, or corrected by hand (`manual`). */
export interface MilestoneRecord extends Milestone {
  id: number;
  position: number;
  manual: boolean;
  version: number;
  updatedAt: string;
}

/** The newest progress of an action, as the open data shows it (no narrative, no names). */
export interface LatestProgress {
  status: ProgressStatus;
  percent: number | null;
  period: string;
  updatedAt: string;
}

/** One progress update with everything stored; pages and presenters choose what to show. */
export interface ProgressRecord {
  id: number;
  actionId: number;
  roundId: number | null;
  period: string;
  status: ProgressStatus;
  percent: number | null;
  narrative: string;
  narrativePublic: boolean;
  milestonesReached: number[];
  /** Who wrote this version: a name for members only. */
  author: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type { FuzzyDate, IsoDate };
