import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/monitor-indicator";
import { PageTitle } from "../../components/page-title";
import { ChartFigure } from "../../components/monitor/chart-figure";
import { DataTable } from "../../components/monitor/data-table";
import monitorStyles from "../../components/monitor/monitor.css?url";
import { indicatorPage, readView } from "./monitor-page.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("monitor.heading"), to: `/programmes/${d.programme.slug}/monitor` },
    { label: d.indicator.name, lang: d.programme.language },
  ],
};

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: monitorStyles }];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  const t = translator(context.language);
  const id = params.indicatorId ?? "";
  const indicator = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)
    ? await context.services.monitor.get(programme.id, id)
    : undefined;
  if (!indicator) throw data(t("monitor.errors.indicatorNotFound", { id }), { status: 404 });
  const sources = await context.services.monitor.sources(programme.id, indicator.id);
  const periods = [...new Set(indicator.measurements.filter((m) => m.value !== null).map((m) => m.period))];
  const view = readView(new URL(request.url).searchParams, periods);
  const page = indicatorPage(indicator, sources, { ...view.value, language: context.language });
  const theme = programme.themes.find((th) => th.number === indicator.theme);
  const body = {
    ...page,
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    theme: theme ? { number: theme.number, title: theme.title } : null,
    errors: view.ok ? {} : Object.fromEntries(Object.entries(view.errors).map(([k, v]) => [k, t(v)])),
  };
  return view.ok ? body : data(body, { status: 400 });
}

export default function IndicatorPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${d.programme.slug}`;
  const here = `${base}/monitor/${d.indicator.id}`;
  const lang = d.programme.language;
  const i = d.indicator;
  const indexHref = `${here}?view=index${d.base && d.view === "index" ? `&base=${d.base.code}` : ""}`;
  return (
    <>
      <PageTitle title={`${i.name} – ${t("monitor.heading")}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span lang={lang}>{i.name}</span>
      </h1>
      {d.theme ? (
        <p className="nl-paragraph regie-meta">
          <Link className="nl-link" to={`${base}/themes/${d.theme.number}`}>
            {t("overview.theme")} {d.theme.number}: <span lang={lang}>{d.theme.title}</span>
          </Link>
        </p>
      ) : null}
      <p className="nl-paragraph" lang={lang}>
        {i.definition}
      </p>

      {Object.keys(d.errors).length > 0 ? (
        <div className="regie-error-summary" role="alert">
          <ul>
            {Object.entries(d.errors).map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="cijfers">
        <h2 className="nl-heading nl-heading--level-2" id="cijfers">
          {d.view === "index"
            ? t("monitor.viewIndex", { base: d.base?.label ?? "" })
            : t("monitor.viewValues")}
        </h2>
        <nav aria-label={t("monitor.view")} className="regie-view-switch">
          <ul>
            <li>
              <Link className="nl-link" to={here} aria-current={d.view === "values" ? "page" : undefined}>
                {t("monitor.viewValues")}
              </Link>
            </li>
            <li>
              <Link className="nl-link" to={indexHref} aria-current={d.view === "index" ? "page" : undefined}>
                {t("monitor.viewIndexShort")}
              </Link>
            </li>
          </ul>
        </nav>
        {d.view === "index" && d.basePeriods.length > 0 ? (
          <Form method="get" action={here} className="regie-index-form">
            <input type="hidden" name="view" value="index" />
            <div className="regie-field">
              <label htmlFor="index-base">{t("monitor.indexBase")}</label>
              <span className="regie-hint" id="index-base-hint">
                {t("monitor.indexBaseHint")}
              </span>
              <select
                id="index-base"
                name="base"
                defaultValue={d.base?.code ?? ""}
                aria-describedby={d.errors.base ? "index-base-hint index-base-error" : "index-base-hint"}
                aria-invalid={d.errors.base ? true : undefined}
              >
                {d.basePeriods.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.label}
                  </option>
                ))}
              </select>
              {d.errors.base ? (
                <p className="regie-field-error" id="index-base-error">
                  {d.errors.base}
                </p>
              ) : null}
            </div>
            <button className="nl-button nl-button--secondary" type="submit">
              {t("monitor.indexApply")}
            </button>
          </Form>
        ) : null}
        {d.view === "index" && d.base ? (
          <p className="nl-paragraph">{t("monitor.indexExplanation", { base: d.base.label })}</p>
        ) : null}
        {d.view === "index" && d.base && d.notIndexable.length > 0 ? (
          <p className="nl-paragraph">
            {t("monitor.notIndexable", { base: d.base.label, regions: d.notIndexable.join(", ") })}
          </p>
        ) : null}

        {d.svg ? (
          <div className="regie-chart-layout">
            <ChartFigure svg={d.svg} caption={d.chartTitle} id={`grafiek-${i.id}`}>
              <p className="nl-paragraph regie-chart__note">{t("monitor.chartLegendNote")}</p>
            </ChartFigure>
            <div>
              <DataTable table={d.table} id={`tabel-${i.id}`} />
              {d.hasProvisional ? (
                <p className="nl-paragraph regie-chart__note">{t("monitor.provisionalLegend")}</p>
              ) : null}
              {d.hasComputed ? (
                <p className="nl-paragraph regie-chart__note">
                  {t("monitor.computedLegend", { name: i.regions.find((r) => r.aggregate)?.name ?? "" })}
                </p>
              ) : null}
            </div>
          </div>
        ) : (
          <p className="nl-paragraph">{t("monitor.noData")}</p>
        )}
      </section>

      <section aria-labelledby="over">
        <h2 className="nl-heading nl-heading--level-2" id="over">
          {t("monitor.facts")}
        </h2>
        <dl className="regie-facts">
          <div>
            <dt>{t("monitor.unit")}</dt>
            <dd lang={lang}>{i.unit}</dd>
          </div>
          <div>
            <dt>{t("monitor.goodDirection")}</dt>
            <dd>{t(`monitor.direction_${i.goodDirection}`)}</dd>
          </div>
          <div>
            <dt>{t("monitor.source")}</dt>
            <dd>
              {i.source.type === "cbs" ? (
                <>
                  <a className="nl-link" href={i.source.url}>
                    {t("monitor.sourceCbs", { table: i.source.table, title: i.source.title })}
                  </a>
                  ,{" "}
                  {i.source.measure
                    ? t("monitor.sourceMeasure", { measure: i.source.measure })
                    : t("monitor.sourceMeasureOpen")}
                </>
              ) : i.source.url ? (
                <a className="nl-link" href={i.source.url}>
                  {i.source.name}
                </a>
              ) : (
                <span lang={lang}>{i.source.name}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("monitor.regions")}</dt>
            <dd>
              <ul className="regie-inline-list">
                {i.regions.map((r) => (
                  <li key={r.code}>
                    {r.aggregate === "sum"
                      ? t("monitor.regionSum", { name: r.name })
                      : r.aggregate === "stated"
                        ? t("monitor.regionStated", { name: r.name })
                        : r.name}{" "}
                    <span className="regie-muted">({r.code})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t("monitor.baseline")}</dt>
            <dd>
              {d.baseline.period === null
                ? t("monitor.baselineNone", { programme: i.baselinePeriod })
                : d.baseline.substitute
                  ? t("monitor.baselineSubstitute", {
                      period: d.baseline.period,
                      programme: i.baselinePeriod,
                    })
                  : t("monitor.baselineValue", { period: d.baseline.period })}
            </dd>
          </div>
          {i.target ? (
            <div>
              <dt>{t("monitor.target")}</dt>
              <dd>
                {t("monitor.targetValue", { value: i.target.text, unit: i.unitSuffix, year: i.target.year })}
              </dd>
            </div>
          ) : null}
          {i.note ? (
            <div>
              <dt>{t("monitor.note")}</dt>
              <dd lang={lang}>{i.note}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="herkomst">
        <h2 className="nl-heading nl-heading--level-2" id="herkomst">
          {t("monitor.sources")}
        </h2>
        <p className="nl-paragraph" lang={lang}>
          {i.attribution}
        </p>
        {d.sources.length > 0 ? (
          <ul>
            {d.sources.map((s) => (
              <li key={s.id}>
                <span lang={lang}>{s.attribution}</span> ·{" "}
                {s.retrieved ? t("monitor.retrieved", { date: s.retrieved }) : t("monitor.retrievedUnknown")}{" "}
                · {t("monitor.sourceCount", { count: s.count })}
                <br />
                <span className="regie-muted">{s.sourceName}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="nl-paragraph">{t("monitor.licence")}</p>
        <ul className="regie-inline-list">
          <li>
            <a className="nl-link" href={`/api/v1${base}/indicators/${i.id}.csv`} download>
              {t("monitor.downloadIndicatorCsv")}
            </a>
          </li>
          <li>
            <a className="nl-link" href={`/api/v1${base}/indicators/${i.id}`}>
              {t("monitor.downloadIndicatorJson")}
            </a>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/monitor`}>
              {t("monitor.backToMonitor")}
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}
