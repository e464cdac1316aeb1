import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings";
import { useLanguage } from "../../components/decision-parts";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { requirePermission } from "../../lib/auth/guards.server";
import { formatDay } from "../../lib/decision-format";
import { requireProgramme } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.nav"), to: `/programmes/${d.programme.slug}/decisions` },
    { label: t("decisions.meetingsHeading") },
  ],
};

/** The steering group's meetings, newest first. Public: organisations, agenda, minutes, decisions. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "decision.read", { programmeId: programme.id });
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    meetings: await context.services.decisions.meetings(programme.id),
    canRecord: can(context.principal, "decision.record", { programmeId: programme.id }),
  };
}

export default function MeetingsPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const language = useLanguage();
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  return (
    <>
      <PageTitle title={`${t("decisions.meetingsHeading")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.meetingsHeading")}</h1>
      <p className="nl-paragraph">{t("decisions.meetingsIntro")}</p>
      {d.canRecord ? (
        <p className="nl-paragraph">
          <Link className="nl-button nl-button--primary regie-button-link" to={`${base}/meetings/new`}>
            {t("decisions.meetingRecord")}
          </Link>
        </p>
      ) : null}
      {d.meetings.length === 0 ? (
        <p className="nl-paragraph">{t("decisions.meetingsNone")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("decisions.meetingsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("decisions.colDate")}</th>
                <th scope="col">{t("decisions.colTitle")}</th>
                <th scope="col" className="regie-num">
                  {t("decisions.colAttendees")}
                </th>
                <th scope="col" className="regie-num">
                  {t("decisions.colDecisions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.heldOn}>{formatDay(m.heldOn, language)}</time>
                  </td>
                  <th scope="row">
                    <Link className="nl-link" to={`${base}/meetings/${m.id}`}>
                      <span lang={lang}>{m.title}</span>
                    </Link>
                  </th>
                  <td className="regie-num">{m.attendeeCount}</td>
                  <td className="regie-num">{m.decisionCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
