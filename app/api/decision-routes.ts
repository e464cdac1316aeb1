import type { Request, Response, Router } from "express";
import { calendarDate } from "../domain/decisions/as-of";
import { decisionErrors, decisionInputSchema } from "../domain/decisions/decision-input";
import { parsePaging } from "../domain/programmes/action-filters";
import type { Principal } from "../domain/auth/roles";
import { translateDecisionErrors } from "../lib/decision-format";
import { translator, type Language } from "../lib/i18n";
import type { Services } from "../lib/services.server";
import { timestamp } from "../lib/time";
import { presentDecision } from "../presenters/decision";
import { translateErrors } from "./problem";
import { authorise, etag, jsonBody, problem, sendRecord } from "./write-support";

/**
 * The steering group's decisions: a public register (GET) and recording one (POST, for programme
 * managers and the steering group), checked in the order 401, 404/403, 400 (409 when a category
 * changed meanwhile).
 */
export function mountDecisionRoutes(router: Router, services: Services): void {
  const lang = (res: Response) => res.locals.language as Language;
  const queryOf = (req: Request) => new URL(req.originalUrl, "http://x").searchParams;

  router.get("/programmes/:slug/decisions", async (req, res) => {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) return problem(res, 404, "errors.programmeNotFound");
    const parsed = parsePaging(queryOf(req));
    if (!parsed.ok) return problem(res, 400, "errors.invalidFilters", {}, translateErrors(translator(lang(res)), parsed.errors));
    const list = await services.decisions.list(programme.id, { paging: parsed.paging });
    res.json({ data: list.data.map(presentDecision), total: list.total, ...parsed.paging });
  });

  router.get("/programmes/:slug/decisions/:id", async (req, res) => {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) return problem(res, 404, "errors.programmeNotFound");
    const raw = String(req.params.id);
    if (!/^[1-9]\d{0,9}$/.test(raw)) {
      const message = translator(lang(res))("decisions.invalidId", { value: raw });
      return problem(res, 400, "decisions.invalidId", { value: raw }, { id: message });
    }
    const decision = await services.decisions.get(programme.id, Number(raw));
    if (!decision) return problem(res, 404, "decisions.decisionNotFound");
    sendRecord(res, etag("decision", decision.id, decision.version), presentDecision(decision));
  });

  router.post("/programmes/:slug/decisions", jsonBody(services.env.MAX_UPLOAD_MB), async (req, res) => {
    const principal = res.locals.principal as Principal;
    if (!principal.user) {
      authorise(res, "decision.record", {});
      return;
    }
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) return problem(res, 404, "errors.programmeNotFound");
    if (!authorise(res, "decision.record", { programmeId: programme.id })) return;
    const t = translator(lang(res));
    const body: unknown = req.body;
    if (!body || typeof body !== "object" || Array.isArray(body)) return problem(res, 400, "api.bodyRequired");
    const parsed = decisionInputSchema.safeParse(body);
    if (!parsed.success) return problem(res, 400, "api.invalidInput", {}, translateDecisionErrors(t, lang(res), decisionErrors(parsed.error)));
    const result = await services.decisionStore.recordDecision({
      programmeId: programme.id,
      decision: parsed.data,
      actor: { userId: principal.user.id, label: principal.user.name },
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
      today: calendarDate(services.clock.now()),
    });
    if (result.status === "invalid") return problem(res, 400, "api.invalidInput", {}, translateDecisionErrors(t, lang(res), result.errors));
    if (result.status === "conflict") return problem(res, 409, "decisions.conflictTitle", {}, translateDecisionErrors(t, lang(res), result.errors));
    const decision = (await services.decisions.get(programme.id, result.id))!;
    res.setHeader("Location", `/api/v1/programmes/${programme.slug}/decisions/${decision.id}`);
    res.setHeader("Cache-Control", "no-store");
    sendRecord(res, etag("decision", decision.id, decision.version), presentDecision(decision), 201);
  });
}
