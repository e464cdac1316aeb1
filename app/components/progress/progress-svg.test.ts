import { describe, expect, it } from "vitest";
import { parseFuzzyDate } from "../../domain/progress/fuzzy-date";
import { parseMilestones } from "../../domain/progress/planning-milestones";
import { milestoneState, timelineAxis, milestoneExtent } from "../../domain/progress/timeline";
import {
  dependencyGraphSvg,
  edgeSentences,
  graphDepths,
  layoutGraph,
  type GraphEdge,
  type GraphNode,
} from "./dependency-graph-svg";
import { timelineSvg, type TimelineLabels, type TimelineRow } from "./timeline-svg";

const PERIOD = { start: 2013, end: 2015 };

/** Tags open and close in order; no style attributes or elements (the CSP forbids them). */
function checkSvg(svg: string): void {
  expect(svg).not.toMatch(/\sstyle=/i);
  expect(svg).not.toMatch(/<style/i);
  expect(svg).not.toMatch(/<script/i);
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  // The accessible name and description point at elements that exist.
  const labelled = /aria-labelledby="([^"]+)"/.exec(svg)![1]!.split(" ");
  for (const id of labelled) expect(svg).toContain(`id="${id}"`);
  expect(svg).toMatch(/^<svg [^>]*role="img"/);
}

const labels: TimelineLabels = {
  title: "Tijdlijn",
  description: "Beschrijving",
  quarter: (q) => `K${q}`,
  today: "Vandaag",
  todayAfter: "Vandaag (28 november 2026) →",
  todayBefore: "← Vandaag",
  milestone: (row, m) => `${row.number}: ${m.label ?? ""} – ${m.due.text} – ${m.state}`,
  action: (row) => `Actie ${row.number}: ${row.title}`,
  noMilestones: "geen mijlpalen",
};

function rowsFor(texts: [number, string][], today: string): TimelineRow[] {
  return texts.map(([number, planning]) => ({
    number,
    title: `Actie met <tekens> & "aanhalingstekens" ${number}`,
    statusText: number === 26 ? "Vertraagd (2014-H1)" : "Nog geen update",
    warning: number === 26,
    milestones: parseMilestones(planning, { period: PERIOD }).milestones.map((m) => ({
      label: m.label,
      due: m.due,
      state: milestoneState(m, today),
    })),
  }));
}

describe("the timeline SVG", () => {
  const planning: [number, string][] = [
    [2, "Plan van aanpak gereed op 1 januari 2014 Uitvoering: 2014-2015"],
    [20, "vanaf 2014"],
    [26, "2014"],
    [48, "Continu"],
    [61, "Nulmeting najaar 2013 Monitoring jaarlijks, laatste kwartaal van het jaar"],
    [13, ""],
  ];

  it("names its quarters and years, its rows, and has no style attributes", () => {
    const axis = timelineAxis(PERIOD, null);
    const svg = timelineSvg({
      id: "t",
      axis,
      rows: rowsFor(planning, "2014-05-01"),
      today: "2014-05-01",
      labels,
    });
    checkSvg(svg);
    expect(axis.quarters).toHaveLength(12);
    for (const year of ["2013", "2014", "2015"]) expect(svg).toContain(`>${year}</text>`);
    expect(svg.match(/>K1<\/text>/g)).toHaveLength(3);
    expect(svg.match(/>K4<\/text>/g)).toHaveLength(3);
    for (const [n] of planning) expect(svg).toContain(`>${n}</text>`);
    // Titles are escaped, never raw markup.
    expect(svg).toContain("Actie met &lt;tekens&gt; &amp; &quot;aanhalingstekens&quot; 2");
    expect(svg).not.toContain("<tekens>");
    expect(svg).toContain(">Vertraagd (2014-H1)</text>");
    expect(svg).toContain(">geen mijlpalen</text>");
    // Today inside the axis: a line with its label.
    expect(svg).toContain(">Vandaag</text>");
  });

  it("draws each precision in its own way", () => {
    const axis = timelineAxis(PERIOD, null);
    const svg = timelineSvg({
      id: "t",
      axis,
      rows: rowsFor(planning, "2013-01-02"),
      today: "2013-01-02",
      labels,
    });
    // A day is a diamond (path), a year or range a bar, "vanaf" an arrow, "Continu" a dotted arrow, "jaarlijks" one block per year.
    const milestone = (n: number) =>
      [
        ...svg.matchAll(/<g class="regie-timeline__milestone[^"]*"[^>]*><title>([^<]*)<\/title>(.*?)<\/g>/g),
      ].filter((m) => m[1]!.startsWith(`${n}:`));
    expect(milestone(2)[0]![2]).toMatch(/^<path d="M[\d.]+,[\d.]+ l6,6/);
    expect(milestone(2)[1]![2]).toMatch(/^<rect /);
    expect(milestone(20)[0]![2]).toContain('marker-end="url(#t-arrow)"');
    expect(milestone(48)[0]![2]).toContain('stroke-dasharray="2 4"');
    const yearly = milestone(61).find((m) => m[1]!.includes("jaarlijks"))!;
    expect(yearly[2]!.match(/<rect /g)).toHaveLength(3);
  });

  it("marks overdue milestones with a hatch and a warning sign, done ones with a check", () => {
    const axis = timelineAxis(PERIOD, null);
    const rows = rowsFor([[3, "Business case uitgewerkt: 2e kwartaal 2014"]], "2014-08-01");
    const overdue = timelineSvg({ id: "t", axis, rows, today: "2014-08-01", labels });
    expect(overdue).toContain("regie-timeline__milestone--overdue");
    expect(overdue).toContain('fill="url(#t-hatch)"');
    expect(overdue).toContain(">!</text>");
    const done = rows.map((r) => ({
      ...r,
      milestones: r.milestones.map((m) => ({ ...m, state: "done" as const })),
    }));
    const doneSvg = timelineSvg({ id: "t", axis, rows: done, today: "2014-08-01", labels });
    expect(doneSvg).toContain("regie-timeline__milestone--done");
    expect(doneSvg).not.toContain('fill="url(#t-hatch)"');
    expect(doneSvg).toMatch(/<path d="M[\d.]+,[\d.]+ l3,4 l6,-8"/);
  });

  it("puts today at the edge, with words, when it lies after the axis", () => {
    const axis = timelineAxis(PERIOD, null);
    const svg = timelineSvg({
      id: "t",
      axis,
      rows: rowsFor(planning, "2026-11-28"),
      today: "2026-11-28",
      labels,
    });
    checkSvg(svg);
    expect(svg).toContain(">Vandaag (28 november 2026) →</text>");
    expect(svg).not.toContain(">Vandaag</text>");
  });

  it("stretches the axis for later milestones, within bounds, and keeps every page's axis the same", () => {
    const later = parseMilestones("Evaluatie 2e kwartaal 2017", { period: PERIOD }).milestones;
    expect(timelineAxis(PERIOD, milestoneExtent(later)).quarters.at(-1)).toMatchObject({
      year: 2017,
      quarter: 2,
    });
    const far = [{ label: null, due: parseFuzzyDate("2099", { period: PERIOD })!, doneOn: null }];
    expect(timelineAxis(PERIOD, milestoneExtent(far)).quarters.at(-1)).toMatchObject({
      year: 2025,
      quarter: 4,
    });
  });
});

describe("the dependency graph SVG", () => {
  const nodes: GraphNode[] = [
    { number: 10, title: "Inventarisatie", theme: 2, kind: "blocking", statusText: "vertraagd" },
    { number: 11, title: "Elf", theme: 2, kind: "at-risk", statusText: "risico via 10" },
    { number: 12, title: "Twaalf", theme: 2, kind: "at-risk", statusText: "risico via 10" },
    { number: 6, title: "Zes", theme: 1, kind: "plain", statusText: "geen update" },
    { number: 17, title: "Zeventien", theme: 2, kind: "plain", statusText: "geen update" },
  ];
  const edges: GraphEdge[] = [
    { source: 10, target: 11, type: "prerequisiteFor" },
    { source: 10, target: 12, type: "prerequisiteFor" },
    { source: 6, target: 17, type: "related" },
    { source: 17, target: 6, type: "related" },
  ];
  const graphLabels = {
    title: "Afhankelijkheden",
    description: "Beschrijving",
    action: (n: number) => `Actie ${n}`,
    theme: (t: number | null) => (t === null ? "Organisatie" : `Thema ${t}`),
    node: (node: GraphNode) => `Actie ${node.number}: ${node.title}`,
  };

  it("names its nodes and themes, types its edges, and has no style attributes", () => {
    const svg = dependencyGraphSvg({ id: "g", nodes, edges, labels: graphLabels });
    checkSvg(svg);
    for (const n of [6, 10, 11, 12, 17]) expect(svg).toContain(`>Actie ${n}</text>`);
    expect(svg).toContain(">Thema 1</text>");
    expect(svg).toContain(">Thema 2</text>");
    expect(svg.match(/regie-graph__edge--prerequisiteFor/g)).toHaveLength(2);
    // Related both ways is one line.
    expect(svg.match(/regie-graph__edge--related/g)).toHaveLength(1);
    // At risk and blocking are said in words and shapes, not colour alone.
    expect(svg.match(/regie-graph__node--at-risk/g)).toHaveLength(2);
    expect(svg).toContain(">risico via 10</text>");
    expect(svg).toContain(">vertraagd</text>");
    expect(svg).toContain('fill="url(#g-hatch)"');
    expect(svg).toContain('stroke-dasharray="5 3"');
  });

  it("places sources left of their dependents, in a band per theme", () => {
    const depths = graphDepths(nodes, edges);
    expect(depths.get(10)).toBe(0);
    expect(depths.get(11)).toBe(1);
    expect(depths.get(17)).toBe(0);
    const layout = layoutGraph(nodes, edges);
    const at = (n: number) => layout.nodes.find((x) => x.number === n)!;
    expect(at(11).x).toBeGreaterThan(at(10).x);
    expect(at(12).y).toBeGreaterThan(at(11).y);
    expect(layout.bands.map((b) => b.theme)).toEqual([1, 2]);
    expect(at(6).y).toBeLessThan(at(10).y);
  });

  it("has a text alternative that lists the same edges", () => {
    const svg = dependencyGraphSvg({ id: "g", nodes, edges, labels: graphLabels });
    const sentences = edgeSentences(edges);
    expect(sentences).toEqual([
      { source: 6, type: "related", targets: [17] },
      { source: 10, type: "prerequisiteFor", targets: [11, 12] },
      { source: 17, type: "related", targets: [6] },
    ]);
    const dependencyEdgesInSvg = svg.match(/regie-graph__edge--(prerequisiteFor|enables)/g)!.length;
    expect(sentences.filter((s) => s.type !== "related").reduce((n, s) => n + s.targets.length, 0)).toBe(
      dependencyEdgesInSvg,
    );
  });
});
