import type { Request, Response, Router } from "express";
import { parsePaging } from "../../domain/programmes/action-filters";
import { message, type FieldErrors } from "../../lib/errors";
import type { Services } from "../../lib/services.server";
import { indicatorsToCsv, presentIndicator } from "../../presenters/indicator";
import { INDICATOR_ID, INDICATOR_ID_MAX, programmeOf } from "../lookup";
import { invalidParameter, invalidQuery, problem, queryOf } from "../problem";

/**
 * The monitor's open data under /api/v1/programmes/{slug}: indicators with their figures as JSON
 * and as CSV. Registered on the API router before its catch-all.
 */
export function mountMonitorRoutes(router: Router, services: Services): void {
  async function list(req: Request, res: Response, format: "json" | "csv") {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const query = queryOf(req);
    const errors: FieldErrors = {};
    const themes = query.getAll("theme").filter((v) => v.trim() !== "");
    let theme: number | undefined;
    if (themes.length > 1) errors.theme = message("filter.repeated");
    else if (themes.length === 1) {
      if (!/^[1-9]\d{0,2}$/.test(themes[0]!)) errors.theme = message("filter.theme");
      else if (!programme.themes.some((t) => t.number === Number(themes[0]))) {
        errors.theme = message("filter.unknownTheme", { value: themes[0]! });
      } else theme = Number(themes[0]);
    }
    const paging = format === "json" ? parsePaging(query) : undefined;
    if (paging && !paging.ok) Object.assign(errors, paging.errors);
    if (Object.keys(errors).length > 0) return invalidQuery(res, errors);
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
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const id = String(req.params.id);
    if (!INDICATOR_ID.test(id) || id.length > INDICATOR_ID_MAX) return invalidParameter(res, "id", "monitor.errors.invalidIndicatorId");
    const indicator = await services.monitor.get(programme.id, id);
    if (!indicator) return problem(res, 404, "monitor.errors.indicatorNotFound", { id });
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
