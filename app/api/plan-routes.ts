import { createHash } from "node:crypto";
import type { Request, Response, Router } from "express";
import { decide } from "../domain/auth/permissions";
import type { Principal } from "../domain/auth/roles";
import { planRevision } from "../domain/plans/plan-types";
import { type Language } from "../lib/i18n";
import { translator } from "../lib/i18n/catalogue.server";
import type { Services } from "../lib/services.server";
import { presentPlanOfApproach } from "../presenters/plan";
import { etag, problem } from "./write-support";

/**
 * GET /programmes/{slug}/actions/{number}/plan: the adopted (approved) plan for everyone; the open
 * version (draft or submitted) and every version for those who may read open plans. Both carry an
 * ETag, so that clients can ask again cheaply (If-None-Match answers 304): for plan readers the
 * plan's own tag from its revision (`"plan-12-v5"`, which the writes take in If-Match); for everyone
 * else a tag over the answer, which only changes when the adopted plan does.
 */
export function mountPlanRoutes(router: Router, services: Services): void {
  router.get("/programmes/:slug/actions/:number/plan", async (req: Request, res: Response) => {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) return problem(res, 404, "errors.programmeNotFound");
    const raw = String(req.params.number);
    if (!/^[1-9]\d{0,5}$/.test(raw)) {
      return problem(res, 400, "errors.invalidNumber", {}, { number: translator(res.locals.language as Language)("errors.invalidNumber") });
    }
    const action = await services.actions.get(programme.id, Number(raw));
    if (!action) return problem(res, 404, "errors.actionNotFound", { number: raw });
    const principal = res.locals.principal as Principal;
    const canRead = decide(principal, "plan.read", { programmeId: programme.id, actionId: action.id }) === "allow";
    const versions = await services.plans.versions(action.id);
    const json = JSON.stringify(presentPlanOfApproach(action.number, versions, canRead));
    res.setHeader(
      "ETag",
      canRead
        ? etag("plan", action.id, planRevision(versions))
        : `"plan-${action.id}-${createHash("sha256").update(json).digest("base64url").slice(0, 22)}"`,
    );
    if (canRead) res.setHeader("Cache-Control", "private, no-store");
    if (req.fresh) return res.status(304).end();
    res.type("application/json").send(json);
  });
}
