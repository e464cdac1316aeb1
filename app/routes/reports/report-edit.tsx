import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { CsrfField, ErrorSummary, TextArea } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { readReportTextsForm, type ReportKind, REPORT_TEXT_MAX, reportTextsSchema, THEME_TEXT_MAX } from "../../domain/reports/report-record";
import { zodFieldErrors } from "../../lib/errors";
import { pageAction } from "../shared/page-action.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgrammeYear, requireReportYear } from "./report-pages.server";
import type { Route } from "./+types/report-edit";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("reports.listTitle"), to: `/programmes/${d.programme.slug}/reports` },
    d.kind === "annual-programme"
      ? { label: t("reports.annualProgrammeTitle", { year: d.year }), to: `/programmes/${d.programme.slug}/reports/${d.year}/programme` }
      : { label: t("reports.annualReportTitle", { year: d.year }), to: `/programmes/${d.programme.slug}/reports/${d.year}` },
    { label: t("reports.editLink") },
  ],
};

/** The same form edits the annual report's texts and the annual programme's: the address says which. */
function kindOf(request: Request): ReportKind {
  return new URL(request.url).pathname.endsWith("/programme/edit") ? "annual-programme" : "annual-report";
}

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string, rawYear: string) {
  const kind = kindOf(request);
  const { programme, year } = kind === "annual-programme" ? await requireProgrammeYear(context, slug, rawYear) : await requireReportYear(context, slug, rawYear);
  requirePermission(context, request, "report.edit", { programmeId: programme.id });
  const stored = await context.services.reports.get(programme.id, kind, year);
  return { programme, year, stored, kind };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, year, stored, kind } = await load(context, request, params.slug, params.year);
  return {
    kind,
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    year,
    final: stored?.status === "final",
    version: stored?.version ?? 0,
    texts: stored?.texts ?? { introduction: "", themes: {} },
    themes: [
      ...programme.themes.map((th) => ({ key: String(th.number), number: th.number, title: th.title })),
      ...(programme.organisationChapter ? [{ key: "chapter", number: null, title: programme.organisationChapter.title }] : []),
    ],
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params.slug, params.year),
    read: (form, { programme }) => {
      const texts = readReportTextsForm(formFields(form));
      const known = new Set([...programme.themes.map((th) => String(th.number)), "chapter"]);
      texts.themes = Object.fromEntries(Object.entries(texts.themes).filter(([key]) => known.has(key)));
      return { values: texts, input: texts };
    },
    schema: reportTextsSchema,
    schemaErrors: (error) =>
      zodFieldErrors(error, { accept: /^reports\./, field: (issue) => (issue.path[0] === "themes" ? `theme.${String(issue.path[1])}` : String(issue.path[0])) }),
    change: ({ programme, year, kind }, texts, write, version) =>
      context.services.reports.saveTexts({ programmeId: programme.id, kind, year, expectedVersion: version, texts, ...write }),
    answer: (texts, errors, version) => ({ errors, texts, version }),
    conflict: (_loaded, { current }, texts) => ({ errors: { form: t("reports.conflict") }, texts, version: current.version }),
    refused: (_loaded, texts, version, result) => result && { errors: { form: t("reports.isFinal") }, texts, version },
    done: ({ programme, year, kind }, result) =>
      redirect(`/programmes/${programme.slug}/reports/${year}${kind === "annual-programme" ? "/programme" : ""}?saved=${result.version}`),
  });
}

export default function ReportEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const texts = result?.texts ?? loaded.texts;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const programmeKind = loaded.kind === "annual-programme";
  const title = t(programmeKind ? "reports.programmeEditTitle" : "reports.editTitle", { year: loaded.year });
  const back = `/programmes/${loaded.programme.slug}/reports/${loaded.year}${programmeKind ? "/programme" : ""}`;
  return (
    <>
      <PageTitle title={title} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{title}</h1>
      <ErrorSummary errors={errors} />
      {loaded.final ? (
        <p className="nl-paragraph">{t("reports.isFinal")}</p>
      ) : (
        <>
          <p className="nl-paragraph">{t("reports.editIntro")}</p>
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <input type="hidden" name="version" value={version} />
            <TextArea
              name="introduction"
              label={t("reports.introductionLabel")}
              defaultValue={texts.introduction}
              error={errors.introduction}
              rows={10}
              maxLength={REPORT_TEXT_MAX}
            />
            {loaded.themes.map((th) => (
              <TextArea
                key={th.key}
                name={`theme.${th.key}`}
                label={
                  th.number === null
                    ? t("reports.chapterTextLabel", { title: th.title })
                    : t("reports.themeTextLabel", { number: th.number, title: th.title })
                }
                defaultValue={texts.themes[th.key] ?? ""}
                error={errors[`theme.${th.key}`]}
                rows={4}
                maxLength={THEME_TEXT_MAX}
              />
            ))}
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit">
                {t("forms.save")}
              </button>
              <Link className="nl-link" to={back}>
                {t("forms.cancel")}
              </Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
