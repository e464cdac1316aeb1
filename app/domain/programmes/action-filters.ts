import { z } from "zod";
import { text } from "../primitives";
import { zodFieldErrors, type FieldErrors } from "../../lib/errors";
import { isCalendarDate } from "../calendar";
import { DEFAULT_LIMIT } from "./action-filter-links";

/** Filters of the action list, the same names on pages, API and CSV. */
export interface ActionFilters {
  q?: string;
  theme?: number;
  intention?: string;
  category: number[];
  lead?: string;
  partner?: string;
  year?: number;
  /** "approved": only actions with an approved plan of approach. */
  plan?: "approved";
  /** Categories as they were at the end of this day (YYYY-MM-DD), for the category filter and field. */
  asOf?: string;
}

export interface Paging {
  limit: number;
  offset: number;
}

export const MAX_LIMIT = 500;

const single = (name: string) =>
  z
    .array(text())
    .max(1, { message: `filter.repeated` })
    .transform((v) => v[0])
    .describe(name);

const slugValue = text().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "filter.slug" }).max(200, { message: "filter.slug" });

const pagingFields = {
  limit: single("limit").pipe(
    text()
      .regex(/^\d{1,4}$/, { message: "filter.limit" })
      .transform(Number)
      .pipe(z.number().min(1, { message: "filter.limit" }).max(MAX_LIMIT, { message: "filter.limit" }))
      .optional(),
  ),
  offset: single("offset").pipe(text().regex(/^\d{1,9}$/, { message: "filter.offset" }).transform(Number).optional()),
};

const filterSchema = z.object({
  q: single("q").pipe(text().trim().max(200, { message: "filter.qTooLong" }).optional()),
  theme: single("theme").pipe(text().regex(/^[1-9]\d{0,2}$/, { message: "filter.theme" }).transform(Number).optional()),
  intention: single("intention").pipe(text().regex(/^\d{1,3}\.\d{1,3}$/, { message: "filter.intention" }).optional()),
  category: z.array(text().regex(/^[1-4]$/, { message: "filter.category" }).transform(Number)).max(4, { message: "filter.category" }),
  lead: single("lead").pipe(slugValue.optional()),
  partner: single("partner").pipe(slugValue.optional()),
  year: single("year").pipe(text().regex(/^\d{4}$/, { message: "filter.year" }).transform(Number).optional()),
  plan: single("plan").pipe(z.enum(["approved"], { message: "filter.plan" }).optional()),
  asOf: single("asOf").pipe(text().trim().refine(isCalendarDate, { message: "filter.asOf" }).optional()),
  ...pagingFields,
});

export const FILTER_NAMES = ["q", "theme", "intention", "category", "lead", "partner", "year", "plan", "asOf"] as const;

export type ParsedFilters = { ok: true; filters: ActionFilters; paging: Paging } | { ok: false; errors: FieldErrors };

/**
 * Reads filters and paging from a query string. Empty values count as absent (an HTML form sends
 * `theme=` for "all themes"); a malformed value is an error, never silently ignored.
 */
export function parseActionFilters(params: URLSearchParams): ParsedFilters {
  const result = filterSchema.safeParse(rawValues(params, [...FILTER_NAMES, "limit", "offset"]));
  if (!result.success) return { ok: false, errors: filterErrors(result.error) };
  const v = result.data;
  const limit = v.limit ?? DEFAULT_LIMIT;
  const filters: ActionFilters = { category: [...new Set(v.category)].sort() };
  if (v.q) filters.q = v.q;
  if (v.theme !== undefined) filters.theme = v.theme;
  if (v.intention !== undefined) filters.intention = v.intention;
  if (v.lead !== undefined) filters.lead = v.lead;
  if (v.partner !== undefined) filters.partner = v.partner;
  if (v.year !== undefined) filters.year = v.year;
  if (v.plan !== undefined) filters.plan = v.plan;
  if (v.asOf !== undefined) filters.asOf = v.asOf;
  return { ok: true, filters, paging: { limit, offset: v.offset ?? 0 } };
}

const pagingSchema = z.object(pagingFields);

export type ParsedPaging = { ok: true; paging: Paging } | { ok: false; errors: FieldErrors };

/**
 * Reads `limit` (1-500, default 100) and `offset` (default 0) alone, for lists without filters
 * (organisations, programmes), with the same rules and messages as the action list.
 */
export function parsePaging(params: URLSearchParams): ParsedPaging {
  const result = pagingSchema.safeParse(rawValues(params, ["limit", "offset"]));
  if (!result.success) return { ok: false, errors: filterErrors(result.error) };
  return { ok: true, paging: { limit: result.data.limit ?? DEFAULT_LIMIT, offset: result.data.offset ?? 0 } };
}

/** Every value of each named parameter; empty values count as absent. */
function rawValues(params: URLSearchParams, names: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(names.map((name) => [name, params.getAll(name).filter((v) => v.trim() !== "")]));
}

/** The first error per field; messages that are not filter messages become `filter.<field>`. */
function filterErrors(error: z.ZodError): FieldErrors {
  return zodFieldErrors(error, { accept: /^filter\./, fallback: (field) => `filter.${field}`, root: "query" });
}
