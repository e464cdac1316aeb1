import { useId } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Category, Programme, ThemeCategoryCount } from "../domain/programmes/types";
import { localeOf, type Language } from "../lib/i18n";
import { AsOfForm, AsOfNotice } from "./as-of";
import { CategoryBadge } from "./category-badge";
import { fivePercentSteps } from "./bar-widths";
import { PageTitle } from "./page-title";
import { StatusSummary, type StatusCounts } from "./progress/status-summary";
import { ParagraphList, Paragraphs } from "./paragraphs";

interface Props {
  programme: Programme;
  counts: ThemeCategoryCount[];
  organisationActions: { number: number; title: string; group: string | null; category: number | null }[];
  /** How many actions have an approved plan of approach, of how many. */
  planCount?: { approved: number; actions: number };
  /** The date (YYYY-MM-DD) whose categories are shown; null or absent for today. */
  asOf?: string | null;
  /** Controls for people who keep the programme (edit links, a confirmation), shown under the heading. */
  tools?: React.ReactNode;
  /** Actions per progress status, for the programme and per theme (key: theme number). */
  progress?: { total: StatusCounts; byTheme: Record<string, StatusCounts> };
}

function formatDate(iso: string, language: Language) {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** The programme at a glance: ambition, themes with counts per category, the organisation chapter. */
export function ProgrammeOverview({ programme, counts, organisationActions, planCount, asOf = null, tools, progress }: Props) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === "en" ? "en" : "nl";
  const base = `/programmes/${programme.slug}`;
  // Links to the action list keep the date, so that its categories match these counts.
  const asOfParam = asOf ? `asOf=${asOf}` : "";
  const codes = programme.categories.map((c) => c.code);
  const count = (theme: number | null | undefined, category?: number) =>
    counts
      .filter(
        (c) =>
          (theme === undefined || c.theme === theme) && (category === undefined || c.category === category),
      )
      .reduce((n, c) => n + c.count, 0);
  const total = count(undefined);

  return (
    <>
      <PageTitle title={`${programme.title}, ${programme.subtitle}`} />
      <div className="regie-lead" lang={programme.language}>
        <h1 className="nl-heading nl-heading--level-1">
          {programme.title}
          <span className="regie-subtitle">{programme.subtitle}</span>
        </h1>
      </div>
      <p className="nl-paragraph regie-meta">
        {programme.adoptedOn ? (
          <>
            <Trans
              i18nKey="overview.adopted"
              values={{ by: programme.adoptedBy ?? "", date: formatDate(programme.adoptedOn, language) }}
              components={{ by: <span lang={programme.language} /> }}
            />
            {". "}
          </>
        ) : null}
        {t("overview.period", { start: programme.period.start, end: programme.period.end })}.{" "}
        {programme.revisionIntervalYears
          ? t("overview.revision", { years: programme.revisionIntervalYears })
          : null}
      </p>
      {tools}
      <dl className="regie-facts">
        <div>
          <dt>{t("overview.municipalities")}</dt>
          <dd>
            <OrgLinks orgs={programme.municipalities} lang={programme.language} />
          </dd>
        </div>
        {programme.coAuthors.length > 0 ? (
          <div>
            <dt>{t("overview.coAuthors")}</dt>
            <dd>
              <OrgLinks orgs={programme.coAuthors} lang={programme.language} />
            </dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="ambitie">
        <h2 className="nl-heading nl-heading--level-2" id="ambitie">
          {t("overview.ambition")}
        </h2>
        <blockquote className="regie-ambition" lang={programme.language}>
          <Paragraphs text={programme.ambition} />
        </blockquote>
      </section>

      <section aria-labelledby="categorieen">
        <h2 className="nl-heading nl-heading--level-2" id="categorieen">
          {t("overview.countsByCategory")}
        </h2>
        {asOf ? <AsOfNotice date={asOf} /> : null}
        <AsOfForm date={asOf} />
        <ul className="regie-category-legend">
          {programme.categories.map((c) => (
            <li
              key={c.code}
              className={`regie-category-legend__item regie-category-legend__item--${c.colour}`}
            >
              <Link className="nl-link regie-category-legend__link" to={`${base}/actions?category=${c.code}${asOfParam ? `&${asOfParam}` : ""}`}>
                <CategoryBadge code={c.code} categories={programme.categories} />
                <span className="regie-count">
                  {t("overview.actionsCount", { count: count(undefined, c.code) })}
                </span>
              </Link>
              <p className="nl-paragraph regie-category-legend__text" lang={programme.language}>
                {c.description}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="themas">
        <h2 className="nl-heading nl-heading--level-2" id="themas">
          {t("overview.themes")}
        </h2>
        <ol className="regie-theme-cards">
          {programme.themes.map((theme) => (
            <li key={theme.number} className="regie-card">
              <h3 className="nl-heading nl-heading--level-3">
                <Link className="nl-link" to={`${base}/themes/${theme.number}`}>
                  <span lang={programme.language}>
                    {theme.number}. {theme.title}
                  </span>
                </Link>
              </h3>
              <p className="nl-paragraph regie-card__count">
                {t("overview.actionsCount", { count: count(theme.number) })}
              </p>
              {progress ? <p className="nl-paragraph regie-card__subhead">{t("work.categoryWord")}</p> : null}
              <CategoryBar
                categories={programme.categories}
                counts={codes.map((code) => count(theme.number, code))}
              />
              {progress?.byTheme[String(theme.number)] ? (
                <>
                  <p className="nl-paragraph regie-card__subhead">{t("work.statusTitle")}</p>
                  <StatusSummary
                    {...progress.byTheme[String(theme.number)]!}
                    label={t("work.statusOf", { what: `${t("overview.theme")} ${theme.number}` })}
                  />
                </>
              ) : null}
            </li>
          ))}
        </ol>
        <CountsTable programme={programme} count={count} total={total} />
        <p className="nl-paragraph regie-more">
          <Link className="nl-link" to={`${base}/actions${asOfParam ? `?${asOfParam}` : ""}`}>
            {t("overview.allActions")} ({total})
          </Link>
        </p>
        {planCount ? (
          <p className="nl-paragraph regie-plan-count">
            <Link className="nl-link" to={`${base}/actions?plan=approved`}>
              {t("plans.approvedCount", { count: planCount.approved, total: planCount.actions })}
            </Link>
          </p>
        ) : null}
        <ul className="regie-link-list regie-progress-links">
          <li>
            <Link className="nl-link" to={`${base}/dashboard`}>
              {t("progressViews.dashboard.heading")}
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/timeline`}>
              {t("progressViews.timeline.heading")}
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/dependencies`}>
              {t("progressViews.graph.heading")}
            </Link>
          </li>
        </ul>
      </section>

      {programme.organisationChapter ? (
        <section aria-labelledby="organisatie">
          <h2 className="nl-heading nl-heading--level-2" id="organisatie">
            {programme.organisationChapter.number}.{" "}
            <span lang={programme.language}>{programme.organisationChapter.title}</span>
          </h2>
          {programme.organisationChapter.groups.map((group) => (
            <div key={group}>
              <h3 className="nl-heading nl-heading--level-3" lang={programme.language}>
                {group}
              </h3>
              <ul className="regie-action-links">
                {organisationActions
                  .filter((a) => a.group === group)
                  .map((a) => (
                    <li key={a.number}>
                      <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                        {t("action.heading", { number: a.number })}:{" "}
                        <span lang={programme.language}>{a.title}</span>
                      </Link>{" "}
                      <CategoryBadge code={a.category} categories={programme.categories} />
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      {programme.introduction.length > 0 ? (
        <section aria-labelledby="inleiding">
          <h2 className="nl-heading nl-heading--level-2" id="inleiding">
            {t("overview.showIntroduction")}
          </h2>
          {programme.introduction.map((section, i) => (
            <details key={i} className="regie-details">
              <summary lang={programme.language}>{section.heading}</summary>
              <ParagraphList paragraphs={section.paragraphs} lang={programme.language} />
            </details>
          ))}
        </section>
      ) : null}
    </>
  );
}

function OrgLinks({ orgs, lang }: { orgs: { slug: string; name: string }[]; lang: string }) {
  return (
    <ul className="regie-inline-list" lang={lang}>
      {orgs.map((o) => (
        <li key={o.slug}>
          <Link className="nl-link" to={`/organisations/${o.slug}`}>
            {o.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** A stacked bar per theme; decorative, the counts table below carries the numbers. */
function CategoryBar({ categories, counts }: { categories: Category[]; counts: number[] }) {
  const widths = fivePercentSteps(counts);
  return (
    <div className="regie-bar" aria-hidden="true">
      {categories.map((c, i) =>
        counts[i] ? (
          <span
            key={c.code}
            className={`regie-bar__part regie-bar__part--${c.colour} regie-w-${widths[i] ?? 0}`}
          />
        ) : null,
      )}
    </div>
  );
}

function CountsTable({
  programme,
  count,
  total,
}: {
  programme: Programme;
  count: (theme: number | null | undefined, category?: number) => number;
  total: number;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const rows: { key: string; label: string; theme: number | null }[] = programme.themes.map((th) => ({
    key: String(th.number),
    label: `${th.number}. ${th.title}`,
    theme: th.number,
  }));
  if (programme.organisationChapter) {
    rows.push({
      key: "org",
      label: `${programme.organisationChapter.number}. ${programme.organisationChapter.title}`,
      theme: null,
    });
  }
  return (
    // On narrow screens the table scrolls sideways and holds nothing focusable, so the region itself
    // takes focus for keyboard users (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="regie-table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="regie-table">
        <caption id={captionId}>{t("overview.countsTableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("overview.theme")}</th>
            {programme.categories.map((c) => (
              <th scope="col" key={c.code} className="regie-num">
                <CategoryBadge code={c.code} categories={programme.categories} compact />
              </th>
            ))}
            <th scope="col" className="regie-num">
              {t("overview.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" lang={programme.language}>
                {r.label}
              </th>
              {programme.categories.map((c) => (
                <td key={c.code} className="regie-num">
                  {count(r.theme, c.code)}
                </td>
              ))}
              <td className="regie-num">{count(r.theme)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("overview.total")}</th>
            {programme.categories.map((c) => (
              <td key={c.code} className="regie-num">
                {count(undefined, c.code)}
              </td>
            ))}
            <td className="regie-num">{total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
