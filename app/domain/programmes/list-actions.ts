import { effectiveAsOf } from "../decisions/as-of";
import { message, type FieldErrors } from "../../lib/errors";
import { parseActionFilters, type ActionFilters, type Paging } from "./action-filters";
import type { Action, Programme } from "./types";

/** What listing actions reads: the data layer's action repository provides it. */
export interface ActionReader {
  list(programmeId: number, filters: ActionFilters, paging: Paging): Promise<{ data: Action[]; total: number }>;
}

/** What checking filters reads: the data layer's organisation repository provides it. */
export interface OrganisationReader {
  exists(slug: string): Promise<boolean>;
}

export type ListActionsResult =
  | { ok: true; filters: ActionFilters; paging: Paging; data: Action[]; total: number }
  | { ok: false; errors: FieldErrors };

export type ResolvedActionFilters =
  | { ok: true; filters: ActionFilters; paging: Paging; /** The filters to read with (`asOf` made effective). */ effective: ActionFilters }
  | { ok: false; errors: FieldErrors };

/**
 * Reads the filters of a query string and checks that the themes, intentions and organisations
 * they name exist in the programme. listActions uses it; so do pages that read their own columns
 * for the same list of actions (the timeline), so that a filter means the same everywhere.
 */
export async function resolveActionFilters(options: {
  programme: Programme;
  query: URLSearchParams;
  organisations: OrganisationReader;
  /** Today's calendar date: `asOf` today or later reads the current categories. */
  today?: string;
}): Promise<ResolvedActionFilters> {
  const parsed = parseActionFilters(options.query);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { filters, paging } = parsed;
  const errors: FieldErrors = {};
  if (filters.theme !== undefined && !options.programme.themes.some((t) => t.number === filters.theme)) {
    errors.theme = message("filter.unknownTheme", { value: filters.theme });
  }
  if (
    filters.intention &&
    !options.programme.themes.some((t) => t.intentions.some((i) => i.code === filters.intention))
  ) {
    errors.intention = message("filter.unknownIntention", { value: filters.intention });
  }
  for (const field of ["lead", "partner"] as const) {
    const slug = filters[field];
    if (slug && !(await options.organisations.exists(slug))) {
      errors[field] = message("filter.unknownOrganisation", { value: slug });
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const asOf = options.today ? effectiveAsOf(filters.asOf, options.today) : (filters.asOf ?? null);
  return { ok: true, filters, paging, effective: { ...filters, asOf: asOf ?? undefined } };
}

/**
 * Lists a programme's actions for a query string: parses the filters, checks that the themes,
 * intentions and organisations they name exist, then reads one page. Pages, API and CSV share it.
 */
export async function listActions(options: {
  programme: Programme;
  query: URLSearchParams;
  actions: ActionReader;
  organisations: OrganisationReader;
  /** Today's calendar date: `asOf` today or later reads the current categories. */
  today?: string;
}): Promise<ListActionsResult> {
  const resolved = await resolveActionFilters(options);
  if (!resolved.ok) return resolved;
  const { filters, paging, effective } = resolved;
  const { data, total } = await options.actions.list(options.programme.id, effective, paging);
  return { ok: true, filters, paging, data, total };
}
