import type { Request, Response, Router } from "express";
import type { Principal } from "../domain/auth/roles";
import { fieldErrors } from "../domain/editing/field-errors";
import {
  organisationCreateSchema,
  organisationMergeSchema,
  organisationPatchSchema,
} from "../domain/editing/organisation-changes";
import { translator, type Language } from "../lib/i18n";
import { translateErrors } from "../lib/messages";
import type { Services } from "../lib/services.server";
import { timestamp } from "../lib/time";
import { presentOrganisation } from "../presenters/organisation";
import {
  authorise,
  etag,
  jsonBodyLater,
  problem,
  requireIfMatch,
  requireJsonObject,
  sendRecord,
} from "./write-support";

/**
 * Where an organisation is now when the slug in the request was merged away or changed: its API
 * address, or undefined when the slug never existed.
 */
export async function formerOrganisationLocation(
  services: Services,
  req: Request,
): Promise<string | undefined> {
  const current = await services.organisationStore.currentSlugFor(String(req.params.slug));
  return current ? `${req.baseUrl}/organisations/${current}` : undefined;
}

/**
 * Writes to the organisation registry: POST creates, PATCH changes, POST …/merge merges. Checked in
 * the order 401, 404/403, 428/412 (If-Match with the organisation's ETag), 400.
 */
export function mountOrganisationWrites(router: Router, services: Services): void {
  const maxMb = services.env.MAX_UPLOAD_MB;
  const body = jsonBodyLater(maxMb);
  const actorOf = (res: Response) => {
    const user = (res.locals.principal as Principal).user!;
    return { userId: user.id, label: user.name };
  };
  const invalid = (res: Response, errors: Record<string, string>) =>
    problem(
      res,
      400,
      "api.invalidInput",
      {},
      translateErrors(translator(res.locals.language as Language), errors),
    );

  /** Answers with one organisation, whole, and its ETag. */
  async function sendOrganisation(res: Response, slug: string, status = 200) {
    const org = (await services.organisations.get(slug))!;
    res.setHeader("Cache-Control", "no-store");
    sendRecord(res, etag("organisation", org.id, org.version), presentOrganisation(org), status);
  }

  /** The organisation a write names, or an answer: 401 for the public, 404 (with a pointer for a former slug), 403. */
  async function target(req: Request, res: Response) {
    if (!(res.locals.principal as Principal).user) {
      authorise(res, "organisation.edit", {});
      return undefined;
    }
    const snapshot = await services.organisationStore.snapshot(String(req.params.slug));
    if (!snapshot) {
      const moved = await formerOrganisationLocation(services, req);
      if (moved) {
        res.setHeader("Link", `<${moved}>; rel="alternate"`);
        problem(res, 404, "editing.formerSlug", { location: moved });
      } else problem(res, 404, "errors.organisationNotFound");
      return undefined;
    }
    return authorise(res, "organisation.edit", {}) ? snapshot : undefined;
  }

  router.post("/organisations", body, async (req: Request, res: Response) => {
    if (!authorise(res, "organisation.edit", {})) return;
    const input = requireJsonObject(req, res, maxMb);
    if (!input) return;
    const parsed = organisationCreateSchema.safeParse(input);
    if (!parsed.success) return invalid(res, fieldErrors(parsed.error));
    const result = await services.organisationStore.create({
      changes: parsed.data,
      actor: actorOf(res),
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "invalid") return invalid(res, result.errors);
    res.setHeader("Location", `${req.baseUrl}/organisations/${result.organisation.slug}`);
    await sendOrganisation(res, result.organisation.slug, 201);
  });

  router.patch("/organisations/:slug", body, async (req: Request, res: Response) => {
    const snapshot = await target(req, res);
    if (!snapshot) return;
    const expected = requireIfMatch(req, res, "organisation", snapshot.id, snapshot.version);
    if (expected === null) return;
    const input = requireJsonObject(req, res, maxMb);
    if (!input) return;
    const parsed = organisationPatchSchema.safeParse(input);
    if (!parsed.success) return invalid(res, fieldErrors(parsed.error));
    const result = await services.organisationStore.update({
      slug: snapshot.slug,
      expectedVersion: expected,
      patch: parsed.data,
      actor: actorOf(res),
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "not-found") return problem(res, 404, "errors.organisationNotFound");
    if (result.status === "conflict") {
      res.setHeader("ETag", etag("organisation", snapshot.id, result.current.version));
      return problem(res, 412, "api.stale");
    }
    if (result.status === "invalid") return invalid(res, result.errors);
    await sendOrganisation(res, result.organisation.slug);
  });

  router.post("/organisations/:slug/merge", body, async (req: Request, res: Response) => {
    const snapshot = await target(req, res);
    if (!snapshot) return;
    const expected = requireIfMatch(req, res, "organisation", snapshot.id, snapshot.version);
    if (expected === null) return;
    const input = requireJsonObject(req, res, maxMb);
    if (!input) return;
    const parsed = organisationMergeSchema.safeParse(input);
    if (!parsed.success) return invalid(res, fieldErrors(parsed.error));
    const result = await services.organisationStore.merge({
      slug: snapshot.slug,
      into: parsed.data.into,
      expectedVersion: expected,
      actor: actorOf(res),
      requestId: String(res.locals.requestId),
      now: timestamp(services.clock),
    });
    if (result.status === "not-found") return problem(res, 404, "errors.organisationNotFound");
    if (result.status === "conflict") {
      res.setHeader("ETag", etag("organisation", snapshot.id, result.current.version));
      return problem(res, 412, "api.stale");
    }
    if (result.status === "invalid") return invalid(res, result.errors);
    res.setHeader("Content-Location", `${req.baseUrl}/organisations/${result.into.slug}`);
    await sendOrganisation(res, result.into.slug);
  });
}
