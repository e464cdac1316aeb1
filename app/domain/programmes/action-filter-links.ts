import type { ActionFilters, Paging } from "./action-filters";

// Kept apart from the filter schemas so that a page's client code can build its links without Zod.

/** The page size of lists when the query names none. */
export const DEFAULT_LIMIT = 100;

/** The query string for a set of filters, in a stable order, for shareable links. */
export function filtersToSearchParams(filters: ActionFilters, paging?: Partial<Paging>): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.q) p.set("q", filters.q);
  if (filters.theme !== undefined) p.set("theme", String(filters.theme));
  if (filters.intention) p.set("intention", filters.intention);
  for (const c of filters.category) p.append("category", String(c));
  if (filters.lead) p.set("lead", filters.lead);
  if (filters.partner) p.set("partner", filters.partner);
  if (filters.year !== undefined) p.set("year", String(filters.year));
  if (filters.plan) p.set("plan", filters.plan);
  if (filters.asOf) p.set("asOf", filters.asOf);
  if (paging?.limit !== undefined && paging.limit !== DEFAULT_LIMIT) p.set("limit", String(paging.limit));
  if (paging?.offset) p.set("offset", String(paging.offset));
  return p;
}

/** Whether any filter narrows the list. */
export function hasFilters(f: ActionFilters): boolean {
  return Boolean(f.q || f.theme !== undefined || f.intention || f.category.length || f.lead || f.partner || f.year !== undefined || f.plan);
}
