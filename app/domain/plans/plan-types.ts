import type { PlanFields } from "./plan-input";
import type { PlanStatus } from "./plan-lifecycle";

/** One version of an action's plan of approach, as the store reads it. */
export interface PlanVersion extends PlanFields {
  id: number;
  actionId: number;
  versionNo: number;
  status: PlanStatus;
  /** Who wrote this version, and who decided on it: personal data, only for signed-in readers. */
  author: { id: number; name: string } | null;
  decidedBy: { id: number; name: string } | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
  updatedAt: string;
  /** The row's version, for optimistic concurrency. */
  version: number;
}

/** What a list of versions shows. */
export type PlanVersionSummary = Pick<PlanVersion, "versionNo" | "status" | "submittedAt" | "decidedAt" | "updatedAt">;

/** The adopted plan in an action's record: the newest approved version. */
export interface ApprovedPlanRef {
  status: "approved";
  /** The version number of the approved plan. */
  version: number;
  /** The day of approval (UTC), YYYY-MM-DD. */
  approvedOn: string;
}

/** The approved-plan reference of the newest approved version among `versions` (any order), or null. */
export function approvedRef(versions: { versionNo: number; status: string; decidedAt: string | null }[]): ApprovedPlanRef | null {
  const approved = versions.filter((v) => v.status === "approved").sort((a, b) => b.versionNo - a.versionNo)[0];
  if (!approved) return null;
  return { status: "approved", version: approved.versionNo, approvedOn: (approved.decidedAt ?? "").slice(0, 10) };
}

/**
 * How many changes an action's plan has had (0 while it has none): every change adds a version (whose
 * row version starts at 1) or raises the row version of one version by one, so the sum of the row
 * versions grows with each change and never comes back. The plan's ETag in the API is made from it.
 */
export function planRevision(versions: { version: number }[]): number {
  return versions.reduce((sum, v) => sum + v.version, 0);
}
