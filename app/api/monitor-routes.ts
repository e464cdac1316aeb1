import type { Request, Response, Router } from "express";
import { parsePaging, type FieldErrors } from "../domain/programmes/action-filters";
import type { Programme } from "../domain/programmes/types";
import { type Language } from "../lib/i18n";
import { translator } from "../lib/i18n/catalogue.server";
import type { Services } from "../lib/services.server";
import { indicatorsToCsv, presentIndicator } from "../presenters/indicator";
import { sendProblem, STATUS_TITLES, translateErrors } from "./problem";

const INDICATOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The monitor's open data under /api/v1/programmes/{slug}: indicators with their figures as JSON
 * and as CSV. Registered on the API router before its catch-all.
 */
export function registerMonitorRoutes(router: Router, services: Services): void {
  const lang = (res: Response): Language => res.locals.language as Language;
  const title = (res: Response, status: number) => STATUS_TITLES[status]?.[lang(res)] ?? String(status);
  const queryOf = (req: Request) => new URL(req.originalUrl, "http://x").searchParams;
  const invalid = (res: Response, errors: FieldErrors, params: Record<string, string> = {}) => {
    const t = translator(lang(res));
    sendProblem(res, 400, { title: title(res, 400), detail: t("errors.invalidFilters"), errors: translateErrors(t, errors, params) });
  };
  const notFound = (res: Response, key: string, params: Record<string, unknown> = {}) =>
    sendProblem(res, 404, { title: title(res, 404), detail: translator(lang(res))(key, params) });

  async function programmeOf(req: Request, res: Response): Promise<Programme | undefined> {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) notFound(res, "errors.programmeNotFound");
    return programme;
  }

  async function list(req: Request, res: Response, format: "json" | "csv") {
    const programme = await programmeOf(req, res);
    if (!programme) return;
    const query = queryOf(req);
    const errors: FieldErrors = {};
    const params: Record<string, string> = {};
    const themes = query.getAll("theme").filter((v) => v.trim() !== "");
    let theme: number | undefined;
    if (themes.length > 1) errors.theme = "filter.repeated";
    else if (themes.length === 1) {
      if (!/^[1-9]\d{0,2}$/.test(themes[0]!)) errors.theme = "filter.theme";
      else if (!programme.themes.some((t) => t.number === Number(themes[0]))) {
        errors.theme = "filter.unknownTheme";
        params.theme = themes[0]!;
      } else theme = Number(themes[0]);
    }
    const paging = format === "json" ? parsePaging(query) : undefined;
    if (paging && !paging.ok) Object.assign(errors, paging.errors);
    if (Object.keys(errors).length > 0) return invalid(res, errors, params);
    const all = await services.monitor.listWithMeasurements(programme.id, { theme });
    if (format === "csv") {
      res
        .type("text/csv; charset=utf-8")
        .setHeader("Content-Disposition", `attachment; filename="${programme.slug}-indicators.csv"`)
        .send(indicatorsToCsv(all));
      return;
    }
    const { limit, offset } = paging!.ok ? paging!.paging : { limit: 100, offset: 0 };
    res.json({ data: all.slice(offset, offset + limit).map(presentIndicator), total: all.length, limit, offset });
  }

  async function one(req: Request, res: Response, format: "json" | "csv") {
    const programme = await programmeOf(req, res);
    if (!programme) return;
    const id = String(req.params.id);
    if (!INDICATOR_ID.test(id) || id.length > 80) {
      const t = translator(lang(res));
      sendProblem(res, 400, { title: title(res, 400), detail: t("monitor.errors.invalidIndicatorId"), errors: { id: t("monitor.errors.invalidIndicatorId") } });
      return;
    }
    const indicator = await services.monitor.get(programme.id, id);
    if (!indicator) return notFound(res, "monitor.errors.indicatorNotFound", { id });
    if (format === "csv") {
      res
        .type("text/csv; charset=utf-8")
        .setHeader("Content-Disposition", `attachment; filename="${programme.slug}-${indicator.id}.csv"`)
        .send(indicatorsToCsv([indicator]));
      return;
    }
    res.json(presentIndicator(indicator));
  }

  router.get("/programmes/:slug/indicators.csv", (req, res) => list(req, res, "csv"));
  router.get("/programmes/:slug/indicators", (req, res) => list(req, res, "json"));
  router.get("/programmes/:slug/indicators/:id.csv", (req, res) => one(req, res, "csv"));
  router.get("/programmes/:slug/indicators/:id", (req, res) => one(req, res, "json"));
}
