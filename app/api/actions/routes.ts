import type { Request, Response, Router } from "express";
import { actionPatchSchema, changeErrors } from "../../domain/actions/action-changes";
import { effectiveAsOf, parseAsOf } from "../../domain/decisions/as-of";
import { calendarDate } from "../../domain/calendar";
import { categoryAsOf } from "../../domain/decisions/category-history";
import { actionCreateSchema } from "../../domain/editing/action-create";
import { MAX_LIMIT } from "../../domain/programmes/action-filters";
import { listActions } from "../../domain/programmes/list-actions";
import { readRiskFlags } from "../../domain/progress/risk-flags";
import type { Services } from "../../lib/services.server";
import { actionsToCsv, presentAction, presentActionDetail } from "../../presenters/action";
import { ACTION_NUMBER, programmeOf } from "../lookup";
import { invalidParameter, invalidQuery, problem, queryOf } from "../problem";
import { message } from "../../lib/errors";
import { changeRoute, createRoute } from "../write-route";
import { etag, jsonBodyLater, sendRecord } from "../write-support";

/**
 * A programme's actions: the filtered list (JSON and CSV) and one action (reads); POST a new action
 * and PATCH one with If-Match, checked in the order 401, 404/403, 428/412, 400.
 */
export function mountActionRoutes(router: Router, services: Services): void {
  const body = jsonBodyLater(services.env.MAX_UPLOAD_MB);
  /** Today's calendar date in the Netherlands: `asOf` today or later is the current state. */
  const today = () => calendarDate(services.clock.now());

  async function actionList(req: Request, res: Response, format: "json" | "csv") {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const query = queryOf(req);
    if (format === "csv" && !query.has("limit")) query.set("limit", String(MAX_LIMIT));
    const result = await listActions({ programme, query, actions: services.actions, organisations: services.organisations, today: today() });
    if (!result.ok) return invalidQuery(res, result.errors);
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
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const raw = String(req.params.number);
    if (!ACTION_NUMBER.test(raw)) return invalidParameter(res, "number", "errors.invalidNumber");
    const asOf = parseAsOf(queryOf(req));
    if (!asOf.ok) return invalidQuery(res, { asOf: message("filter.asOf") });
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return problem(res, 404, "errors.actionNotFound", { number: raw });
    const [history, risk] = await Promise.all([
      services.decisions.categoryHistory(action.id),
      readRiskFlags(services.progressViews, programme.id, res.locals),
    ]);
    const at = effectiveAsOf(asOf.asOf, today());
    const shown = at ? { ...action, category: categoryAsOf(history, at) } : action;
    sendRecord(res, etag("action", action.id, action.version), presentActionDetail(shown, programme.categories, history, risk));
  });

  router.post(
    "/programmes/:slug/actions",
    body,
    createRoute(services, {
      operation: "action.edit",
      load: (req, res) => programmeOf(services, req, res),
      target: (programme) => ({ programmeId: programme.id }),
      schema: actionCreateSchema,
      write: (programme, { number, ...changes }, context) =>
        services.actions.create({ programmeId: programme.id, number, changes, ...context }),
      async present(programme, result, req) {
        const action = (await services.actions.get(programme.id, result.number))!;
        const risk = await readRiskFlags(services.progressViews, programme.id);
        return {
          etag: etag("action", result.id, result.version),
          body: presentAction(action, programme.categories, risk),
          status: 201,
          headers: { Location: `${req.baseUrl}/programmes/${programme.slug}/actions/${result.number}` },
        };
      },
    }),
  );

  // A body that is not JSON is answered (400) only after the checks before it.
  router.patch(
    "/programmes/:slug/actions/:number",
    body,
    changeRoute(services, {
      operation: "action.edit",
      async load(req, res) {
        const programme = await services.programmes.get(String(req.params.slug));
        const raw = String(req.params.number);
        const snapshot =
          programme && ACTION_NUMBER.test(raw) ? await services.actions.snapshot(programme.id, Number(raw)) : undefined;
        if (programme && snapshot) return { programme, snapshot, raw };
        problem(res, 404, "errors.actionNotFound", { number: raw });
        return undefined;
      },
      target: ({ programme, snapshot }) => ({ programmeId: programme.id, actionId: snapshot.id }),
      ifMatch: ({ snapshot }) => ({ kind: "action", id: snapshot.id, version: snapshot.version }),
      schema: actionPatchSchema,
      bodyErrors: changeErrors,
      write: ({ programme, snapshot }, patch, context) =>
        services.actions.update({
          programmeId: programme.id,
          number: snapshot.number,
          expectedVersion: snapshot.version,
          patch,
          ...context,
        }),
      notFound: ({ raw }) => ({ key: "errors.actionNotFound", params: { number: raw } }),
      async present({ programme, snapshot }, result) {
        const action = await services.actions.get(programme.id, snapshot.number);
        const risk = await readRiskFlags(services.progressViews, programme.id);
        return {
          etag: etag("action", snapshot.id, result.version),
          body: presentAction(action!, programme.categories, risk),
        };
      },
    }),
  );
}
