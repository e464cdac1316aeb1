import { message, type FieldErrors } from "../../lib/errors";
import { createHash } from "node:crypto";
import type { Request, Response, Router } from "express";
import type { z } from "zod";
import type { PlanResult } from "../../db/plan.repository";
import { decide, type Operation } from "../../domain/auth/permissions";
import type { Principal } from "../../domain/auth/roles";
import { absoluteLink } from "../../lib/links.server";
import {
  planBodyErrors,
  planBodySchema,
  planDecisionBodySchema,
  planSubmitBodySchema,
  type PlanFields,
} from "../../domain/plans/plan-input";
import { planRevision, type PlanVersion } from "../../domain/plans/plan-types";
import type { Services } from "../../lib/services.server";
import { presentPlanOfApproach } from "../../presenters/plan";
import { ACTION_NUMBER, programmeOf } from "../lookup";
import { invalidParameter, problem } from "../problem";
import { changeRoute, type ProblemText, type WriteContext } from "../write-route";
import { etag, jsonBodyLater } from "../write-support";

/** What a plan write works on: the action, its plan's versions (newest first) as they were read. */
interface PlanRecord {
  programme: { id: number; slug: string };
  action: { id: number; number: number; title: string };
  versions: PlanVersion[];
  /** The action's number as asked, for a 404. */
  raw: string;
  /** Whether the writer may read open versions: the answer shows them only then. */
  readsOpen: boolean;
  /** The plan page's absolute address, for the mails. */
  planUrl: string;
}

/** A plan transition's result in the vocabulary of `changeRoute`. */
type PlanOutcome =
  | { status: "ok"; plan: PlanVersion; changed: boolean }
  | { status: "not-found" }
  | { status: "conflict"; current: { version: number } }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "refused"; problem: ProblemText; errors?: FieldErrors };

/** The newest version, as the store's concurrency checks name it. */
const seenOf = (r: PlanRecord) => {
  const head = r.versions[0];
  return head ? { versionNo: head.versionNo, version: head.version } : null;
};

/**
 * An action's plan of approach. GET: the adopted (approved) plan for everyone; the open version
 * (draft or submitted) and every version for those who may read open plans. Both carry an ETag, so
 * that clients can ask again cheaply (If-None-Match answers 304): for plan readers the plan's own
 * tag from its revision (`"plan-12-v5"`, which the writes take in If-Match); for everyone else a tag
 * over the answer, which only changes when the adopted plan does.
 *
 * Writes: PUT the draft's parts, POST submit, approve and return.
 * Each is checked in the order 401, 404/403 (the permission table, as on the plan pages), 428/412
 * (If-Match with the plan's ETag, `"plan-12-v5"`), 400, then 409 when the plan's state does not
 * allow the step. The plan service makes each change in one transaction with its history entry and
 * sends the same mails as the pages (on submitting, and on a decision).
 */
export function mountPlanRoutes(router: Router, services: Services): void {
  const body = jsonBodyLater(services.env.MAX_UPLOAD_MB);
  const path = "/programmes/:slug/actions/:number/plan";

  router.get(path, async (req: Request, res: Response) => {
    const programme = await programmeOf(services, req, res);
    if (!programme) return;
    const raw = String(req.params.number);
    if (!ACTION_NUMBER.test(raw)) return invalidParameter(res, "number", "errors.invalidNumber");
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

  /** The action and its plan, or undefined after a 404. */
  async function load(req: Request, res: Response): Promise<PlanRecord | undefined> {
    const programme = await services.programmes.get(String(req.params.slug));
    if (!programme) {
      problem(res, 404, "errors.programmeNotFound");
      return undefined;
    }
    const raw = String(req.params.number);
    const action = ACTION_NUMBER.test(raw) ? await services.actions.get(programme.id, Number(raw)) : undefined;
    if (!action) {
      problem(res, 404, "errors.actionNotFound", { number: raw });
      return undefined;
    }
    const target = { programmeId: programme.id, actionId: action.id };
    return {
      programme: { id: programme.id, slug: programme.slug },
      action: { id: action.id, number: action.number, title: action.title },
      versions: await services.plans.versions(action.id),
      raw,
      readsOpen: decide(res.locals.principal as Principal, "plan.read", target) === "allow",
      planUrl: absoluteLink(services.links, `/programmes/${programme.slug}/actions/${action.number}/plan`),
    };
  }

  /** The store's answer as `changeRoute` answers it; a conflict carries the plan's revision now, for the 412's ETag. */
  async function outcome(r: PlanRecord, result: PlanResult): Promise<PlanOutcome> {
    switch (result.status) {
      case "ok":
      case "not-found":
        return result;
      case "conflict":
        return {
          status: "conflict",
          current: { version: planRevision(await services.plans.versions(r.action.id)) },
        };
      case "refused":
        if (result.reason === "noteRequired")
          return { status: "invalid", errors: { note: message("plans.noteRequired") } };
        return { status: "refused", problem: { key: `plans.${result.reason}` } };
      case "incomplete":
        return {
          status: "refused",
          problem: { key: "plans.incompleteApi" },
          errors: Object.fromEntries(result.missing.map((f) => [f, message("plans.partEmpty")])),
        };
    }
  }

  /** The plan as it is now, with its ETag; 201 with Location when the write made the plan's first version. */
  async function present(r: PlanRecord, result: { changed: boolean }) {
    const versions = await services.plans.versions(r.action.id);
    const created = r.versions.length === 0 && result.changed;
    return {
      etag: etag("plan", r.action.id, planRevision(versions)),
      body: presentPlanOfApproach(r.action.number, versions, r.readsOpen),
      ...(created
        ? {
            status: 201,
            headers: { Location: `/api/v1/programmes/${r.programme.slug}/actions/${r.action.number}/plan` },
          }
        : {}),
    };
  }

  /** The parts every plan write shares. */
  const common = {
    load,
    target: (r: PlanRecord) => ({ programmeId: r.programme.id, actionId: r.action.id }),
    bodyErrors: planBodyErrors,
    notFound: (r: PlanRecord) => ({ key: "errors.actionNotFound", params: { number: r.raw } }),
    present,
  };
  const ifMatch = (r: PlanRecord) => ({ kind: "plan", id: r.action.id, version: planRevision(r.versions) });
  const transition = (r: PlanRecord, context: WriteContext) => ({
    programmeId: r.programme.id,
    number: r.action.number,
    title: r.action.title,
    planUrl: r.planUrl,
    // Without a plan the store refuses before it compares (409): any version will do.
    expected: seenOf(r) ?? { versionNo: 0, version: 0 },
    ...context,
  });

  // Writing the draft: the open draft changes, or a new version starts (the first one, or after a
  // decision). If-Match may be left out, or be `*`, only while the action has no plan yet.
  router.put(
    path,
    body,
    changeRoute<PlanRecord, PlanFields, PlanOutcome>(services, {
      ...common,
      operation: "plan.write",
      ifMatch: (r) => ({ ...ifMatch(r), optional: r.versions.length === 0 }),
      schema: planBodySchema,
      async write(r, fields, context) {
        const head = r.versions[0];
        const result = await services.plans.write({
          programmeId: r.programme.id,
          number: r.action.number,
          base: head?.status === "draft" ? { versionNo: head.versionNo, version: head.version } : null,
          fields,
          seen: seenOf(r),
          ...context,
        });
        return outcome(r, result);
      },
    }),
  );

  /** A lifecycle step: submit (plan.write), approve or return (plan.decide). */
  function step<I>(
    name: "submit" | "approve" | "return",
    options: { operation: Operation; schema: z.ZodType<I>; body: "optional" | "required" },
    run: (r: PlanRecord, input: I, context: WriteContext) => Promise<PlanResult>,
  ) {
    router.post(
      `${path}/${name}`,
      body,
      changeRoute<PlanRecord, I, PlanOutcome>(services, {
        ...common,
        ...options,
        ifMatch,
        write: async (r, input, context) => outcome(r, await run(r, input, context)),
      }),
    );
  }

  step(
    "submit",
    { operation: "plan.write", schema: planSubmitBodySchema, body: "optional" },
    (r, _input, context) => services.plans.submit(transition(r, context)),
  );
  for (const decision of ["approve", "return"] as const) {
    step(
      decision,
      // Approving may be sent without a body; returning needs one, with the reason in `note`.
      {
        operation: "plan.decide",
        schema: planDecisionBodySchema,
        body: decision === "approve" ? "optional" : "required",
      },
      (r, input, context) =>
        services.plans.decide({
          ...transition(r, context),
          decision,
          note: input.note === "" ? null : input.note,
        }),
    );
  }
}
