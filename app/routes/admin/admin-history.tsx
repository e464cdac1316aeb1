import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, useLoaderData } from "react-router";
import { Pager, SelectField, useDateTime } from "../../components/admin-forms";
import { PageTitle } from "../../components/page-title";
import { historyFilter } from "../../domain/admin/history-filter";
import { pageNumber, requireAdmin } from "./admin.server";
import type { Route } from "./+types/admin-history";

export const handle = {
  breadcrumb: (_d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("admin.title"), to: "/admin" },
    { label: t("admin.history") },
  ],
};

const PAGE_SIZE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request, "history.readAll");
  const url = new URL(request.url);
  const type = historyFilter(url.searchParams.get("type"));
  const page = pageNumber(url);
  const [{ data, total }, types] = await Promise.all([
    context.services.history.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, entityType: type }),
    context.services.history.entityTypes(),
  ]);
  return {
    entries: data,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    type: type ?? "",
    types,
  };
}

const json = (value: unknown) =>
  value === null || value === undefined ? "–" : JSON.stringify(value, null, 2);

export default function AdminHistory() {
  const { entries, total, page, pages, type, types } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateTime();
  const query = (p: number) =>
    `/admin/history?${new URLSearchParams({ ...(type ? { type } : {}), page: String(p) }).toString()}`;
  const csv = `/admin/history.csv${type ? `?type=${encodeURIComponent(type)}` : ""}`;
  return (
    <>
      <PageTitle title={t("admin.history")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("admin.history")}</h1>
      <p className="nl-paragraph">{t("admin.historyIntro")}</p>
      <Form method="get" className="regie-form regie-form--inline">
        <SelectField
          name="type"
          label={t("admin.historyType")}
          defaultValue={type}
          options={[
            { value: "", label: t("admin.historyAll") },
            ...types.map((x) => ({ value: x, label: t(`admin.entity_${x}`, { defaultValue: x }) })),
          ]}
        />
        <div className="regie-actions-row">
          <button type="submit" className="nl-button nl-button--secondary">
            {t("admin.filter")}
          </button>
          <a className="nl-link" href={csv} download>
            {t("admin.historyCsv")}
          </a>
        </div>
      </Form>
      <p className="nl-paragraph" role="status">
        {t("admin.historyCount", { count: total })}
      </p>
      {entries.length > 0 ? (
        // Rows without a change to show hold nothing focusable; the region itself is, for scrolling it sideways (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="regie-table-wrap" tabIndex={0} role="region" aria-label={t("admin.history")}>
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("admin.history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.when")}</th>
                <th scope="col">{t("admin.who")}</th>
                <th scope="col">{t("admin.record")}</th>
                <th scope="col">{t("admin.what")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{date(e.at)}</td>
                  <td>{e.actor}</td>
                  <th scope="row">
                    {`${t(`admin.entity_${e.entityType}`, { defaultValue: e.entityType })}: ${e.entityLabel}`}
                  </th>
                  <td>
                    {t(`edit.operation_${e.operation}`, { defaultValue: e.operation })}
                    {e.before || e.after ? (
                      <details className="regie-change">
                        <summary>{t("admin.showChange")}</summary>
                        <div className="regie-change__grid">
                          <div>
                            <p className="nl-paragraph">{t("edit.before")}</p>
                            <pre>{json(e.before)}</pre>
                          </div>
                          <div>
                            <p className="nl-paragraph">{t("edit.after")}</p>
                            <pre>{json(e.after)}</pre>
                          </div>
                        </div>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager page={page} pages={pages} href={query} />
    </>
  );
}
