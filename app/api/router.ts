import { Router, type Request, type Response } from "express";
import { MAX_LIMIT, parsePaging, type FieldErrors } from "../domain/programmes/action-filters";
import type { Principal } from "../domain/auth/roles";
import { listActions } from "../domain/programmes/list-actions";
import { calendarDate, effectiveAsOf, parseAsOf } from "../domain/decisions/as-of";
import { categoryAsOf } from "../domain/decisions/category-history";
import { ORGANISATION_KINDS, type OrganisationKind } from "../domain/programmes/programme-document";
import type { Programme } from "../domain/programmes/types";
import { type Language } from "../lib/i18n";
import { translator } from "../lib/i18n/catalogue.server";
import { readRiskFlags } from "../lib/progress-views.server";
import type { Services } from "../lib/services.server";
import { actionsToCsv, presentAction, presentActionDetail } from "../presenters/action";
import { presentOrganisation, presentOrganisationListItem } from "../presenters/organisation";
import { presentProgramme, presentProgrammeSummary } from "../presenters/programme";
import { registerMonitorRoutes } from "./monitor-routes";
import { mountActionWrites } from "./action-write-routes";
import { formerOrganisationLocation, mountOrganisationWrites } from "./organisation-write-routes";
import { mountProgrammeWrites } from "./programme-write-routes";
import { etag, sendRecord } from "./write-support";
import { mountPlanRoutes } from "./plan-routes";
import { mountPlanWrites } from "./plan-write-routes";
import { mountDecisionRoutes } from "./decision-routes";
import { mountProgressRoutes } from "./progress-routes";
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
    // Shared caches may keep public reads for a minute; anything personal or changing is never cached.
    const anonymous = (res.locals.principal as Principal | undefined)?.user == null;
    res.setHeader("Cache-Control", anonymous && (_req.method === "GET" || _req.method === "HEAD") ? "public, max-age=60" : "private, no-store");
    next();
  });

  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });

  /** A 400 problem with field errors; `errors` holds message keys ("filter.year"). */
  const invalidQuery = (res: Response, errors: FieldErrors, params: Record<string, string> = {}) => {
    const t = translator(lang(res));
    sendProblem(res, 400, { title: title(res, 400), detail: t("errors.invalidFilters"), errors: translateErrors(t, errors, params) });
  };

  const queryOf = (req: Request) => new URL(req.originalUrl, "http://x").searchParams;
  /** Today's calendar date in the Netherlands: `asOf` today or later is the current state. */
  const today = () => calendarDate(services.clock.now());

  router.get("/programmes", async (req, res) => {
    const parsed = parsePaging(queryOf(req));
    if (!parsed.ok) return invalidQuery(res, parsed.errors);
    const [list, total] = await Promise.all([services.programmes.list(parsed.paging), services.programmes.count()]);
    res.json({ data: list.map(presentProgrammeSummary), total, ...parsed.paging });
  });

  async function withProgramme(req: Request, res: Response): Promise<Programme | undefined> {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) notFound(res, "errors.programmeNotFound");
    return programme;
  }

  router.get("/programmes/:slug", async (req, res) => {
    const programme = await withProgramme(req, res);
    if (!programme) return;
    // `?asOf=YYYY-MM-DD`: the counts as the categories were at the end of that day.
    const asOf = parseAsOf(queryOf(req));
    if (!asOf.ok) return invalidQuery(res, { asOf: "filter.asOf" });
    const counts = await services.actions.countByCategory(programme.id, effectiveAsOf(asOf.asOf, today()) ?? undefined);
    sendRecord(res, etag("programme", programme.id, programme.version), presentProgramme(programme, counts));
  });

  async function actionList(req: Request, res: Response, format: "json" | "csv") {
    const programme = await withProgramme(req, res);
    if (!programme) return;
    const query = queryOf(req);
    if (format === "csv" && !query.has("limit")) query.set("limit", String(MAX_LIMIT));
    const result = await listActions({ programme, query, actions: services.actions, organisations: services.organisations, today: today() });
    if (!result.ok) return invalidQuery(res, result.errors, result.params);
    // Risk through dependencies: computed once for the whole programme (read model, cached per change stamp).
    const risk = await readRiskFlags(services.progressViews, programme.id, res.locals);
    if (format === "csv") {
      res
        .type("text/csv; charset=utf-8")
        .setHeader("Content-Disposition", `attachment; filename="${programme.slug}-actions.csv"`)
        .send(actionsToCsv(result.data, programme.categories, risk));
      return;
    }
    res.json({
      data: result.data.map((a) => presentAction(a, programme.categories, risk)),
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
    const asOf = parseAsOf(queryOf(req));
    if (!asOf.ok) return invalidQuery(res, { asOf: "filter.asOf" });
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return notFound(res, "errors.actionNotFound", { number: raw });
    const [history, risk] = await Promise.all([
      services.decisions.categoryHistory(action.id),
      readRiskFlags(services.progressViews, programme.id, res.locals),
    ]);
    const at = effectiveAsOf(asOf.asOf, today());
    const shown = at ? { ...action, category: categoryAsOf(history, at) } : action;
    sendRecord(res, etag("action", action.id, action.version), presentActionDetail(shown, programme.categories, history, risk));
  });

  router.get("/organisations", async (req, res) => {
    const query = queryOf(req);
    const parsed = parsePaging(query);
    const kinds = query.getAll("kind").filter((v) => v.trim() !== "");
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (kinds.length > 1) errors.kind = "filter.repeated";
    else if (kinds.length === 1 && !isOrganisationKind(kinds[0])) errors.kind = "filter.kind";
    if (!parsed.ok || Object.keys(errors).length > 0) return invalidQuery(res, errors);
    const kind = kinds[0] as OrganisationKind | undefined;
    const [list, total] = await Promise.all([
      services.organisations.list({ kind, paging: parsed.paging }),
      services.organisations.count({ kind }),
    ]);
    res.json({ data: list.map(presentOrganisationListItem), total, ...parsed.paging });
  });

  router.get("/organisations/:slug", async (req, res) => {
    const org = await services.organisations.get(String(req.params.slug));
    if (!org) {
      // A slug merged away or changed answers 301 to where the organisation is now.
      const moved = await formerOrganisationLocation(services, req);
      return moved ? res.redirect(301, moved) : notFound(res, "errors.organisationNotFound");
    }
    sendRecord(res, etag("organisation", org.id, org.version), presentOrganisation(org));
  });

  registerMonitorRoutes(router, services);

  mountActionWrites(router, services);
  mountOrganisationWrites(router, services);
  mountProgrammeWrites(router, services);
  mountPlanRoutes(router, services);
  mountPlanWrites(router, services);
  mountDecisionRoutes(router, services);
  mountProgressRoutes(router, services);

  router.all("/{*rest}", (req, res) => {
    // A known path asked with a method it does not take is a 405 naming the methods it does take.
    const allowed = new Set<string>();
    for (const layer of router.stack as unknown as { route?: { methods: Record<string, boolean> }; match(path: string): boolean }[]) {
      if (!layer.route || !layer.match(req.path)) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") allowed.add(method.toUpperCase());
    }
    allowed.delete("ALL");
    if (allowed.size > 0) {
      if (allowed.has("GET")) allowed.add("HEAD");
      res.setHeader("Allow", [...allowed].sort().join(", "));
      sendProblem(res, 405, { title: title(res, 405), detail: translator(lang(res))("errors.methodNotAllowed") });
      return;
    }
    sendProblem(res, 404, { title: title(res, 404), detail: translator(lang(res))("errors.notFoundTitle") });
  });

  return router;
}

function isOrganisationKind(value: unknown): value is OrganisationKind {
  return (ORGANISATION_KINDS as readonly unknown[]).includes(value);
}
