import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GraphData } from "../../routes/progress/progress-views.server";
import { dependencyGraphSvg, edgeSentences, type GraphNode } from "./dependency-graph-svg";
import { listNumbers, reasonLabel, riskFlagText, statusLabel } from "./progress-text";

type Node = GraphData["nodes"][number];

/** The second line of a node: why it blocks, its risk, or its latest status. */
function useNodeText() {
  const { t } = useTranslation();
  return (node: Node): string => {
    if (node.blocking) return reasonLabel(t, node.blocking);
    if (node.flags.length > 0)
      return t("progressViews.flagShort", { through: node.flags.map((f) => f.through).join(", ") });
    return node.status ? statusLabel(t, node.status).toLowerCase() : t("progressViews.graph.statusNone");
  };
}

/**
 * A dependency graph (server-drawn SVG), its legend and its text alternative: the same links as
 * sentences with links to the actions, and the actions at risk. `focus` marks the action whose
 * neighbourhood this is.
 */
export function DependencyGraph({
  id,
  graph,
  base,
  lang,
  title,
  description,
  focus,
  headingLevel = 2,
}: {
  id: string;
  graph: GraphData;
  base: string;
  lang: string;
  title: string;
  description: string;
  focus?: number;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const nodeText = useNodeText();
  const svg = useMemo(() => {
    const nodes: GraphNode[] = graph.nodes.map((node) => ({
      number: node.number,
      title: node.title,
      theme: node.theme,
      kind: node.blocking ? "blocking" : node.flags.length > 0 ? "at-risk" : "plain",
      statusText: nodeText(node),
      focus: node.number === focus,
    }));
    return dependencyGraphSvg({
      id,
      nodes,
      edges: graph.edges,
      labels: {
        title,
        description,
        action: (number) => t("progressViews.graph.action", { number }),
        theme: (theme) =>
          theme === null
            ? t("progressViews.graph.chapter")
            : t("progressViews.graph.theme", { number: theme }),
        node: (node) =>
          t("progressViews.graph.nodeTooltip", {
            number: node.number,
            title: node.title,
            status: node.statusText,
          }),
      },
    });
    // nodeText and t only change with the language, which i18n.language stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, id, title, description, focus, i18n.language]);
  const sentences = edgeSentences(graph.edges);
  const atRisk = graph.nodes.filter((n) => n.flags.length > 0);
  const H = headingLevel === 2 ? "h3" : "h4";
  return (
    <div className="regie-graph">
      <figure className="regie-graph__figure" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>{title}</figcaption>
        {/* Drawn from the loader's data by dependency-graph-svg.ts: no scripts, no style attributes. */}
        <div className="regie-graph__scroll" dangerouslySetInnerHTML={{ __html: svg }} />
      </figure>
      <H className={`nl-heading nl-heading--level-${headingLevel + 1}`}>{t("progressViews.graph.legend")}</H>
      <ul className="regie-graph__legend">
        <li>
          <svg aria-hidden="true" width="40" height="12" viewBox="0 0 40 12">
            <line x1="2" y1="6" x2="32" y2="6" stroke="#1a1a1a" strokeWidth="2" />
            <path d="M30,1 L38,6 L30,11 z" fill="#1a1a1a" />
          </svg>{" "}
          {t("progressViews.graph.legendPrerequisite")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="12" viewBox="0 0 40 12">
            <line x1="2" y1="6" x2="32" y2="6" stroke="#1a1a1a" strokeWidth="2" strokeDasharray="7 4" />
            <path d="M30,1 L38,6 L30,11 z" fill="#1a1a1a" />
          </svg>{" "}
          {t("progressViews.graph.legendEnables")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="12" viewBox="0 0 40 12">
            <line x1="2" y1="6" x2="38" y2="6" stroke="#595959" strokeWidth="1.5" strokeDasharray="2 3" />
          </svg>{" "}
          {t("progressViews.graph.legendRelated")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="16" viewBox="0 0 40 16">
            <rect x="2" y="2" width="36" height="12" rx="2" fill="#f3d6d3" stroke="#b3261e" strokeWidth="3" />
          </svg>{" "}
          {t("progressViews.graph.legendBlocking")}
        </li>
        <li>
          <svg aria-hidden="true" width="40" height="16" viewBox="0 0 40 16">
            <rect
              x="2"
              y="2"
              width="36"
              height="12"
              rx="2"
              fill="#ffffff"
              stroke="#b3261e"
              strokeWidth="2"
              strokeDasharray="5 3"
            />
          </svg>{" "}
          {t("progressViews.graph.legendAtRisk")}
        </li>
      </ul>
      <H className={`nl-heading nl-heading--level-${headingLevel + 1}`} id={`${id}-text`}>
        {t("progressViews.graph.textAlternative")}
      </H>
      <ul className="regie-graph__sentences" aria-labelledby={`${id}-text`}>
        {sentences.map((s) => (
          <li key={`${s.source}-${s.type}`}>
            <Link className="nl-link" to={`${base}/actions/${s.source}`}>
              {t(`progressViews.graph.sentence_${s.type}`, {
                source: s.source,
                targets: listNumbers(s.targets, i18n.language),
                count: s.targets.length,
              })}
            </Link>
          </li>
        ))}
      </ul>
      <H className={`nl-heading nl-heading--level-${headingLevel + 1}`}>{t("progressViews.graph.risks")}</H>
      {atRisk.length === 0 ? (
        <p className="nl-paragraph">{t("progressViews.graph.noRisks")}</p>
      ) : (
        <ul className="regie-graph__risks">
          {atRisk.map((node) => (
            <li key={node.number}>
              <Link className="nl-link" to={`${base}/actions/${node.number}`}>
                {t("progressViews.graph.action", { number: node.number })}
              </Link>
              : <span lang={lang}>{node.title}</span> —{" "}
              {node.flags.map((f) => riskFlagText(t, f, i18n.language)).join("; ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
