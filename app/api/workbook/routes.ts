import type { Router } from "express";
import type { Services } from "../../lib/services.server";
import { programmeWorkbook, templateWorkbook, workbookFileName } from "../../lib/workbook.server";
import { programmeOf } from "../lookup";
import { languageOf } from "../problem";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Workbooks: a programme as Excel (what its public pages show), and the blank template. */
export function mountWorkbookRoutes(router: Router, services: Services): void {
  router.get("/programmes/:slug/workbook", async (req, res) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const language = languageOf(res);
    const bytes = await programmeWorkbook(services.db, programme, language);
    res.status(200).type(XLSX).setHeader("Content-Disposition", `attachment; filename="${workbookFileName(programme.slug, language)}"`).send(bytes);
  });

  router.get("/workbook-template", async (_req, res) => {
    const language = languageOf(res);
    const bytes = await templateWorkbook(language);
    const name = language === "en" ? "regie-programme-template.xlsx" : "regie-programmasjabloon.xlsx";
    res.status(200).type(XLSX).setHeader("Content-Disposition", `attachment; filename="${name}"`).send(bytes);
  });
}
