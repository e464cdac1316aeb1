import type { z } from "zod";
import type { annualReportSchema } from "../api/reports/schema";
import type { AnnualReport } from "../domain/reports/annual-report";

/** The annual report as the API answers it: the model, with each indicator's figures instead of its chart series. */
export function presentAnnualReport(model: AnnualReport, final: boolean, finalisedAt: string | null): z.infer<typeof annualReportSchema> {
  return {
    kind: model.kind,
    final,
    finalisedAt,
    programme: model.programme,
    year: model.year,
    asOf: model.asOf,
    generatedOn: model.generatedOn,
    introduction: model.introduction,
    categories: model.categories,
    counts: model.counts,
    themes: model.themes.map((t) => ({ number: t.number, title: t.title, text: t.text, intentions: t.intentions })),
    decisions: model.decisions,
    meetings: model.meetings,
    indicators: model.indicators.map((i) => ({
      id: i.id,
      theme: i.theme,
      name: i.name,
      unit: i.unit,
      region: i.region,
      regionName: i.regionName,
      baseline: i.baseline,
      latest: i.latest,
      change: i.change,
      changePercent: i.changePercent,
      attribution: i.attribution,
      figures: i.series ? i.series.periods.map((p, n) => ({ period: p.code, value: i.series!.series[0]?.points[n]?.value ?? null })) : [],
    })),
    attention: model.attention,
  };
}
