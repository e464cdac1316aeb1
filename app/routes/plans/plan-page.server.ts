import { data, type AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";
import { PLAN_FIELDS, type PlanFields } from "../../domain/plans/plan-input";
import type { PlanStatus } from "../../domain/plans/plan-lifecycle";
import type { PlanVersion } from "../../domain/plans/plan-types";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber, requireProgramme } from "../shared/page-data.server";
import { absoluteLink } from "../../lib/links.server";

/** The programme and action a plan page is about, or a 404. */
export async function requirePlanAction(context: AppLoadContext, params: { slug?: string; number?: string }) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.actionNotFound");
  const action = await context.services.actions.get(programme.id, number);
  if (!action) throw data(translator(context.language)("errors.actionNotFound", { number }), { status: 404 });
  return {
    programme,
    action,
    target: { programmeId: programme.id, actionId: action.id },
    base: `/programmes/${programme.slug}/actions/${action.number}`,
  };
}

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
