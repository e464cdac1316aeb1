import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import type { Language } from "../../lib/i18n";
import { useTranslation } from "react-i18next";
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting";
import { useLanguage } from "../../components/decision-parts";
import { Notice } from "../../components/forms";
import { HistoryList } from "../../components/history-list";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { ORGANISATION_KINDS } from "../../domain/programmes/programme-document";
import { requirePermission } from "../../lib/auth/guards.server";
import { formatDay } from "../../lib/decision-format";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";
import { isRecordId } from "../../domain/primitives";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction, language: Language): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.meetingsHeading"), to: `/programmes/${d.programme.slug}/meetings` },
    { label: formatDay(d.meeting.heldOn, language) },
  ],
};

/** One meeting of the steering group: the organisations present, agenda, minutes, its decisions. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "decision.read", { programmeId: programme.id });
  const t = translator(context.language);
  const meeting = isRecordId(params.id)
    ? await context.services.decisions.meeting(programme.id, Number(params.id))
    : undefined;
  if (!meeting) throw data(t("decisions.meetingNotFound"), { status: 404 });
  const target = { programmeId: programme.id };
  const query = new URL(request.url).searchParams;
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    meeting,
    canRecord: can(context.principal, "decision.record", target),
    canEdit: can(context.principal, "meeting.edit", target),
    canPack: can(context.principal, "report.readDraft", target),
    history: can(context.principal, "history.read", target)
      ? await context.services.history.forEntity("meeting", meeting.id)
      : null,
    recorded: query.has("recorded"),
    saved: query.has("saved") ? (query.get("saved") === "0" ? "nothing" : "saved") : null,
  };
}

export default function MeetingPage() {
  const { programme, meeting, canRecord, canEdit, canPack, history, recorded, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const language = useLanguage();
  const base = `/programmes/${programme.slug}`;
  const lang = programme.language;
  const heading = `${meeting.title}, ${formatDay(meeting.heldOn, language)}`;
  const kinds = ORGANISATION_KINDS.map((kind) => ({
    kind,
    orgs: meeting.attendees.filter((a) => a.kind === kind),
  })).filter((g) => g.orgs.length > 0);
  return (
    <>
      <PageTitle title={heading} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span lang={lang}>{meeting.title}</span>,{" "}
        <time dateTime={meeting.heldOn}>{formatDay(meeting.heldOn, language)}</time>
      </h1>
      {recorded ? <Notice>{t("decisions.meetingRecorded")}</Notice> : null}
      {saved ? (
        <Notice>
          {saved === "nothing" ? t("decisions.meetingSavedNothing") : t("decisions.meetingSaved")}
        </Notice>
      ) : null}
      {canEdit ? (
        <p className="nl-paragraph">
          <Link className="nl-link" to={`${base}/meetings/${meeting.id}/edit`}>
            {t("decisions.meetingEdit")}
          </Link>
        </p>
      ) : null}

      {canPack ? (
        <p className="nl-paragraph">
          <Link className="nl-link" to={`${base}/meetings/${meeting.id}/pack`}>
            {t("reports.pack.link")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="aanwezig">
        <h2 className="nl-heading nl-heading--level-2" id="aanwezig">
          {t("decisions.attendees")}
        </h2>
        {kinds.length === 0 ? (
          <p className="nl-paragraph">{t("decisions.attendeesNone")}</p>
        ) : (
          <dl className="regie-facts">
            {kinds.map((g) => (
              <div key={g.kind}>
                <dt>{t(`kindPlural.${g.kind}`)}</dt>
                <dd>
                  <ul className="regie-inline-list" lang={lang}>
                    {g.orgs.map((o) => (
                      <li key={o.slug}>
                        <Link className="nl-link" to={`/organisations/${o.slug}`}>
                          {o.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby="agenda">
        <h2 className="nl-heading nl-heading--level-2" id="agenda">
          {t("decisions.agenda")}
        </h2>
        <p className="nl-paragraph regie-pre-line" lang={lang}>
          {meeting.agenda || t("decisions.empty")}
        </p>
      </section>

      <section aria-labelledby="verslag">
        <h2 className="nl-heading nl-heading--level-2" id="verslag">
          {t("decisions.minutes")}
        </h2>
        <p className="nl-paragraph regie-pre-line" lang={lang}>
          {meeting.minutes || t("decisions.empty")}
        </p>
      </section>

      <section aria-labelledby="besluiten-vergadering">
        <h2 className="nl-heading nl-heading--level-2" id="besluiten-vergadering">
          {t("decisions.meetingDecisions")}
        </h2>
        {meeting.decisions.length === 0 ? (
          <p className="nl-paragraph">{t("decisions.meetingDecisionsNone")}</p>
        ) : (
          <ul>
            {meeting.decisions.map((d) => (
              <li key={d.id}>
                <Link className="nl-link" to={`${base}/decisions/${d.id}`}>
                  <span lang={lang}>{d.title}</span>
                </Link>{" "}
                ({t(`decisions.kind_${d.kind}`)}
                {d.status === "planned" ? `, ${t("decisions.status_planned").toLowerCase()}` : ""})
              </li>
            ))}
          </ul>
        )}
        {canRecord ? (
          <p className="nl-paragraph">
            <Link className="nl-link" to={`${base}/decisions/new?meeting=${meeting.id}`}>
              {t("decisions.recordForMeeting")}
            </Link>
          </p>
        ) : null}
      </section>

      {history ? (
        <section aria-labelledby="geschiedenis">
          <h2 className="nl-heading nl-heading--level-2" id="geschiedenis">
            {t("decisions.meetingHistory")}
          </h2>
          <HistoryList entries={history} />
        </section>
      ) : null}
    </>
  );
}
