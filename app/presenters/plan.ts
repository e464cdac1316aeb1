import type { PlanOfApproachBody, PlanVersionBody, PlanVersionSummaryBody } from "../api/plans/schema";
import { PLAN_FIELDS, type PlanFields } from "../domain/plans/plan-input";
import { isOpen } from "../domain/plans/plan-lifecycle";
import type { PlanVersion } from "../domain/plans/plan-types";

/** The open-data shape of one plan version: its text and dates; no names, no internal ids. */
export function presentPlan(v: PlanVersion): PlanVersionBody {
  return {
    version: v.versionNo,
    status: v.status,
    ...(Object.fromEntries(PLAN_FIELDS.map((f) => [f, v[f]])) as PlanFields),
    submittedAt: v.submittedAt,
    decidedAt: v.decidedAt,
    decisionNote: v.decisionNote,
    updatedAt: v.updatedAt,
  };
}

/** A version in the list of versions. */
export function presentPlanVersionSummary(v: PlanVersion): PlanVersionSummaryBody {
  return { version: v.versionNo, status: v.status, submittedAt: v.submittedAt, decidedAt: v.decidedAt, updatedAt: v.updatedAt };
}

/**
 * An action's plan of approach as the API answers it: the adopted version for everyone; the open
 * version (draft or submitted) and every version only for those who may read open plans.
 */
export function presentPlanOfApproach(actionNumber: number, versions: PlanVersion[], withOpen: boolean): PlanOfApproachBody {
  const approved = versions.find((v) => v.status === "approved") ?? null;
  const open = withOpen ? (versions.find((v) => isOpen(v.status)) ?? null) : null;
  return {
    action: actionNumber,
    approved: approved ? presentPlan(approved) : null,
    open: open ? presentPlan(open) : null,
    versions: (withOpen ? versions : versions.filter((v) => v.status === "approved")).map(presentPlanVersionSummary),
  };
}
