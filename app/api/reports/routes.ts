import type { Request, Response, Router } from "express";
import { decide } from "../../domain/auth/permissions";
import type { Principal } from "../../domain/auth/roles";
import { calendarDate } from "../../domain/calendar";
import { parseReportYear, reportFileName } from "../../domain/reports/report-record";
import { readAnnualReport, reportableYear } from "../../lib/reports/annual-report.server";
import { programmeYear, readAnnualProgramme } from "../../lib/reports/annual-programme.server";
import { annualProgrammeFile, annualReportFile } from "../../lib/reports/report-files.server";
import type { Services } from "../../lib/services.server";
import { presentAnnualProgramme, presentAnnualReport } from "../../presenters/report";
import { programmeOf } from "../lookup";
import { invalidParameter, languageOf, problem } from "../problem";

const FORMATS = {
  json: null,
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;
type Format = keyof typeof FORMATS;

/** The annual report as JSON, Word and PDF: final reports for anyone, drafts for the programme's members. */
export function mountReportRoutes(router: Router, services: Services): void {
  async function answer(req: Request, res: Response, format: Format) {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const year = parseReportYear(String(req.params.year));
    if (year === null) return invalidParameter(res, "year", "reports.yearNotFound");
    if (!reportableYear(programme, year, calendarDate(services.clock.now()))) return problem(res, 404, "reports.yearNotFound");
    const language = languageOf(res);
    // Drafts are for members: decided before the (costly) assembling, from the stored record alone.
    const stored = await services.reports.get(programme.id, "annual-report", year);
    if (stored?.status !== "final") {
      const verdict = decide(res.locals.principal as Principal, "report.readDraft", { programmeId: programme.id });
      if (verdict === "sign-in") {
        res.setHeader("WWW-Authenticate", 'Bearer realm="regie"');
        return problem(res, 401, "auth.signInRequired");
      }
      if (verdict !== "allow") return problem(res, 403, "auth.forbidden");
      // A draft shows today's data to members: no shared cache may keep it.
      res.setHeader("Cache-Control", "private, no-store");
    }
    const view = await readAnnualReport(services, programme, year, language);
    if (format === "json") return res.json(presentAnnualReport(view.model, view.final, view.stored?.finalisedAt ?? null));
    const file = await annualReportFile(view.model, language, view.final, format);
    res.setHeader("Content-Type", FORMATS[format]);
    res.setHeader("Content-Disposition", `attachment; filename="${reportFileName(programme.slug, "annual-report", year, language, format)}"`);
    res.send(file);
  }

  /** The annual programme: adopted ones for anyone, drafts and proposals for the programme's members. */
  async function programmeAnswer(req: Request, res: Response, format: Format) {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const year = parseReportYear(String(req.params.year));
    if (year === null) return invalidParameter(res, "year", "reports.programmeYearNotFound");
    if (!programmeYear(programme, year)) return problem(res, 404, "reports.programmeYearNotFound");
    const language = languageOf(res);
    const stored = await services.reports.get(programme.id, "annual-programme", year);
    if (stored?.status !== "final") {
      const verdict = decide(res.locals.principal as Principal, "report.readDraft", { programmeId: programme.id });
      if (verdict === "sign-in") {
        res.setHeader("WWW-Authenticate", 'Bearer realm="regie"');
        return problem(res, 401, "auth.signInRequired");
      }
      if (verdict !== "allow") return problem(res, 403, "auth.forbidden");
      res.setHeader("Cache-Control", "private, no-store");
    }
    const view = await readAnnualProgramme(services, programme, year);
    if (format === "json") return res.json(presentAnnualProgramme(view.model, view.stored?.status ?? "draft", view.stored?.finalisedAt ?? null));
    const file = await annualProgrammeFile(view.model, language, view.final, format);
    res.setHeader("Content-Type", FORMATS[format]);
    res.setHeader("Content-Disposition", `attachment; filename="${reportFileName(programme.slug, "annual-programme", year, language, format)}"`);
    res.send(file);
  }

  router.get("/programmes/:slug/reports/:year/programme.docx", (req, res) => programmeAnswer(req, res, "docx"));
  router.get("/programmes/:slug/reports/:year/programme.pdf", (req, res) => programmeAnswer(req, res, "pdf"));
  router.get("/programmes/:slug/reports/:year/programme", (req, res) => programmeAnswer(req, res, "json"));
  router.get("/programmes/:slug/reports/:year.docx", (req, res) => answer(req, res, "docx"));
  router.get("/programmes/:slug/reports/:year.pdf", (req, res) => answer(req, res, "pdf"));
  router.get("/programmes/:slug/reports/:year", (req, res) => answer(req, res, "json"));
}
