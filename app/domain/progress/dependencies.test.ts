import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { programmeDocumentSchema } from "../programmes/programme-document";
import {
  blockReason,
  dependencyFlags,
  isDependencyType,
  neighbourhood,
  type DependencyLink,
  type DependencyState,
  type ProgressStatus,
} from "./dependencies";

const doc = programmeDocumentSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../../data/programmes/kennis-en-werk-071-2013-2015.json", import.meta.url),
      "utf8",
    ),
  ),
);

/** The default programme's dependency links, as the database stores them (on the citing action). */
const LINKS: DependencyLink[] = doc.actions.flatMap((a) =>
  a.links.flatMap((l) =>
    "action" in l.target && isDependencyType(l.type)
      ? [{ source: a.number, target: l.target.action, type: l.type }]
      : [],
  ),
);

/** Every action of the default programme in its document category, without updates. */
function states(changes: Record<number, Partial<DependencyState>> = {}): Map<number, DependencyState> {
  return new Map(
    doc.actions.map((a) => [a.number, { category: a.category ?? null, status: null, ...changes[a.number] }]),
  );
}

const flagged = (flags: Map<number, unknown>) => [...flags.keys()].sort((a, b) => a - b);

describe("the dependency rule on the default programme", () => {
  it("reads the document's links: 10 is prerequisite for 11 and 12, 20 enables 21 to 27", () => {
    expect(LINKS.filter((l) => l.source === 10)).toEqual([
      { source: 10, target: 11, type: "prerequisiteFor" },
      { source: 10, target: 12, type: "prerequisiteFor" },
    ]);
    expect(LINKS.filter((l) => l.source === 20).map((l) => [l.target, l.type])).toEqual(
      [21, 22, 23, 24, 25, 26, 27].map((n) => [n, "enables"]),
    );
  });

  it("flags nothing while nothing is delayed, stopped or dropped", () => {
    expect(flagged(dependencyFlags(states(), LINKS))).toEqual([]);
  });

  it("delaying action 10 flags 11 and 12", () => {
    const flags = dependencyFlags(states({ 10: { status: "delayed" } }), LINKS);
    expect(flagged(flags)).toEqual([11, 12]);
    expect(flags.get(11)).toEqual([{ through: 10, reason: "delayed", via: [] }]);
    expect(flags.get(12)).toEqual([{ through: 10, reason: "delayed", via: [] }]);
  });

  it("dropping action 20 (category 4) flags 21 to 27", () => {
    const flags = dependencyFlags(states({ 20: { category: 4 } }), LINKS);
    expect(flagged(flags)).toEqual([21, 22, 23, 24, 25, 26, 27]);
    for (const n of [21, 22, 23, 24, 25, 26, 27])
      expect(flags.get(n)).toEqual([{ through: 20, reason: "dropped", via: [] }]);
  });

  it("stopping a source flags its dependents as well; at risk, on track and done do not", () => {
    expect(dependencyFlags(states({ 10: { status: "stopped" } }), LINKS).get(11)).toEqual([
      { through: 10, reason: "stopped", via: [] },
    ]);
    for (const status of ["at-risk", "on-track", "done"] as ProgressStatus[]) {
      expect(flagged(dependencyFlags(states({ 10: { status } }), LINKS)), status).toEqual([]);
    }
  });

  it("a later update that is no longer delayed lifts the flag (the rule reads the latest status only)", () => {
    expect(flagged(dependencyFlags(states({ 20: { status: "on-track" } }), LINKS))).toEqual([]);
  });

  it("does not flag dependents that are done, stopped or dropped themselves", () => {
    const flags = dependencyFlags(
      states({
        20: { category: 4 },
        21: { status: "done" },
        22: { status: "stopped" },
        23: { category: 4 },
        24: { status: "delayed" },
      }),
      LINKS,
    );
    expect(flagged(flags)).toEqual([24, 25, 26, 27]);
  });

  it("never follows related links", () => {
    // 17 is related to 6 and 7; dropping 17 puts nothing at risk.
    expect(flagged(dependencyFlags(states({ 17: { category: 4 } }), LINKS))).toEqual([]);
    const related = [{ source: 1, target: 2, type: "related" }] as unknown as DependencyLink[];
    expect(flagged(dependencyFlags(new Map([[1, { category: 4, status: null }]]), related))).toEqual([]);
  });
});

describe("the dependency rule along chains", () => {
  const chain: DependencyLink[] = [
    { source: 1, target: 2, type: "prerequisiteFor" },
    { source: 2, target: 3, type: "enables" },
    { source: 3, target: 4, type: "prerequisiteFor" },
  ];
  const s = (entries: [number, Partial<DependencyState>][]) =>
    new Map([1, 2, 3, 4].map((n) => [n, { category: 2, status: null, ...Object.fromEntries(entries)[n] }]));

  it("passes the flag down with the chain in between", () => {
    const flags = dependencyFlags(s([[1, { status: "delayed" }]]), chain);
    expect(flags.get(2)).toEqual([{ through: 1, reason: "delayed", via: [] }]);
    expect(flags.get(3)).toEqual([{ through: 1, reason: "delayed", via: [2] }]);
    expect(flags.get(4)).toEqual([{ through: 1, reason: "delayed", via: [2, 3] }]);
  });

  it("stops at an action that is done", () => {
    const flags = dependencyFlags(
      s([
        [1, { status: "delayed" }],
        [2, { status: "done" }],
      ]),
      chain,
    );
    expect(flagged(flags)).toEqual([]);
  });

  it("stops at an action that blocks by itself, which flags its own dependents", () => {
    const flags = dependencyFlags(
      s([
        [1, { status: "delayed" }],
        [3, { status: "delayed" }],
      ]),
      chain,
    );
    expect(flags.get(3)).toEqual([{ through: 1, reason: "delayed", via: [2] }]);
    expect(flags.get(4)).toEqual([{ through: 3, reason: "delayed", via: [] }]);
  });

  it("lists every blocking source of an action, by number", () => {
    const links: DependencyLink[] = [
      { source: 5, target: 9, type: "enables" },
      { source: 3, target: 9, type: "prerequisiteFor" },
    ];
    const flags = dependencyFlags(
      new Map([
        [3, { category: 4, status: null }],
        [5, { category: 1, status: "stopped" }],
      ]),
      links,
    );
    expect(flags.get(9)).toEqual([
      { through: 3, reason: "dropped", via: [] },
      { through: 5, reason: "stopped", via: [] },
    ]);
  });

  it("survives cycles", () => {
    const cycle: DependencyLink[] = [
      { source: 1, target: 2, type: "enables" },
      { source: 2, target: 1, type: "enables" },
    ];
    const flags = dependencyFlags(new Map([[1, { category: 2, status: "delayed" }]]), cycle);
    expect(flags.get(2)).toEqual([{ through: 1, reason: "delayed", via: [] }]);
    expect(flags.has(1)).toBe(false);
  });

  it("says why an action blocks: dropped before stopped before delayed", () => {
    expect(blockReason({ category: 4, status: "stopped" })).toBe("dropped");
    expect(blockReason({ category: 2, status: "stopped" })).toBe("stopped");
    expect(blockReason({ category: 2, status: "delayed" })).toBe("delayed");
    expect(blockReason({ category: 2, status: "at-risk" })).toBeNull();
    expect(blockReason(undefined)).toBeNull();
  });

  it("finds an action's neighbourhood up and down its chains, not its siblings", () => {
    const links = [
      { source: 1, target: 2 },
      { source: 2, target: 3 },
      { source: 1, target: 9 },
      { source: 7, target: 2 },
    ];
    expect([...neighbourhood(2, links)].sort((a, b) => a - b)).toEqual([1, 2, 3, 7]);
    expect([...neighbourhood(10, LINKS)].sort((a, b) => a - b)).toEqual([10, 11, 12]);
    expect([...neighbourhood(26, LINKS)].sort((a, b) => a - b)).toEqual([20, 26]);
  });
});
