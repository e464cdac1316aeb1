import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meeting-new";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../components/forms";
import { PageTitle } from "../components/page-title";
import { meetingErrors, meetingInputSchema, readMeetingForm, type MeetingFormValues } from "../domain/decisions/meeting-input";
import { ORGANISATION_KINDS } from "../domain/programmes/programme-document";
import { today } from "../lib/as-of.server";
import { requirePermission } from "../lib/auth/guards.server";
import { translateDecisionErrors } from "../lib/decision-format";
import { translator } from "../lib/i18n";
import { requireProgramme } from "../lib/page-data.server";
import { timestamp } from "../lib/time";

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "decision.record", { programmeId: programme.id });
  return programme;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  const t = translator(context.language);
  const organisations = await context.services.organisations.list();
  const values: MeetingFormValues = { heldOn: today(context), title: t("decisions.defaultMeetingTitle"), agenda: "", minutes: "", attendees: [] };
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    organisations: organisations.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind })),
    values,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const programme = await load(context, request, params.slug);
  const t = translator(context.language);
  const read = readMeetingForm(await request.formData());
  const fail = (errors: Record<string, string>) => data({ errors: translateDecisionErrors(t, context.language, errors), values: read.values }, { status: 400 });
  const parsed = meetingInputSchema.safeParse(read.input);
  if (!parsed.success) return fail(meetingErrors(parsed.error));
  const user = context.principal.user!;
  const result = await context.services.decisionStore.recordMeeting({
    programmeId: programme.id,
    meeting: parsed.data,
    actor: { userId: user.id, label: user.name },
    requestId: context.requestId,
    now: timestamp(context.services.clock),
  });
  if (result.status === "invalid") return fail(result.errors);
  return redirect(`/programmes/${programme.slug}/meetings/${result.id}?recorded=1`);
}

export default function MeetingNew() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const base = `/programmes/${loaded.programme.slug}`;
  const lang = loaded.programme.language;
  const chosen = new Set(values.attendees);
  const groups = ORGANISATION_KINDS.map((kind) => ({ kind, orgs: loaded.organisations.filter((o) => o.kind === kind) })).filter((g) => g.orgs.length > 0);
  return (
    <>
      <PageTitle title={`${t("decisions.meetingRecord")} – ${loaded.programme.title}`} />
      <nav aria-label={t("app.breadcrumb")} className="regie-breadcrumb">
        <ol>
          <li>
            <Link className="nl-link" to={base}>
              <span lang={lang}>{loaded.programme.title}</span>
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/meetings`}>
              {t("decisions.meetingsHeading")}
            </Link>
          </li>
          <li aria-current="page">{t("decisions.meetingRecord")}</li>
        </ol>
      </nav>
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.meetingRecord")}</h1>
      <p className="nl-paragraph">{t("decisions.meetingNewIntro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <TextField name="heldOn" type="date" label={t("decisions.fieldHeldOn")} defaultValue={values.heldOn} error={errors.heldOn} required />
        <TextField name="title" label={t("decisions.fieldMeetingTitle")} defaultValue={values.title} error={errors.title} required maxLength={300} />
        <fieldset className="regie-fieldset" id="veld-attendees" aria-describedby={["veld-attendees-hint", errors.attendees ? "veld-attendees-fout" : null].filter(Boolean).join(" ")}>
          <legend>{t("decisions.fieldAttendees")}</legend>
          <p className="regie-hint" id="veld-attendees-hint">
            {t("decisions.fieldAttendeesHint")}
          </p>
          {errors.attendees ? (
            <p className="regie-field-error" id="veld-attendees-fout">
              {errors.attendees}
            </p>
          ) : null}
          {groups.map((g) => (
            <fieldset key={g.kind} className="regie-field regie-field--wide">
              <legend>{t(`kindPlural.${g.kind}`)}</legend>
              <div className="regie-checks regie-checks--columns">
                {g.orgs.map((o) => (
                  <div className="regie-check" key={o.slug}>
                    <input type="checkbox" id={`veld-attendee-${o.slug}`} name="attendee" value={o.slug} defaultChecked={chosen.has(o.slug)} />
                    <label htmlFor={`veld-attendee-${o.slug}`} lang={lang}>
                      {o.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
        <TextArea name="agenda" label={t("decisions.fieldAgenda")} defaultValue={values.agenda} error={errors.agenda} rows={5} />
        <TextArea name="minutes" label={t("decisions.fieldMinutes")} defaultValue={values.minutes} error={errors.minutes} rows={10} />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("decisions.submitMeeting")}
          </button>
          <Link className="nl-link" to={`${base}/meetings`}>
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
