import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Link, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/organisation";
import { CategoryBadge } from "../../components/category-badge";
import { HistoryList } from "../../components/history-list";
import { OrganisationToolsPanel } from "../../components/organisation-tools";
import { PageTitle } from "../../components/page-title";
import type { ActionRole } from "../../domain/programmes/types";
import { can } from "../../domain/auth/permissions";
import { translator } from "../../lib/i18n/catalogue.server";
import { loadOrganisationTools } from "./organisation-governance.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("organisations.heading"), to: "/organisations" },
    { label: d.organisation.name },
  ],
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const organisation = params.slug ? await context.services.organisations.get(params.slug) : undefined;
  if (!organisation) {
    // A slug merged away or changed redirects to where the organisation is now.
    const current = params.slug
      ? await context.services.organisations.currentSlugFor(params.slug)
      : undefined;
    if (current) throw redirect(`/organisations/${current}`, 301);
    throw data(translator(context.language)("errors.organisationNotFound"), { status: 404 });
  }
  const programmeSlugs = [...new Set(organisation.actions.map((a) => a.programme))];
  const programmes = await Promise.all(programmeSlugs.map((slug) => context.services.programmes.get(slug)));
  const categories = Object.fromEntries(
    programmes.filter((p) => p !== undefined).map((p) => [p.slug, p.categories]),
  );
  const titles = Object.fromEntries(
    programmes.filter((p) => p !== undefined).map((p) => [p.slug, `${p.title}, ${p.subtitle}`]),
  );
  const languages = Object.fromEntries(
    programmes.filter((p) => p !== undefined).map((p) => [p.slug, p.language]),
  );
  // The organisation's history, for signed-in members of any programme (organisations are global).
  const history = can(context.principal, "organisation.history")
    ? await context.services.history.forEntity("organisation", organisation.id)
    : null;
  return {
    organisation,
    categories,
    titles,
    languages,
    history,
    tools: loadOrganisationTools(context, request),
  };
}

const ROLES: { role: ActionRole; key: "leads" | "partners" | "toInvolve" }[] = [
  { role: "lead", key: "leads" },
  { role: "partner", key: "partners" },
  { role: "to-involve", key: "toInvolve" },
];

export default function OrganisationPage() {
  const { organisation, categories, titles, languages, history, tools } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const multipleProgrammes = Object.keys(titles).length > 1;
  return (
    <>
      <PageTitle title={organisation.name} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{organisation.name}</h1>
      <dl className="regie-facts">
        <div>
          <dt>{t("organisation.kind")}</dt>
          <dd>{t(`kind.${organisation.kind}`)}</dd>
        </div>
        {organisation.aliases.length > 0 ? (
          <div>
            <dt>{t("organisation.aliases")}</dt>
            <dd>{organisation.aliases.join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      <OrganisationToolsPanel tools={tools} slug={organisation.slug} />
      {ROLES.map(({ role, key }) => {
        const list = organisation.actions.filter((a) => a.role === role);
        return (
          <section key={role} aria-labelledby={`rol-${role}`}>
            <h2 className="nl-heading nl-heading--level-2" id={`rol-${role}`}>
              {t(`organisation.${key}`)} ({list.length})
            </h2>
            {list.length === 0 ? (
              <p className="nl-paragraph">{t("organisation.none")}</p>
            ) : (
              <ul className="regie-action-links">
                {list.map((a) => (
                  <li key={`${a.programme}-${a.number}`}>
                    <Link className="nl-link" to={`/programmes/${a.programme}/actions/${a.number}`}>
                      {t("action.heading", { number: a.number })}:{" "}
                      <span lang={languages[a.programme]}>{a.title}</span>
                    </Link>
                    {a.qualifier ? <span lang={languages[a.programme]}> ({a.qualifier})</span> : null}{" "}
                    <CategoryBadge code={a.category} categories={categories[a.programme] ?? []} />
                    {multipleProgrammes ? (
                      <span className="regie-muted" lang={languages[a.programme]}>
                        {" "}
                        · {titles[a.programme]}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {history ? (
        <section aria-labelledby="geschiedenis">
          <h2 className="nl-heading nl-heading--level-2" id="geschiedenis">
            {t("edit.history")}
          </h2>
          <HistoryList entries={history} />
        </section>
      ) : null}
    </>
  );
}
