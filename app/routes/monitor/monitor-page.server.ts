import type { TFunction } from "i18next";
import { buildSeries, headlineRegion, latestFigure, selectBaseline, type SeriesModel } from "../../domain/monitor/analysis";
import { comparePeriods, parsePeriod, periodLabel, type Period } from "../../domain/monitor/periods";
import { REGION_AGGREGATE_CODE, regionInfo, regionName } from "../../domain/monitor/regions";
import type { IndicatorWithMeasurements, MeasurementSource } from "../../domain/monitor/types";
import { localeOf, type Language } from "../../lib/i18n";
import { translator } from "../../lib/i18n/catalogue.server";
import { cbsTableUrl } from "../../presenters/indicator";
import { renderSeriesChart } from "./chart.server";

/** A cell of the data table: the figure as shown, and as stored (for `data-value`). */
export interface TableCell {
  value: number | null;
  text: string;
  /** "provisional" / "revised-provisional" when so. */
  status: string | null;
  /** Why there is no figure, in words; null when there is one. */
  reason: string | null;
}

export interface DataTable {
  caption: string;
  columns: { region: string; name: string; computed: boolean }[];
  rows: { period: string; label: string; baseline: "programme" | "substitute" | "index-base" | null; cells: TableCell[] }[];
}

/** The unit after a number, with its space: "aantal" (a count) goes without saying. */
export function unitSuffix(unit: string): string {
  return unit.trim().toLowerCase() === "aantal" ? "" : ` ${unit}`;
}

export function formatNumber(value: number, decimals: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }).format(new Date(iso));
}

function reasonOf(t: TFunction, attribute: string): string {
  const known = ["Impossible", "Missing", "Confidential", "Empty", "Incomplete", "NotLoaded"];
  return known.includes(attribute) ? t(`monitor.attr_${attribute}`) : t("monitor.attr_other", { attribute });
}

/** The table next to a chart: a row per period, a column per region; gaps say why. */
export function dataTable(model: SeriesModel, indicator: IndicatorWithMeasurements, language: Language): DataTable {
  const t = translator(language);
  const decimals = model.view === "index" ? 1 : indicator.decimals;
  const caption =
    model.view === "index"
      ? t("monitor.tableCaptionIndex", { name: indicator.name, base: periodLabel(model.base ?? "", language) })
      : t("monitor.tableCaption", { name: indicator.name, unit: indicator.unit });
  return {
    caption,
    columns: model.series.map((s) => ({ region: s.region, name: s.name, computed: s.region === REGION_AGGREGATE_CODE && indicator.regionAggregate === "sum" })),
    rows: model.periods.map((p, i) => ({
      period: p.code,
      label: p.label,
      baseline:
        model.view === "index"
          ? p.code === model.base
            ? "index-base"
            : null
          : p.code === model.baseline.period
            ? model.baseline.substitute
              ? "substitute"
              : "programme"
            : null,
      cells: model.series.map((s) => {
        const point = s.points[i];
        if (!point || point.value === null) {
          const reason = reasonOf(t, point ? point.valueAttribute : "NotLoaded");
          return { value: null, text: "–", status: null, reason };
        }
        return {
          value: point.value,
          text: formatNumber(point.value, decimals, language),
          status: point.status === "final" ? null : point.status,
          reason: null,
        };
      }),
    })),
  };
}

/** Regions to draw in the values view: for counts, the region's own places (Zuid-Holland and the Netherlands would flatten them). */
export function chartRegions(indicator: IndicatorWithMeasurements, view: "values" | "index"): string[] {
  if (view === "index" || indicator.kind !== "count") return indicator.regions;
  const local = indicator.regions.filter((r) => {
    const level = regionInfo(r)?.level;
    return level === "municipality" || level === "region";
  });
  const hasData = local.some((r) => indicator.measurements.some((m) => m.region === r && m.value !== null));
  return hasData ? local : indicator.regions;
}

function rangeOf(model: SeriesModel) {
  return { from: model.periods[0]?.label ?? "", to: model.periods.at(-1)?.label ?? "" };
}

export type IndicatorView = { view: "values" | "index"; base: string | null };

/** Reads `?view=index&base=2019` (a year, or any period code); errors as message keys. */
export function readView(
  query: URLSearchParams,
  periodsWithFigures: string[],
): { ok: true; value: IndicatorView } | { ok: false; value: IndicatorView; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const viewRaw = query.get("view") ?? "values";
  const view = viewRaw === "index" ? "index" : "values";
  if (viewRaw !== "index" && viewRaw !== "values" && viewRaw !== "") errors.view = "monitor.errors.invalidView";
  let base: string | null = null;
  const baseRaw = (query.get("base") ?? "").trim();
  if (view === "index" && baseRaw !== "") {
    const code = /^\d{4}$/.test(baseRaw) ? `${baseRaw}JJ00` : baseRaw.toUpperCase();
    if (periodsWithFigures.includes(code)) base = code;
    else errors.base = "monitor.errors.invalidBase";
  }
  return Object.keys(errors).length ? { ok: false, value: { view, base }, errors } : { ok: true, value: { view, base } };
}

/** Everything the indicator page shows. */
export function indicatorPage(indicator: IndicatorWithMeasurements, sources: MeasurementSource[], options: IndicatorView & { language: Language }) {
  const { language } = options;
  const t = translator(language);
  const baseline = selectBaseline(indicator.baselinePeriod, indicator.measurements);
  const periodsWithFigures = [...new Set(indicator.measurements.filter((m) => m.value !== null).map((m) => m.period))]
    .map((c) => parsePeriod(c))
    .filter((p): p is Period => p !== undefined)
    .sort(comparePeriods);
  const base = options.view === "index" ? (options.base ?? baseline.period) : null;
  const tableModel = buildSeries(indicator, indicator.measurements, { view: options.view, base, language });
  const drawn = chartRegions(indicator, options.view);
  const chartModel = buildSeries(indicator, indicator.measurements, { view: options.view, base, language, regions: drawn });
  const range = rangeOf(chartModel);
  const hasFigures = chartModel.series.some((s) => s.points.some((p) => p && p.value !== null));
  const title =
    options.view === "index"
      ? t("monitor.chartTitleIndex", { name: indicator.name, base: periodLabel(base ?? "", language), ...range })
      : t("monitor.chartTitle", { name: indicator.name, ...range });
  const svg = hasFigures
    ? renderSeriesChart(
        chartModel,
        {
          title,
          description: t("monitor.chartDesc", { regions: chartModel.series.map((s) => s.name).join(", "), periods: chartModel.periods.map((p) => p.label).join(", ") }),
          baselineLabel:
            options.view === "index"
              ? null
              : baseline.period
                ? t(baseline.substitute ? "monitor.chartBaselineSubstitute" : "monitor.chartBaseline", { period: periodLabel(baseline.period, language) })
                : null,
        },
        { id: `grafiek-${indicator.id}`, width: 760, height: 440, language, decimals: indicator.decimals },
      )
    : null;
  const omitted = tableModel.series.map((s) => s.region).filter((r) => !drawn.includes(r));
  return {
    indicator: {
      id: indicator.id,
      theme: indicator.theme,
      name: indicator.name,
      definition: indicator.definition,
      unit: indicator.unit,
      decimals: indicator.decimals,
      goodDirection: indicator.goodDirection,
      source:
        indicator.source.type === "cbs"
          ? { type: "cbs" as const, table: indicator.source.table, measure: indicator.source.measure, title: indicator.source.title, url: cbsTableUrl(indicator.source.table) }
          : { type: "other" as const, name: indicator.source.name, url: indicator.source.url },
      attribution: indicator.attribution,
      regions: indicator.regions.map((r) => ({ code: r, name: regionName(r, language), aggregate: r === REGION_AGGREGATE_CODE ? indicator.regionAggregate : null })),
      target: indicator.target ? { ...indicator.target, text: formatNumber(indicator.target.value, indicator.decimals, language) } : null,
      unitSuffix: unitSuffix(indicator.unit),
      note: indicator.note,
      baselinePeriod: periodLabel(indicator.baselinePeriod, language),
    },
    baseline: { period: baseline.period ? periodLabel(baseline.period, language) : null, substitute: baseline.substitute },
    view: options.view,
    base: base ? { code: base, label: periodLabel(base, language) } : null,
    basePeriods: periodsWithFigures.map((p) => ({ code: p.code, label: p.label[language] })),
    svg,
    chartTitle: title,
    omittedFromChart: omitted.map((r) => regionName(r, language)),
    notIndexable: tableModel.notIndexable.map((r) => regionName(r, language)),
    table: dataTable(tableModel, indicator, language),
    hasProvisional: indicator.measurements.some((m) => m.status !== "final" && m.value !== null),
    hasComputed: indicator.regionAggregate === "sum" && indicator.measurements.some((m) => m.computed),
    sources: sources.map((s) => ({
      id: s.importId,
      attribution: s.attribution,
      sourceName: s.sourceName,
      retrieved: s.retrievedAt ? formatDate(s.retrievedAt, language) : null,
      count: s.count,
    })),
  };
}

/** One card of the overview: a small chart of the headline region, the latest figure and the baseline. */
export function indicatorGlance(indicator: IndicatorWithMeasurements, language: Language) {
  const t = translator(language);
  const region = headlineRegion(indicator, indicator.measurements);
  const base = {
    id: indicator.id,
    name: indicator.name,
    unit: indicator.unit,
    attribution: indicator.attribution,
  };
  if (!region) return { ...base, svg: null, caption: null, latest: null, baseline: null, table: null };
  const model = buildSeries(indicator, indicator.measurements, { view: "values", language, regions: [region] });
  const range = rangeOf(model);
  const baseline = model.baseline;
  const latest = latestFigure(indicator.measurements, region);
  const atBaseline = baseline.period ? indicator.measurements.find((m) => m.region === region && m.period === baseline.period && m.value !== null) : undefined;
  const caption = t("monitor.glanceCaption", { name: indicator.name, region: regionName(region, language), ...range });
  const svg = renderSeriesChart(
    model,
    {
      title: caption,
      description: t("monitor.chartDesc", { regions: regionName(region, language), periods: model.periods.map((p) => p.label).join(", ") }),
      baselineLabel: null,
    },
    { id: `klein-${indicator.id}`, width: 320, height: 170, language, decimals: indicator.decimals, compact: true },
  );
  return {
    ...base,
    svg,
    caption,
    latest: latest
      ? t("monitor.latest", {
          value: formatNumber(latest.value!, indicator.decimals, language),
          unit: unitSuffix(indicator.unit),
          region: regionName(region, language),
          period: periodLabel(latest.period, language),
        }) + (latest.status !== "final" ? ` (${t(`monitor.${latest.status}`)})` : "")
      : null,
    baseline:
      atBaseline && baseline.period
        ? t(baseline.substitute ? "monitor.sinceSubstitute" : "monitor.sinceBaseline", {
            period: periodLabel(baseline.period, language),
            value: formatNumber(atBaseline.value!, indicator.decimals, language),
            unit: unitSuffix(indicator.unit),
          })
        : null,
    table: dataTable(model, indicator, language),
  };
}

/** The theme page's list: each indicator of the theme with its latest figure in words. */
export async function themeIndicatorItems(
  context: { services: { monitor: { listWithMeasurements: (programmeId: number, filter: { theme?: number }) => Promise<IndicatorWithMeasurements[]> } }; language: Language },
  programmeId: number,
  theme: number,
) {
  const list = await context.services.monitor.listWithMeasurements(programmeId, { theme });
  return list.map((i) => ({ id: i.id, name: i.name, latest: indicatorLatest(i, context.language) }));
}

function indicatorLatest(indicator: IndicatorWithMeasurements, language: Language): string | null {
  const region = headlineRegion(indicator, indicator.measurements);
  const latest = region ? latestFigure(indicator.measurements, region) : undefined;
  if (!region || !latest || latest.value === null) return null;
  return translator(language)("monitor.latest", {
    value: formatNumber(latest.value, indicator.decimals, language),
    unit: unitSuffix(indicator.unit),
    region: regionName(region, language),
    period: periodLabel(latest.period, language),
  });
}
