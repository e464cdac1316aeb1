import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/monitor";
import { CsrfField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { ChartFigure } from "../../components/monitor/chart-figure";
import { cbsOdataUrl, fetchableTables, handleMonitorImport } from "./import-action.server";
import monitorStyles from "../../components/monitor/monitor.css?url";
import { indicatorGlance } from "./monitor-page.server";
import { can } from "../../domain/auth/permissions";
import { periodLabel } from "../../domain/monitor/periods";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireProgramme } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("monitor.heading") },
  ],
};

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: monitorStyles }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  const { services, language } = context;
  const indicators = await services.monitor.listWithMeasurements(programme.id);
  const canImport = can(context.principal, "monitor.import", { programmeId: programme.id });
  const baselinePeriod = indicators[0]?.baselinePeriod ?? "2013JJ00";
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    baselineYear: periodLabel(baselinePeriod, language),
    // The action that asks for the monitor (61 in Kennis & Werk #071), when the programme has it.
    action61: (await services.actions.get(programme.id, 61))?.title.toLowerCase().includes("monitor")
      ? 61
      : null,
    themes: programme.themes.map((theme) => ({
      number: theme.number,
      title: theme.title,
      indicators: indicators.filter((i) => i.theme === theme.number).map((i) => indicatorGlance(i, language)),
    })),
    canImport,
    signedIn: context.principal.user !== null,
    importForm: canImport
      ? {
          maxMb: services.env.MAX_UPLOAD_MB,
          indicators: indicators.map((i) => ({ id: i.id, name: i.name })),
          tables: await fetchableTables(context, programme.id),
          cbsUrl: cbsOdataUrl(),
        }
      : null,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "monitor.import", { programmeId: programme.id });
  const { status, result } = await handleMonitorImport(context, request, programme.id);
  return data(result, { status });
}

export default function MonitorPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  const busy = navigation.state === "submitting";
  return (
    <>
      <PageTitle title={`${t("monitor.heading")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("monitor.heading")}</h1>
      <p className="nl-paragraph">{t("monitor.intro")}</p>
      <p className="nl-paragraph">{t("monitor.baselineIntro", { year: d.baselineYear })}</p>
      <ul className="regie-inline-list">
        {d.action61 ? (
          <li>
            <Link className="nl-link" to={`${base}/actions/${d.action61}`}>
              {t("monitor.action61")}
            </Link>
          </li>
        ) : null}
        <li>
          <a className="nl-link" href={`/api/v1${base}/indicators.csv`} download>
            {t("monitor.downloadCsv")}
          </a>
        </li>
        <li>
          <a className="nl-link" href={`/api/v1${base}/indicators`}>
            {t("monitor.downloadJson")}
          </a>
        </li>
      </ul>

      {result ? <ImportResult result={result} base={base} /> : null}

      {d.themes.map((theme) => (
        <section key={theme.number} aria-labelledby={`thema-${theme.number}`}>
          <h2 className="nl-heading nl-heading--level-2" id={`thema-${theme.number}`}>
            <Link className="nl-link" to={`${base}/themes/${theme.number}`}>
              {t("overview.theme")} {theme.number}: <span lang={lang}>{theme.title}</span>
            </Link>
          </h2>
          {theme.indicators.length === 0 ? (
            <p className="nl-paragraph">{t("monitor.noIndicators")}</p>
          ) : (
            <ul className="regie-indicator-cards">
              {theme.indicators.map((i) => (
                <li key={i.id} className="regie-indicator-card">
                  <h3 className="nl-heading nl-heading--level-3">
                    <Link className="nl-link" to={`${base}/monitor/${i.id}`}>
                      <span lang={lang}>{i.name}</span>
                    </Link>
                  </h3>
                  {i.svg && i.caption ? (
                    <ChartFigure svg={i.svg} caption={i.caption} id={`klein-${i.id}`} />
                  ) : (
                    <p className="nl-paragraph">{t("monitor.noData")}</p>
                  )}
                  {i.latest ? <p className="nl-paragraph">{i.latest}</p> : null}
                  {i.baseline ? <p className="nl-paragraph">{i.baseline}</p> : null}
                  <p className="nl-paragraph regie-indicator-card__source" lang={lang}>
                    {i.attribution}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}

      <section aria-labelledby="inlezen">
        <h2 className="nl-heading nl-heading--level-2" id="inlezen">
          {t("monitor.import.heading")}
        </h2>
        {d.importForm ? (
          <>
            <Form
              method="post"
              encType="multipart/form-data"
              className="regie-import"
              aria-labelledby="inlezen-bestand"
            >
              <h3 className="nl-heading nl-heading--level-3" id="inlezen-bestand">
                {t("monitor.import.fileHeading")}
              </h3>
              <p className="nl-paragraph">{t("monitor.import.intro")}</p>
              <CsrfField />
              <input type="hidden" name="intent" value="import" />
              <div className="regie-field">
                <label htmlFor="import-file">{t("monitor.import.file")}</label>
                <span className="regie-hint" id="import-file-hint">
                  {t("monitor.import.fileHint", { mb: d.importForm.maxMb })}
                </span>
                <input
                  id="import-file"
                  name="file"
                  type="file"
                  accept=".json,.csv,application/json,text/csv"
                  required
                  aria-describedby={[
                    "import-file-hint",
                    result?.fieldErrors.file ? "import-file-error" : null,
                  ]
                    .filter(Boolean)
                    .join(" ")}
                  aria-invalid={result?.fieldErrors.file ? true : undefined}
                />
                {result?.fieldErrors.file ? (
                  <p className="regie-field-error" id="import-file-error">
                    {result.fieldErrors.file}
                  </p>
                ) : null}
              </div>
              <div className="regie-field">
                <label htmlFor="import-indicator">{t("monitor.import.indicator")}</label>
                <select id="import-indicator" name="indicator" defaultValue="">
                  <option value="">{t("monitor.import.indicatorAll")}</option>
                  {d.importForm.indicators.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="regie-field">
                <label htmlFor="import-retrieved">{t("monitor.import.retrieved")}</label>
                <span className="regie-hint" id="import-retrieved-hint">
                  {t("monitor.import.retrievedHint")}
                </span>
                <input
                  id="import-retrieved"
                  name="retrieved"
                  type="date"
                  aria-describedby={[
                    "import-retrieved-hint",
                    result?.fieldErrors.retrieved ? "import-retrieved-error" : null,
                  ]
                    .filter(Boolean)
                    .join(" ")}
                  aria-invalid={result?.fieldErrors.retrieved ? true : undefined}
                />
                {result?.fieldErrors.retrieved ? (
                  <p className="regie-field-error" id="import-retrieved-error">
                    {result.fieldErrors.retrieved}
                  </p>
                ) : null}
              </div>
              <div className="regie-check">
                <input id="import-dry-run" name="dryRun" type="checkbox" value="1" />
                <label htmlFor="import-dry-run">{t("monitor.import.dryRun")}</label>
              </div>
              <div className="regie-actions-row">
                <button className="nl-button nl-button--primary" type="submit" disabled={busy}>
                  {t("monitor.import.submit")}
                </button>
              </div>
            </Form>
            {d.importForm.tables.length > 0 ? (
              <Form method="post" className="regie-import" aria-labelledby="ophalen">
                <h3 className="nl-heading nl-heading--level-3" id="ophalen">
                  {t("monitor.import.fetchHeading")}
                </h3>
                <p className="nl-paragraph">{t("monitor.import.fetchIntro", { url: d.importForm.cbsUrl })}</p>
                <CsrfField />
                <input type="hidden" name="intent" value="fetch" />
                <div className="regie-field">
                  <label htmlFor="fetch-table">{t("monitor.import.table")}</label>
                  <select id="fetch-table" name="table" defaultValue={d.importForm.tables[0]}>
                    {d.importForm.tables.map((table) => (
                      <option key={table} value={table}>
                        {table}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="regie-check">
                  <input id="fetch-dry-run" name="dryRun" type="checkbox" value="1" />
                  <label htmlFor="fetch-dry-run">{t("monitor.import.dryRun")}</label>
                </div>
                <div className="regie-actions-row">
                  <button className="nl-button nl-button--secondary" type="submit" disabled={busy}>
                    {t("monitor.import.fetchSubmit")}
                  </button>
                </div>
              </Form>
            ) : null}
          </>
        ) : (
          <p className="nl-paragraph">
            {t("monitor.import.signInToImport")}{" "}
            {d.signedIn ? null : (
              <Link className="nl-link" to={`/sign-in?next=${encodeURIComponent(`${base}/monitor`)}`}>
                {t("auth.signIn")}
              </Link>
            )}
          </p>
        )}
      </section>
    </>
  );
}

function ImportResult({
  result,
  base,
}: {
  result: NonNullable<ReturnType<typeof useActionData<typeof action>>>;
  base: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      className={`regie-import-result${result.ok ? "" : " regie-import-result--failed"}`}
      role={result.ok ? "status" : "alert"}
      id="import-resultaat"
    >
      <p className="nl-paragraph">
        <strong>{result.summary}</strong>
      </p>
      {result.errors.length > 0 ? (
        <ul>
          {result.errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
      {result.perIndicator.length > 0 ? (
        <ul>
          {result.perIndicator.map((p) => (
            <li key={p.id}>
              <Link className="nl-link" to={`${base}/monitor/${p.id}`}>
                {p.text}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {result.attribution ? <p className="nl-paragraph">{result.attribution}</p> : null}
      {result.warnings.length > 0 ? (
        <>
          <p className="nl-paragraph">{t("monitor.import.warnings")}:</p>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
