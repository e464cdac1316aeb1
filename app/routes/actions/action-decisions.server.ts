import type { AppLoadContext } from "react-router";
import { categoryAsOf } from "../../domain/decisions/category-history";
import type { Action, Programme } from "../../domain/programmes/types";
import { requireAsOf } from "../shared/as-of.server";

/**
 * An action's category over time, for everyone: the decisions that set it (oldest first) and, with
 * `?asOf=`, the category it had at the end of that day. A malformed date is a 400.
 */
export async function loadActionCategories(context: AppLoadContext, programme: Programme, action: Action, request: Request) {
  const asOf = requireAsOf(context, request);
  const history = await context.services.decisions.categoryHistory(action.id);
  return {
    decisionsHref: `/programmes/${programme.slug}/decisions`,
    /** The language of the programme's texts, decision titles included. */
    language: programme.language,
    history,
    asOf: asOf.date ? { date: asOf.date, category: asOf.effective ? categoryAsOf(history, asOf.effective) : action.category } : null,
  };
}

export type ActionCategories = Awaited<ReturnType<typeof loadActionCategories>>;
