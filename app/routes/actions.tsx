import { useTranslation } from "react-i18next";
import { data, Form, Link, useLoaderData, useLocation } from "react-router";
import type { Route } from "./+types/actions";
import { AsOfNotice } from "../components/as-of";
import { CategoryBadge } from "../components/category-badge";
import { PageTitle } from "../components/page-title";
import { RiskFlags } from "../components/progress/risk-flags";
import { filtersToSearchParams, type ActionFilters } from "../domain/programmes/action-filters";
import { listActions } from "../domain/programmes/list-actions";
import { today } from "../lib/as-of.server";
import { translator } from "../lib/i18n";
import { requireProgramme } from "../lib/page-data.server";
import { loadRiskFlags } from "../lib/progress-views.server";
import { publicPage } from "../lib/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  const query = new URL(request.url).searchParams;
  const { services } = context;
  const [result, organisations, years, flags] = await Promise.all([
    listActions({
      programme,
      query,
      actions: services.actions,
      organisations: services.organisations,
      today: today(context),
    }),
    services.organisations.list({ programmeId: programme.id }),
    services.actions.planningYears(programme.id),
    loadRiskFlags(context, programme.id),
  ]);
  const t = translator(context.language);
  const page = {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      categories: programme.categories,
      themes: programme.themes.map((th) => ({
        number: th.number,
        title: th.title,
        intentions: th.intentions,
      })),
    },
    leads: organisations.filter((o) => o.leads > 0).map((o) => ({ slug: o.slug, name: o.name })),
    partners: organisations.filter((o) => o.partners > 0).map((o) => ({ slug: o.slug, name: o.name })),
    years,
    raw: Object.fromEntries([...query.entries()].filter(([k]) => k !== "category")),
    rawCategories: query.getAll("category"),
  };
  if (!result.ok) {
    const errors = Object.fromEntries(
      Object.entries(result.errors).map(([field, key]) => [
        field,
        t(key, { value: result.params[field] ?? "" }),
      ]),
    );
    return data(
      { ...page, ok: false as const, errors, actions: [], total: 0, filters: null, paging: null },
      { status: 400 },
    );
  }
  return {
    ...page,
    ok: true as const,
    errors: {} as Record<string, string>,
    total: result.total,
    filters: result.filters,
    paging: result.paging,
    actions: result.data.map((a) => ({
      number: a.number,
      title: a.title,
      theme: a.theme?.number ?? null,
      intention: a.intention?.code ?? null,
      category: a.category,
      leads: a.leads.map((l) => ({ slug: l.slug, name: l.name })),
      leadUnknown: a.leadUnknown,
      planningText: a.planningText,
      planApproved: Boolean(a.plan),
      atRiskThrough: flags.get(a.number) ?? [],
    })),
  };
}

export default function ActionsPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  const value = (name: string) => d.raw[name] ?? "";
  const errorId = (name: string) => (d.errors[name] ? `fout-${name}` : undefined);
  const fieldError = (name: string) =>
    d.errors[name] ? (
      <p className="regie-field-error" id={`fout-${name}`}>
        {d.errors[name]}
      </p>
    ) : null;
  const pageLink = (filters: ActionFilters, offset: number, limit: number) =>
    `${base}/actions?${filtersToSearchParams(filters, { offset, limit }).toString()}`;
  const csvHref = `/api/v1/programmes/${d.programme.slug}/actions.csv${d.filters ? "?" + filtersToSearchParams(d.filters).toString() : ""}`;

  return (
    <>
      <PageTitle title={`${t("actions.heading")} – ${d.programme.title}`} />
      <nav aria-label={t("app.breadcrumb")} className="regie-breadcrumb">
        <ol>
          <li>
            <Link className="nl-link" to={base}>
              <span lang={lang}>{d.programme.title}</span>
            </Link>
          </li>
          <li aria-current="page">{t("actions.heading")}</li>
        </ol>
      </nav>
      <h1 className="nl-heading nl-heading--level-1">{t("actions.heading")}</h1>

      {/* Keyed by the query: after a client-side navigation ("Filters wissen", paging) the fields show the new address. */}
      <Form key={location.search} method="get" className="regie-filters" aria-labelledby="filters-kop">
        <h2 className="nl-heading nl-heading--level-2" id="filters-kop">
          {t("actions.filters")}
        </h2>
        {!d.ok ? (
          <div className="regie-error-summary" role="alert">
            <p className="nl-paragraph">{t("errors.invalidFilters")}</p>
            <ul>
              {Object.entries(d.errors).map(([field, message]) => (
                <li key={field}>
                  <a className="nl-link" href={`#filter-${field}`}>
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="regie-field regie-field--wide">
          <label htmlFor="filter-q">{t("actions.search")}</label>
          <span className="regie-hint" id="filter-q-hint">
            {t("actions.searchLabel")}
          </span>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={value("q")}
            maxLength={200}
            aria-describedby={["filter-q-hint", errorId("q")].filter(Boolean).join(" ")}
            aria-invalid={d.errors.q ? true : undefined}
          />
          {fieldError("q")}
        </div>
        <fieldset
          className="regie-field regie-field--wide regie-field--categories"
          id="filter-category"
          aria-describedby={errorId("category")}
        >
          <legend>{t("actions.category")}</legend>
          <div className="regie-checks">
            {d.programme.categories.map((c) => (
              <div key={c.code} className="regie-check">
                <input
                  type="checkbox"
                  id={`filter-category-${c.code}`}
                  name="category"
                  value={c.code}
                  defaultChecked={d.rawCategories.includes(String(c.code))}
                />
                <label htmlFor={`filter-category-${c.code}`}>
                  <CategoryBadge code={c.code} categories={d.programme.categories} />
                </label>
              </div>
            ))}
          </div>
          {fieldError("category")}
        </fieldset>
        <div className="regie-field">
          <label htmlFor="filter-theme">{t("actions.theme")}</label>
          <select
            id="filter-theme"
            name="theme"
            defaultValue={value("theme")}
            aria-describedby={errorId("theme")}
            aria-invalid={d.errors.theme ? true : undefined}
          >
            <option value="">{t("actions.all")}</option>
            {d.programme.themes.map((th) => (
              <option key={th.number} value={th.number} lang={lang}>
                {th.number}. {th.title}
              </option>
            ))}
          </select>
          {fieldError("theme")}
        </div>
        <div className="regie-field">
          <label htmlFor="filter-intention">{t("actions.intention")}</label>
          <select
            id="filter-intention"
            name="intention"
            defaultValue={value("intention")}
            aria-describedby={errorId("intention")}
            aria-invalid={d.errors.intention ? true : undefined}
          >
            <option value="">{t("actions.all")}</option>
            {d.programme.themes.flatMap((th) =>
              th.intentions.map((i) => (
                <option key={i.code} value={i.code} lang={lang}>
                  {i.code} {i.text.length > 70 ? `${i.text.slice(0, 68)}…` : i.text}
                </option>
              )),
            )}
          </select>
          {fieldError("intention")}
        </div>
        <div className="regie-field">
          <label htmlFor="filter-year">{t("actions.year")}</label>
          <select
            id="filter-year"
            name="year"
            defaultValue={value("year")}
            aria-describedby={errorId("year")}
            aria-invalid={d.errors.year ? true : undefined}
          >
            <option value="">{t("actions.all")}</option>
            {d.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {fieldError("year")}
        </div>
        <div className="regie-field">
          <label htmlFor="filter-asOf">{t("decisions.asOfLabel")}</label>
          <span className="regie-hint" id="filter-asOf-hint">
            {t("decisions.asOfHint")}
          </span>
          <input
            id="filter-asOf"
            name="asOf"
            type="date"
            defaultValue={value("asOf")}
            aria-describedby={["filter-asOf-hint", errorId("asOf")].filter(Boolean).join(" ")}
            aria-invalid={d.errors.asOf ? true : undefined}
          />
          {fieldError("asOf")}
        </div>
        <div className="regie-field">
          <label htmlFor="filter-lead">{t("actions.lead")}</label>
          <select
            id="filter-lead"
            name="lead"
            defaultValue={value("lead")}
            aria-describedby={errorId("lead")}
            aria-invalid={d.errors.lead ? true : undefined}
          >
            <option value="">{t("actions.all")}</option>
            {d.leads.map((o) => (
              <option key={o.slug} value={o.slug} lang={lang}>
                {o.name}
              </option>
            ))}
          </select>
          {fieldError("lead")}
        </div>
        <div className="regie-field">
          <label htmlFor="filter-partner">{t("actions.partner")}</label>
          <select
            id="filter-partner"
            name="partner"
            defaultValue={value("partner")}
            aria-describedby={errorId("partner")}
            aria-invalid={d.errors.partner ? true : undefined}
          >
            <option value="">{t("actions.all")}</option>
            {d.partners.map((o) => (
              <option key={o.slug} value={o.slug} lang={lang}>
                {o.name}
              </option>
            ))}
          </select>
          {fieldError("partner")}
        </div>
        <div className="regie-field regie-field--wide">
          <div className="regie-check">
            <input
              type="checkbox"
              id="filter-plan"
              name="plan"
              value="approved"
              defaultChecked={value("plan") === "approved"}
              aria-describedby={errorId("plan")}
              aria-invalid={d.errors.plan ? true : undefined}
            />
            <label htmlFor="filter-plan">{t("plans.filterLabel")}</label>
          </div>
          {fieldError("plan")}
        </div>
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("actions.apply")}
          </button>
          <Link className="nl-link" to={`${base}/actions`}>
            {t("actions.clear")}
          </Link>
        </div>
      </Form>

      {d.ok ? (
        <section aria-labelledby="resultaten" className="regie-results">
          {d.filters?.asOf ? (
            <AsOfNotice
              date={d.filters.asOf}
              todayHref={`${base}/actions?${filtersToSearchParams({ ...d.filters, asOf: undefined }).toString()}`}
            />
          ) : null}
          <h2 className="nl-heading nl-heading--level-2" id="resultaten" aria-live="polite">
            {t("actions.results", { count: d.total })}
          </h2>
          <p className="nl-paragraph regie-muted">
            {d.filters?.q ? t("actions.sortedByRelevance") : t("actions.sortedByNumber")}
            {d.total > 0 && d.paging
              ? ` · ${t("actions.resultsRange", { from: d.paging.offset + 1, to: Math.min(d.total, d.paging.offset + d.paging.limit), total: d.total })}`
              : null}
            {" · "}
            <a className="nl-link" href={csvHref} download>
              {t("actions.downloadCsv")}
            </a>
          </p>
          {d.actions.length === 0 ? (
            <p className="nl-paragraph">{t("actions.none")}</p>
          ) : (
            <div className="regie-table-wrap">
              <table className="regie-table regie-table--actions">
                <caption className="regie-visually-hidden">
                  {t("actions.results", { count: d.total })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="regie-num">
                      {t("actions.number")}
                    </th>
                    <th scope="col">{t("actions.title")}</th>
                    <th scope="col">{t("actions.theme")}</th>
                    <th scope="col">{t("actions.leads")}</th>
                    <th scope="col">{t("actions.planning")}</th>
                    <th scope="col">{t("actions.category")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.actions.map((a) => (
                    <tr key={a.number}>
                      <td className="regie-num regie-cell--number">{a.number}</td>
                      <th scope="row">
                        <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                          <span lang={lang}>{a.title}</span>
                        </Link>
                        {a.planApproved ? (
                          <>
                            {" "}
                            <span className="regie-plan-status regie-plan-status--approved">
                              {t("plans.listBadge")}
                            </span>
                          </>
                        ) : null}
                        {a.atRiskThrough.length > 0 ? (
                          <div className="regie-risk-line">
                            <RiskFlags flags={a.atRiskThrough} base={base} compact />
                          </div>
                        ) : null}
                      </th>
                      <td data-label={t("actions.theme")}>
                        {a.theme === null ? t("actions.organisationChapter") : (a.intention ?? a.theme)}
                      </td>
                      <td data-label={t("actions.leads")} lang={lang}>
                        {a.leadUnknown
                          ? t("action.leadUnknown")
                          : a.leads.map((l, i) => (
                              <span key={l.slug}>
                                {i > 0 ? ", " : null}
                                <Link className="nl-link" to={`/organisations/${l.slug}`}>
                                  {l.name}
                                </Link>
                              </span>
                            ))}
                      </td>
                      <td lang={lang} className="regie-pre-line" data-label={t("actions.planning")}>
                        {a.planningText || "–"}
                      </td>
                      <td>
                        <CategoryBadge code={a.category} categories={d.programme.categories} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.paging && d.filters && d.total > d.paging.limit ? (
            <nav aria-label={t("actions.pagination")} className="regie-pagination">
              {d.paging.offset > 0 ? (
                <Link
                  className="nl-link"
                  to={pageLink(d.filters, Math.max(0, d.paging.offset - d.paging.limit), d.paging.limit)}
                >
                  {t("actions.previous")}
                </Link>
              ) : null}
              {d.paging.offset + d.paging.limit < d.total ? (
                <Link
                  className="nl-link"
                  to={pageLink(d.filters, d.paging.offset + d.paging.limit, d.paging.limit)}
                >
                  {t("actions.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
