import type { Request, Response, Router } from "express";
import { translator, type Language } from "../lib/i18n";
import type { Services } from "../lib/services.server";
import { presentProgressHistory } from "../presenters/progress";
import { problem } from "./write-support";

/**
 * GET /programmes/{slug}/actions/{number}/progress: an action's progress updates, newest period
 * first. Open data for everyone: narratives only where their author made them public, no names.
 */
export function mountProgressRoutes(router: Router, services: Services): void {
  router.get("/programmes/:slug/actions/:number/progress", async (req: Request, res: Response) => {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) return problem(res, 404, "errors.programmeNotFound");
    const raw = String(req.params.number);
    if (!/^[1-9]\d{0,5}$/.test(raw)) {
      return problem(
        res,
        400,
        "errors.invalidNumber",
        {},
        { number: translator(res.locals.language as Language)("errors.invalidNumber") },
      );
    }
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return problem(res, 404, "errors.actionNotFound", { number: raw });
    const updates = await services.progressUpdates.historyForAction(action.id);
    res.json(presentProgressHistory(action.number, updates, action.milestones ?? []));
  });
}
