import type { z } from "zod";
import type { annualProgrammeSchema, annualReportSchema } from "../api/reports/schema";
import type { AnnualProgramme } from "../domain/reports/annual-programme";
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

/** The annual programme as the API answers it, with where it stands on the way to adoption. */
export function presentAnnualProgramme(
  model: AnnualProgramme,
  status: "draft" | "proposed" | "final",
  adoptedAt: string | null,
): z.infer<typeof annualProgrammeSchema> {
  return {
    kind: model.kind,
    status,
    adoptedAt,
    programme: model.programme,
    year: model.year,
    generatedOn: model.generatedOn,
    introduction: model.introduction,
    categories: model.categories,
    counts: model.counts,
    themes: model.themes,
    newActions: model.newActions,
  };
}
