import type { Router } from "express";
import type { Services } from "../../lib/services.server";
import { presentActionLineage, presentEditionComparison } from "../../presenters/edition";
import { ACTION_NUMBER, programmeOf } from "../lookup";
import { invalidParameter, problem } from "../problem";

/** Editions: an action's lineage across editions, and the differences between two editions (reads). */
export function mountEditionRoutes(router: Router, services: Services): void {
  router.get("/programmes/:slug/actions/:number/lineage", async (req, res) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const raw = String(req.params.number);
    if (!ACTION_NUMBER.test(raw)) return invalidParameter(res, "number", "errors.invalidNumber");
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return problem(res, 404, "errors.actionNotFound", { number: raw });
    res.json(presentActionLineage(await services.editions.lineage(action.id)));
  });

  router.get("/programmes/:slug/compare/:other", async (req, res) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const other = await services.programmes.get(String(req.params.other));
    if (!other) return problem(res, 404, "errors.programmeNotFound");
    const comparison = await services.editions.compare(programme.slug, other.slug);
    if (!comparison) return problem(res, 404, "errors.programmeNotFound");
    res.json(presentEditionComparison(programme.slug, other.slug, comparison));
  });
}
