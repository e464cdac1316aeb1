import { PLAN_FIELDS, type PlanFields } from "../domain/plans/plan-input";
import type { PlanVersion } from "../domain/plans/plan-types";

/** The open-data shape of one plan version: its text and dates; no names, no internal ids. */
export function presentPlan(v: PlanVersion) {
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
export function presentPlanVersionSummary(v: PlanVersion) {
  return { version: v.versionNo, status: v.status, submittedAt: v.submittedAt, decidedAt: v.decidedAt, updatedAt: v.updatedAt };
}
