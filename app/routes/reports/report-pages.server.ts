import { data, type AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";
import { calendarDate } from "../../domain/calendar";
import { parseReportYear } from "../../domain/reports/report-record";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { programmeYear } from "../../lib/reports/annual-programme.server";
import { readAnnualReport, reportableYear } from "../../lib/reports/annual-report.server";
import { annualReportDocument } from "../../lib/reports/report-document.server";
import { requireProgramme } from "../shared/page-data.server";

/** The programme and a year of its period that has begun, or a 404. */
export async function requireReportYear(context: AppLoadContext, slug: string | undefined, rawYear: string | undefined) {
  const programme = await requireProgramme(context, slug);
  const year = parseReportYear(rawYear ?? "");
  const today = calendarDate(context.services.clock.now());
  if (year === null || !reportableYear(programme, year, today)) {
    throw data(translator(context.language)("reports.yearNotFound"), { status: 404 });
  }
  return { programme, year };
}

/** The annual report page's data: a final report for anyone, a draft for members only. */
export async function loadAnnualReportPage(context: AppLoadContext, request: Request, slug: string | undefined, rawYear: string | undefined) {
  const { programme, year } = await requireReportYear(context, slug, rawYear);
  requirePermission(context, request, "programme.read", { programmeId: programme.id });
  const view = await readAnnualReport(context.services, programme, year, context.language);
  if (!view.final) requirePermission(context, request, "report.readDraft", { programmeId: programme.id });
  const document = annualReportDocument(view.model, context.language, view.final);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    year,
    title: document.title,
    blocks: document.blocks,
    final: view.final,
    finalisedAt: view.stored?.finalisedAt ?? null,
    version: view.stored?.version ?? 0,
    canEdit: can(context.principal, "report.edit", { programmeId: programme.id }),
  };
}

/** The programme and a year of its period (an annual programme may look ahead), or a 404. */
export async function requireProgrammeYear(context: AppLoadContext, slug: string | undefined, rawYear: string | undefined) {
  const programme = await requireProgramme(context, slug);
  const year = parseReportYear(rawYear ?? "");
  if (year === null || !programmeYear(programme, year)) throw data(translator(context.language)("reports.programmeYearNotFound"), { status: 404 });
  return { programme, year };
}
