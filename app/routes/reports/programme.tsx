import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { ReportBlocks } from "../../components/reports/report-blocks";
import reportStyles from "../../components/reports/reports.css?url";
import { can } from "../../domain/auth/permissions";
import { calendarDate } from "../../domain/calendar";
import { adoptionInputSchema, readAdoptionForm } from "../../domain/reports/programme-adoption";
import { z } from "zod";
import { requirePermission } from "../../lib/auth/guards.server";
import { message, zodFieldErrors } from "../../lib/errors";
import { translator } from "../../lib/i18n/catalogue.server";
import { annualProgrammeDocument } from "../../lib/reports/annual-programme-document.server";
import { assembleProgrammeLive, readAnnualProgramme } from "../../lib/reports/annual-programme.server";
import { formAnswer, pageAction } from "../shared/page-action.server";
import { requireProgrammeYear } from "./report-pages.server";
import type { Route } from "./+types/programme";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("reports.listTitle"), to: `/programmes/${d.programme.slug}/reports` },
    { label: t("reports.annualProgrammeTitle", { year: d.year }) },
  ],
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { programme, year } = await requireProgrammeYear(context, params.slug, params.year);
  requirePermission(context, request, "programme.read", { programmeId: programme.id });
  const view = await readAnnualProgramme(context.services, programme, year);
  if (!view.final) requirePermission(context, request, "report.readDraft", { programmeId: programme.id });
  const document = annualProgrammeDocument(view.model, context.language, view.final);
  const status = view.stored?.status ?? "draft";
  const canAdopt = status === "proposed" && can(context.principal, "decision.record", { programmeId: programme.id });
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    year,
    title: document.title,
    blocks: document.blocks,
    status,
    version: view.stored?.version ?? 0,
    canEdit: status !== "final" && can(context.principal, "report.edit", { programmeId: programme.id }),
    canAdopt,
    meetings: canAdopt ? await context.services.decisions.meetingOptions(programme.id) : [],
    today: calendarDate(context.services.clock.now()),
  };
}

const proposeSchema = z.strictObject({});

/** Proposing (the programme manager) and adopting (recording the steering group's decision), each through `pageAction`. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  const intent = (await request.clone().formData()).get("intent");
  const base = async (permission: "report.edit" | "decision.record") => {
    const found = await requireProgrammeYear(context, params.slug, params.year);
    requirePermission(context, request, permission, { programmeId: found.programme.id });
    return found;
  };
  const done = (slug: string, year: number, flag: string) => redirect(`/programmes/${slug}/reports/${year}/programme?${flag}=1`);
  const refusedText = (status: string) =>
    status === "final" ? t("reports.isAdopted") : status === "proposed" ? t("reports.alreadyProposed") : status === "conflict" ? t("reports.conflict") : t("reports.notProposed");
  if (intent === "adopt") {
    return pageAction(context, request, {
      load: () => base("decision.record"),
      read: (form) => readAdoptionForm(form),
      schema: adoptionInputSchema,
      schemaErrors: (error) => zodFieldErrors(error, { accept: /^reports\./ }),
      async change({ programme, year }, input, write, version) {
        if (input.decidedOn > calendarDate(context.services.clock.now())) return { status: "invalid" as const, errors: { decidedOn: message("reports.adoptDateInvalid") } };
        const stored = await context.services.reports.get(programme.id, "annual-programme", year);
        const model = await assembleProgrammeLive(context.services, programme, year, stored?.texts ?? { introduction: "", themes: {} });
        const result = await context.services.reports.adoptProgramme({
          programmeId: programme.id,
          year,
          expectedVersion: version,
          snapshot: JSON.stringify({ ...model, generatedOn: input.decidedOn }),
          decision: {
            decidedOn: input.decidedOn,
            meetingId: input.meetingId,
            title: translator(programme.language === "en" ? "en" : "nl")("reports.adoptDecisionTitle", { year }),
            text: translator(programme.language === "en" ? "en" : "nl")("reports.adoptDecisionText", { year, programme: programme.title }),
          },
          ...write,
        });
        if (result.status === "meeting-unknown") return { status: "invalid" as const, errors: { meetingId: message("reports.adoptMeetingUnknown") } };
        return result;
      },
      answer: formAnswer,
      notFound: message("reports.programmeYearNotFound"),
      refused: (_record, values, version, result) => (result ? formAnswer(values, { form: refusedText(result.status) }, version) : undefined),
      conflict: (_record, _result, values, version) => formAnswer(values, { form: refusedText("conflict") }, version),
      done: ({ programme, year }) => done(programme.slug, year, "adopted"),
    });
  }
  return pageAction(context, request, {
    load: () => base("report.edit"),
    read: () => ({ values: { decidedOn: "", meetingId: "" }, input: {} }),
    schema: proposeSchema,
    change: ({ programme, year }, _input, write, version) => context.services.reports.proposeProgramme({ programmeId: programme.id, year, expectedVersion: version, ...write }),
    answer: formAnswer,
    notFound: message("reports.programmeYearNotFound"),
    refused: (_record, values, version, result) => (result ? formAnswer(values, { form: refusedText(result.status) }, version) : undefined),
    conflict: (_record, _result, values, version) => formAnswer(values, { form: refusedText("conflict") }, version),
    done: ({ programme, year }) => done(programme.slug, year, "proposed"),
  });
}

export default function AnnualProgrammePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  const values = result?.values ?? { decidedOn: d.today, meetingId: "" };
  const lang = i18n.language === "en" ? "en" : "nl";
  const api = `/api/v1/programmes/${d.programme.slug}/reports/${d.year}/programme`;
  const contents = d.blocks.filter((b) => b.type === "heading" && b.level === 2);
  const statusText = d.status === "final" ? t("reports.statusAdopted") : d.status === "proposed" ? t("reports.statusProposed") : t("reports.statusDraft");
  return (
    <>
      <PageTitle title={d.title} />
      <Breadcrumbs />
      {params.get("saved") ? <Notice>{t("reports.saved")}</Notice> : null}
      {params.get("proposed") ? <Notice>{t("reports.proposed")}</Notice> : null}
      {params.get("adopted") ? <Notice>{t("reports.adopted")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <article className="regie-report">
        <ReportBlocks blocks={d.blocks.slice(0, 2)} />
        <p className="nl-paragraph">
          {t("reports.statusColumn")}: <strong data-testid="programme-status">{statusText}</strong>
        </p>
        <section className="regie-report__tools" aria-labelledby="programma-downloads">
          <h2 className="nl-heading nl-heading--level-2" id="programma-downloads">
            {t("reports.downloads")}
          </h2>
          <ul>
            <li>
              <a className="nl-link" href={`${api}.docx?lang=${lang}`} download>
                {t("reports.downloadWord")}
              </a>
            </li>
            <li>
              <a className="nl-link" href={`${api}.pdf?lang=${lang}`} download>
                {t("reports.downloadPdf")}
              </a>
            </li>
          </ul>
          {d.canEdit ? (
            <p className="nl-paragraph">
              <Link className="nl-link" to={`/programmes/${d.programme.slug}/reports/${d.year}/programme/edit`}>
                {t("reports.editLink")}
              </Link>
            </p>
          ) : null}
          {d.canEdit && d.status === "draft" ? (
            <Form method="post" className="regie-form" noValidate>
              <CsrfField />
              <input type="hidden" name="version" value={d.version} />
              <input type="hidden" name="intent" value="propose" />
              <p className="nl-paragraph">{t("reports.proposeIntro")}</p>
              <div className="regie-actions-row">
                <button className="nl-button nl-button--primary" type="submit">
                  {t("reports.propose")}
                </button>
              </div>
            </Form>
          ) : null}
          {d.canAdopt ? (
            <Form method="post" className="regie-form" noValidate>
              <CsrfField />
              <input type="hidden" name="version" value={d.version} />
              <input type="hidden" name="intent" value="adopt" />
              <p className="nl-paragraph">{t("reports.adoptIntro")}</p>
              <TextField name="decidedOn" label={t("reports.adoptedOn")} type="date" defaultValue={values.decidedOn} error={errors.decidedOn} />
              <div className="regie-field">
                <label htmlFor="veld-meetingId">
                  {t("reports.adoptMeeting")}
                </label>
                <select id="veld-meetingId" name="meetingId" defaultValue={values.meetingId} aria-invalid={errors.meetingId ? true : undefined}>
                  <option value="">{t("reports.adoptNoMeeting")}</option>
                  {d.meetings.map((m) => (
                    <option key={m.id} value={String(m.id)}>
                      {`${m.heldOn}: ${m.title}`}
                    </option>
                  ))}
                </select>
                {errors.meetingId ? <p className="regie-field-error">{errors.meetingId}</p> : null}
              </div>
              <div className="regie-actions-row">
                <button className="nl-button nl-button--primary" type="submit">
                  {t("reports.adopt")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
        <nav className="regie-report__toc" aria-labelledby="programma-inhoud">
          <h2 className="nl-heading nl-heading--level-2" id="programma-inhoud">
            {t("reports.contents")}
          </h2>
          <ol>
            {contents.map((b) =>
              b.type === "heading" ? (
                <li key={b.id}>
                  <a className="nl-link" href={`#${b.id}`}>
                    {b.text}
                  </a>
                </li>
              ) : null,
            )}
          </ol>
        </nav>
        <ReportBlocks blocks={d.blocks.slice(2)} />
      </article>
    </>
  );
}
