import { calendarDate } from "../../domain/calendar";
import type { Programme } from "../../domain/programmes/types";
import { assembleAnnualProgramme, type AnnualProgramme } from "../../domain/reports/annual-programme";
import type { ReportTexts } from "../../domain/reports/annual-report";
import type { StoredReport } from "../../domain/reports/report-record";
import type { ReportServices } from "./annual-report.server";

export interface ProgrammeView {
  model: AnnualProgramme;
  stored: StoredReport | undefined;
  final: boolean;
}

const ALL = { limit: 1_000_000, offset: 0 };

/** The annual programme from today's data: the programme looks ahead, so categories and plans are today's. */
export async function assembleProgrammeLive(services: ReportServices, programme: Programme, year: number, texts: ReportTexts): Promise<AnnualProgramme> {
  const today = calendarDate(services.clock.now());
  const [actions, plans] = await Promise.all([
    services.actions.list(programme.id, { category: [] }, ALL),
    services.reports.planVersions(programme.id),
  ]);
  return assembleAnnualProgramme({
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
    plans,
    texts,
  });
}

/** The annual programme of a year: the adopted snapshot when there is one, else assembled from today's data. */
export async function readAnnualProgramme(services: ReportServices, programme: Programme, year: number): Promise<ProgrammeView> {
  const stored = await services.reports.get(programme.id, "annual-programme", year);
  if (stored?.status === "final" && stored.snapshot) {
    return { model: JSON.parse(stored.snapshot) as AnnualProgramme, stored, final: true };
  }
  const model = await assembleProgrammeLive(services, programme, year, stored?.texts ?? { introduction: "", themes: {} });
  return { model, stored, final: false };
}

/** Any year of the programme's period can have an annual programme, the coming ones above all. */
export function programmeYear(programme: Pick<Programme, "period">, year: number): boolean {
  return year >= programme.period.start && year <= programme.period.end;
}
