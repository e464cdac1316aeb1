import type { Request, Response, Router } from "express";
import type { Services } from "../../lib/services.server";
import { presentProgressHistory } from "../../presenters/progress";
import { ACTION_NUMBER, programmeOf } from "../lookup";
import { invalidParameter, problem } from "../problem";

/**
 * GET /programmes/{slug}/actions/{number}/progress: an action's progress updates, newest period
 * first. Open data for everyone: narratives only where their author made them public, no names.
 */
export function mountProgressRoutes(router: Router, services: Services): void {
  router.get("/programmes/:slug/actions/:number/progress", async (req: Request, res: Response) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const raw = String(req.params.number);
    if (!ACTION_NUMBER.test(raw)) return invalidParameter(res, "number", "errors.invalidNumber");
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return problem(res, 404, "errors.actionNotFound", { number: raw });
    const updates = await services.progressUpdates.historyForAction(action.id);
    res.json(presentProgressHistory(action.number, updates, action.milestones ?? []));
  });
}
