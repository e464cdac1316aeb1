import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/dependencies";
import { DependencyGraph } from "../../components/progress/dependency-graph";
import { PageTitle } from "../../components/page-title";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireProgramme } from "../shared/page-data.server";
import { loadDependencyGraph } from "./progress-views.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("progressViews.graph.heading") },
  ],
};

/** The programme's dependency graph: every action with a link to another, by theme, with its risk. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "progress.read", { programmeId: programme.id });
  const graph = await loadDependencyGraph(context, programme.id);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    graph,
  };
}

export default function DependenciesPage() {
  const { programme, graph } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${programme.slug}`;
  const lang = programme.language;
  const blocking = graph.nodes.filter((n) => n.blocking).length;
  const atRisk = graph.nodes.filter((n) => n.flags.length > 0).length;
  return (
    <>
      <PageTitle title={`${t("progressViews.graph.heading")} – ${programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("progressViews.graph.heading")}</h1>
      <p className="nl-paragraph regie-prose">{t("progressViews.graph.intro")}</p>
      <section aria-labelledby="graaf">
        <h2 className="nl-heading nl-heading--level-2" id="graaf">
          {t("progressViews.graph.caption")}
        </h2>
        {graph.nodes.length === 0 ? (
          <p className="nl-paragraph">{t("progressViews.graph.none")}</p>
        ) : (
          <DependencyGraph
            id="afhankelijkheden"
            graph={graph}
            base={base}
            lang={lang}
            title={t("progressViews.graph.svgTitle", { programme: programme.title })}
            description={t("progressViews.graph.svgDescription", {
              count: graph.nodes.length,
              blocking,
              atRisk,
            })}
          />
        )}
      </section>
      <p className="nl-paragraph">
        <Link className="nl-link" to={`${base}/dashboard`}>
          {t("progressViews.dashboard.heading")}
        </Link>
        {" · "}
        <Link className="nl-link" to={`${base}/timeline`}>
          {t("progressViews.timeline.heading")}
        </Link>
      </p>
    </>
  );
}
