import type { Request, Response, Router } from "express";
import { effectiveAsOf, parseAsOf } from "../../domain/decisions/as-of";
import { calendarDate } from "../../domain/calendar";
import { programmePatchSchema, themePatchSchema } from "../../domain/editing/programme-changes";
import { parsePaging } from "../../domain/programmes/action-filters";
import type { Services } from "../../lib/services.server";
import { presentProgramme, presentProgrammeSummary, presentTheme } from "../../presenters/programme";
import { ACTION_NUMBER, programmeOf, THEME_NUMBER } from "../lookup";
import { invalidParameter, invalidQuery, problem, queryOf } from "../problem";
import { message } from "../../lib/errors";
import { changeRoute } from "../write-route";
import { etag, jsonBodyLater, sendRecord } from "../write-support";

/**
 * Programmes: the list and one programme (reads); PATCH its front matter, GET and PATCH a theme.
 * Writes are checked in the order 401, 404/403, 428/412 (If-Match), 400.
 */
export function mountProgrammeRoutes(router: Router, services: Services): void {
  const body = jsonBodyLater(services.env.MAX_UPLOAD_MB);

  router.get("/programmes", async (req, res) => {
    const parsed = parsePaging(queryOf(req));
    if (!parsed.ok) return invalidQuery(res, parsed.errors);
    const [list, total] = await Promise.all([services.programmes.list(parsed.paging), services.programmes.count()]);
    res.json({ data: list.map(presentProgrammeSummary), total, ...parsed.paging });
  });

  router.get("/programmes/:slug", async (req, res) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    // `?asOf=YYYY-MM-DD`: the counts as the categories were at the end of that day.
    const asOf = parseAsOf(queryOf(req));
    if (!asOf.ok) return invalidQuery(res, { asOf: message("filter.asOf") });
    const today = calendarDate(services.clock.now());
    const counts = await services.actions.countByCategory(programme.id, effectiveAsOf(asOf.asOf, today) ?? undefined);
    sendRecord(res, etag("programme", programme.id, programme.version), presentProgramme(programme, counts));
  });

  router.patch(
    "/programmes/:slug",
    body,
    changeRoute(services, {
      operation: "programme.edit",
      load: (req, res) => programmeOf(services, req, res),
      target: (programme) => ({ programmeId: programme.id }),
      ifMatch: (programme) => ({ kind: "programme", id: programme.id, version: programme.version }),
      schema: programmePatchSchema,
      write: (programme, patch, context) =>
        services.programmes.updateProgramme({
          programmeId: programme.id,
          expectedVersion: programme.version,
          patch,
          ...context,
        }),
      notFound: () => ({ key: "errors.programmeNotFound" }),
      async present(programme) {
        const updated = (await services.programmes.get(programme.slug))!;
        const counts = await services.actions.countByCategory(updated.id);
        return {
          etag: etag("programme", updated.id, updated.version),
          body: presentProgramme(updated, counts),
        };
      },
    }),
  );

  router.get("/programmes/:slug/themes/:number", async (req: Request, res: Response) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const raw = String(req.params.number);
    if (!THEME_NUMBER.test(raw)) return invalidParameter(res, "number", "errors.themeNotFound");
    const theme = programme.themes.find((x) => x.number === Number(raw));
    if (!theme) return problem(res, 404, "errors.themeNotFound");
    const snapshot = (await services.programmes.theme(programme.id, theme.number))!;
    sendRecord(res, etag("theme", snapshot.id, theme.version), presentTheme(theme));
  });

  router.patch(
    "/programmes/:slug/themes/:number",
    body,
    changeRoute(services, {
      operation: "programme.edit",
      async load(req, res) {
        const programme = await programmeOf(services, req, res);
        if (!programme) return undefined;
        const raw = String(req.params.number);
        const theme = ACTION_NUMBER.test(raw) ? await services.programmes.theme(programme.id, Number(raw)) : undefined;
        if (theme) return { programme, theme };
        problem(res, 404, "errors.themeNotFound");
        return undefined;
      },
      target: ({ programme }) => ({ programmeId: programme.id }),
      ifMatch: ({ theme }) => ({ kind: "theme", id: theme.id, version: theme.version }),
      schema: themePatchSchema,
      write: ({ programme, theme }, patch, context) =>
        services.programmes.updateTheme({
          programmeId: programme.id,
          number: theme.number,
          expectedVersion: theme.version,
          patch,
          ...context,
        }),
      notFound: () => ({ key: "errors.themeNotFound" }),
      async present({ programme, theme }) {
        const updated = (await services.programmes.get(programme.slug))!.themes.find((x) => x.number === theme.number)!;
        return { etag: etag("theme", theme.id, updated.version), body: presentTheme(updated) };
      },
    }),
  );
}
