import type { Request, Response, Router } from "express";
import type { Principal } from "../domain/auth/roles";
import { actionCreateSchema } from "../domain/editing/action-create";
import { fieldErrors } from "../domain/editing/field-errors";
import { programmePatchSchema, themePatchSchema } from "../domain/editing/programme-changes";
import type { Programme } from "../domain/programmes/types";
import { translator, type Language } from "../lib/i18n";
import { translateErrors } from "../lib/messages";
import type { Services } from "../lib/services.server";
import { timestamp } from "../lib/time";
import { presentAction } from "../presenters/action";
import { presentProgramme, presentTheme } from "../presenters/programme";
import {
  authorise,
  etag,
  jsonBodyLater,
  problem,
  requireIfMatch,
  requireJsonObject,
  sendRecord,
} from "./write-support";

const NUMBER = /^[1-9]\d{0,5}$/;

/**
 * Writes to a programme: PATCH its front matter, PATCH a theme (with GET for the theme's ETag), POST
 * a new action. Checked in the order 401, 404/403, 428/412 (If-Match; not for creating), 400.
 */
export function mountProgrammeWrites(router: Router, services: Services): void {
  const maxMb = services.env.MAX_UPLOAD_MB;
  const body = jsonBodyLater(maxMb);
  const actorOf = (res: Response) => {
    const user = (res.locals.principal as Principal).user!;
    return { userId: user.id, label: user.name };
  };
  const invalid = (res: Response, errors: Record<string, string>) =>
    problem(
      res,
      400,
      "api.invalidInput",
      {},
      translateErrors(translator(res.locals.language as Language), errors),
    );
  const signedIn = (res: Response) => (res.locals.principal as Principal).user !== null;

  /** The programme a write names, after 401 and 404; the permission check (403) is the caller's. */
  async function programmeOf(
    req: Request,
    res: Response,
    operation: "programme.edit" | "action.edit",
  ): Promise<Programme | undefined> {
    if (!signedIn(res)) {
      authorise(res, operation, {});
      return undefined;
    }
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) problem(res, 404, "errors.programmeNotFound");
    return programme;
  }

  router.patch("/programmes/:slug", body, async (req: Request, res: Response) => {
    const programme = await programmeOf(req, res, "programme.edit");
    if (!programme || !authorise(res, "programme.edit", { programmeId: programme.id })) return;
    const expected = requireIfMatch(req, res, "programme", programme.id, programme.version);
    if (expected === null) return;
    const input = requireJsonObject(req, res, maxMb);
    if (!input) return;
    const parsed = programmePatchSchema.safeParse(input);
    if (!parsed.success) return invalid(res, fieldErrors(parsed.error));
    const result = await services.programmeStore.updateProgramme({
      programmeId: programme.id,
      expectedVersion: expected,
      patch: parsed.data,
      actor: actorOf(res),
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "not-found") return problem(res, 404, "errors.programmeNotFound");
    if (result.status === "conflict") {
      res.setHeader("ETag", etag("programme", programme.id, result.current.version));
      return problem(res, 412, "api.stale");
    }
    if (result.status === "invalid") return invalid(res, result.errors);
    const updated = (await services.programmes.get(programme.slug))!;
    const counts = await services.actions.countByCategory(updated.id);
    res.setHeader("Cache-Control", "no-store");
    sendRecord(res, etag("programme", updated.id, updated.version), presentProgramme(updated, counts));
  });

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
    const snapshot = (await services.programmeStore.theme(programme.id, theme.number))!;
    sendRecord(res, etag("theme", snapshot.id, theme.version), presentTheme(theme));
  });

  router.patch("/programmes/:slug/themes/:number", body, async (req: Request, res: Response) => {
    const programme = await programmeOf(req, res, "programme.edit");
    if (!programme) return;
    const raw = String(req.params.number);
    const theme = NUMBER.test(raw)
      ? await services.programmeStore.theme(programme.id, Number(raw))
      : undefined;
    if (!theme) return problem(res, 404, "errors.themeNotFound");
    if (!authorise(res, "programme.edit", { programmeId: programme.id })) return;
    const expected = requireIfMatch(req, res, "theme", theme.id, theme.version);
    if (expected === null) return;
    const input = requireJsonObject(req, res, maxMb);
    if (!input) return;
    const parsed = themePatchSchema.safeParse(input);
    if (!parsed.success) return invalid(res, fieldErrors(parsed.error));
    const result = await services.programmeStore.updateTheme({
      programmeId: programme.id,
      number: theme.number,
      expectedVersion: expected,
      patch: parsed.data,
      actor: actorOf(res),
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "not-found") return problem(res, 404, "errors.themeNotFound");
    if (result.status === "conflict") {
      res.setHeader("ETag", etag("theme", theme.id, result.current.version));
      return problem(res, 412, "api.stale");
    }
    if (result.status === "invalid") return invalid(res, result.errors);
    const updated = (await services.programmes.get(programme.slug))!.themes.find(
      (x) => x.number === theme.number,
    )!;
    res.setHeader("Cache-Control", "no-store");
    sendRecord(res, etag("theme", theme.id, updated.version), presentTheme(updated));
  });

  router.post("/programmes/:slug/actions", body, async (req: Request, res: Response) => {
    const programme = await programmeOf(req, res, "action.edit");
    if (!programme || !authorise(res, "action.edit", { programmeId: programme.id })) return;
    const input = requireJsonObject(req, res, maxMb);
    if (!input) return;
    const parsed = actionCreateSchema.safeParse(input);
    if (!parsed.success) return invalid(res, fieldErrors(parsed.error));
    const { number, ...changes } = parsed.data;
    const result = await services.actionStore.create({
      programmeId: programme.id,
      number,
      changes,
      actor: actorOf(res),
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "invalid") return invalid(res, result.errors);
    const action = (await services.actions.get(programme.id, result.number))!;
    res.setHeader("Location", `${req.baseUrl}/programmes/${programme.slug}/actions/${result.number}`);
    res.setHeader("Cache-Control", "no-store");
    sendRecord(
      res,
      etag("action", result.id, result.version),
      presentAction(action, programme.categories),
      201,
    );
  });
}
