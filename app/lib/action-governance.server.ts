import type { AppLoadContext } from "react-router";
import { can } from "../domain/auth/permissions";
import type { Action, Programme } from "../domain/programmes/types";

/**
 * What the action page shows beyond the published record, depending on who is looking:
 * controls they may use and the action's history. Decisions, plans and progress add to this.
 */
export async function loadActionGovernance(context: AppLoadContext, programme: Programme, action: Action, request: Request) {
  const target = { programmeId: programme.id, actionId: action.id };
  const p = context.principal;
  const canReadHistory = can(p, "history.read", target);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    canEdit: can(p, "action.edit", target),
    saved: saved === null ? null : Number(saved) || 0,
    history: canReadHistory ? await context.services.history.forEntity("action", action.id) : null,
  };
}

export type ActionGovernance = Awaited<ReturnType<typeof loadActionGovernance>>;
