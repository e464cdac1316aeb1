import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/theme";
import { CategoryBadge } from "../../components/category-badge";
import { PageTitle } from "../../components/page-title";
import { StatusSummary } from "../../components/progress/status-summary";
import { RiskFlags } from "../../components/progress/risk-flags";
import { Paragraphs } from "../../components/paragraphs";
import { ThemeIndicators } from "../../components/monitor/theme-indicators";
import { themeIndicatorItems } from "../monitor/monitor-page.server";
import { ThemeToolsPanel } from "../../components/editing-tools";
import { loadThemeTools } from "./editing-tools.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber, requireProgramme } from "../shared/page-data.server";
import { loadRiskFlags, loadStatusCounts } from "../progress/progress-views.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: `${t("overview.theme")} ${d.theme.number}` },
  ],
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.themeNotFound");
  const theme = programme.themes.find((t) => t.number === number);
  if (!theme) throw data(translator(context.language)("errors.themeNotFound"), { status: 404 });
  const [{ data: actions }, flags, progress] = await Promise.all([
    context.services.actions.list(programme.id, { theme: number, category: [] }, { limit: 500, offset: 0 }),
    loadRiskFlags(context, programme.id),
    loadStatusCounts(context, programme),
  ]);
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      categories: programme.categories,
    },
    theme,
    progress: progress.byTheme[String(number)] ?? null,
    indicators: await themeIndicatorItems(context, programme.id, number),
    tools: loadThemeTools(context, programme.id, request),
    actions: actions.map((a) => ({
      number: a.number,
      title: a.title,
      intention: a.intention?.code ?? null,
      category: a.category,
      categoryNote: a.categoryNote,
      leads: a.leads.map((l) => l.name),
      leadUnknown: a.leadUnknown,
      atRiskThrough: flags.get(a.number) ?? [],
    })),
  };
}

export default function ThemePage() {
  const { programme, theme, actions, indicators, tools, progress } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${programme.slug}`;
  const lang = programme.language;
  return (
    <>
      <PageTitle title={t("theme.heading", { number: theme.number, title: theme.title })} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        {t("overview.theme")} {theme.number}: <span lang={lang}>{theme.title}</span>
      </h1>
      <ThemeToolsPanel tools={tools} slug={programme.slug} number={theme.number} />
      {progress ? (
        <section aria-labelledby="voortgang">
          <h2 className="nl-heading nl-heading--level-2" id="voortgang">
            {t("work.statusTitle")}
          </h2>
          <StatusSummary {...progress} label={t("work.statusOf", { what: `${t("overview.theme")} ${theme.number}` })} />
          <p className="nl-paragraph">
            <Link className="nl-link" to={`${base}/dashboard`}>
              {t("progressViews.dashboard.heading")}
            </Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="doelstelling">
        <h2 className="nl-heading nl-heading--level-2" id="doelstelling">
          {t("theme.goal")}
        </h2>
        <Paragraphs text={theme.goal} lang={lang} />
      </section>
      {theme.participation.length > 0 ? (
        <section aria-labelledby="deelname" className="regie-note">
          <h2 className="nl-heading nl-heading--level-2" id="deelname">
            {t("theme.participation")}
          </h2>
          {theme.participation.map((p) => (
            <div key={p.municipality.slug} className="regie-participation">
              <p className="nl-paragraph">
                {t(
                  `theme.participationStatus_${p.status === "not-participating" ? "not_participating" : p.status}`,
                  {
                    name: p.municipality.name,
                  },
                )}
              </p>
              {p.note ? (
                <figure className="regie-quote">
                  <figcaption>{t("theme.participationNote")}</figcaption>
                  <blockquote lang={lang}>
                    <p className="nl-paragraph">{p.note}</p>
                  </blockquote>
                </figure>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="voornemens">
        <h2 className="nl-heading nl-heading--level-2" id="voornemens">
          {t("theme.intentions")}
        </h2>
        {theme.intentionsIntro ? (
          <p className="nl-paragraph" lang={lang}>
            {theme.intentionsIntro}
          </p>
        ) : null}
        {theme.intentions.map((intention) => {
          const mine = actions.filter((a) => a.intention === intention.code);
          return (
            <section
              key={intention.code}
              aria-labelledby={`voornemen-${intention.code}`}
              className="regie-intention"
            >
              <h3 className="nl-heading nl-heading--level-3" id={`voornemen-${intention.code}`}>
                {intention.code} <span lang={lang}>{intention.text}</span>
              </h3>
              {mine.length === 0 ? (
                <p className="nl-paragraph">{t("theme.noActions")}</p>
              ) : (
                <ul className="regie-action-links">
                  {mine.map((a) => (
                    <li key={a.number}>
                      <Link className="nl-link" to={`${base}/actions/${a.number}`}>
                        {t("action.heading", { number: a.number })}: <span lang={lang}>{a.title}</span>
                      </Link>{" "}
                      <CategoryBadge code={a.category} categories={programme.categories} />
                      <span className="regie-muted regie-action-links__leads">
                        {t("actions.leads")}:{" "}
                        {a.leadUnknown ? (
                          t("action.leadUnknown")
                        ) : (
                          <span lang={lang}>{a.leads.join(", ")}</span>
                        )}
                      </span>
                      {a.atRiskThrough.length > 0 ? (
                        <div className="regie-risk-line">
                          <RiskFlags flags={a.atRiskThrough} base={base} compact />
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </section>
      <p className="nl-paragraph">
        <Link className="nl-link" to={`${base}/actions?theme=${theme.number}`}>
          {t("theme.filterActions")}
        </Link>
      </p>
      <ThemeIndicators programme={programme.slug} items={indicators} lang={lang} />
    </>
  );
}
