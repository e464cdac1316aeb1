import { cbsKeysOf } from "./indicator-definition";
import { error, type MonitorIssue } from "./issues";
import type { MappableIndicator } from "./map-observations";
import { parseV4Observations, readMeasureUnits, readPeriodStatuses, type Observation, type ParsedFile } from "./parse-files";
import { REGION_AGGREGATE_CODE } from "./regions";

/** CBS's OData v4 service; CBS_ODATA_URL overrides it (tests point it at a local server). */
export const DEFAULT_CBS_ODATA_URL = "https://datasets.cbs.nl/odata/v1/CBS";

export interface FetchTableOptions {
  baseUrl: string;
  table: string;
  /** The indicators fed by this table (their measures, regions and fixed dimensions make the filter). */
  indicators: MappableIndicator[];
  /** First period to ask for, e.g. "2013JJ00". */
  since: string;
  fetch?: typeof fetch;
  maxPages?: number;
  timeoutMs?: number;
}

export type FetchTableResult =
  | { ok: true; parsed: ParsedFile; units: Map<string, string>; url: string; pages: number }
  | { ok: false; issues: MonitorIssue[]; url: string };

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The `$filter` for the indicators' measures and regions from `since` on. */
export function observationsFilter(table: string, indicators: MappableIndicator[], since: string): string {
  const keys = indicators.flatMap((i) => cbsKeysOf(i.source)).filter((k) => k.table.toLowerCase() === table.toLowerCase() && k.measure !== null);
  const measures = [...new Set(keys.map((k) => k.measure!))].sort();
  const regions = [...new Set(indicators.flatMap((i) => i.regions))].filter((r) => r !== REGION_AGGREGATE_CODE).sort();
  const parts = [
    `(${measures.map((m) => `Measure eq ${quote(m)}`).join(" or ")})`,
    `(${regions.map((r) => `RegioS eq ${quote(r)}`).join(" or ")})`,
    `Perioden ge ${quote(since)}`,
  ];
  // Fixed dimensions (men and women, all ages …) only when every measure wants the same ones.
  const dims = keys.map((k) => JSON.stringify(Object.entries(k.dimensions).sort()));
  if (keys.length > 0 && new Set(dims).size === 1) {
    for (const [d, v] of Object.entries(keys[0]!.dimensions).sort()) parts.push(`${d} eq ${quote(v)}`);
  }
  return parts.join(" and ");
}

/**
 * Fetches a table's Observations for the given indicators from the CBS v4 API, following
 * `@odata.nextLink` (only within the same service), with the period statuses (PeriodenCodes) and
 * units (MeasureCodes) when the service gives them.
 */
export async function fetchCbsTable(options: FetchTableOptions): Promise<FetchTableResult> {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  const tableUrl = `${base}/${encodeURIComponent(options.table)}`;
  const filter = observationsFilter(options.table, options.indicators, options.since);
  const first = `${tableUrl}/Observations?$filter=${encodeURIComponent(filter)}`;
  const origin = new URL(base).origin;
  const timeout = options.timeoutMs ?? 60_000;

  const getJson = async (url: string): Promise<{ ok: true; json: unknown } | { ok: false; issue: MonitorIssue }> => {
    let res: Response;
    try {
      res = await doFetch(url, { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(timeout) });
    } catch (e) {
      return { ok: false, issue: error("fetch-failed", { url, message: e instanceof Error ? e.message : String(e) }) };
    }
    if (!res.ok) return { ok: false, issue: error("fetch-failed", { url, message: `HTTP ${res.status}` }) };
    try {
      return { ok: true, json: (await res.json()) as unknown };
    } catch {
      return { ok: false, issue: error("fetch-not-json", { url }) };
    }
  };

  const [periodCodes, measureCodes] = await Promise.all([getJson(`${tableUrl}/PeriodenCodes`), getJson(`${tableUrl}/MeasureCodes`)]);
  const periodStatuses = periodCodes.ok ? readPeriodStatuses(periodCodes.json) : new Map();
  const units = measureCodes.ok ? readMeasureUnits(measureCodes.json) : new Map<string, string>();

  const observations: Observation[] = [];
  const issues: MonitorIssue[] = [];
  let next: string | undefined = first;
  let pages = 0;
  const maxPages = options.maxPages ?? 200;
  while (next) {
    if (pages >= maxPages) return { ok: false, issues: [error("fetch-too-many-pages", { pages: maxPages, url: first })], url: first };
    const page = await getJson(next);
    if (!page.ok) return { ok: false, issues: [page.issue], url: first };
    pages++;
    const body = page.json as { "@odata.nextLink"?: unknown } | null;
    const parsed = parseV4Observations(page.json, { periodStatuses, pathPrefix: `$[page ${pages}]` });
    observations.push(...parsed.observations);
    issues.push(...parsed.issues);
    const link = body?.["@odata.nextLink"];
    next = undefined;
    if (typeof link === "string" && link !== "") {
      const url = new URL(link, first);
      if (url.origin !== origin) return { ok: false, issues: [error("fetch-failed", { url: url.toString(), message: "nextLink leaves the service" })], url: first };
      next = url.toString();
    }
  }
  return { ok: true, parsed: { format: "cbs-v4", table: options.table, observations, issues }, units, url: first, pages };
}
