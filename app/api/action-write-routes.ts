import type { Request, Response, Router } from "express";
import { actionPatchSchema, changeErrors } from "../domain/actions/action-changes";
import type { Principal } from "../domain/auth/roles";
import { translator, type Language } from "../lib/i18n";
import { translateErrors } from "../lib/messages";
import type { Services } from "../lib/services.server";
import { timestamp } from "../lib/time";
import { presentAction } from "../presenters/action";
import { authorise, etag, jsonBodyLater, problem, requireIfMatch, requireJsonObject } from "./write-support";

/** Writes to actions: PATCH with If-Match, checked in the order 401, 404/403, 428/412, 400. */
export function mountActionWrites(router: Router, services: Services): void {
  // A body that is not JSON is answered (400) only after the checks before it.
  router.patch("/programmes/:slug/actions/:number", jsonBodyLater(services.env.MAX_UPLOAD_MB), async (req: Request, res: Response) => {
    const principal = res.locals.principal as Principal;
    if (!principal.user) {
      authorise(res, "action.edit", {});
      return;
    }
    const programme = await services.programmes.get(String(req.params.slug));
    const raw = String(req.params.number);
    const snapshot = programme && /^[1-9]\d{0,5}$/.test(raw) ? await services.actionStore.snapshot(programme.id, Number(raw)) : undefined;
    if (!programme || !snapshot) return problem(res, 404, "errors.actionNotFound", { number: raw });
    if (!authorise(res, "action.edit", { programmeId: programme.id, actionId: snapshot.id })) return;
    const expected = requireIfMatch(req, res, "action", snapshot.id, snapshot.version);
    if (expected === null) return;
    const t = translator(res.locals.language as Language);
    const body = requireJsonObject(req, res, services.env.MAX_UPLOAD_MB);
    if (!body) return;
    const parsed = actionPatchSchema.safeParse(body);
    if (!parsed.success) return problem(res, 400, "api.invalidInput", {}, translateErrors(t, changeErrors(parsed.error)));
    const result = await services.actionStore.update({
      programmeId: programme.id,
      number: snapshot.number,
      expectedVersion: expected,
      patch: parsed.data,
      actor: { userId: principal.user.id, label: principal.user.name },
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "not-found") return problem(res, 404, "errors.actionNotFound", { number: raw });
    if (result.status === "conflict") {
      res.setHeader("ETag", etag("action", snapshot.id, result.current.version));
      return problem(res, 412, "api.stale");
    }
    if (result.status === "invalid") return problem(res, 400, "api.invalidInput", {}, translateErrors(t, result.errors));
    const action = await services.actions.get(programme.id, snapshot.number);
    res.setHeader("ETag", etag("action", snapshot.id, result.version));
    res.setHeader("Cache-Control", "no-store");
    res.json(presentAction(action!, programme.categories));
  });
}
