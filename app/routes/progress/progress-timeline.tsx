import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/progress-timeline";
import { PageTitle } from "../../components/page-title";
import { ActionFilterForm } from "../../components/action-filter-form";
import { formatDay, formatPeriod, statusLabel } from "../../components/progress/progress-text";
import { riskFlagsContent } from "../../components/progress/risk-flags";
import { timelineSvg, type TimelineRow } from "../../components/progress/timeline-svg";
import { filtersToSearchParams } from "../../domain/programmes/action-filter-links";
import type { ActionFilters } from "../../domain/programmes/action-filters";
import { resolveActionFilters } from "../../domain/programmes/list-actions";
import { PROGRESS_STATUSES, type ProgressStatus } from "../../domain/progress/dependencies";
import { dueDate, type FuzzyDate } from "../../domain/progress/fuzzy-date";
import { milestoneState, timelineAxis, type MilestoneState } from "../../domain/progress/timeline";
import { today as todayOf } from "../shared/as-of.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { loadRiskFlags } from "./progress-views.server";
import { publicPage } from "../shared/route-handles";
import { translateFieldErrors } from "../../lib/errors";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("progressViews.timeline.heading") },
  ],
};

/** At most this many actions on one page of the timeline. */
const PAGE_SIZE = 100;

/**
 * The timeline: every action's milestones on quarters, filtered and paged like the action list
 * (at most 100 actions a page), with today's line and overdue milestones marked; `?view=table`
 * gives the same facts as a table.
 */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "progress.read", { programmeId: programme.id });
  const url = new URL(request.url);
  const view = url.searchParams.get("view") === "table" ? ("table" as const) : ("chart" as const);
  const query = new URLSearchParams(url.searchParams);
  query.delete("view");
  // The page size is fixed: a larger `limit` would make one page too heavy to draw.
  query.delete("limit");
  const { services } = context;
  const read = services.progressViews;
  const day = todayOf(context);
  const [resolved, organisations, years] = await Promise.all([
    resolveActionFilters({ programme, query, organisations: services.organisations, today: day }),
    read.cache.get(
      `organisations:${programme.id}`,
      () => services.organisations.list({ programmeId: programme.id }),
      context,
    ),
    read.cache.get(`years:${programme.id}`, () => services.actions.planningYears(programme.id), context),
  ]);
  const t = translator(context.language);
  const form = {
    programme: {
      language: programme.language,
      categories: programme.categories,
      themes: programme.themes.map((th) => ({
        number: th.number,
        title: th.title,
        intentions: th.intentions.map((i) => ({ code: i.code, text: i.text })),
      })),
    },
    leads: organisations.filter((o) => o.leads > 0).map((o) => ({ slug: o.slug, name: o.name })),
    partners: organisations.filter((o) => o.partners > 0).map((o) => ({ slug: o.slug, name: o.name })),
    years,
    raw: Object.fromEntries([...query.entries()].filter(([k]) => k !== "category")),
    rawCategories: query.getAll("category"),
  };
  const page = {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      period: programme.period,
    },
    view,
    today: day,
  };
  if (!resolved.ok) {
    const errors = translateFieldErrors(t, resolved.errors);
    return data(
      {
        ...page,
        form: { ...form, errors },
        ok: false as const,
        total: 0,
        filters: null,
        offset: 0,
        extent: null,
        actions: [],
      },
      { status: 400 },
    );
  }
  const { effective, paging } = resolved;
  const [timeline, extent] = await Promise.all([
    read.cache.get(
      `timeline:${programme.id}:${day}:${filtersToSearchParams(effective, paging).toString()}`,
      () => timelineRows(context, programme.id, effective, paging, day),
      context,
    ),
    read.cache.get(`extent:${programme.id}`, () => read.milestoneExtent(programme.id), context),
  ]);
  return {
    ...page,
    form: { ...form, errors: {} as Record<string, string> },
    ok: true as const,
    total: timeline.total,
    filters: resolved.filters,
    offset: paging.offset,
    extent,
    actions: timeline.actions,
  };
}

/** One page of the timeline: the same list as the action list (filters, search, order), with the timeline's own columns. */
async function timelineRows(
  context: Route.LoaderArgs["context"],
  programmeId: number,
  filters: ActionFilters,
  paging: { limit: number; offset: number },
  day: string,
) {
  const { services } = context;
  const read = services.progressViews;
  const { ids, total } = await services.actions.listIds(programmeId, filters, paging);
  const [rows, milestones, flags] = await Promise.all([
    read.actionRows(programmeId, null, { ids }),
    read.milestones(programmeId, ids),
    loadRiskFlags(context, programmeId),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byAction = new Map<number, typeof milestones>();
  for (const m of milestones) byAction.set(m.actionId, [...(byAction.get(m.actionId) ?? []), m]);
  const actions = ids.flatMap((id) => {
    const a = byId.get(id);
    if (!a) return [];
    return [
      {
        number: a.number,
        title: a.title,
        latest: a.latest,
        flags: flags.get(a.number) ?? [],
        milestones: (byAction.get(id) ?? []).map((m) => {
          const due: FuzzyDate = {
            text: m.due.text,
            start: m.due.start,
            end: m.due.end,
            precision: m.due.precision,
          };
          if (m.due.recurrence) due.recurrence = m.due.recurrence;
          return { label: m.label, due, doneOn: m.doneOn, state: milestoneState(m, day) };
        }),
      },
    ];
  });
  return { total, actions };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function stateText(
  t: (key: string, options?: Record<string, unknown>) => string,
  state: MilestoneState,
  doneOn: string | null,
  language: string,
): string {
  if (state === "done" && doneOn)
    return t("progressViews.timeline.state_done_on", { date: formatDay(doneOn, language) });
  return t(`progressViews.timeline.state_${state}`);
}

function Legend() {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="nl-heading nl-heading--level-3">{t("progressViews.timeline.legend")}</h3>
      <ul className="regie-graph__legend">
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <rect x="2" y="2" width="36" height="10" rx="2" fill="#1f5fbf" />
          </svg>{" "}
          {t("progressViews.timeline.legendBar")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <path d="M20,1 l6,6 l-6,6 l-6,-6 z" fill="#1f5fbf" />
          </svg>{" "}
          {t("progressViews.timeline.legendPoint")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <rect x="2" y="2" width="6" height="10" fill="#1f5fbf" />
            <line x1="8" y1="7" x2="32" y2="7" stroke="#1f5fbf" strokeWidth="3" />
            <path d="M31,2 L39,7 L31,12 z" fill="#1f5fbf" />
          </svg>{" "}
          {t("progressViews.timeline.legendOpen")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <line x1="2" y1="7" x2="32" y2="7" stroke="#1f5fbf" strokeWidth="3" strokeDasharray="2 4" />
            <path d="M31,2 L39,7 L31,12 z" fill="#1f5fbf" />
          </svg>{" "}
          {t("progressViews.timeline.legendContinuous")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <rect x="2" y="1" width="6" height="12" fill="#1f5fbf" />
            <rect x="17" y="1" width="6" height="12" fill="#1f5fbf" />
            <rect x="32" y="1" width="6" height="12" fill="#1f5fbf" />
          </svg>{" "}
          {t("progressViews.timeline.legendSeries")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="16" viewBox="0 0 40 16">
            <rect
              x="2"
              y="3"
              width="20"
              height="10"
              rx="2"
              fill="#f3d6d3"
              stroke="#b3261e"
              strokeWidth="1.5"
            />
            <path d="M32,1 l7,13 h-14 z" fill="#fff4e0" stroke="#b3261e" strokeWidth="1.5" />
          </svg>{" "}
          {t("progressViews.timeline.legendOverdue")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <rect
              x="2"
              y="2"
              width="20"
              height="10"
              rx="2"
              fill="#8fbd9a"
              stroke="#1e7b34"
              strokeWidth="1.5"
            />
            <path d="M26,7 l3,4 l6,-8" fill="none" stroke="#1e7b34" strokeWidth="2" />
          </svg>{" "}
          {t("progressViews.timeline.legendDone")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="14" viewBox="0 0 40 14">
            <line x1="20" y1="0" x2="20" y2="14" stroke="#6b4500" strokeWidth="2" strokeDasharray="6 3" />
          </svg>{" "}
          {t("progressViews.timeline.legendToday")}
        </li>
      </ul>
    </>
  );
}

function TimelineChart({ d }: { d: LoaderData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const svg = useMemo(() => {
    const axis = timelineAxis(d.programme.period, d.extent);
    const first = axis.quarters[0]!;
    const last = axis.quarters[axis.quarters.length - 1]!;
    const milestoneCount = d.actions.reduce((n, a) => n + a.milestones.length, 0);
    const overdue = d.actions.reduce(
      (n, a) => n + a.milestones.filter((m) => m.state === "overdue").length,
      0,
    );
    // Words translated once, not per row or milestone.
    const statusWords = new Map(PROGRESS_STATUSES.map((st) => [st, statusLabel(t, st)]));
    const stateWords = {
      done: t("progressViews.timeline.state_done"),
      overdue: t("progressViews.timeline.state_overdue"),
      open: t("progressViews.timeline.state_open"),
    };
    const noUpdate = t("progressViews.noUpdate");
    const unlabelled = t("progressViews.timeline.unlabelled");
    const actionWord = t("progressViews.timeline.action");
    const rows: TimelineRow[] = d.actions.map((a) => {
      const status = a.latest ? `${statusWords.get(a.latest.status)} (${a.latest.period})` : noUpdate;
      const risk =
        a.flags.length > 0
          ? `${t("progressViews.flagShort", { through: a.flags.map((f) => f.through).join(", ") })} · `
          : "";
      return {
        number: a.number,
        title: a.title,
        statusText: `${risk}${status}`,
        warning: a.flags.length > 0 || a.latest?.status === "delayed" || a.latest?.status === "at-risk",
        milestones: a.milestones,
      };
    });
    const quarterName = (q: { year: number; quarter: number }) =>
      `${t("progressViews.quarterShort", { quarter: q.quarter })} ${q.year}`;
    const quarterWords = [1, 2, 3, 4].map((quarter) => t("progressViews.quarterShort", { quarter }));
    return timelineSvg({
      id: "tijdlijn",
      axis,
      rows,
      today: d.today,
      labels: {
        title: t("progressViews.timeline.svgTitle"),
        description: t("progressViews.timeline.svgDescription", {
          actions: d.actions.length,
          milestones: milestoneCount,
          overdue,
          from: quarterName(first),
          to: quarterName(last),
        }),
        quarter: (quarter) => quarterWords[quarter - 1]!,
        today: t("progressViews.timeline.today"),
        todayAfter: t("progressViews.timeline.todayAfter", { date: formatDay(d.today, language) }),
        todayBefore: t("progressViews.timeline.todayBefore", { date: formatDay(d.today, language) }),
        milestone: (_row, m) => `${m.label ?? unlabelled} – ${m.due.text} – ${stateWords[m.state]}`,
        action: (row) => `${actionWord} ${row.number}: ${row.title}`,
        noMilestones: t("progressViews.timeline.noMilestones"),
      },
    });
    // t changes with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, language]);
  return (
    <figure className="regie-timeline" aria-labelledby="tijdlijn-bijschrift">
      <figcaption id="tijdlijn-bijschrift">{t("progressViews.timeline.caption")}</figcaption>
      {/* Drawn from the loader's data by timeline-svg.ts: no scripts, no style attributes. */}
      <div
        className="regie-timeline__scroll"
        role="region"
        aria-label={t("progressViews.timeline.scrollLabel")}
        // The chart scrolls sideways on narrow screens; keyboard users must be able to reach it (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    </figure>
  );
}

function TimelineTable({ d, base }: { d: LoaderData; base: string }) {
  const { t, i18n } = useTranslation();
  const lang = d.programme.language;
  const language = i18n.language;
  const unlabelled = t("progressViews.timeline.unlabelled");
  const noDueDate = t("progressViews.timeline.noDueDate");
  const noUpdate = t("progressViews.noUpdate");
  // Translated once per status and period, not once per row.
  const seen = new Map<string, string>();
  const latestText = (status: ProgressStatus, period: string): string => {
    const key = `${status}|${period}`;
    let text = seen.get(key);
    if (text === undefined) {
      text = t("progressViews.latestStatus", {
        status: statusLabel(t, status),
        period: formatPeriod(t, period),
      });
      seen.set(key, text);
    }
    return text;
  };
  const dueText = (due: FuzzyDate) => {
    const date = dueDate(due);
    return date ? formatDay(date, language) : noDueDate;
  };
  return (
    <div
      className="regie-table-wrap"
      role="region"
      aria-label={t("progressViews.timeline.tableCaption")}
      // The table scrolls sideways on narrow screens; keyboard users must be able to reach it (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
    >
      <table className="regie-table regie-table--timeline">
        <caption className="regie-visually-hidden">{t("progressViews.timeline.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("progressViews.timeline.action")}</th>
            <th scope="col">{t("progressViews.timeline.actionStatus")}</th>
            <th scope="col">{t("progressViews.timeline.milestone")}</th>
            <th scope="col">{t("progressViews.timeline.planned")}</th>
            <th scope="col">{t("progressViews.timeline.dueDate")}</th>
            <th scope="col">{t("progressViews.timeline.state")}</th>
          </tr>
        </thead>
        <tbody>
          {d.actions.flatMap((a) => {
            const action = (
              <th scope="row">
                <a className="nl-link" href={`${base}/actions/${a.number}`}>
                  {a.number}
                </a>{" "}
                <span lang={lang}>{a.title}</span>
              </th>
            );
            const status = (
              <td>
                {a.latest ? latestText(a.latest.status, a.latest.period) : noUpdate}
                {a.flags.length > 0 ? <> {riskFlagsContent(a.flags, base, t, language, true)}</> : null}
              </td>
            );
            if (a.milestones.length === 0) {
              return [
                <tr key={a.number}>
                  {action}
                  {status}
                  <td colSpan={4}>{t("progressViews.timeline.noMilestones")}</td>
                </tr>,
              ];
            }
            return a.milestones.map((m, i) => (
              <tr key={`${a.number}-${i}`}>
                {action}
                {status}
                <td lang={lang}>{m.label ?? unlabelled}</td>
                <td lang={lang}>{m.due.text}</td>
                <td>{dueText(m.due)}</td>
                <td className={`regie-milestone-state regie-milestone-state--${m.state}`}>
                  {m.state === "overdue" ? (
                    <span className="regie-risk-flag__sign" aria-hidden="true">
                      !
                    </span>
                  ) : null}{" "}
                  {stateText(t, m.state, m.doneOn, language)}
                </td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function TimelinePage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const base = `/programmes/${d.programme.slug}`;
  const href = (filters: ActionFilters | null, offset: number, view: "chart" | "table") => {
    const params = filters ? filtersToSearchParams(filters, { offset }) : new URLSearchParams();
    if (view === "table") params.set("view", "table");
    const qs = params.toString();
    return `${base}/timeline${qs ? `?${qs}` : ""}`;
  };
  const overdue = d.actions.reduce((n, a) => n + a.milestones.filter((m) => m.state === "overdue").length, 0);
  const pages = Math.max(1, Math.ceil(d.total / PAGE_SIZE));
  const pageNo = Math.floor(d.offset / PAGE_SIZE) + 1;
  const axisEnd = `${d.programme.period.end}-12-31`;
  return (
    <>
      <PageTitle title={`${t("progressViews.timeline.heading")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("progressViews.timeline.heading")}</h1>
      <p className="nl-paragraph regie-prose">{t("progressViews.timeline.intro")}</p>
      <ActionFilterForm
        d={d.form}
        action={`${base}/timeline`}
        keep={d.view === "table" ? { view: "table" } : {}}
      />
      {d.ok ? (
        <section aria-labelledby="resultaten" className="regie-results">
          <h2 className="nl-heading nl-heading--level-2" id="resultaten" aria-live="polite">
            {t("actions.results", { count: d.total })}
          </h2>
          <p className="nl-paragraph regie-muted">
            {d.total > PAGE_SIZE ? `${t("progressViews.timeline.pageOf", { page: pageNo, pages })} · ` : null}
            {t("progressViews.timeline.overdueCount", { count: overdue })}
            {" · "}
            {d.today > axisEnd
              ? t("progressViews.timeline.todayOutside", { date: formatDay(d.today, i18n.language) })
              : t("progressViews.dashboard.today", { date: formatDay(d.today, i18n.language) })}
            {" · "}
            {d.view === "table" ? (
              <Link className="nl-link" to={href(d.filters, d.offset, "chart")}>
                {t("progressViews.timeline.viewChart")}
              </Link>
            ) : (
              <Link className="nl-link" to={href(d.filters, d.offset, "table")}>
                {t("progressViews.timeline.viewTable")}
              </Link>
            )}
          </p>
          {d.actions.length === 0 ? (
            <p className="nl-paragraph">{t("actions.none")}</p>
          ) : d.view === "table" ? (
            <TimelineTable d={d} base={base} />
          ) : (
            <>
              <TimelineChart d={d} />
              <Legend />
            </>
          )}
          {d.total > PAGE_SIZE ? (
            <nav aria-label={t("actions.pagination")} className="regie-pagination">
              {d.offset > 0 ? (
                <Link className="nl-link" to={href(d.filters, Math.max(0, d.offset - PAGE_SIZE), d.view)}>
                  {t("actions.previous")}
                </Link>
              ) : null}
              {d.offset + PAGE_SIZE < d.total ? (
                <Link className="nl-link" to={href(d.filters, d.offset + PAGE_SIZE, d.view)}>
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
