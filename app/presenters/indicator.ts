import type { IndicatorBody } from "../api/monitor/schema";
import { selectBaseline } from "../domain/monitor/analysis";
import { regionName, REGION_AGGREGATE_CODE } from "../domain/monitor/regions";
import type { IndicatorWithMeasurements } from "../domain/monitor/types";
import { toCsv } from "./csv";

/** CBS's page for a table (StatLine's successor, the CBS data portal). */
export function cbsTableUrl(table: string): string {
  return `https://dataportal.cbs.nl/detail/CBS/${encodeURIComponent(table)}`;
}

/** The open-data shape of an indicator with its figures; exactly these fields leave the server. */
export function presentIndicator(i: IndicatorWithMeasurements): IndicatorBody {
  const baseline = selectBaseline(i.baselinePeriod, i.measurements);
  return {
    id: i.id,
    theme: i.theme,
    name: i.name,
    definition: i.definition,
    unit: i.unit,
    decimals: i.decimals,
    kind: i.kind,
    goodDirection: i.goodDirection,
    source:
      i.source.type === "cbs"
        ? { type: "cbs" as const, table: i.source.table, measure: i.source.measure, title: i.source.title, url: cbsTableUrl(i.source.table) }
        : { type: "other" as const, name: i.source.name, url: i.source.url },
    attribution: i.attribution,
    licence: i.source.type === "cbs" ? "CC-BY-4.0" : null,
    regions: i.regions.map((code) => ({
      code,
      name: regionName(code, "nl"),
      computed: code === REGION_AGGREGATE_CODE && i.regionAggregate === "sum",
    })),
    regionAggregate: i.regionAggregate,
    baselinePeriod: i.baselinePeriod,
    baseline: { period: baseline.period, substitute: baseline.substitute },
    target: i.target,
    note: i.note,
    measurements: i.measurements.map((m) => ({
      region: m.region,
      period: m.period,
      value: m.value,
      valueAttribute: m.valueAttribute,
      status: m.status,
      retrievedAt: m.retrievedAt,
    })),
    updatedAt: i.updatedAt,
  };
}

export const INDICATOR_CSV_HEADERS = [
  "indicator",
  "theme",
  "region",
  "regionName",
  "period",
  "value",
  "valueAttribute",
  "status",
  "unit",
  "retrievedAt",
  "attribution",
] as const;

/**
 * Figures as CSV, one row per indicator, region and period, in the shape `regie import-monitor`
 * reads back (`indicator`, `region`, `period`, `value`, `status`; the other columns are ignored).
 * Values use a decimal point, as CBS's own CSV does.
 */
export function indicatorsToCsv(indicators: IndicatorWithMeasurements[]): string {
  const rows = indicators.flatMap((i) =>
    i.measurements.map((m) => [
      i.id,
      i.theme,
      m.region,
      regionName(m.region, "nl"),
      m.period,
      m.value,
      m.valueAttribute,
      m.status,
      i.unit,
      m.retrievedAt,
      i.attribution,
    ]),
  );
  return toCsv(INDICATOR_CSV_HEADERS, rows);
}
