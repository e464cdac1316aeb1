import type { Request, Response, Router } from "express";
import type { OrganisationSnapshot } from "../../db/organisation.repository";
import {
  organisationCreateSchema,
  organisationMergeSchema,
  organisationPatchSchema,
} from "../../domain/editing/organisation-changes";
import { parsePaging } from "../../domain/programmes/action-filters";
import { message, type FieldErrors } from "../../lib/errors";
import { ORGANISATION_KINDS, type OrganisationKind } from "../../domain/programmes/programme-document";
import type { Services } from "../../lib/services.server";
import { presentOrganisation, presentOrganisationListItem } from "../../presenters/organisation";
import { invalidQuery, problem, queryOf } from "../problem";
import { changeRoute, createRoute, type WriteAnswer } from "../write-route";
import { etag, jsonBodyLater, sendRecord } from "../write-support";

/**
 * Where an organisation is now when the slug in the request was merged away or changed: its API
 * address, or undefined when the slug never existed.
 */
export async function formerOrganisationLocation(
  services: Services,
  req: Request,
): Promise<string | undefined> {
  const current = await services.organisations.currentSlugFor(String(req.params.slug));
  return current ? `${req.baseUrl}/organisations/${current}` : undefined;
}

/**
 * The organisation registry: the list and one organisation (reads); POST creates, PATCH changes,
 * POST …/merge merges. Writes are checked in the order 401, 404/403, 428/412 (If-Match with the
 * organisation's ETag), 400.
 */
export function mountOrganisationRoutes(router: Router, services: Services): void {
  const body = jsonBodyLater(services.env.MAX_UPLOAD_MB);

  router.get("/organisations", async (req, res) => {
    const query = queryOf(req);
    const parsed = parsePaging(query);
    const kinds = query.getAll("kind").filter((v) => v.trim() !== "");
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (kinds.length > 1) errors.kind = message("filter.repeated");
    else if (kinds.length === 1 && !isOrganisationKind(kinds[0])) errors.kind = message("filter.kind");
    if (!parsed.ok || Object.keys(errors).length > 0) return invalidQuery(res, errors);
    const kind = kinds[0] as OrganisationKind | undefined;
    const [list, total] = await Promise.all([
      services.organisations.list({ kind, paging: parsed.paging }),
      services.organisations.count({ kind }),
    ]);
    res.json({ data: list.map(presentOrganisationListItem), total, ...parsed.paging });
  });

  router.get("/organisations/:slug", async (req, res) => {
    const org = await services.organisations.get(String(req.params.slug));
    if (!org) {
      // A slug merged away or changed answers 301 to where the organisation is now.
      const moved = await formerOrganisationLocation(services, req);
      return moved ? res.redirect(301, moved) : problem(res, 404, "errors.organisationNotFound");
    }
    sendRecord(res, etag("organisation", org.id, org.version), presentOrganisation(org));
  });

  /** One organisation, whole, with its ETag. */
  async function answer(slug: string, extra: Omit<WriteAnswer, "etag" | "body"> = {}): Promise<WriteAnswer> {
    const org = (await services.organisations.get(slug))!;
    return { etag: etag("organisation", org.id, org.version), body: presentOrganisation(org), ...extra };
  }

  /** What a write to an existing organisation shares: the organisation (404 with a pointer for a former slug) and its ETag. */
  const existing = {
    operation: "organisation.edit",
    async load(req: Request, res: Response): Promise<OrganisationSnapshot | undefined> {
      const snapshot = await services.organisations.snapshot(String(req.params.slug));
      if (snapshot) return snapshot;
      const moved = await formerOrganisationLocation(services, req);
      if (moved) {
        res.setHeader("Link", `<${moved}>; rel="alternate"`);
        problem(res, 404, "editing.formerSlug", { location: moved });
      } else problem(res, 404, "errors.organisationNotFound");
      return undefined;
    },
    target: () => ({}),
    ifMatch: (o: OrganisationSnapshot) => ({ kind: "organisation", id: o.id, version: o.version }),
    notFound: () => ({ key: "errors.organisationNotFound" }),
  } as const;

  router.post(
    "/organisations",
    body,
    createRoute(services, {
      operation: "organisation.edit",
      load: () => Promise.resolve({}),
      target: () => ({}),
      schema: organisationCreateSchema,
      write: (_, changes, context) => services.organisations.create({ changes, ...context }),
      present: (_, result, req) =>
        answer(result.organisation.slug, {
          status: 201,
          headers: { Location: `${req.baseUrl}/organisations/${result.organisation.slug}` },
        }),
    }),
  );

  router.patch(
    "/organisations/:slug",
    body,
    changeRoute(services, {
      ...existing,
      schema: organisationPatchSchema,
      write: (o, patch, context) =>
        services.organisations.update({ slug: o.slug, expectedVersion: o.version, patch, ...context }),
      present: (_, result) => answer(result.organisation.slug),
    }),
  );

  router.post(
    "/organisations/:slug/merge",
    body,
    changeRoute(services, {
      ...existing,
      schema: organisationMergeSchema,
      write: (o, { into }, context) =>
        services.organisations.merge({ slug: o.slug, into, expectedVersion: o.version, ...context }),
      present: (_, result, req) =>
        answer(result.into.slug, {
          headers: { "Content-Location": `${req.baseUrl}/organisations/${result.into.slug}` },
        }),
    }),
  );
}

function isOrganisationKind(value: unknown): value is OrganisationKind {
  return (ORGANISATION_KINDS as readonly unknown[]).includes(value);
}
