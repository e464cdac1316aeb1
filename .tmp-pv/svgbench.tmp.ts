import { parseMilestones } from "../app/domain/progress/planning-milestones";
import { milestoneState, timelineAxis } from "../app/domain/progress/timeline";
import { timelineSvg } from "../app/components/progress/timeline-svg";
import { readFileSync } from "node:fs";
const doc = JSON.parse(readFileSync("data/programmes/kennis-en-werk-071-2013-2015.json", "utf8"));
const rows = Array.from({ length: 100 }, (_, i) => {
  const a = doc.actions[i % 62];
  return { number: i + 1, title: a.title, statusText: "Vertraagd (2014-H1)", warning: i % 3 === 0, milestones: parseMilestones(a.planningText, { period: { start: 2013, end: 2015 } }).milestones.map((m) => ({ ...m, state: milestoneState(m, "2026-11-28") })) };
});
const axis = timelineAxis({ start: 2013, end: 2015 }, null);
const labels = { title: "t", description: "d", quarter: (q: number) => `K${q}`, today: "Vandaag", todayAfter: "x", todayBefore: "y", milestone: (_r: unknown, m: { label: string | null }) => `${m.label}`, action: (r: { number: number }) => `Actie ${r.number}`, noMilestones: "geen" };
for (let i = 0; i < 50; i++) timelineSvg({ id: "t", axis, rows, today: "2026-11-28", labels });
const t0 = performance.now();
let len = 0;
for (let i = 0; i < 200; i++) len = timelineSvg({ id: "t", axis, rows, today: "2026-11-28", labels }).length;
console.log(((performance.now() - t0) / 200).toFixed(2), "ms per SVG", len, "bytes");
