import { comparePeriods, fillPeriods, parsePeriod, type Period } from "./periods";
import { LEIDSE_REGIO_MUNICIPALITIES, REGION_AGGREGATE_CODE, regionName, regionOrder } from "./regions";
import type { Indicator, Measurement } from "./types";
import { worstStatus, type MeasurementStatus } from "./values";

/** Regie's own value attribute for an LR071 sum that lacks a municipality's figure. */
export const INCOMPLETE = "Incomplete";

/** Adds what comes out of addition without floating-point noise (0.1 + 0.2 = 0.3). */
function cleanSum(values: number[]): number {
  const decimals = Math.max(0, ...values.map((v) => (String(v).split(".")[1] ?? "").length));
  const f = 10 ** Math.min(decimals, 6);
  return Math.round(values.reduce((a, b) => a + b, 0) * f) / f;
}

/**
 * The LR071 figures of a count indicator: per period, the sum of the five municipalities when all
 * five have a figure; otherwise no figure ("Incomplete"). Stated aggregates are stored, not computed.
 */
export function computeRegionSums(indicator: Pick<Indicator, "regionAggregate" | "regions">, measurements: Measurement[]): Measurement[] {
  if (indicator.regionAggregate !== "sum" || !indicator.regions.includes(REGION_AGGREGATE_CODE)) return [];
  const byPeriod = new Map<string, Measurement[]>();
  for (const m of measurements) {
    if (!(LEIDSE_REGIO_MUNICIPALITIES as readonly string[]).includes(m.region)) continue;
    byPeriod.set(m.period, [...(byPeriod.get(m.period) ?? []), m]);
  }
  const out: Measurement[] = [];
  for (const [period, parts] of byPeriod) {
    const complete = parts.length === LEIDSE_REGIO_MUNICIPALITIES.length && parts.every((p) => p.value !== null);
    const status = parts.reduce<MeasurementStatus>((s, p) => worstStatus(s, p.status), "final");
    const retrieved = parts.map((p) => p.retrievedAt).filter((r): r is string => r !== null).sort().at(-1) ?? null;
    out.push({
      region: REGION_AGGREGATE_CODE,
      period,
      value: complete ? cleanSum(parts.map((p) => p.value!)) : null,
      valueAttribute: complete ? "None" : INCOMPLETE,
      status,
      retrievedAt: retrieved,
      importId: null,
      computed: true,
    });
  }
  return out;
}

/** Measurements sorted by region (catalogue order) and period. */
export function sortMeasurements(ms: Measurement[]): Measurement[] {
  return [...ms].sort((a, b) => {
    const r = regionOrder(a.region) - regionOrder(b.region) || a.region.localeCompare(b.region);
    if (r !== 0) return r;
    const pa = parsePeriod(a.period);
    const pb = parsePeriod(b.period);
    return pa && pb ? comparePeriods(pa, pb) : a.period.localeCompare(b.period);
  });
}

export interface Baseline {
  /** The programme's baseline period (2013JJ00). */
  programmePeriod: string;
  /** The period used as baseline: the programme's when it has a figure, else the earliest with one; null without figures. */
  period: string | null;
  /** True when the programme's baseline period has no figure and the earliest loaded period stands in. */
  substitute: boolean;
}

/** The baseline of an indicator's series: 2013 when loaded, else the earliest loaded period, labelled as a substitute. */
export function selectBaseline(programmePeriod: string, measurements: Measurement[]): Baseline {
  const withValue = measurements.filter((m) => m.value !== null);
  if (withValue.some((m) => m.period === programmePeriod)) return { programmePeriod, period: programmePeriod, substitute: false };
  const periods = [...new Set(withValue.map((m) => m.period))]
    .map((c) => parsePeriod(c))
    .filter((p): p is Period => p !== undefined)
    .sort(comparePeriods);
  const first = periods[0];
  return { programmePeriod, period: first ? first.code : null, substitute: first !== undefined };
}

/** Index figures (base period = 100) per region; regions without a figure (or 0) in the base period get none. */
export function indexMeasurements(measurements: Measurement[], basePeriod: string): { indexed: Measurement[]; notIndexable: string[] } {
  const base = new Map<string, number>();
  for (const m of measurements) if (m.period === basePeriod && m.value !== null && m.value !== 0) base.set(m.region, m.value);
  const regions = [...new Set(measurements.map((m) => m.region))];
  const indexed = measurements
    .filter((m) => base.has(m.region))
    .map((m) => ({ ...m, value: m.value === null ? null : Math.round((m.value / base.get(m.region)!) * 1000) / 10 }));
  return { indexed, notIndexable: regions.filter((r) => !base.has(r)) };
}

export interface SeriesPoint {
  value: number | null;
  /** The stored figure (also in the index view), for the data table. */
  original: number | null;
  valueAttribute: string;
  status: MeasurementStatus;
  computed: boolean;
}

export interface SeriesModel {
  view: "values" | "index";
  /** Every period from the first to the last figure, so that missing ones show as gaps. */
  periods: { code: string; label: string }[];
  series: { region: string; name: string; points: (SeriesPoint | null)[] }[];
  baseline: Baseline;
  /** The index base (view "index"). */
  base: string | null;
  /** Regions without a figure in the index base. */
  notIndexable: string[];
}

/** The chart's and the table's data for one indicator: per region, a point per period (null where nothing is loaded). */
export function buildSeries(
  indicator: Pick<Indicator, "regions" | "baselinePeriod">,
  measurements: Measurement[],
  options: { view: "values" | "index"; base?: string | null; language: "nl" | "en"; regions?: string[] },
): SeriesModel {
  const baseline = selectBaseline(indicator.baselinePeriod, measurements);
  const regions = (options.regions ?? indicator.regions).filter((r) => measurements.some((m) => m.region === r));
  const own = measurements.filter((m) => regions.includes(m.region));
  let shown = own;
  let notIndexable: string[] = [];
  const base = options.view === "index" ? (options.base ?? baseline.period) : null;
  if (options.view === "index" && base) {
    const r = indexMeasurements(own, base);
    shown = r.indexed;
    notIndexable = r.notIndexable;
  }
  const periods = fillPeriods(
    [...new Set(own.map((m) => m.period))].map((c) => parsePeriod(c)).filter((p): p is Period => p !== undefined),
  );
  const original = new Map(own.map((m) => [`${m.region}|${m.period}`, m.value]));
  const series = regions
    .filter((r) => !notIndexable.includes(r))
    .map((region) => {
      const mine = new Map(shown.filter((m) => m.region === region).map((m) => [m.period, m]));
      return {
        region,
        name: regionName(region, options.language),
        points: periods.map((p) => {
          const m = mine.get(p.code);
          return m
            ? { value: m.value, original: original.get(`${region}|${p.code}`) ?? null, valueAttribute: m.valueAttribute, status: m.status, computed: m.computed }
            : null;
        }),
      };
    });
  return {
    view: options.view,
    periods: periods.map((p) => ({ code: p.code, label: p.label[options.language] })),
    series,
    baseline,
    base,
    notIndexable,
  };
}

/** The latest period with a figure for a region, with that figure. */
export function latestFigure(measurements: Measurement[], region: string): Measurement | undefined {
  return sortMeasurements(measurements.filter((m) => m.region === region && m.value !== null)).at(-1);
}

/** The region a small chart shows: the region total when there is one with figures, else Leiden, else the first with figures. */
export function headlineRegion(indicator: Pick<Indicator, "regions">, measurements: Measurement[]): string | undefined {
  const has = (r: string) => measurements.some((m) => m.region === r && m.value !== null);
  for (const r of [REGION_AGGREGATE_CODE, "GM0546"]) if (indicator.regions.includes(r) && has(r)) return r;
  return indicator.regions.find(has);
}
