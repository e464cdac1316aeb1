import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/action";
import { AsOfNotice } from "../../components/as-of";
import { CategoryBadge } from "../../components/category-badge";
import { OrganisationRefs } from "../../components/organisation-refs";
import { PageTitle } from "../../components/page-title";
import { Paragraphs } from "../../components/paragraphs";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber, requireProgramme } from "../shared/page-data.server";
import { loadActionGovernance } from "./action-governance.server";
import { ActionGovernancePanel } from "../../components/action-governance";
import { RiskFlags } from "../../components/progress/risk-flags";
import { ActionStatusGlance } from "../../components/progress-parts";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    ...(d.action.theme
      ? [
          {
            label: `${t("overview.theme")} ${d.action.theme.number}`,
            to: `/programmes/${d.programme.slug}/themes/${d.action.theme.number}`,
          },
        ]
      : []),
    { label: t("actions.heading"), to: `/programmes/${d.programme.slug}/actions` },
    { label: t("action.heading", { number: d.action.number }) },
  ],
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.actionNotFound");
  const action = await context.services.actions.get(programme.id, number);
  if (!action) throw data(translator(context.language)("errors.actionNotFound", { number }), { status: 404 });
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      categories: programme.categories,
    },
    action,
    governance: await loadActionGovernance(context, programme, action, request),
  };
}

export default function ActionPage() {
  const { programme, action, governance } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${programme.slug}`;
  const lang = programme.language;
  return (
    <>
      <PageTitle title={`${t("action.heading", { number: action.number })}: ${action.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{t("action.heading", { number: action.number })}</span>
        <span lang={lang}>{action.title}</span>
      </h1>
      {governance.categories.asOf ? <AsOfNotice date={governance.categories.asOf.date} /> : null}
      <div className="regie-glance regie-action-glance">
        <p className="nl-paragraph">
          <span className="regie-glance__label">{t("work.categoryWord")}:</span>
          <span className="regie-lead-badge">
            <CategoryBadge
              code={governance.categories.asOf ? governance.categories.asOf.category : action.category}
              categories={programme.categories}
              note={action.categoryNote}
              lang={lang}
            />
          </span>
        </p>
        <ActionStatusGlance latest={governance.progress.latest} />
      </div>
      {governance.dependencies.flags.length > 0 ? (
        <p className="nl-paragraph">
          <RiskFlags flags={governance.dependencies.flags} base={base} />
        </p>
      ) : null}

      <div className="regie-columns">
        <div>
          <section aria-labelledby="beschrijving">
            <h2 className="nl-heading nl-heading--level-2" id="beschrijving">
              {t("action.description")}
            </h2>
            <Paragraphs text={action.description} lang={lang} />
            {action.notes.length > 0 ? (
              <div className="regie-note">
                <h3 className="nl-heading nl-heading--level-3">{t("action.notes")}</h3>
                <ul lang={lang}>
                  {action.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
          <section aria-labelledby="resultaat">
            <h2 className="nl-heading nl-heading--level-2" id="resultaat">
              {t("action.intendedResults")}
            </h2>
            <ul lang={lang}>
              {action.intendedResults.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="planning">
            <h2 className="nl-heading nl-heading--level-2" id="planning">
              {t("action.planning")}
            </h2>
            <p className="nl-paragraph regie-pre-line" lang={lang}>
              {action.planningText || t("action.noPlanning")}
            </p>
            {action.planningYears.length > 0 ? (
              <p className="nl-paragraph regie-muted">
                {t("action.planningYears")}: {action.planningYears.join(", ")}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="samenhang">
            <h2 className="nl-heading nl-heading--level-2" id="samenhang">
              {t("action.links")}
            </h2>
            {action.links.length === 0 && action.linkedFrom.length === 0 ? (
              <p className="nl-paragraph">{t("action.noLinks")}</p>
            ) : null}
            {action.links.length > 0 ? (
              <ul className="regie-links" aria-label={t("action.linksOut")}>
                {action.links.map((l, i) => (
                  <li key={i}>
                    {t("action.linksOut")} {t(`action.link_${l.type}`)}{" "}
                    {"action" in l.target ? (
                      <Link className="nl-link" to={`${base}/actions/${l.target.action}`}>
                        {t("action.heading", { number: l.target.action })}
                        {l.target.title ? (
                          <>
                            : <span lang={lang}>{l.target.title}</span>
                          </>
                        ) : null}
                      </Link>
                    ) : (
                      <Link className="nl-link" to={`${base}/themes/${l.target.theme}`}>
                        {t("overview.theme")} {l.target.theme}
                        {l.target.title ? (
                          <>
                            : <span lang={lang}>{l.target.title}</span>
                          </>
                        ) : null}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            {action.linkedFrom.length > 0 ? (
              <ul className="regie-links" aria-label={t("action.linksIn")}>
                {action.linkedFrom.map((l, i) => (
                  <li key={i}>
                    <Link className="nl-link" to={`${base}/actions/${l.source.action}`}>
                      {t("action.heading", { number: l.source.action })}:{" "}
                      <span lang={lang}>{l.source.title}</span>
                    </Link>{" "}
                    {t(`action.link_${l.type}`)} {t("action.actionRef", { number: action.number })}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </div>
        <aside aria-labelledby="gegevens" className="regie-aside">
          <h2 className="nl-heading nl-heading--level-2" id="gegevens">
            {t("action.facts")}
          </h2>
          <dl className="regie-facts regie-facts--stacked">
            {action.theme ? (
              <div>
                <dt>{t("action.theme")}</dt>
                <dd>
                  <Link className="nl-link" to={`${base}/themes/${action.theme.number}`}>
                    {action.theme.number}. <span lang={lang}>{action.theme.title}</span>
                  </Link>
                </dd>
              </div>
            ) : null}
            {action.intention ? (
              <div>
                <dt>{t("action.intention")}</dt>
                <dd>
                  <Link className="nl-link" to={`${base}/actions?intention=${action.intention.code}`}>
                    {action.intention.code}
                  </Link>{" "}
                  <span lang={lang}>{action.intention.text}</span>
                </dd>
              </div>
            ) : null}
            {action.group ? (
              <div>
                <dt>{t("action.group")}</dt>
                <dd lang={lang}>{action.group}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t("action.leads")}</dt>
              <dd>
                {action.leadUnknown ? (
                  t("action.leadUnknown")
                ) : (
                  <OrganisationRefs refs={action.leads} lang={lang} />
                )}
              </dd>
            </div>
            {action.partners.length > 0 ? (
              <div>
                <dt>{t("action.partners")}</dt>
                <dd>
                  <OrganisationRefs refs={action.partners} lang={lang} />
                </dd>
              </div>
            ) : null}
            {action.toInvolve.length > 0 ? (
              <div>
                <dt>{t("action.toInvolve")}</dt>
                <dd>
                  <OrganisationRefs refs={action.toInvolve} lang={lang} />
                </dd>
              </div>
            ) : null}
          </dl>
          <p className="nl-paragraph">
            <a className="nl-link" href={`/api/v1/programmes/${programme.slug}/actions/${action.number}`}>
              {t("action.json")}
            </a>
          </p>
        </aside>
      </div>
      <ActionGovernancePanel governance={governance} editHref={`${base}/actions/${action.number}/edit`} />
    </>
  );
}
