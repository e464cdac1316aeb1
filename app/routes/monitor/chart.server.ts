import { createHash } from "node:crypto";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LRUCache } from "lru-cache";
import { SVGRenderer } from "echarts/renderers";
import type { SeriesModel } from "../../domain/monitor/analysis";
import { REGION_AGGREGATE_CODE } from "../../domain/monitor/regions";
import { localeOf, type Language } from "../../lib/i18n";
import { sanitiseChartSvg } from "./svg.server";

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

type Shape = "circle" | "rect" | "triangle" | "diamond" | "roundRect" | "pin" | "arrow";

/**
 * One look per region, the same on every chart: colour (each at least 3:1 against white),
 * marker shape and line style, so that colour never carries the meaning alone; the legend names them.
 */
const REGION_STYLE: Record<string, { color: string; symbol: Shape; line: "solid" | "dashed" | "dotted"; width: number }> = {
  GM0546: { color: "#0b5fa5", symbol: "circle", line: "solid", width: 2 },
  GM0547: { color: "#b34700", symbol: "rect", line: "solid", width: 2 },
  GM0579: { color: "#12715b", symbol: "triangle", line: "solid", width: 2 },
  GM0626: { color: "#9c3a76", symbol: "diamond", line: "solid", width: 2 },
  GM0638: { color: "#6b5800", symbol: "roundRect", line: "solid", width: 2 },
  [REGION_AGGREGATE_CODE]: { color: "#1a1a1a", symbol: "circle", line: "solid", width: 3.5 },
  CR25: { color: "#33658a", symbol: "pin", line: "dashed", width: 2 },
  AM19: { color: "#5a4a8a", symbol: "arrow", line: "dashed", width: 2 },
  PV28: { color: "#7a4d00", symbol: "triangle", line: "dashed", width: 2 },
  NL01: { color: "#595959", symbol: "rect", line: "dotted", width: 2.5 },
};
const FALLBACK = { color: "#333333", symbol: "circle" as Shape, line: "dashed" as const, width: 2 };

export interface ChartTexts {
  /** The accessible name: indicator, regions' count and the period range. */
  title: string;
  /** Which regions and periods the chart shows, in words. */
  description: string;
  /** The label at the baseline line, e.g. "Basisjaar 2013". */
  baselineLabel: string | null;
}

export interface ChartOptions {
  id: string;
  width: number;
  height: number;
  language: Language;
  decimals: number;
  /** Small multiples on the overview: no legend, fewer labels. */
  compact?: boolean;
}

/** Charts already drawn, by what they show: the figures change only with an import. */
const cache = new LRUCache<string, string>({ max: 300 });
let drawn = 0;

/** How many charts ECharts has drawn in this process (the rest came from memory); for tests. */
export function chartsDrawn(): number {
  return drawn;
}

/** Renders a series model as an accessible, CSP-safe SVG line chart (ECharts, server side); drawn once per content. */
export function renderSeriesChart(model: SeriesModel, texts: ChartTexts, options: ChartOptions): string {
  const key = createHash("sha256").update(JSON.stringify([model, texts, options])).digest("base64url");
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const svg = drawChart(model, texts, options);
  cache.set(key, svg);
  return svg;
}

function drawChart(model: SeriesModel, texts: ChartTexts, options: ChartOptions): string {
  drawn++;
  const axisFormat = new Intl.NumberFormat(localeOf(options.language), { notation: "standard", maximumFractionDigits: 2 });
  const baselineIndex = model.baseline.period ? model.periods.findIndex((p) => p.code === (model.view === "index" ? model.base : model.baseline.period)) : -1;
  const many = model.periods.length > (options.compact ? 4 : 12);
  const series = model.series.map((s, i) => {
    const style = REGION_STYLE[s.region] ?? FALLBACK;
    const markLines: unknown[] = [];
    if (i === 0 && baselineIndex >= 0) {
      markLines.push({
        xAxis: baselineIndex,
        lineStyle: { color: "#1a1a1a", type: "dashed", width: 1.5 },
        label: texts.baselineLabel && !options.compact ? { formatter: texts.baselineLabel, position: "end", color: "#1a1a1a", fontSize: 12 } : { show: false },
      });
    }
    if (i === 0 && model.view === "index") {
      markLines.push({ yAxis: 100, lineStyle: { color: "#595959", type: "solid", width: 1 }, label: { show: false } });
    }
    return {
      type: "line" as const,
      name: s.name,
      symbol: style.symbol,
      symbolSize: options.compact ? 6 : 8,
      showAllSymbol: true,
      connectNulls: false,
      color: style.color,
      lineStyle: { color: style.color, width: style.width, type: style.line },
      itemStyle: { color: style.color },
      data: s.points.map((p) => {
        if (!p || p.value === null) return null;
        // Provisional figures: the same shape, hollow.
        return p.status === "final" ? p.value : { value: p.value, symbol: `empty${style.symbol[0]!.toUpperCase()}${style.symbol.slice(1)}`, symbolSize: options.compact ? 8 : 10 };
      }),
      ...(markLines.length ? { markLine: { symbol: "none", silent: true, animation: false, data: markLines } } : {}),
    };
  });

  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: options.width, height: options.height });
  try {
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: "sans-serif", fontSize: 12, color: "#1a1a1a" },
      grid: options.compact
        ? { left: 8, right: 12, top: 12, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" }
        : { left: 16, right: 24, top: 36, bottom: 16 + 24 * Math.ceil(series.length / 3), outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      legend: options.compact
        ? { show: false }
        : { bottom: 0, left: "center", itemWidth: 30, itemHeight: 12, itemGap: 18, textStyle: { color: "#1a1a1a", fontSize: 12 } },
      xAxis: {
        type: "category",
        boundaryGap: false,
        data: model.periods.map((p) => p.label),
        axisLine: { lineStyle: { color: "#595959" } },
        axisTick: { alignWithLabel: true },
        axisLabel: { color: "#1a1a1a", interval: options.compact ? "auto" : 0, rotate: many && !options.compact ? 45 : 0, hideOverlap: true },
      },
      yAxis: {
        type: "value",
        scale: model.view === "index",
        axisLabel: { color: "#1a1a1a", formatter: (v: number) => axisFormat.format(v) },
        splitLine: { lineStyle: { color: "#d0d0d0" } },
        splitNumber: options.compact ? 3 : 5,
      },
      series,
    });
    return sanitiseChartSvg(chart.renderToSVGString(), {
      id: options.id,
      title: texts.title,
      description: texts.description,
      className: options.compact ? "regie-chart__svg regie-chart__svg--small" : "regie-chart__svg",
    });
  } finally {
    chart.dispose();
  }
}
