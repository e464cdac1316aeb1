import { type AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";
import { PLAN_FIELDS, type PlanFields } from "../../domain/plans/plan-input";
import type { PlanStatus } from "../../domain/plans/plan-lifecycle";
import type { PlanVersion } from "../../domain/plans/plan-types";
import { absoluteLink } from "../../lib/links.server";

/** A version as a page shows it; who wrote and decided it only for those who may read open plans (signed-in keepers). */
export interface PlanVersionView extends PlanFields {
  versionNo: number;
  status: PlanStatus;
  author: string | null;
  decidedBy: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  updatedAt: string;
  version: number;
}

export function planVersionView(v: PlanVersion, withNames: boolean): PlanVersionView {
  return {
    ...(Object.fromEntries(PLAN_FIELDS.map((f) => [f, v[f]])) as PlanFields),
    versionNo: v.versionNo,
    status: v.status,
    author: withNames ? (v.author?.name ?? null) : null,
    decidedBy: withNames ? (v.decidedBy?.name ?? null) : null,
    submittedAt: v.submittedAt,
    decidedAt: v.decidedAt,
    // A returned version's note is for the people who keep the programme; an approval's note is part of the adopted plan.
    decisionNote: v.decisionNote,
    updatedAt: v.updatedAt,
    version: v.version,
  };
}

/** Whether the visitor may see this version: approved ones are public, the others need plan.read. */
export function mayReadVersion(context: AppLoadContext, target: { programmeId: number; actionId: number }, v: Pick<PlanVersion, "status">): boolean {
  return v.status === "approved" ? can(context.principal, "plan.readApproved", target) : can(context.principal, "plan.read", target);
}

/** The absolute address of the plan page, for mail. */
export function planUrl(context: AppLoadContext, base: string): string {
  return absoluteLink(context.services.links, `${base}/plan`);
}
