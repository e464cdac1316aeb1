import { cbsKeysOf, type CbsKey, type IndicatorSource, type RegionAggregate } from "./indicator-definition";
import { capErrors, error, warning, type IssueLocation, type MonitorIssue } from "./issues";
import type { Observation, ParsedFile, RawValue } from "./parse-files";
import { looksLikePeriodCode, parsePeriod } from "./periods";
import { REGION_AGGREGATE_CODE, isRegionCodeShape, normaliseRegionCode } from "./regions";
import type { MeasurementRow } from "./types";
import { readV4Value, readValueText, type ValueReading } from "./values";

/** What the mapping needs to know of an indicator. */
export interface MappableIndicator {
  id: string;
  regions: string[];
  regionAggregate: RegionAggregate | null;
  source: IndicatorSource;
  unit?: string;
}

export interface MappedRow extends MeasurementRow {
  location: IssueLocation;
}

export interface MapResult {
  ok: boolean;
  rows: MappedRow[];
  issues: MonitorIssue[];
  /** The CBS table the rows come from (null for Regie's CSV). */
  table: string | null;
}

export interface MapOptions {
  /** Only this indicator: the file must be one of its sources. */
  indicator?: string;
  /** Units from the table's MeasureCodes, to check against the indicators' units. */
  units?: Map<string, string>;
}

function readRaw(raw: RawValue): ValueReading {
  if (raw.kind === "v4") return readV4Value(raw.value, raw.attribute);
  if (raw.kind === "number") return raw.value === null ? { ok: true, value: null, valueAttribute: "Missing" } : { ok: true, value: raw.value, valueAttribute: "None" };
  return readValueText(raw.text);
}

/** The location of another field of the same observation (its region or period). */
function locate(o: Observation, field: string, csvColumn: string): IssueLocation {
  if (o.location.path) return { path: o.location.path.replace(/\.[^.[\]]+$/, `.${field}`) };
  return { line: o.location.line, column: csvColumn };
}

const sameTable = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Counts per key, turned into one warning each at the end. */
class Tally {
  private readonly counts = new Map<string, { params: Record<string, string | number>; count: number }>();
  add(code: string, params: Record<string, string>) {
    const key = `${code}|${JSON.stringify(params)}`;
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { params: { ...params }, count: 1 });
  }
  warnings(): MonitorIssue[] {
    return [...this.counts.entries()].map(([key, v]) => warning(key.split("|")[0] as MonitorIssue["code"], { ...v.params, count: v.count }));
  }
}

/**
 * Turns a read file into rows for indicators: finds each figure's indicator (by CBS table and
 * measure or v3 key, or by the indicator column), checks region, period, value and status, and
 * reports every problem with its place. All-or-nothing: `ok` is false when any error was found.
 */
export function mapObservations(parsed: ParsedFile, indicators: MappableIndicator[], options: MapOptions = {}): MapResult {
  const issues: MonitorIssue[] = [...parsed.issues];
  const tally = new Tally();
  const rows: MappedRow[] = [];
  const seen = new Map<string, IssueLocation>();
  let statusAssumed = false;

  let candidates = indicators;
  if (options.indicator !== undefined) {
    const only = indicators.find((i) => i.id === options.indicator);
    if (!only) return { ok: false, rows: [], issues: [error("indicator-unknown", { indicator: options.indicator })], table: parsed.table };
    candidates = [only];
  }

  const accept = (ind: MappableIndicator, o: Observation) => {
    const region = normaliseRegionCode(o.region);
    if (!isRegionCodeShape(region)) {
      issues.push(error("region-invalid", { region: o.region.trim() }, locate(o, "RegioS", parsed.format === "csv" ? "region" : "RegioS")));
      return;
    }
    const period = parsePeriod(o.period);
    if (!period) {
      const code = looksLikePeriodCode(o.period) ? "period-unsupported" : "period-invalid";
      issues.push(error(code, { period: o.period.trim() }, locate(o, "Perioden", parsed.format === "csv" ? "period" : "Perioden")));
      return;
    }
    if (region === REGION_AGGREGATE_CODE && ind.regionAggregate === "sum") {
      tally.add("region-computed", { region, indicator: ind.id });
      return;
    }
    if (!ind.regions.includes(region)) {
      if (parsed.format === "csv") {
        issues.push(error("region-not-measured", { region, indicator: ind.id }, locate(o, "RegioS", "region")));
      } else tally.add("region-skipped", { region });
      return;
    }
    const value = readRaw(o.raw);
    if (!value.ok) {
      const shown = o.raw.kind === "text" ? o.raw.text.trim() : o.raw.kind === "v4" ? JSON.stringify(o.raw.value) : String(o.raw.value);
      issues.push(error("value-not-numeric", { value: shown.slice(0, 40) }, o.location));
      return;
    }
    let status = o.status;
    if (!status) {
      if (o.statusText) {
        issues.push(error("status-invalid", { status: o.statusText }, { line: o.location.line, column: "status" }));
        return;
      }
      status = "final";
      if (o.statusText === undefined) statusAssumed = true;
    }
    const key = `${ind.id}|${region}|${period.code}`;
    const first = seen.get(key);
    if (first) {
      const where = first.line !== undefined ? String(first.line) : (first.path ?? "");
      issues.push(error("duplicate", { indicator: ind.id, region, period: period.code, first: where }, o.location));
      return;
    }
    seen.set(key, o.location);
    rows.push({ indicator: ind.id, region, period: period.code, value: value.value, valueAttribute: value.valueAttribute, status, location: o.location });
  };

  if (parsed.format === "csv") {
    const byId = new Map(indicators.map((i) => [i.id, i]));
    for (const o of parsed.observations) {
      const ind = byId.get(o.key.id);
      if (!ind) {
        issues.push(error("indicator-unknown", { indicator: o.key.id }, { line: o.location.line, column: "indicator" }));
        continue;
      }
      if (options.indicator !== undefined && ind.id !== options.indicator) {
        issues.push(error("indicator-mismatch", { indicator: ind.id, expected: options.indicator }, { line: o.location.line, column: "indicator" }));
        continue;
      }
      accept(ind, o);
    }
  } else {
    const keys = candidates.flatMap((ind) => cbsKeysOf(ind.source).map((key) => ({ ind, key })));
    let table = parsed.table;
    if (!table) {
      // A v3 CSV without its download name: the topic keys tell the table when only one fits.
      const found = new Set(parsed.observations.map((o) => o.key.id));
      const tables = [...new Set(keys.filter(({ key }) => key.v3Keys.some((k) => found.has(k)) || (key.measure !== null && found.has(key.measure))).map(({ key }) => key.table))];
      if (tables.length !== 1) return { ok: false, rows: [], issues: [...issues, error("table-unknown")], table: null };
      table = tables[0]!;
      issues.push(warning("table-from-columns", { table }));
    }
    const own = keys.filter(({ key }) => sameTable(key.table, table));
    if (own.length === 0) {
      const code = options.indicator !== undefined ? "table-mismatch" : "table-not-in-monitor";
      const expected = [...new Set(keys.map(({ key }) => key.table))].join(", ");
      return { ok: false, rows: [], issues: [...issues, error(code, { table, expected, indicator: options.indicator ?? "" })], table };
    }
    const byKey = new Map<string, { ind: MappableIndicator; key: CbsKey }[]>();
    for (const entry of own) {
      const ids = entry.key.measure !== null ? [`measure:${entry.key.measure}`] : [];
      for (const id of [...ids, ...entry.key.v3Keys.map((k) => `v3Key:${k}`)]) byKey.set(id, [...(byKey.get(id) ?? []), entry]);
    }
    const unusedColumns = new Set<string>();
    for (const o of parsed.observations) {
      const entries = byKey.get(`${o.key.type}:${o.key.id}`);
      if (!entries) {
        if (o.key.type === "measure") tally.add("measure-not-used", { measure: o.key.id });
        else unusedColumns.add(o.key.id);
        continue;
      }
      const matching = entries.filter(({ key }) => Object.entries(key.dimensions).every(([d, v]) => o.dimensions[d] === v));
      if (matching.length === 0) {
        tally.add("dimension-not-used", { measure: o.key.id });
        continue;
      }
      for (const { ind } of matching) accept(ind, o);
    }
    if (unusedColumns.size > 0) issues.push(warning("columns-not-used", { count: unusedColumns.size }));
    if (options.units) {
      for (const { ind, key } of own) {
        const unit = key.measure !== null ? options.units.get(key.measure) : undefined;
        if (unit && ind.unit && unit.replace(/\s+/g, " ").trim() !== ind.unit.replace(/\s+/g, " ").trim()) {
          issues.push(warning("unit-differs", { indicator: ind.id, unit, expected: ind.unit }));
        }
      }
    }
    parsed = { ...parsed, table };
  }

  if (statusAssumed) issues.push(warning("status-assumed"));
  issues.push(...tally.warnings());
  const hasErrors = issues.some((i) => i.severity === "error");
  if (!hasErrors && rows.length === 0) issues.push(error("nothing-to-import", { table: parsed.table ?? "" }));
  const ok = !issues.some((i) => i.severity === "error");
  return { ok, rows: ok ? rows : [], issues: capErrors(issues), table: parsed.table };
}
