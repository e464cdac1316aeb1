import { data } from "react-router";
import type { AppLoadContext } from "react-router";
import { requireAsOf } from "./as-of.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { loadStatusCounts } from "../progress/progress-views.server";

/** The programme named in the URL, or a 404 the route's ErrorBoundary shows. */
export async function requireProgramme(context: AppLoadContext, slug: string | undefined) {
  const programme = slug ? await context.services.programmes.get(slug) : undefined;
  if (!programme) throw data(translator(context.language)("errors.programmeNotFound"), { status: 404 });
  return programme;
}

/** Everything the programme overview shows; with `?asOf=`, the categories as they were at the end of that day. */
export async function loadProgrammeOverview(context: AppLoadContext, slug: string | undefined, request: Request) {
  const programme = await requireProgramme(context, slug);
  const asOf = requireAsOf(context, request);
  const effective = asOf.effective ?? undefined;
  const { actions } = context.services;
  const [counts, organisationActions, planCount, progress] = await Promise.all([
    actions.countByThemeAndCategory(programme.id, effective),
    programme.organisationChapter ? actions.chapterActions(programme.id, effective) : Promise.resolve([]),
    context.services.plans.approvedCount(programme.id),
    // Progress is today's, whatever date the categories are shown for.
    loadStatusCounts(context, programme),
  ]);
  return { programme, counts, organisationActions, planCount, progress, asOf: asOf.date };
}

/** A positive whole number from a URL segment, or a 404. */
export function requireNumber(context: AppLoadContext, raw: string | undefined, messageKey: string): number {
  if (!raw || !/^[1-9]\d{0,5}$/.test(raw)) {
    throw data(translator(context.language)(messageKey, { number: raw ?? "" }), { status: 404 });
  }
  return Number(raw);
}
