import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { CsrfField, ErrorSummary, Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { ReportBlocks } from "../../components/reports/report-blocks";
import reportStyles from "../../components/reports/reports.css?url";
import monitorStyles from "../../components/monitor/monitor.css?url";
import { message } from "../../lib/errors";
import { pageAction } from "../shared/page-action.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { assembleLive } from "../../lib/reports/annual-report.server";
import { publicPage } from "../shared/route-handles";
import { loadAnnualReportPage, requireReportYear } from "./report-pages.server";
import type { Route } from "./+types/report";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: monitorStyles },
  { rel: "stylesheet", href: reportStyles },
];

/** A visitor sees only final reports, which never change; the page cache keeps them until the data change. */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("reports.listTitle"), to: `/programmes/${d.programme.slug}/reports` },
    { label: t("reports.annualReportTitle", { year: d.year }) },
  ],
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return loadAnnualReportPage(context, request, params.slug, params.year);
}

/** Finalising: the programme manager confirms, and the report keeps today's figures from then on. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: async () => {
      const loaded = await requireReportYear(context, params.slug, params.year);
      requirePermission(context, request, "report.edit", { programmeId: loaded.programme.id });
      return loaded;
    },
    read: (form) =>
      form.get("confirm") === "1" ? { values: null, value: true } : { values: null, errors: { confirm: message("reports.finaliseConfirmRequired") } },
    change: async ({ programme, year }, _confirmed, write, version) => {
      const stored = await context.services.reports.get(programme.id, "annual-report", year);
      const texts = stored?.texts ?? { introduction: "", themes: {} };
      const models = await assembleLive(context.services, programme, year, texts, ["nl", "en"]);
      return context.services.reports.finalise({
        programmeId: programme.id,
        kind: "annual-report",
        year,
        expectedVersion: version,
        snapshot: JSON.stringify(models),
        ...write,
      });
    },
    answer: (_values, errors) => ({ errors }),
    conflict: () => ({ errors: { form: t("reports.conflict") } }),
    refused: (_loaded, _values, _version, result) => result && { errors: { form: t("reports.isFinal") } },
    done: ({ programme, year }) => redirect(`/programmes/${programme.slug}/reports/${year}?finalised=1`),
  });
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  const lang = i18n.language === "en" ? "en" : "nl";
  const api = `/api/v1/programmes/${d.programme.slug}/reports/${d.year}`;
  const contents = d.blocks.filter((b) => b.type === "heading" && b.level === 2);
  return (
    <>
      <PageTitle title={d.title} />
      <Breadcrumbs />
      {params.get("saved") ? <Notice>{t("reports.saved")}</Notice> : null}
      {params.get("finalised") ? <Notice>{t("reports.finalised")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <article className="regie-report">
        <ReportBlocks blocks={d.blocks.slice(0, 3)} />
        <section className="regie-report__tools" aria-labelledby="verslag-downloads">
          <h2 className="nl-heading nl-heading--level-2" id="verslag-downloads">
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
          {d.canEdit && !d.final ? (
            <>
              <p className="nl-paragraph">
                <Link className="nl-link" to={`/programmes/${d.programme.slug}/reports/${d.year}/edit`}>
                  {t("reports.editLink")}
                </Link>
              </p>
              <Form method="post" className="regie-form" noValidate>
                <CsrfField />
                <input type="hidden" name="version" value={d.version} />
                <p className="nl-paragraph">{t("reports.finaliseIntro")}</p>
                <div className="regie-check">
                  <input id="veld-confirm" name="confirm" type="checkbox" value="1" aria-invalid={errors.confirm ? true : undefined} />
                  <label htmlFor="veld-confirm">{t("reports.finaliseConfirm")}</label>
                </div>
                <div className="regie-actions-row">
                  <button className="nl-button nl-button--primary" type="submit">
                    {t("reports.finalise")}
                  </button>
                </div>
              </Form>
            </>
          ) : null}
        </section>
        <nav className="regie-report__toc" aria-labelledby="verslag-inhoud">
          <h2 className="nl-heading nl-heading--level-2" id="verslag-inhoud">
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
        <ReportBlocks blocks={d.blocks.slice(3)} />
      </article>
    </>
  );
}
