import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/organisations";
import { EditLinks } from "../../components/editing";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { ORGANISATION_KINDS } from "../../domain/programmes/programme-document";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

export async function loader({ context }: Route.LoaderArgs) {
  const organisations = await context.services.organisations.list();
  return { organisations, canCreate: can(context.principal, "organisation.edit") };
}

export default function OrganisationsPage() {
  const { organisations, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("organisations.heading")} />
      <h1 className="nl-heading nl-heading--level-1">{t("organisations.heading")}</h1>
      <p className="nl-paragraph">{t("organisations.intro")}</p>
      <p className="nl-paragraph regie-muted">{t("organisations.count", { count: organisations.length })}</p>
      <EditLinks
        links={canCreate ? [{ href: "/organisations/new", text: t("editing.newOrganisation") }] : []}
      />
      {ORGANISATION_KINDS.map((kind) => {
        const list = organisations.filter((o) => o.kind === kind);
        if (list.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`soort-${kind}`}>
            <h2 className="nl-heading nl-heading--level-2" id={`soort-${kind}`}>
              {t(`kindPlural.${kind}`)} ({list.length})
            </h2>
            <div className="regie-table-wrap">
              <table className="regie-table">
                <caption className="regie-visually-hidden">{t(`kindPlural.${kind}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("organisations.name")}</th>
                    <th scope="col" className="regie-num">
                      {t("organisations.leads")}
                    </th>
                    <th scope="col" className="regie-num">
                      {t("organisations.partners")}
                    </th>
                    <th scope="col" className="regie-num">
                      {t("organisations.toInvolve")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((o) => (
                    <tr key={o.slug}>
                      <th scope="row">
                        <Link className="nl-link" to={`/organisations/${o.slug}`}>
                          {o.name}
                        </Link>
                      </th>
                      <td className="regie-num">{o.leads}</td>
                      <td className="regie-num">{o.partners}</td>
                      <td className="regie-num">{o.toInvolve}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
