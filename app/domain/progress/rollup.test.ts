import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROGRESS_STATUSES, type DependencyLink } from "./dependencies";
import { parseFuzzyDate } from "./fuzzy-date";
import type { Milestone } from "./planning-milestones";
import {
  actionStatus,
  DASHBOARD_STATUSES,
  rollUp,
  ROLLUP_RULES,
  type RollupAction,
  type RollupInput,
} from "./rollup";

const PERIOD = { start: 2013, end: 2015 };
const milestone = (text: string, doneOn: string | null = null, label: string | null = null): Milestone => ({
  label,
  due: parseFuzzyDate(text, { period: PERIOD })!,
  doneOn,
});

const action = (number: number, over: Partial<RollupAction> = {}): RollupAction => ({
  number,
  title: `Actie ${number}`,
  theme: 1,
  category: 2,
  leads: [{ slug: "gemeente-leiden", name: "Gemeente Leiden" }],
  periodStatus: null,
  latest: null,
  milestones: [],
  ...over,
});

const input = (actions: RollupAction[], over: Partial<RollupInput> = {}): RollupInput => ({
  actions,
  links: [],
  period: "2014-H1",
  round: true,
  today: "2014-05-01",
  ...over,
});

describe("an action's status for the dashboard", () => {
  it("is the reporting period's status; done and stopped carry over from earlier periods; else none", () => {
    expect(actionStatus({ periodStatus: "delayed", latest: { status: "delayed", period: "2014-H1" } })).toBe(
      "delayed",
    );
    expect(actionStatus({ periodStatus: null, latest: { status: "done", period: "2013-H2" } })).toBe("done");
    expect(actionStatus({ periodStatus: null, latest: { status: "stopped", period: "2013-H2" } })).toBe(
      "stopped",
    );
    expect(actionStatus({ periodStatus: null, latest: { status: "delayed", period: "2013-H2" } })).toBe(
      "none",
    );
    expect(
      actionStatus({ periodStatus: "on-track", latest: { status: "on-track", period: "2014-H1" } }),
    ).toBe("on-track");
    expect(actionStatus({ periodStatus: null, latest: null })).toBe("none");
  });
});

describe("the roll-up", () => {
  it("leaves dropped actions out of every count and lists them", () => {
    const r = rollUp(
      input([
        action(1, { periodStatus: "on-track" }),
        action(2, { category: 4, periodStatus: "delayed" }),
        action(3),
      ]),
    );
    expect(r.total.total).toBe(2);
    expect(r.total.counts).toEqual({ "on-track": 1, "at-risk": 0, delayed: 0, done: 0, stopped: 0, none: 1 });
    expect(r.dropped).toEqual([{ number: 2, title: "Actie 2" }]);
    expect(r.byCategory.map((row) => row.key)).toEqual(["category:2"]);
    expect(r.statuses.has(2)).toBe(false);
  });

  it("counts per theme (organisation chapter last), per category and per lead; several leads count for each", () => {
    const r = rollUp(
      input([
        action(1, { theme: 2, category: 1, periodStatus: "done" }),
        action(2, {
          theme: 1,
          category: 3,
          leads: [
            { slug: "a", name: "Alfa" },
            { slug: "b", name: "Bèta" },
          ],
          periodStatus: "delayed",
        }),
        action(3, { theme: null, category: 1, leads: [] }),
      ]),
    );
    expect(r.byTheme.map((row) => [row.key, row.total])).toEqual([
      ["theme:1", 1],
      ["theme:2", 1],
      ["chapter", 1],
    ]);
    expect(
      r.byCategory.map((row) => [row.key, row.counts.done, row.counts.delayed, row.counts.none]),
    ).toEqual([
      ["category:1", 1, 0, 1],
      ["category:3", 0, 1, 0],
    ]);
    expect(r.byLead.map((row) => [row.key, row.label, row.total])).toEqual([
      ["a", "Alfa", 1],
      ["b", "Bèta", 1],
      ["gemeente-leiden", "Gemeente Leiden", 1],
      ["lead-unknown", "", 1],
    ]);
    expect(r.byLead.reduce((n, row) => n + row.total, 0)).toBe(4);
    expect(r.total.total).toBe(3);
  });

  it("counts 'at risk through a dependency' separately, on top of the action's own status", () => {
    const links: DependencyLink[] = [
      { source: 20, target: 21, type: "enables" },
      { source: 20, target: 22, type: "enables" },
    ];
    const r = rollUp(
      input(
        [
          action(20, { category: 4 }),
          action(21, { periodStatus: "on-track" }),
          action(22, { periodStatus: "done", latest: { status: "done", period: "2014-H1" } }),
        ],
        { links },
      ),
    );
    expect(r.total.counts["on-track"]).toBe(1);
    expect(r.total.atRiskThroughDependency).toBe(1);
    expect(r.flags.get(21)).toEqual([{ through: 20, reason: "dropped", via: [] }]);
    expect(r.flags.has(22)).toBe(false);
  });

  it("lists what needs attention, with every reason, and leaves finished actions out", () => {
    const links: DependencyLink[] = [{ source: 10, target: 11, type: "prerequisiteFor" }];
    const r = rollUp(
      input(
        [
          action(10, {
            periodStatus: "delayed",
            latest: { status: "delayed", period: "2014-H1" },
            milestones: [milestone("1e kwartaal 2014", null, "Afgerond")],
          }),
          action(11, { milestones: [milestone("2015")] }),
          action(12, {
            periodStatus: "done",
            latest: { status: "done", period: "2014-H1" },
            milestones: [milestone("december 2013")],
          }),
          action(13, { periodStatus: "on-track", milestones: [milestone("december 2013", "2013-12-20")] }),
        ],
        { links },
      ),
    );
    expect(r.attention).toEqual([
      {
        number: 10,
        title: "Actie 10",
        status: "delayed",
        reasons: [
          { kind: "overdue", milestones: [{ label: "Afgerond", dueText: "1e kwartaal 2014" }] },
          { kind: "reported", status: "delayed" },
        ],
      },
      {
        number: 11,
        title: "Actie 11",
        status: "none",
        reasons: [
          { kind: "no-update", period: "2014-H1" },
          { kind: "dependency", flags: [{ through: 10, reason: "delayed", via: [] }] },
        ],
      },
    ]);
  });

  it("gives no 'no update' reason when there is no update round", () => {
    const r = rollUp(input([action(1)], { round: false, period: null }));
    expect(r.total.counts.none).toBe(1);
    expect(r.attention).toEqual([]);
  });

  it("states a rule for every key the page shows", () => {
    expect(ROLLUP_RULES).toEqual([
      "period",
      "carry",
      "none",
      "dropped",
      "dependency",
      "chain",
      "lead",
      "attention",
    ]);
    expect(DASHBOARD_STATUSES).toEqual([...PROGRESS_STATUSES, "none"]);
  });
});

describe("the roll-up equals a brute-force count", () => {
  const status = fc.option(fc.constantFrom(...PROGRESS_STATUSES), { nil: null });
  const arbAction = fc.record({
    theme: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    category: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    leads: fc.uniqueArray(fc.constantFrom("a", "b", "c"), { maxLength: 2 }),
    periodStatus: status,
    latestStatus: status,
  });
  it("for random programmes", () => {
    fc.assert(
      fc.property(
        fc.array(arbAction, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 20 }),
        (raw, pairs) => {
          const actions = raw.map((a, i) =>
            action(i + 1, {
              theme: a.theme,
              category: a.category,
              leads: a.leads.map((slug) => ({ slug, name: slug.toUpperCase() })),
              periodStatus: a.periodStatus,
              latest: a.latestStatus
                ? { status: a.latestStatus, period: "2013-H2" }
                : a.periodStatus
                  ? { status: a.periodStatus, period: "2014-H1" }
                  : null,
            }),
          );
          const links = pairs
            .filter(([s, t]) => s < actions.length && t < actions.length)
            .map(([s, t]) => ({ source: s + 1, target: t + 1, type: "enables" as const }));
          const r = rollUp(input(actions, { links }));
          const counted = actions.filter((a) => a.category !== 4);
          expect(r.total.total).toBe(counted.length);
          for (const s of DASHBOARD_STATUSES) {
            expect(r.total.counts[s]).toBe(counted.filter((a) => actionStatus(a) === s).length);
            for (const row of r.byTheme) {
              const theme = row.key === "chapter" ? null : Number(row.key.slice(6));
              expect(row.counts[s]).toBe(
                counted.filter((a) => a.theme === theme && actionStatus(a) === s).length,
              );
            }
            for (const row of r.byLead) {
              const mine = counted.filter((a) =>
                row.key === "lead-unknown" ? a.leads.length === 0 : a.leads.some((l) => l.slug === row.key),
              );
              expect(row.counts[s]).toBe(mine.filter((a) => actionStatus(a) === s).length);
            }
          }
          expect(r.total.atRiskThroughDependency).toBe(counted.filter((a) => r.flags.has(a.number)).length);
          expect(r.byTheme.reduce((n, row) => n + row.total, 0)).toBe(counted.length);
          expect(r.byCategory.reduce((n, row) => n + row.total, 0)).toBe(counted.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
