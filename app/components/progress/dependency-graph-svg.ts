import { isDependencyType } from "../../domain/progress/dependencies";
import type { LinkType } from "../../domain/programmes/programme-document";
import { el, escapeXml, idPrefix, n, shorten, text } from "./svg-text";

/**
 * A dependency graph as one SVG string: one node per action, in a band per theme, placed in columns
 * by how far down a chain of dependencies it is (sources left, dependents right); typed edges
 * (prerequisite: solid arrow, enables: dashed arrow, related: dotted line). Blocking actions are
 * hatched with a thick border, actions at risk through a dependency have a dashed border and a
 * warning sign, and each node says so in words too (not colour alone). No styles: presentation
 * attributes only. `role="img"` with a title and description; the page lists the same edges in text.
 */

export type GraphNodeKind = "blocking" | "at-risk" | "plain";

export interface GraphNode {
  number: number;
  title: string;
  /** Theme number; null for the organisation chapter. */
  theme: number | null;
  kind: GraphNodeKind;
  /** Second line of the node: its status in a word or two ("vertraagd", "risico via 10"). */
  statusText: string;
  /** The action whose neighbourhood this is (drawn with a double border). */
  focus?: boolean;
}

export interface GraphEdge {
  source: number;
  target: number;
  type: LinkType;
}

export interface GraphLabels {
  title: string;
  description: string;
  action(number: number): string;
  theme(theme: number | null): string;
  /** Tooltip of a node. */
  node(node: GraphNode): string;
}

const NODE_W = 150;
const NODE_H = 44;
const COL_W = 220;
const ROW_GAP = 14;
const LEFT = 20;
const BAND_LABEL = 26;
const BAND_PAD = 12;

const COLOUR = {
  text: "#1a1a1a",
  muted: "#595959",
  edge: "#1a1a1a",
  related: "#595959",
  risk: "#b3261e",
  band: "#f3f5f7",
  focus: "#1f5fbf",
};

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  depth: number;
}

/** Depth of each node: the longest chain of dependency edges leading to it (cycles cut). */
export function graphDepths(
  nodes: readonly { number: number }[],
  edges: readonly GraphEdge[],
): Map<number, number> {
  const present = new Set(nodes.map((x) => x.number));
  const deps = edges.filter(
    (e) =>
      isDependencyType(e.type) && present.has(e.source) && present.has(e.target) && e.source !== e.target,
  );
  const depth = new Map<number, number>(nodes.map((x) => [x.number, 0]));
  // Relaxation; at most |nodes| rounds, so a cycle cannot loop for ever.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of deps) {
      const next = depth.get(e.source)! + 1;
      if (next > depth.get(e.target)! && next < nodes.length) {
        depth.set(e.target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

/** Node positions and the drawing's size. */
export function layoutGraph(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
): {
  nodes: PlacedNode[];
  bands: { theme: number | null; y: number; height: number }[];
  width: number;
  height: number;
} {
  const depth = graphDepths(nodes, edges);
  const themes = [...new Set(nodes.map((x) => x.theme))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a - b,
  );
  const placed: PlacedNode[] = [];
  const bands: { theme: number | null; y: number; height: number }[] = [];
  let y = 0;
  let maxDepth = 0;
  for (const theme of themes) {
    const mine = nodes.filter((x) => x.theme === theme).sort((a, b) => a.number - b.number);
    const columns = new Map<number, GraphNode[]>();
    for (const node of mine) {
      const d = depth.get(node.number) ?? 0;
      maxDepth = Math.max(maxDepth, d);
      columns.set(d, [...(columns.get(d) ?? []), node]);
    }
    const tallest = Math.max(...[...columns.values()].map((c) => c.length));
    const height = BAND_LABEL + BAND_PAD + tallest * (NODE_H + ROW_GAP);
    for (const [d, column] of columns) {
      column.forEach((node, i) =>
        placed.push({ ...node, depth: d, x: LEFT + d * COL_W, y: y + BAND_LABEL + i * (NODE_H + ROW_GAP) }),
      );
    }
    bands.push({ theme, y, height });
    y += height;
  }
  return { nodes: placed, bands, width: LEFT + maxDepth * COL_W + NODE_W + 80, height: Math.max(y, NODE_H) };
}

/** Where an edge leaves or enters a node: spread over the node's height when it has several. */
function port(node: PlacedNode, index: number, count: number): number {
  return node.y + (NODE_H * (index + 1)) / (count + 1);
}

function edgePath(from: PlacedNode, to: PlacedNode, sy: number, ty: number): string {
  if (to.depth > from.depth) {
    const sx = from.x + NODE_W;
    const tx = to.x;
    const dx = (tx - sx) / 2;
    return `M${n(sx)},${n(sy)} C${n(sx + dx)},${n(sy)} ${n(tx - dx)},${n(ty)} ${n(tx - 2)},${n(ty)}`;
  }
  // Same column (or backwards): a loop round the right-hand side.
  const sx = from.x + NODE_W;
  const tx = to.x + NODE_W;
  const bend = Math.max(sx, tx) + 40 + Math.abs(ty - sy) / 8;
  return `M${n(sx)},${n(sy)} C${n(bend)},${n(sy)} ${n(bend)},${n(ty)} ${n(tx + 2)},${n(ty)}`;
}

export function dependencyGraphSvg(input: {
  id: string;
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  labels: GraphLabels;
}): string {
  const id = idPrefix(input.id);
  const { labels } = input;
  const layout = layoutGraph(input.nodes, input.edges);
  const byNumber = new Map(layout.nodes.map((x) => [x.number, x]));
  const parts: string[] = [];
  parts.push(
    `<defs>` +
      `<pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
      el("rect", { width: 6, height: 6, fill: "#ffffff" }) +
      el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#d9a8a4", "stroke-width": 3 }) +
      `</pattern>` +
      `<marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">` +
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: COLOUR.edge }) +
      `</marker>` +
      `</defs>`,
  );
  layout.bands.forEach((band, i) => {
    parts.push(
      el("rect", {
        x: 0,
        y: band.y,
        width: layout.width,
        height: band.height,
        fill: i % 2 === 0 ? COLOUR.band : "#ffffff",
      }) + text({ x: 8, y: band.y + 17, "font-weight": "bold", fill: COLOUR.text }, labels.theme(band.theme)),
    );
  });
  // "Related" goes both ways and is often written on both actions: one line per pair.
  const drawnRelated = new Set<string>();
  const drawn = input.edges.filter((e) => {
    const from = byNumber.get(e.source);
    const to = byNumber.get(e.target);
    if (!from || !to || from === to) return false;
    if (e.type !== "related") return true;
    const pair = [e.source, e.target].sort((a, b) => a - b).join("-");
    if (drawnRelated.has(pair)) return false;
    drawnRelated.add(pair);
    return true;
  });
  // Ports: each node's outgoing edges leave at even heights, ordered by the target's height; incoming likewise.
  const outgoing = new Map<number, GraphEdge[]>();
  const incoming = new Map<number, GraphEdge[]>();
  for (const e of drawn) {
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  }
  const yOf = (n: number) => byNumber.get(n)!.y;
  for (const list of outgoing.values()) list.sort((a, b) => yOf(a.target) - yOf(b.target));
  for (const list of incoming.values()) list.sort((a, b) => yOf(a.source) - yOf(b.source));
  for (const e of drawn) {
    const from = byNumber.get(e.source)!;
    const to = byNumber.get(e.target)!;
    const outs = outgoing.get(e.source)!;
    const ins = incoming.get(e.target)!;
    const sy = port(from, outs.indexOf(e), outs.length);
    const ty = port(to, ins.indexOf(e), ins.length);
    const typed =
      e.type === "prerequisiteFor"
        ? { stroke: COLOUR.edge, "stroke-width": 2, "marker-end": `url(#${id}-arrow)` }
        : e.type === "enables"
          ? {
              stroke: COLOUR.edge,
              "stroke-width": 2,
              "stroke-dasharray": "7 4",
              "marker-end": `url(#${id}-arrow)`,
            }
          : { stroke: COLOUR.related, "stroke-width": 1.5, "stroke-dasharray": "2 3" };
    parts.push(
      el("path", {
        d: edgePath(from, to, sy, ty),
        fill: "none",
        class: `regie-graph__edge regie-graph__edge--${e.type}`,
        ...typed,
      }),
    );
  }
  for (const node of layout.nodes) {
    const body: string[] = [`<title>${escapeXml(labels.node(node))}</title>`];
    if (node.focus)
      body.push(
        el("rect", {
          x: node.x - 4,
          y: node.y - 4,
          width: NODE_W + 8,
          height: NODE_H + 8,
          rx: 7,
          fill: "none",
          stroke: COLOUR.focus,
          "stroke-width": 2,
        }),
      );
    const box =
      node.kind === "blocking"
        ? { fill: `url(#${id}-hatch)`, stroke: COLOUR.risk, "stroke-width": 3 }
        : node.kind === "at-risk"
          ? { fill: "#ffffff", stroke: COLOUR.risk, "stroke-width": 2, "stroke-dasharray": "5 3" }
          : { fill: "#ffffff", stroke: COLOUR.text, "stroke-width": 1.5 };
    body.push(el("rect", { x: node.x, y: node.y, width: NODE_W, height: NODE_H, rx: 4, ...box }));
    body.push(
      text(
        { x: node.x + 10, y: node.y + 18, "font-weight": "bold", fill: COLOUR.text },
        labels.action(node.number),
      ),
    );
    body.push(
      text(
        {
          x: node.x + 10,
          y: node.y + 35,
          "font-size": 11,
          fill: node.kind === "plain" ? COLOUR.muted : COLOUR.risk,
          "font-weight": node.kind === "plain" ? undefined : "bold",
        },
        shorten(node.statusText, 22),
      ),
    );
    if (node.kind === "at-risk") {
      const wx = node.x + NODE_W - 14;
      const wy = node.y + 14;
      body.push(
        el("path", {
          d: `M${n(wx)},${n(wy - 8)} l8,14 h-16 z`,
          fill: "#fff4e0",
          stroke: COLOUR.risk,
          "stroke-width": 1.5,
        }) +
          text(
            {
              x: wx,
              y: wy + 4.5,
              "text-anchor": "middle",
              "font-size": 10,
              "font-weight": "bold",
              fill: COLOUR.risk,
            },
            "!",
          ),
      );
    }
    parts.push(`<g class="regie-graph__node regie-graph__node--${node.kind}">${body.join("")}</g>`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" class="regie-graph__svg" ` +
    `viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" width="${n(layout.width)}" height="${n(layout.height)}" font-family="sans-serif" font-size="13">` +
    `<title id="${id}-title">${escapeXml(labels.title)}</title><desc id="${id}-desc">${escapeXml(labels.description)}</desc>` +
    parts.join("") +
    `</svg>`
  );
}

/** The edges as the text alternative says them: per source and type, its targets in order. */
export function edgeSentences(
  edges: readonly GraphEdge[],
): { source: number; type: LinkType; targets: number[] }[] {
  const groups = new Map<string, { source: number; type: LinkType; targets: number[] }>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const key = `${e.source}|${e.type}`;
    const group = groups.get(key) ?? { source: e.source, type: e.type, targets: [] };
    if (!group.targets.includes(e.target)) group.targets.push(e.target);
    groups.set(key, group);
  }
  const typeOrder: Record<LinkType, number> = { prerequisiteFor: 0, enables: 1, related: 2 };
  return [...groups.values()]
    .map((g) => ({ ...g, targets: [...g.targets].sort((a, b) => a - b) }))
    .sort((a, b) => a.source - b.source || typeOrder[a.type] - typeOrder[b.type]);
}
