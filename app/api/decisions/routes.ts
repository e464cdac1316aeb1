import type { Request, Response, Router } from "express";
import type { Principal } from "../../domain/auth/roles";
import { calendarDate } from "../../domain/calendar";
import { decisionEditSchema, decisionErrors, decisionInputSchema } from "../../domain/decisions/decision-input";
import type { Decision } from "../../domain/decisions/types";
import { parsePaging } from "../../domain/programmes/action-filters";
import { decisionParams } from "../../lib/decision-format";
import { storeFieldErrors } from "../../lib/errors";
import type { Language } from "../../lib/i18n";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Services } from "../../lib/services.server";
import { timestamp } from "../../domain/time";
import { presentDecision } from "../../presenters/decision";
import { DECISION_ID, programmeOf } from "../lookup";
import { invalidParameter, invalidQuery, problem, queryOf } from "../problem";
import { authorise, etag, jsonBody, jsonBodyLater, requireIfMatch, requireJsonObject, sendRecord } from "../write-support";

/**
 * The steering group's decisions: a public register (GET), recording one (POST, for programme
 * managers and the steering group), checked in the order 401, 404/403, 400 (409 when a category
 * changed meanwhile); correcting one (PUT) and withdrawing one (DELETE), for the programme manager,
 * checked in the order 401, 404, 403, 409 (a re-import's decision), 428/412 (If-Match), 400.
 */
export function mountDecisionRoutes(router: Router, services: Services): void {
  const lang = (res: Response) => res.locals.language as Language;

  router.get("/programmes/:slug/decisions", async (req, res) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const parsed = parsePaging(queryOf(req));
    if (!parsed.ok) return invalidQuery(res, parsed.errors);
    const list = await services.decisions.list(programme.id, { paging: parsed.paging });
    res.json({ data: list.data.map(presentDecision), total: list.total, ...parsed.paging });
  });

  router.get("/programmes/:slug/decisions/:id", async (req, res) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const raw = String(req.params.id);
    if (!DECISION_ID.test(raw)) return invalidParameter(res, "id", "decisions.invalidId", { value: raw });
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
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    if (!authorise(res, "decision.record", { programmeId: programme.id })) return;
    const t = translator(lang(res));
    const body: unknown = req.body;
    if (!body || typeof body !== "object" || Array.isArray(body)) return problem(res, 400, "api.bodyRequired");
    const parsed = decisionInputSchema.safeParse(body);
    if (!parsed.success) return problem(res, 400, "api.invalidInput", {}, decisionErrors(parsed.error), { format: decisionParams(t, lang(res)) });
    const result = await services.decisions.recordDecision({
      programmeId: programme.id,
      decision: parsed.data,
      actor: { userId: principal.user.id, label: principal.user.name },
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
      today: calendarDate(services.clock.now()),
    });
    if (result.status === "invalid") return problem(res, 400, "api.invalidInput", {}, storeFieldErrors(result.errors), { format: decisionParams(t, lang(res)) });
    if (result.status === "conflict") return problem(res, 409, "decisions.conflictTitle", {}, storeFieldErrors(result.errors), { format: decisionParams(t, lang(res)) });
    const decision = (await services.decisions.get(programme.id, result.id))!;
    res.setHeader("Location", `/api/v1/programmes/${programme.slug}/decisions/${decision.id}`);
    res.setHeader("Cache-Control", "no-store");
    sendRecord(res, etag("decision", decision.id, decision.version), presentDecision(decision), 201);
  });

  /**
   * The first checks of a correction or withdrawal: 401, the programme and the decision (400 for a
   * malformed id, 404), the permission (403), a re-import's decision (409), If-Match (428/412).
   * Returns the programme and the decision, or undefined once it has answered.
   */
  async function changeable(req: Request, res: Response): Promise<{ programmeId: number; slug: string; decision: Decision } | undefined> {
    const principal = res.locals.principal as Principal;
    if (!principal.user) {
      authorise(res, "decision.edit", {});
      return undefined;
    }
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) {
      problem(res, 404, "errors.programmeNotFound");
      return undefined;
    }
    const raw = String(req.params.id);
    if (!DECISION_ID.test(raw)) {
      invalidParameter(res, "id", "decisions.invalidId", { value: raw });
      return undefined;
    }
    const decision = await services.decisions.get(programme.id, Number(raw));
    if (!decision) {
      problem(res, 404, "decisions.decisionNotFound");
      return undefined;
    }
    if (!authorise(res, "decision.edit", { programmeId: programme.id })) return undefined;
    if (decision.source === "import") {
      problem(res, 409, "decisions.importLocked");
      return undefined;
    }
    if (requireIfMatch(req, res, "decision", decision.id, decision.version) === null) return undefined;
    return { programmeId: programme.id, slug: programme.slug, decision };
  }

  /** A store's refusal as a problem: 404 when the decision went meanwhile, 409 for a re-import's, 412 with the current ETag. */
  function refused(res: Response, decisionId: number, result: { status: "not-found" } | { status: "locked" } | { status: "conflict"; current: { version: number } }) {
    if (result.status === "not-found") return problem(res, 404, "decisions.decisionNotFound");
    if (result.status === "locked") return problem(res, 409, "decisions.importLocked");
    res.setHeader("ETag", etag("decision", decisionId, result.current.version));
    return problem(res, 412, "api.stale");
  }

  router.put("/programmes/:slug/decisions/:id", jsonBodyLater(services.env.MAX_UPLOAD_MB), async (req, res) => {
    const found = await changeable(req, res);
    if (!found) return;
    const body = requireJsonObject(req, res, services.env.MAX_UPLOAD_MB);
    if (!body) return;
    const t = translator(lang(res));
    const parsed = decisionEditSchema.safeParse(body);
    if (!parsed.success) return problem(res, 400, "api.invalidInput", {}, decisionErrors(parsed.error), { format: decisionParams(t, lang(res)) });
    const user = (res.locals.principal as Principal).user!;
    const result = await services.decisions.correctDecision({
      programmeId: found.programmeId,
      decisionId: found.decision.id,
      expectedVersion: found.decision.version,
      decision: parsed.data,
      actor: { userId: user.id, label: user.name },
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
      today: calendarDate(services.clock.now()),
    });
    if (result.status === "invalid") return problem(res, 400, "api.invalidInput", {}, storeFieldErrors(result.errors), { format: decisionParams(t, lang(res)) });
    if (result.status !== "ok") return refused(res, found.decision.id, result);
    const decision = (await services.decisions.get(found.programmeId, result.id))!;
    res.setHeader("Cache-Control", "no-store");
    sendRecord(res, etag("decision", decision.id, decision.version), presentDecision(decision));
  });

  router.delete("/programmes/:slug/decisions/:id", async (req, res) => {
    const found = await changeable(req, res);
    if (!found) return;
    const user = (res.locals.principal as Principal).user!;
    const result = await services.decisions.withdrawDecision({
      programmeId: found.programmeId,
      decisionId: found.decision.id,
      expectedVersion: found.decision.version,
      actor: { userId: user.id, label: user.name },
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
      today: calendarDate(services.clock.now()),
    });
    if (result.status !== "ok") return refused(res, found.decision.id, result);
    res.setHeader("Cache-Control", "no-store");
    res.status(204).end();
  });
}
