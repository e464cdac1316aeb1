import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting-new";
import { ErrorSummary } from "../../components/forms";
import { MeetingForm } from "../../components/meeting-form";
import { PageTitle } from "../../components/page-title";
import {
  meetingErrors,
  meetingInputSchema,
  readMeetingForm,
  type MeetingFormValues,
} from "../../domain/decisions/meeting-input";
import { today } from "../shared/as-of.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { decisionParams } from "../../lib/decision-format";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { message } from "../../lib/errors";
import { pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.meetingsHeading"), to: `/programmes/${d.programme.slug}/meetings` },
    { label: t("decisions.meetingRecord") },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "decision.record", { programmeId: programme.id });
  return programme;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  const t = translator(context.language);
  const organisations = await context.services.organisations.list();
  const values: MeetingFormValues = {
    heldOn: today(context),
    title: t("decisions.defaultMeetingTitle"),
    agenda: "",
    minutes: "",
    attendees: [],
  };
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    organisations: organisations.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind })),
    values,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params.slug),
    read: (form) => readMeetingForm(form),
    schema: meetingInputSchema,
    schemaErrors: meetingErrors,
    translate: { format: decisionParams(t, context.language) },
    change: (programme, meeting, write) => context.services.decisions.recordMeeting({ programmeId: programme.id, meeting, ...write }),
    answer: (values, errors) => ({ errors, values }),
    notFound: message("errors.programmeNotFound"),
    done: (programme, result) => redirect(`/programmes/${programme.slug}/meetings/${result.id}?recorded=1`),
  });
}

export default function MeetingNew() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const base = `/programmes/${loaded.programme.slug}`;
  const lang = loaded.programme.language;
  return (
    <>
      <PageTitle title={`${t("decisions.meetingRecord")} – ${loaded.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.meetingRecord")}</h1>
      <p className="nl-paragraph">{t("decisions.meetingNewIntro")}</p>
      <ErrorSummary errors={errors} />
      <MeetingForm
        language={lang}
        organisations={loaded.organisations}
        values={values}
        errors={errors}
        submitLabel={t("decisions.submitMeeting")}
        cancelHref={`${base}/meetings`}
      />
    </>
  );
}
