import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import type { ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/progress-dashboard";
import { CategoryBadge } from "../../components/category-badge";
import { PageTitle } from "../../components/page-title";
import { StatusSummary } from "../../components/progress/status-summary";
import { formatDay, formatPeriod, statusLabel } from "../../components/progress/progress-text";
import { riskFlagsContent } from "../../components/progress/risk-flags";
import { can } from "../../domain/auth/permissions";
import {
  DASHBOARD_STATUSES,
  ROLLUP_RULES,
  type AttentionItem,
  type CountRow,
  type DashboardStatus,
} from "../../domain/progress/rollup";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { loadRollup } from "./progress-views.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("progressViews.dashboard.heading") },
  ],
};

/** Actions in the "needs attention" list per page. */
const ATTENTION_PAGE = 50;
/** Dropped actions listed on the page; more are in the action list (category 4). */
const DROPPED_SHOWN = 20;

/**
 * The progress dashboard: counts per theme, category and lead organisation, what needs attention
 * and why, the dropped actions, and the rules it counts by. Public, without names of people;
 * members of the programme also see how the round is being answered, and those who may read
 * contacts see who has not answered yet.
 */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  const target = { programmeId: programme.id };
  requirePermission(context, request, "progress.read", target);
  const rawPage = new URL(request.url).searchParams.get("page");
  if (rawPage !== null && rawPage !== "" && !/^[1-9]\d{0,5}$/.test(rawPage)) {
    throw data(translator(context.language)("progressViews.dashboard.badPageNumber"), { status: 400 });
  }
  const { period, rollup, today } = await loadRollup(context, programme);
  const pages = Math.max(1, Math.ceil(rollup.attention.length / ATTENTION_PAGE));
  const page = rawPage ? Number(rawPage) : 1;
  if (page > pages)
    throw data(translator(context.language)("progressViews.dashboard.badPage", { pages }), { status: 400 });

  const p = context.principal;
  const round = period.round;
  const internal = can(p, "progress.readInternal", target);
  const services = context.services.progressViews;
  const [response, unanswered, gaps, narratives] = await Promise.all([
    internal && round ? services.roundResponse(round.id) : Promise.resolve(null),
    // Names of people only for those who may read contacts.
    internal && round && can(p, "contacts.read", target)
      ? services.unansweredRequests(round.id)
      : Promise.resolve(null),
    context.services.workItems.actionGaps(programme.id),
    context.services.workItems.latestPublicNarratives(programme.id),
  ]);
  // Without a contact nobody can be asked: a list of its own, apart from those asked who did not answer.
  const withoutContact = gaps
    .filter((a) => a.contacts === 0 && rollup.statuses.has(a.number))
    .filter((a) => !["done", "stopped"].includes(rollup.statuses.get(a.number) ?? ""))
    .map((a) => ({ number: a.number, title: a.title }));
  const attentionShown = rollup.attention.slice((page - 1) * ATTENTION_PAGE, page * ATTENTION_PAGE);

  const themeTitle = new Map(programme.themes.map((th) => [th.number, th.title]));
  const plainRow = (r: CountRow) => ({
    key: r.key,
    counts: r.counts,
    total: r.total,
    atRiskThroughDependency: r.atRiskThroughDependency,
  });
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      categories: programme.categories,
    },
    today,
    period: period.period,
    round: round ? { openedOn: round.openedOn.slice(0, 10), dueOn: round.dueOn } : null,
    total: plainRow(rollup.total),
    byTheme: rollup.byTheme.map((r) => ({
      ...plainRow(r),
      theme: r.key === "chapter" ? null : Number(r.key.slice("theme:".length)),
      title: r.key === "chapter" ? null : (themeTitle.get(Number(r.key.slice("theme:".length))) ?? ""),
    })),
    byCategory: rollup.byCategory.map((r) => ({
      ...plainRow(r),
      category: r.key === "category:none" ? null : Number(r.key.slice("category:".length)),
    })),
    byLead: rollup.byLead.map((r) => ({ ...plainRow(r), label: r.label })),
    // A long list of dropped actions is one link away, in the action list.
    dropped: rollup.dropped.slice(0, DROPPED_SHOWN),
    droppedCount: rollup.dropped.length,
    attentionCount: rollup.attention.length,
    attention: attentionShown.map((item) => ({ ...item, narrative: narratives.get(item.number) ?? null })),
    withoutContact,
    page,
    pages,
    internal: internal && round ? { response, unanswered } : null,
  };
}

type Row = { key: string; counts: CountRow["counts"]; total: number; atRiskThroughDependency: number };

function CountTable({
  id,
  caption,
  groupLabel,
  rows,
  total,
  label,
}: {
  id: string;
  caption: string;
  groupLabel: string;
  rows: Row[];
  total?: Row;
  label: (row: Row) => ReactNode;
}) {
  const { t } = useTranslation();
  // Translated once per table, not per cell.
  const statuses = DASHBOARD_STATUSES.map((s) => ({ s, label: statusLabel(t, s) }));
  const cells = (r: Row) => (
    <>
      {statuses.map(({ s }) => (
        <td key={s} className="regie-num">
          {r.counts[s]}
        </td>
      ))}
      <td className="regie-num">{r.total}</td>
      <td className="regie-num">{r.atRiskThroughDependency}</td>
    </>
  );
  return (
    // On narrow screens the table scrolls sideways; keyboard users must be able to reach it (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="regie-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="regie-table regie-table--counts" id={`${id}-tabel`}>
        <caption className="regie-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            {statuses.map(({ s, label: text }) => (
              <th scope="col" key={s} className="regie-num">
                {text}
              </th>
            ))}
            <th scope="col" className="regie-num">
              {t("progressViews.dashboard.columnTotal")}
            </th>
            <th scope="col" className="regie-num">
              {t("progressViews.dashboard.columnDependency")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{label(r)}</th>
              {cells(r)}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot>
            <tr>
              <th scope="row">{t("progressViews.dashboard.totalRow")}</th>
              {cells(total)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** The words the attention list repeats, translated once per render rather than once per row. */
function attentionWords(t: TFunction) {
  const overdue = new Map<number, string>();
  const noUpdate = new Map<string, string>();
  const status = new Map(DASHBOARD_STATUSES.map((s) => [s, statusLabel(t, s)]));
  return {
    status: (s: DashboardStatus) => status.get(s)!,
    overdue(count: number): string {
      let text = overdue.get(count);
      if (text === undefined) {
        text = t("progressViews.dashboard.reason_overdue", { count });
        overdue.set(count, text);
      }
      return text;
    },
    noUpdate(period: string): string {
      let text = noUpdate.get(period);
      if (text === undefined) {
        text = t("progressViews.dashboard.reason_no-update", { period: formatPeriod(t, period) });
        noUpdate.set(period, text);
      }
      return text;
    },
    reported: {
      delayed: t("progressViews.dashboard.reason_reported", { status: status.get("delayed") }),
      "at-risk": t("progressViews.dashboard.reason_reported", { status: status.get("at-risk") }),
    },
  };
}

function Reasons({
  item,
  base,
  t,
  language,
  words,
}: {
  item: AttentionItem;
  base: string;
  t: TFunction;
  language: string;
  words: ReturnType<typeof attentionWords>;
}) {
  return (
    <ul className="regie-attention__reasons">
      {item.reasons.map((r) => {
        switch (r.kind) {
          case "overdue": {
            const shown = r.milestones
              .slice(0, 3)
              .map((m) => (m.label ? `${m.label} (${m.dueText})` : m.dueText));
            const list = shown.join("; ") + (r.milestones.length > 3 ? "; …" : "");
            return <li key={r.kind}>{`${words.overdue(r.milestones.length)}: ${list}`}</li>;
          }
          case "no-update":
            return <li key={r.kind}>{words.noUpdate(r.period)}</li>;
          case "dependency":
            return <li key={r.kind}>{riskFlagsContent(r.flags, base, t, language)}</li>;
          case "reported":
            return <li key={r.kind}>{words.reported[r.status]}</li>;
        }
      })}
    </ul>
  );
}

export default function DashboardPage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  const language = i18n.language;
  const actionWord = t("progressViews.timeline.action");
  const words = attentionWords(t);
  const pageHref = (page: number) => `${base}/dashboard${page > 1 ? `?page=${page}` : ""}#aandacht`;
  return (
    <>
      <PageTitle title={`${t("progressViews.dashboard.heading")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("progressViews.dashboard.heading")}</h1>
      <p className="nl-paragraph regie-prose">{t("progressViews.dashboard.intro")}</p>
      <div className="regie-dashboard__period">
        <p className="nl-paragraph">
          {d.period === null
            ? t("progressViews.dashboard.periodNone")
            : d.round
              ? t("progressViews.dashboard.periodRound", {
                  period: formatPeriod(t, d.period),
                  opened: formatDay(d.round.openedOn, language),
                  due: formatDay(d.round.dueOn, language),
                })
              : `${t("progressViews.dashboard.period", { period: formatPeriod(t, d.period) })}. ${t("progressViews.dashboard.periodNoRound")}`}
        </p>
        <p className="nl-paragraph regie-muted">
          {t("progressViews.dashboard.today", { date: formatDay(d.today, language) })}
        </p>
      </div>

      <section aria-labelledby="in-een-oogopslag" className="regie-glance-section">
        <h2 className="nl-heading nl-heading--level-2" id="in-een-oogopslag">
          {t("work.glance")}
        </h2>
        <StatusSummary counts={d.total.counts} total={d.total.total} label={t("work.statusOf", { what: d.programme.title })} />
        <ul className="regie-glance-themes">
          {d.byTheme.map((row) => (
            <li key={row.key}>
              <p className="nl-paragraph regie-glance-themes__name">
                {row.theme === null ? (
                  t("progressViews.dashboard.chapter")
                ) : (
                  <>
                    {row.theme}. <span lang={lang}>{row.title}</span>
                  </>
                )}
              </p>
              <StatusSummary
                counts={row.counts}
                total={row.total}
                label={row.theme === null ? t("progressViews.dashboard.chapter") : `${t("overview.theme")} ${row.theme}`}
              />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="per-thema">
        <h2 className="nl-heading nl-heading--level-2" id="per-thema">
          {t("progressViews.dashboard.byTheme")}
        </h2>
        <CountTable
          id="per-thema"
          caption={t("progressViews.dashboard.byTheme")}
          groupLabel={t("progressViews.dashboard.columnGroup")}
          rows={d.byTheme}
          total={d.total}
          label={(r) => {
            const row = d.byTheme.find((x) => x.key === r.key)!;
            return row.theme === null ? (
              t("progressViews.dashboard.chapter")
            ) : (
              <Link className="nl-link" to={`${base}/themes/${row.theme}`}>
                {row.theme}. <span lang={lang}>{row.title}</span>
              </Link>
            );
          }}
        />
      </section>

      <section aria-labelledby="per-categorie">
        <h2 className="nl-heading nl-heading--level-2" id="per-categorie">
          {t("progressViews.dashboard.byCategory")}
        </h2>
        <CountTable
          id="per-categorie"
          caption={t("progressViews.dashboard.byCategory")}
          groupLabel={t("progressViews.dashboard.columnCategory")}
          rows={d.byCategory}
          label={(r) => {
            const row = d.byCategory.find((x) => x.key === r.key)!;
            return row.category === null ? (
              t("progressViews.dashboard.categoryNone")
            ) : (
              <CategoryBadge code={row.category} categories={d.programme.categories} />
            );
          }}
        />
      </section>

      <section aria-labelledby="per-trekker">
        <h2 className="nl-heading nl-heading--level-2" id="per-trekker">
          {t("progressViews.dashboard.byLead")}
        </h2>
        <CountTable
          id="per-trekker"
          caption={t("progressViews.dashboard.byLead")}
          groupLabel={t("progressViews.dashboard.columnLead")}
          rows={d.byLead}
          label={(r) => {
            const row = d.byLead.find((x) => x.key === r.key)!;
            return row.key === "lead-unknown" ? (
              t("progressViews.dashboard.leadUnknown")
            ) : (
              <a className="nl-link" href={`/organisations/${row.key}`}>
                <span lang={lang}>{row.label}</span>
              </a>
            );
          }}
        />
      </section>

      <section aria-labelledby="aandacht">
        <h2 className="nl-heading nl-heading--level-2" id="aandacht">
          {t("progressViews.dashboard.attention")}
        </h2>
        {d.attentionCount === 0 ? (
          <p className="nl-paragraph">{t("progressViews.dashboard.attentionNone")}</p>
        ) : (
          <>
            <p className="nl-paragraph">
              {t("progressViews.dashboard.attentionIntro", { count: d.attentionCount })}
              {d.pages > 1
                ? ` ${t("progressViews.dashboard.pageOf", { page: d.page, pages: d.pages })}`
                : null}
            </p>
            <div className="regie-table-wrap">
              <table className="regie-table regie-table--attention">
                <caption className="regie-visually-hidden">{t("progressViews.dashboard.attention")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("progressViews.timeline.action")}</th>
                    <th scope="col">{t("progressViews.dashboard.columnStatus")}</th>
                    <th scope="col">{t("progressViews.dashboard.columnReasons")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.attention.map((item) => (
                    <tr key={item.number}>
                      <th scope="row">
                        <a className="nl-link" href={`${base}/actions/${item.number}`}>
                          {actionWord} {item.number}
                        </a>
                        : <span lang={lang}>{item.title}</span>
                      </th>
                      <td>{words.status(item.status)}</td>
                      <td>
                        {Reasons({ item, base, t, language, words })}
                        {item.narrative ? (
                          <blockquote className="regie-work-quote" lang={lang}>
                            <span className="regie-muted">{t("work.narrativeOf", { period: formatPeriod(t, item.narrative.period) })} </span>
                            {item.narrative.narrative}
                          </blockquote>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {d.pages > 1 ? (
              <nav aria-label={t("progressViews.dashboard.pagination")} className="regie-pagination">
                {d.page > 1 ? (
                  <Link className="nl-link" to={pageHref(d.page - 1)}>
                    {t("progressViews.dashboard.previous")}
                  </Link>
                ) : null}
                {d.page < d.pages ? (
                  <Link className="nl-link" to={pageHref(d.page + 1)}>
                    {t("progressViews.dashboard.next")}
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="zonder-contact">
        <h2 className="nl-heading nl-heading--level-2" id="zonder-contact">
          {t("work.withoutContact")} ({d.withoutContact.length})
        </h2>
        {d.withoutContact.length === 0 ? (
          <p className="nl-paragraph">{t("work.withoutContactNone")}</p>
        ) : (
          <>
            <p className="nl-paragraph">{t("work.withoutContactIntro")}</p>
            <details>
              <summary>{t("work.showAll", { count: d.withoutContact.length })}</summary>
              <ul>
                {d.withoutContact.map((a) => (
                  <li key={a.number}>
                    <a className="nl-link" href={`${base}/actions/${a.number}`}>
                      {actionWord} {a.number}
                    </a>
                    : <span lang={lang}>{a.title}</span>
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
      </section>

      <section aria-labelledby="vervallen">
        <h2 className="nl-heading nl-heading--level-2" id="vervallen">
          {t("progressViews.dashboard.dropped")}
        </h2>
        {d.dropped.length === 0 ? (
          <p className="nl-paragraph">{t("progressViews.dashboard.droppedNone")}</p>
        ) : (
          <>
            <p className="nl-paragraph">{t("progressViews.dashboard.droppedIntro")}</p>
            <ul>
              {d.dropped.map((a) => (
                <li key={a.number}>
                  <a className="nl-link" href={`${base}/actions/${a.number}`}>
                    {actionWord} {a.number}
                  </a>
                  : <span lang={lang}>{a.title}</span>
                </li>
              ))}
            </ul>
            {d.droppedCount > d.dropped.length ? (
              <p className="nl-paragraph">
                <Link className="nl-link" to={`${base}/actions?category=4`}>
                  {t("progressViews.dashboard.droppedAll", { count: d.droppedCount })}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      {d.internal ? (
        <section aria-labelledby="intern" className="regie-note">
          <h2 className="nl-heading nl-heading--level-2" id="intern">
            {t("progressViews.dashboard.internal")}
          </h2>
          {d.internal.response ? (
            <p className="nl-paragraph">
              {d.internal.response.requested === 0
                ? t("progressViews.dashboard.responseNone")
                : t("progressViews.dashboard.response", d.internal.response)}
            </p>
          ) : null}
          {d.internal.unanswered ? (
            d.internal.unanswered.length === 0 ? (
              <p className="nl-paragraph">{t("progressViews.dashboard.unansweredNone")}</p>
            ) : (
              <>
                <h3 className="nl-heading nl-heading--level-3">{t("progressViews.dashboard.unanswered")}</h3>
                <ul>
                  {d.internal.unanswered.map((u) => (
                    <li key={`${u.number}-${u.contact}`}>
                      {t("progressViews.dashboard.unansweredItem", { number: u.number, name: u.contact })}
                    </li>
                  ))}
                </ul>
              </>
            )
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="regels">
        <h2 className="nl-heading nl-heading--level-2" id="regels">
          {t("progressViews.dashboard.rules")}
        </h2>
        <ul className="regie-prose">
          {ROLLUP_RULES.map((rule) => (
            <li key={rule}>{t(`progressViews.dashboard.rule_${rule}`)}</li>
          ))}
        </ul>
      </section>

      <nav aria-labelledby="zie-ook">
        <h2 className="nl-heading nl-heading--level-2" id="zie-ook">
          {t("progressViews.dashboard.links")}
        </h2>
        <ul className="regie-link-list">
          <li>
            <Link className="nl-link" to={`${base}/timeline`}>
              {t("progressViews.dashboard.toTimeline")}
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/dependencies`}>
              {t("progressViews.dashboard.toGraph")}
            </Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
