import type { Request, Response, Router } from "express";
import { z } from "zod";
import { calendarDate } from "../../domain/calendar";
import { decisionEditSchema, decisionErrors, decisionInputSchema } from "../../domain/decisions/decision-input";
import type { Decision } from "../../domain/decisions/types";
import { parsePaging } from "../../domain/programmes/action-filters";
import { decisionParams } from "../../lib/decision-format";
import { message } from "../../lib/errors";
import type { Language } from "../../lib/i18n";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Services } from "../../lib/services.server";
import { presentDecision } from "../../presenters/decision";
import { programmeOf } from "../lookup";
import { isRecordId } from "../../domain/primitives";
import { changeRoute, createRoute } from "../write-route";
import { invalidParameter, invalidQuery, problem, queryOf } from "../problem";
import { etag, jsonBody, jsonBodyLater, sendRecord } from "../write-support";

/**
 * The steering group's decisions: a public register (GET), recording one (POST, for programme
 * managers and the steering group), checked in the order 401, 404/403, 400 (409 when a category
 * changed meanwhile); correcting one (PUT) and withdrawing one (DELETE), for the programme manager,
 * checked in the order 401, 404, 403, 409 (a re-import's decision), 428/412 (If-Match), 400.
 */
/** A decision that a correction or withdrawal names, with its programme. */
type Found = { programmeId: number; slug: string; decision: Decision };

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
    if (!isRecordId(raw)) return invalidParameter(res, "id", "decisions.invalidId", { value: raw });
    const decision = await services.decisions.get(programme.id, Number(raw));
    if (!decision) return problem(res, 404, "decisions.decisionNotFound");
    sendRecord(res, etag("decision", decision.id, decision.version), presentDecision(decision));
  });

  const translate = (res: Response) => ({ format: decisionParams(translator(lang(res)), lang(res)) });
  const today = () => calendarDate(services.clock.now());

  router.post(
    "/programmes/:slug/decisions",
    jsonBody(services.env.MAX_UPLOAD_MB),
    createRoute(services, {
      operation: "decision.record",
      load: (req, res) => programmeOf(services, req, res),
      target: (programme) => ({ programmeId: programme.id }),
      schema: decisionInputSchema,
      bodyErrors: decisionErrors,
      translate,
      write: async (programme, decision, context) => {
        const result = await services.decisions.recordDecision({ programmeId: programme.id, decision, ...context, today: today() });
        // An action's category is no longer the `from` the decider saw: 409, with what changed by action.
        return result.status === "conflict" ? { status: "refused" as const, problem: message("decisions.conflictTitle"), errors: result.errors } : result;
      },
      async present(programme, result) {
        const decision = (await services.decisions.get(programme.id, result.id))!;
        return {
          etag: etag("decision", decision.id, decision.version),
          body: presentDecision(decision),
          status: 201,
          headers: { Location: `/api/v1/programmes/${programme.slug}/decisions/${decision.id}` },
        };
      },
    }),
  );

  /**
   * The decision a correction or withdrawal names: the programme (404), a well-formed id (400) and
   * the decision (404); the permission, a re-import's decision (409) and If-Match follow in `changeRoute`.
   */
  async function changeable(req: Request, res: Response): Promise<Found | undefined> {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) {
      problem(res, 404, "errors.programmeNotFound");
      return undefined;
    }
    const raw = String(req.params.id);
    if (!isRecordId(raw)) {
      invalidParameter(res, "id", "decisions.invalidId", { value: raw });
      return undefined;
    }
    const decision = await services.decisions.get(programme.id, Number(raw));
    if (!decision) {
      problem(res, 404, "decisions.decisionNotFound");
      return undefined;
    }
    return { programmeId: programme.id, slug: programme.slug, decision };
  }

  /** What correcting and withdrawing share: who may, which decisions refuse, their ETag, the 404 when one went. */
  const decisionChange = {
    operation: "decision.edit" as const,
    load: changeable,
    target: (found: Found) => ({ programmeId: found.programmeId }),
    // A decision of a re-import is corrected by importing again.
    refuse: (found: Found) => (found.decision.source === "import" ? message("decisions.importLocked") : undefined),
    ifMatch: (found: Found) => ({ kind: "decision", id: found.decision.id, version: found.decision.version }),
    notFound: () => message("decisions.decisionNotFound"),
  };
  const lockedAsRefused = <T extends { status: string }>(result: T) =>
    result.status === "locked" ? { status: "refused" as const, problem: message("decisions.importLocked") } : (result as Exclude<T, { status: "locked" }>);

  router.put(
    "/programmes/:slug/decisions/:id",
    jsonBodyLater(services.env.MAX_UPLOAD_MB),
    changeRoute(services, {
      ...decisionChange,
      schema: decisionEditSchema,
      bodyErrors: decisionErrors,
      translate,
      write: async (found, decision, context) =>
        lockedAsRefused(
          await services.decisions.correctDecision({
            programmeId: found.programmeId,
            decisionId: found.decision.id,
            expectedVersion: found.decision.version,
            decision,
            ...context,
            today: today(),
          }),
        ),
      async present(found, result) {
        const decision = (await services.decisions.get(found.programmeId, result.id))!;
        return { etag: etag("decision", decision.id, decision.version), body: presentDecision(decision) };
      },
    }),
  );

  router.delete(
    "/programmes/:slug/decisions/:id",
    changeRoute(services, {
      ...decisionChange,
      body: "none",
      schema: z.object({}),
      write: async (found, _none, context) =>
        lockedAsRefused(
          await services.decisions.withdrawDecision({
            programmeId: found.programmeId,
            decisionId: found.decision.id,
            expectedVersion: found.decision.version,
            ...context,
            today: today(),
          }),
        ),
      present: () => Promise.resolve({ etag: "", body: null, status: 204 }),
    }),
  );
}
