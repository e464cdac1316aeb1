import { calendarDate } from "../../domain/calendar";
import { effectiveAsOf } from "../../domain/decisions/as-of";
import type { Programme } from "../../domain/programmes/types";
import { assembleAnnualReport, type AnnualReport, type ReportTexts } from "../../domain/reports/annual-report";
import type { StoredReport } from "../../domain/reports/report-record";
import type { Language } from "../i18n";
import type { Services } from "../services.server";

/** What the document readers need of the services: reads only. */
export type ReportServices = Pick<Services, "actions" | "reports" | "decisions" | "monitor" | "progressViews" | "clock">;

/** A report as shown: the model, whether it comes from a final snapshot, and the stored record (if any). */
export interface ReportView {
  model: AnnualReport;
  stored: StoredReport | undefined;
  final: boolean;
}

/** Every action at once: the report lists them all (the read model's paging limit is for the API's pages). */
const ALL = { limit: 1_000_000, offset: 0 };

/** Assembles the live annual report of a year from today's data, in both languages' chart labels. */
export async function assembleLive(
  services: ReportServices,
  programme: Programme,
  year: number,
  texts: ReportTexts,
  languages: readonly Language[],
): Promise<Record<Language, AnnualReport>> {
  const today = calendarDate(services.clock.now());
  const asOf = effectiveAsOf(`${year}-12-31`, today) ?? undefined;
  const [actions, updates, plans, categoryChanges, roundPeriods, links, decisions, meetings, indicators, milestoneMoves] = await Promise.all([
    services.actions.list(programme.id, { category: [], ...(asOf ? { asOf } : {}) }, ALL),
    services.reports.updatesOfYear(programme.id, year),
    services.reports.planVersions(programme.id),
    services.reports.categoryChanges(programme.id),
    services.reports.roundPeriods(programme.id),
    services.progressViews.dependencyLinks(programme.id),
    services.decisions.list(programme.id, { status: "taken" }),
    services.decisions.meetings(programme.id),
    services.monitor.listWithMeasurements(programme.id),
    services.reports.milestoneMoves(programme.id),
  ]);
  const input = {
    programme: {
      slug: programme.slug,
      title: programme.title,
      subtitle: programme.subtitle,
      categories: programme.categories,
      themes: programme.themes,
      organisationChapter: programme.organisationChapter,
    },
    year,
    today,
    actions: actions.data.map((a) => ({
      number: a.number,
      title: a.title,
      theme: a.theme,
      intention: a.intention,
      group: a.group,
      leads: a.leads,
      category: a.category,
      planningYears: a.planningYears,
      milestones: a.milestones ?? [],
    })),
    categoryChanges,
    updates,
    plans,
    links,
    decisions: decisions.data,
    meetings,
    roundPeriods,
    indicators,
    texts,
    milestoneMoves,
  };
  const out = {} as Record<Language, AnnualReport>;
  for (const language of languages) out[language] = assembleAnnualReport(input, language);
  return out;
}

/** The annual report of a year: the final snapshot when there is one, else assembled from today's data. */
export async function readAnnualReport(services: ReportServices, programme: Programme, year: number, language: Language): Promise<ReportView> {
  const stored = await services.reports.get(programme.id, "annual-report", year);
  if (stored?.status === "final" && stored.snapshot) {
    const snapshot = JSON.parse(stored.snapshot) as Partial<Record<Language, AnnualReport>>;
    const model = snapshot[language] ?? snapshot.nl;
    if (model) return { model, stored, final: true };
  }
  const texts = stored?.texts ?? { introduction: "", themes: {} };
  const live = await assembleLive(services, programme, year, texts, [language]);
  return { model: live[language], stored, final: false };
}

/** Whether a year can have an annual report: within the programme's period, and begun. */
export function reportableYear(programme: Pick<Programme, "period">, year: number, today: string): boolean {
  return year >= programme.period.start && year <= programme.period.end && String(year) <= today.slice(0, 4);
}
