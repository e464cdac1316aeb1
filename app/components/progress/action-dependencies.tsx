import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ActionDependencies } from "../../routes/progress/progress-views.server";
import { DependencyGraph } from "./dependency-graph";

/** The action page's dependency neighbourhood: a small graph with its text alternative, and a link to the whole graph. */
export function ActionDependenciesSection({ dependencies }: { dependencies: ActionDependencies }) {
  const { t } = useTranslation();
  const { graph, number } = dependencies;
  if (!graph) return null;
  const base = `/programmes/${dependencies.programmeSlug}`;
  return (
    <section aria-labelledby="afhankelijkheden">
      <h2 className="nl-heading nl-heading--level-2" id="afhankelijkheden">
        {t("progressViews.graph.neighbourhood")}
      </h2>
      <DependencyGraph
        id={`afhankelijkheden-${number}`}
        graph={graph}
        base={base}
        lang={dependencies.language}
        focus={number}
        title={t("progressViews.graph.neighbourhoodTitle", { number })}
        description={t("progressViews.graph.neighbourhoodDescription", { number })}
      />
      <p className="nl-paragraph">
        <Link className="nl-link" to={`${base}/dependencies`}>
          {t("progressViews.graph.wholeProgramme")}
        </Link>
      </p>
    </section>
  );
}
