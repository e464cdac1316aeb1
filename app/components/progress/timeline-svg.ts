import type { FuzzyDate, IsoDate } from "../../domain/progress/fuzzy-date";
import {
  axisFraction,
  milestoneShape,
  type MilestoneState,
  type TimelineAxis,
} from "../../domain/progress/timeline";
import { attrs, el, escapeXml, idPrefix, n, shorten, text } from "./svg-text";

/**
 * The timeline as one SVG string, drawn on the server (and again, identically, when the page
 * hydrates): quarters on the axis, one row per action, each milestone by its precision, today's
 * line, overdue milestones hatched with a warning sign, done ones with a check mark. No `style`
 * attributes or elements (the Content-Security-Policy forbids them): presentation attributes and
 * classes only. `role="img"` with a title and description; the page offers the same facts as a table.
 */

export interface TimelineMilestone {
  label: string | null;
  due: FuzzyDate;
  state: MilestoneState;
}

export interface TimelineRow {
  number: number;
  title: string;
  /** Short text in the right-hand column: the latest status, and a dependency risk. */
  statusText: string;
  /** Whether the row carries a risk (reported or through a dependency): marked with a sign, too. */
  warning: boolean;
  milestones: TimelineMilestone[];
}

export interface TimelineLabels {
  title: string;
  description: string;
  /** "K1 2014" or "Q1 2014" as the axis writes a quarter. */
  quarter(quarter: number): string;
  today: string;
  /** Written beside the edge when today lies after (or before) the axis. */
  todayAfter: string;
  todayBefore: string;
  /** Tooltip of one milestone, e.g. "Uitvoering – 2014-2015 – te laat". */
  milestone(row: TimelineRow, m: TimelineMilestone): string;
  /** Tooltip of the action's label, e.g. "Actie 10: Inventarisatie …". */
  action(row: TimelineRow): string;
  noMilestones: string;
}

const LEFT = 300;
const RIGHT = 290;
const HEADER = 50;
const LANE = 14;
const MIN_ROW = 28;
const PAD = 7;

const COLOUR = {
  open: "#1f5fbf",
  done: "#1e7b34",
  overdue: "#b3261e",
  grid: "#d0d0d0",
  year: "#8a8a8a",
  text: "#1a1a1a",
  muted: "#595959",
  band: "#f3f5f7",
  today: "#6b4500",
};

function quarterWidth(quarters: number): number {
  return quarters <= 16 ? 48 : quarters <= 32 ? 32 : 22;
}

/** Heights of each row: one lane per milestone. */
function rowHeight(row: TimelineRow): number {
  return Math.max(MIN_ROW, row.milestones.length * LANE + PAD * 2);
}

export function timelineSvg(input: {
  id: string;
  axis: TimelineAxis;
  rows: readonly TimelineRow[];
  today: IsoDate;
  labels: TimelineLabels;
}): string {
  const { axis, rows, labels, today } = input;
  const id = idPrefix(input.id);
  const qw = quarterWidth(axis.quarters.length);
  const plot = axis.quarters.length * qw;
  const width = LEFT + plot + RIGHT;
  const heights = rows.map(rowHeight);
  const bodyHeight = Math.max(
    MIN_ROW,
    heights.reduce((a, b) => a + b, 0),
  );
  const height = HEADER + bodyHeight + 8;
  const x = (iso: IsoDate, edge: "start" | "end" = "start"): number | null => {
    const f = axisFraction(axis, iso, edge);
    return f === null ? null : LEFT + f * plot;
  };
  // Clamps a date outside the axis to its nearest edge (for bars that run past it).
  const xc = (iso: IsoDate, edge: "start" | "end" = "start"): number => {
    const v = x(iso, edge);
    if (v !== null) return v;
    return iso < axis.start ? LEFT : LEFT + plot;
  };

  const parts: string[] = [];
  parts.push(
    `<defs>` +
      `<pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
      el("rect", { width: 6, height: 6, fill: "#fdecea" }) +
      el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: COLOUR.overdue, "stroke-width": 3 }) +
      `</pattern>` +
      `<marker id="${id}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">` +
      el("path", { d: "M0,0 L8,4 L0,8 z", fill: COLOUR.open }) +
      `</marker>` +
      `</defs>`,
  );

  // Axis: year labels over their quarters, quarter labels, grid lines.
  const years = new Map<number, { from: number; to: number }>();
  axis.quarters.forEach((q, i) => {
    const from = LEFT + i * qw;
    const span = years.get(q.year) ?? { from, to: from + qw };
    span.to = from + qw;
    years.set(q.year, span);
  });
  const axisParts: string[] = [];
  for (const [year, span] of years) {
    axisParts.push(
      text(
        {
          x: (span.from + span.to) / 2,
          y: 18,
          "text-anchor": "middle",
          "font-weight": "bold",
          fill: COLOUR.text,
        },
        String(year),
      ),
    );
    axisParts.push(
      el("line", {
        x1: span.from,
        y1: 4,
        x2: span.from,
        y2: HEADER + bodyHeight,
        stroke: COLOUR.year,
        "stroke-width": 1,
      }),
    );
  }
  axisParts.push(
    el("line", {
      x1: LEFT + plot,
      y1: 4,
      x2: LEFT + plot,
      y2: HEADER + bodyHeight,
      stroke: COLOUR.year,
      "stroke-width": 1,
    }),
  );
  axis.quarters.forEach((q, i) => {
    const from = LEFT + i * qw;
    axisParts.push(
      text(
        { x: from + qw / 2, y: 38, "text-anchor": "middle", "font-size": 11, fill: COLOUR.muted },
        labels.quarter(q.quarter),
      ),
    );
    if (q.quarter !== 1)
      axisParts.push(
        el("line", {
          x1: from,
          y1: 28,
          x2: from,
          y2: HEADER + bodyHeight,
          stroke: COLOUR.grid,
          "stroke-width": 1,
        }),
      );
  });
  axisParts.push(
    el("line", { x1: 0, y1: HEADER - 4, x2: width, y2: HEADER - 4, stroke: COLOUR.year, "stroke-width": 1 }),
  );
  parts.push(`<g class="regie-timeline__axis">${axisParts.join("")}</g>`);

  // Rows.
  let y = HEADER;
  const rowParts: string[] = [];
  rows.forEach((row, index) => {
    const h = heights[index]!;
    const mid = y + h / 2;
    const body: string[] = [];
    if (index % 2 === 1) body.push(el("rect", { x: 0, y, width, height: h, fill: COLOUR.band }));
    body.push(
      el(
        "g",
        {},
        `<title>${escapeXml(labels.action(row))}</title>` +
          text({ x: 8, y: mid + 4, "font-weight": "bold" }, String(row.number)) +
          text({ x: 44, y: mid + 4 }, shorten(row.title, 40)),
      ),
    );
    if (row.milestones.length === 0) {
      body.push(
        text(
          { x: LEFT + 6, y: mid + 4, "font-size": 11, "font-style": "italic", fill: COLOUR.muted },
          labels.noMilestones,
        ),
      );
    }
    row.milestones.forEach((m, lane) => {
      const cy = y + PAD + lane * LANE + LANE / 2;
      body.push(
        milestoneMark(m, cy, { id, axis, x, xc, end: LEFT + plot, tooltip: labels.milestone(row, m) }),
      );
    });
    // The row's own sign and status stand clear of the overdue signs just past the axis end.
    if (row.warning) body.push(warningSign(LEFT + plot + 34, mid));
    body.push(
      text(
        { x: LEFT + plot + (row.warning ? 46 : 30), y: mid + 4, "font-size": 11 },
        shorten(row.statusText, 42),
      ),
    );
    rowParts.push(`<g class="regie-timeline__row">${body.join("")}</g>`);
    y += h;
  });
  parts.push(rowParts.join(""));

  // Today.
  const t = x(today);
  if (t !== null) {
    parts.push(
      el("line", {
        x1: t,
        y1: 24,
        x2: t,
        y2: HEADER + bodyHeight,
        stroke: COLOUR.today,
        "stroke-width": 2,
        "stroke-dasharray": "6 3",
      }) +
        text({ x: t + 4, y: 28, "font-size": 11, "font-weight": "bold", fill: COLOUR.today }, labels.today),
    );
  } else {
    const after = today > axis.end;
    const edge = after ? LEFT + plot : LEFT;
    parts.push(
      el("path", {
        d: after ? `M${n(edge + 4)},20 l8,5 l-8,5 z` : `M${n(edge - 4)},20 l-8,5 l8,5 z`,
        fill: COLOUR.today,
      }) +
        text(
          {
            x: after ? edge + 16 : edge - 16,
            y: 29,
            "font-size": 11,
            "font-weight": "bold",
            "text-anchor": after ? "start" : "end",
            fill: COLOUR.today,
          },
          after ? labels.todayAfter : labels.todayBefore,
        ),
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" class="regie-timeline__svg" ` +
    `viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" font-family="sans-serif" font-size="12" fill="${COLOUR.text}">` +
    `<title id="${id}-title">${escapeXml(labels.title)}</title><desc id="${id}-desc">${escapeXml(labels.description)}</desc>` +
    parts.join("") +
    `</svg>`
  );
}

interface MarkContext {
  id: string;
  axis: TimelineAxis;
  x(iso: IsoDate, edge?: "start" | "end"): number | null;
  xc(iso: IsoDate, edge?: "start" | "end"): number;
  end: number;
  tooltip: string;
}

function fillFor(state: MilestoneState, id: string): { fill: string; stroke: string; opacity?: number } {
  if (state === "overdue") return { fill: `url(#${id}-hatch)`, stroke: COLOUR.overdue };
  if (state === "done") return { fill: COLOUR.done, stroke: COLOUR.done, opacity: 0.55 };
  return { fill: COLOUR.open, stroke: COLOUR.open };
}

/** A small warning triangle with an exclamation mark, centred on (x, y). */
function warningSign(x: number, y: number): string {
  return (
    el("path", {
      d: `M${n(x)},${n(y - 7)} l7,13 h-14 z`,
      fill: "#fff4e0",
      stroke: COLOUR.overdue,
      "stroke-width": 1.5,
    }) +
    text(
      {
        x,
        y: y + 4.5,
        "text-anchor": "middle",
        "font-size": 10,
        "font-weight": "bold",
        fill: COLOUR.overdue,
      },
      "!",
    )
  );
}

/** A check mark at (x, y). */
function checkMark(x: number, y: number): string {
  return el("path", {
    d: `M${n(x)},${n(y)} l3,4 l6,-8`,
    fill: "none",
    stroke: COLOUR.done,
    "stroke-width": 2,
  });
}

function milestoneMark(m: TimelineMilestone, cy: number, c: MarkContext): string {
  const shape = milestoneShape(m.due, c.axis);
  const paint = fillFor(m.state, c.id);
  // The paint is set once on the group; the shapes inherit it.
  const parts: string[] = [`<title>${escapeXml(c.tooltip)}</title>`];
  let after: number | null = null;
  switch (shape.kind) {
    case "point": {
      const px = c.x(shape.at);
      if (px === null) return "";
      const at = px + 0.5;
      parts.push(`<path d="M${n(at)},${n(cy - 6)} l6,6 l-6,6 l-6,-6 z"/>`);
      after = at + 8;
      break;
    }
    case "bar": {
      const from = c.xc(shape.from);
      const to = Math.max(from + 3, c.xc(shape.to, "end"));
      parts.push(`<rect x="${n(from)}" y="${n(cy - 5)}" width="${n(to - from)}" height="10" rx="2"/>`);
      after = to + 3;
      break;
    }
    case "open": {
      const from = c.xc(shape.from);
      parts.push(`<rect x="${n(from)}" y="${n(cy - 5)}" width="6" height="10"/>`);
      parts.push(
        el("line", {
          x1: from + 6,
          y1: cy,
          x2: c.end - 2,
          y2: cy,
          stroke: COLOUR.open,
          "stroke-width": 3,
          "marker-end": `url(#${c.id}-arrow)`,
        }),
      );
      break;
    }
    case "continuous": {
      const from = c.xc(shape.from);
      parts.push(
        el("line", {
          x1: from,
          y1: cy,
          x2: c.end - 2,
          y2: cy,
          stroke: COLOUR.open,
          "stroke-width": 3,
          "stroke-dasharray": "2 4",
          "marker-end": `url(#${c.id}-arrow)`,
        }),
      );
      break;
    }
    case "series": {
      for (const o of shape.occurrences) {
        if (o.to < c.axis.start || o.from > c.axis.end) continue;
        const from = c.xc(o.from);
        const to = Math.max(from + 3, c.xc(o.to, "end"));
        parts.push(`<rect x="${n(from)}" y="${n(cy - 6)}" width="${n(to - from)}" height="12"/>`);
        after = to + 3;
      }
      break;
    }
  }
  if (after !== null && m.state === "overdue") parts.push(warningSign(after + 7, cy));
  if (after !== null && m.state === "done") parts.push(checkMark(after + 1, cy));
  const paintAttrs = attrs({
    fill: paint.fill,
    stroke: paint.stroke,
    "stroke-width": 1.5,
    "fill-opacity": paint.opacity,
  });
  return `<g class="regie-timeline__milestone regie-timeline__milestone--${m.state}"${paintAttrs}>${parts.join("")}</g>`;
}
