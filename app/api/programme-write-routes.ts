import type { Request, Response, Router } from "express";
import { actionCreateSchema } from "../domain/editing/action-create";
import { programmePatchSchema, themePatchSchema } from "../domain/editing/programme-changes";
import type { Programme } from "../domain/programmes/types";
import { translator, type Language } from "../lib/i18n";
import { readRiskFlags } from "../lib/progress-views.server";
import type { Services } from "../lib/services.server";
import { presentAction } from "../presenters/action";
import { presentProgramme, presentTheme } from "../presenters/programme";
import { changeRoute, createRoute } from "./write-route";
import { etag, jsonBodyLater, problem, sendRecord } from "./write-support";

const NUMBER = /^[1-9]\d{0,5}$/;

/**
 * Writes to a programme: PATCH its front matter, PATCH a theme (with GET for the theme's ETag), POST
 * a new action. Checked in the order 401, 404/403, 428/412 (If-Match; not for creating), 400.
 */
export function mountProgrammeWrites(router: Router, services: Services): void {
  const body = jsonBodyLater(services.env.MAX_UPLOAD_MB);

  /** The programme a write names, or undefined after a 404. */
  async function programmeOf(req: Request, res: Response): Promise<Programme | undefined> {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) problem(res, 404, "errors.programmeNotFound");
    return programme;
  }

  router.patch(
    "/programmes/:slug",
    body,
    changeRoute(services, {
      operation: "programme.edit",
      load: programmeOf,
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
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) return problem(res, 404, "errors.programmeNotFound");
    const raw = String(req.params.number);
    if (!/^[1-9]\d{0,2}$/.test(raw)) {
      const t = translator(res.locals.language as Language);
      return problem(res, 400, "errors.themeNotFound", {}, { number: t("errors.themeNotFound") });
    }
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
        const programme = await programmeOf(req, res);
        if (!programme) return undefined;
        const raw = String(req.params.number);
        const theme = NUMBER.test(raw)
          ? await services.programmes.theme(programme.id, Number(raw))
          : undefined;
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
        const updated = (await services.programmes.get(programme.slug))!.themes.find(
          (x) => x.number === theme.number,
        )!;
        return { etag: etag("theme", theme.id, updated.version), body: presentTheme(updated) };
      },
    }),
  );

  router.post(
    "/programmes/:slug/actions",
    body,
    createRoute(services, {
      operation: "action.edit",
      load: programmeOf,
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
}
