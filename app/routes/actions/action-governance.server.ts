import type { AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";
import type { Action, Programme } from "../../domain/programmes/types";
import { loadActionCategories } from "./action-decisions.server";
import { loadActionDependencies } from "../progress/progress-views.server";
import { loadActionProgress } from "../progress/progress-page.server";

/**
 * What the action page shows beyond the published record, depending on who is looking:
 * controls they may use and the action's history. Decisions, plans and progress add to this.
 */
export async function loadActionGovernance(context: AppLoadContext, programme: Programme, action: Action, request: Request) {
  const target = { programmeId: programme.id, actionId: action.id };
  const p = context.principal;
  const canReadHistory = can(p, "history.read", target);
  const saved = new URL(request.url).searchParams.get("saved");
  // The plan of approach: the adopted (approved) version for everyone; a newer version's state for those who may read open plans.
  const planHead = can(p, "plan.read", target) ? (await context.services.plans.versions(action.id))[0] : undefined;
  return {
    canEdit: can(p, "action.edit", target),
    saved: saved === null ? null : Number(saved) || 0,
    history: canReadHistory ? await context.services.history.forEntity("action", action.id) : null,
    // The category over time (public), and the category on `?asOf=` when asked.
    categories: await loadActionCategories(context, programme, action, request),
    // Milestones and progress updates (public; narratives only when public, names only to members).
    progress: await loadActionProgress(context, programme, action, request),
    // Risk through dependencies and the neighbourhood graph (public, no personal data).
    dependencies: await loadActionDependencies(context, programme, action.number),
    // People's names and emails only for those who need them (contacts.read); nobody else learns who they are.
    contacts: can(p, "contacts.read", target)
      ? { href: `/programmes/${programme.slug}/actions/${action.number}/contacts`, list: await context.services.contacts.listForAction(action.id), canManage: can(p, "contacts.manage", target) }
      : null,
    plan: {
      href: `/programmes/${programme.slug}/actions/${action.number}/plan`,
      approved: action.plan ?? null,
      newer: planHead && planHead.status !== "approved" ? { versionNo: planHead.versionNo, status: planHead.status } : null,
    },
  };
}

export type ActionGovernance = Awaited<ReturnType<typeof loadActionGovernance>>;
