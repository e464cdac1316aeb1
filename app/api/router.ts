import { Router, type Request, type Response } from "express";
import { listActions } from "../domain/programmes/list-actions";
import type { Programme } from "../domain/programmes/types";
import { translator, type Language } from "../lib/i18n";
import type { Services } from "../lib/services.server";
import { actionsToCsv, presentAction } from "../presenters/action";
import { presentOrganisation, presentOrganisationListItem } from "../presenters/organisation";
import { presentProgramme, presentProgrammeSummary } from "../presenters/programme";
import { openApiDocument } from "./openapi";
import { sendProblem, STATUS_TITLES, translateErrors } from "./problem";

/** The read-only open-data API under /api/v1. Handlers: parse, read, shape. */
export function createApiRouter(services: Services): Router {
  const router = Router();
  const lang = (res: Response): Language => res.locals.language as Language;
  const title = (res: Response, status: number) => STATUS_TITLES[status]?.[lang(res)] ?? String(status);
  const notFound = (res: Response, key: string, params: Record<string, unknown> = {}) =>
    sendProblem(res, 404, { title: title(res, 404), detail: translator(lang(res))(key, params) });

  router.use((_req, res, next) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cache-Control", "public, max-age=60");
    next();
  });

  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });

  router.get("/programmes", async (_req, res) => {
    const list = await services.programmes.list();
    res.json({ data: list.map(presentProgrammeSummary), total: list.length, limit: list.length, offset: 0 });
  });

  async function withProgramme(req: Request, res: Response): Promise<Programme | undefined> {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) notFound(res, "errors.programmeNotFound");
    return programme;
  }

  router.get("/programmes/:slug", async (req, res) => {
    const programme = await withProgramme(req, res);
    if (!programme) return;
    const counts = await services.actions.countByCategory(programme.id);
    res.json(presentProgramme(programme, counts));
  });

  async function actionList(req: Request, res: Response, format: "json" | "csv") {
    const programme = await withProgramme(req, res);
    if (!programme) return;
    const query = new URL(req.originalUrl, "http://x").searchParams;
    if (format === "csv" && !query.has("limit")) query.set("limit", "500");
    const result = await listActions({ programme, query, actions: services.actions, organisations: services.organisations });
    if (!result.ok) {
      const t = translator(lang(res));
      sendProblem(res, 400, {
        title: title(res, 400),
        detail: t("errors.invalidFilters"),
        errors: translateErrors(t, result.errors, result.params),
      });
      return;
    }
    if (format === "csv") {
      res
        .type("text/csv; charset=utf-8")
        .setHeader("Content-Disposition", `attachment; filename="${programme.slug}-actions.csv"`)
        .send(actionsToCsv(result.data, programme.categories));
      return;
    }
    res.json({
      data: result.data.map((a) => presentAction(a, programme.categories)),
      total: result.total,
      limit: result.paging.limit,
      offset: result.paging.offset,
    });
  }

  router.get("/programmes/:slug/actions.csv", (req, res) => actionList(req, res, "csv"));
  router.get("/programmes/:slug/actions", (req, res) => actionList(req, res, "json"));

  router.get("/programmes/:slug/actions/:number", async (req, res) => {
    const programme = await withProgramme(req, res);
    if (!programme) return;
    const raw = String(req.params.number);
    if (!/^[1-9]\d{0,5}$/.test(raw)) {
      const t = translator(lang(res));
      sendProblem(res, 400, { title: title(res, 400), detail: t("errors.invalidNumber"), errors: { number: t("errors.invalidNumber") } });
      return;
    }
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return notFound(res, "errors.actionNotFound", { number: raw });
    res.json(presentAction(action, programme.categories));
  });

  router.get("/organisations", async (_req, res) => {
    const list = await services.organisations.list();
    res.json({ data: list.map(presentOrganisationListItem), total: list.length, limit: list.length, offset: 0 });
  });

  router.get("/organisations/:slug", async (req, res) => {
    const org = await services.organisations.get(String(req.params.slug));
    if (!org) return notFound(res, "errors.organisationNotFound");
    res.json(presentOrganisation(org));
  });

  router.all("/{*rest}", (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      sendProblem(res, 405, { title: title(res, 405), detail: translator(lang(res))("errors.methodNotAllowed") });
      return;
    }
    sendProblem(res, 404, { title: title(res, 404), detail: translator(lang(res))("errors.notFoundTitle") });
  });

  return router;
}
