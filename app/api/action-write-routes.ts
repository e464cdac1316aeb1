import type { Router } from "express";
import { actionPatchSchema, changeErrors } from "../domain/actions/action-changes";
import { readRiskFlags } from "../lib/progress-views.server";
import type { Services } from "../lib/services.server";
import { presentAction } from "../presenters/action";
import { changeRoute } from "./write-route";
import { etag, jsonBodyLater, problem } from "./write-support";

/** Writes to actions: PATCH with If-Match, checked in the order 401, 404/403, 428/412, 400. */
export function mountActionWrites(router: Router, services: Services): void {
  // A body that is not JSON is answered (400) only after the checks before it.
  router.patch(
    "/programmes/:slug/actions/:number",
    jsonBodyLater(services.env.MAX_UPLOAD_MB),
    changeRoute(services, {
      operation: "action.edit",
      async load(req, res) {
        const programme = await services.programmes.get(String(req.params.slug));
        const raw = String(req.params.number);
        const snapshot =
          programme && /^[1-9]\d{0,5}$/.test(raw)
            ? await services.actions.snapshot(programme.id, Number(raw))
            : undefined;
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
