import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/actions";
import { AsOfNotice } from "../../components/as-of";
import { CategoryBadge } from "../../components/category-badge";
import { ActionFilterForm } from "../../components/action-filter-form";
import { PageTitle } from "../../components/page-title";
import { RiskFlags } from "../../components/progress/risk-flags";
import { filtersToSearchParams } from "../../domain/programmes/action-filter-links";
import type { ActionFilters } from "../../domain/programmes/action-filters";
import { listActions } from "../../domain/programmes/list-actions";
import { today } from "../shared/as-of.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { loadRiskFlags } from "../progress/progress-views.server";
import { publicPage } from "../shared/route-handles";
import { translateFieldErrors } from "../../lib/errors";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("actions.heading") },
  ],
};

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
    const errors = translateFieldErrors(t, result.errors);
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
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  const pageLink = (filters: ActionFilters, offset: number, limit: number) =>
    `${base}/actions?${filtersToSearchParams(filters, { offset, limit }).toString()}`;
  const csvHref = `/api/v1/programmes/${d.programme.slug}/actions.csv${d.filters ? "?" + filtersToSearchParams(d.filters).toString() : ""}`;

  return (
    <>
      <PageTitle title={`${t("actions.heading")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("actions.heading")}</h1>

      <ActionFilterForm d={d} action={`${base}/actions`} asOf plan />

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
