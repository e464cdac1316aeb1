import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import type { Language } from "../../lib/i18n";
import { useTranslation } from "react-i18next";
import { redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting-edit";
import { ConflictPanel } from "../../components/conflict-panel";
import { ErrorSummary } from "../../components/forms";
import { MeetingForm } from "../../components/meeting-form";
import { PageTitle } from "../../components/page-title";
import {
  meetingErrors,
  meetingInputSchema,
  readMeetingForm,
  type MeetingFormValues,
} from "../../domain/decisions/meeting-input";
import { requirePermission } from "../../lib/auth/guards.server";
import { decisionParams, formatDay } from "../../lib/decision-format";
import { meetingFormValues, requireMeeting } from "./decision-pages.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { message } from "../../lib/errors";
import { conflictAnswer, formAnswer, notFound, pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction, language: Language): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.meetingsHeading"), to: `/programmes/${d.programme.slug}/meetings` },
    {
      label: formatDay(d.meeting.heldOn, language),
      to: `/programmes/${d.programme.slug}/meetings/${d.meeting.id}`,
    },
    { label: t("decisions.meetingEdit") },
  ],
};

/** The programme and the meeting (404), for the programme manager (403). */
async function load(context: Route.LoaderArgs["context"], request: Request, slug: string, id: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "meeting.edit", { programmeId: programme.id });
  const meeting = await requireMeeting(context, programme.id, id);
  return { programme, meeting };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { programme, meeting } = await load(context, request, params.slug, params.id);
  const organisations = await context.services.organisations.list();
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    meeting: { id: meeting.id, heldOn: meeting.heldOn, title: meeting.title },
    organisations: organisations.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind })),
    values: meetingFormValues(meeting),
    version: meeting.version,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params.slug, params.id),
    read: (form) => readMeetingForm(form),
    schema: meetingInputSchema,
    schemaErrors: meetingErrors,
    translate: { format: decisionParams(t, context.language) },
    change: ({ programme, meeting }, input, write, version) =>
      context.services.decisions.updateMeeting({ programmeId: programme.id, meetingId: meeting.id, expectedVersion: version, meeting: input, ...write }),
    answer: formAnswer,
    notFound: message("decisions.meetingNotFound"),
    async conflict({ programme, meeting }, _result, values) {
      const current = await context.services.decisions.meeting(programme.id, meeting.id);
      if (!current) notFound(context, message("decisions.meetingNotFound"));
      return conflictAnswer(context, "decisions.meetingConflictTitle", values, current, meetingFormValues(current));
    },
    done: ({ programme, meeting }, result) =>
      redirect(`/programmes/${programme.slug}/meetings/${meeting.id}?saved=${result.fields.length === 0 ? 0 : 1}`),
  });
}

export default function MeetingEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/programmes/${loaded.programme.slug}`;
  const page = `${base}/meetings/${loaded.meeting.id}`;
  const lang = loaded.programme.language;
  const names = new Map(loaded.organisations.map((o) => [o.slug, o.name]));
  const view = (v: MeetingFormValues) => ({
    heldOn: v.heldOn,
    title: v.title,
    attendees: v.attendees
      .map((slug) => names.get(slug) ?? slug)
      .sort((a, b) => a.localeCompare(b, "nl"))
      .join("\n"),
    agenda: v.agenda,
    minutes: v.minutes,
  });
  return (
    <>
      <PageTitle
        title={`${t("decisions.meetingEdit")}: ${loaded.meeting.title} – ${loaded.programme.title}`}
      />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.meetingEdit")}</h1>
      <p className="nl-paragraph">{t("decisions.meetingEditIntro")}</p>
      {result?.conflict ? (
        <ConflictPanel
          title={t("decisions.meetingConflictTitle")}
          discardHref={`${page}/edit`}
          theirs={view(result.conflict)}
          mine={view(values)}
          labels={{
            heldOn: t("decisions.fieldHeldOn"),
            title: t("decisions.fieldMeetingTitle"),
            attendees: t("decisions.fieldAttendees"),
            agenda: t("decisions.fieldAgenda"),
            minutes: t("decisions.fieldMinutes"),
          }}
        />
      ) : (
        <ErrorSummary errors={errors} />
      )}
      <MeetingForm
        language={lang}
        organisations={loaded.organisations}
        values={values}
        errors={errors}
        version={version}
        submitLabel={result?.conflict ? t("edit.keepMine") : t("decisions.submitMeetingEdit")}
        cancelHref={page}
      />
    </>
  );
}
