import { sql } from "kysely";
import type { AppLoadContext } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../tests/support/databases";
import { defaultProgrammeDocument } from "../../tests/support/default-programme";
import {
  actionId,
  fillMilestonesFromPlanning,
  insertContact,
  insertRound,
  insertRoundRequest,
  insertUpdate,
  insertUpdates,
  setCategory,
  type UpdateInput,
} from "../../tests/support/progress-factories";
import { decisionInputSchema } from "../domain/decisions/decision-input";
import { PROGRESS_STATUSES } from "../domain/progress/dependencies";
import { parseMilestones, isOverdue } from "../domain/progress/planning-milestones";
import { comparePeriodsDesc, parsePeriod } from "../domain/progress/periods";
import { actionStatus, DASHBOARD_STATUSES } from "../domain/progress/rollup";
import type { Programme } from "../domain/programmes/types";
import {
  loadActionDependencies,
  loadDependencyGraph,
  loadRiskFlags,
  loadRollup,
} from "../routes/progress/progress-views.server";
import { openDatabase } from "./database";
import { createDecisionRepository } from "./decision.repository";
import { importProgrammeDocument } from "../lib/programme-import.server";
import { createProgrammeRepository } from "./programme.repository";
import { createProgressReadModel, PERIOD_KEY_SQL } from "./progress.read-model";

const doc = defaultProgrammeDocument();
const TODAY = "2014-10-01";

const readModels = new WeakMap<TestDatabase, ReturnType<typeof createProgressReadModel>>();

/**
 * Just enough of a request context for the read functions: services with the read model (one per
 * database, so that its cache lives across requests) and a clock. A new context per request, as
 * the server makes one per request (the cache reads its stamp once per context).
 */
function request(t: TestDatabase): AppLoadContext {
  let progressViews = readModels.get(t);
  if (!progressViews) {
    progressViews = createProgressReadModel(t.db);
    readModels.set(t, progressViews);
  }
  return {
    services: { progressViews, clock: { now: () => new Date(`${TODAY}T10:00:00Z`) } },
  } as unknown as AppLoadContext;
}

/** A small deterministic random generator (mulberry32), so that a failure can be repeated. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(testDialects())("progress read model (%s)", (dialect) => {
  let t: TestDatabase;
  let programme: Programme;
  const id = (number: number) => actionId(t.db, programme.id, number);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, doc, { isDefault: true });
    programme = (await createProgrammeRepository(t.db).get(doc.slug))!;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  describe("dependencies", () => {
    it("flags nothing on a fresh programme", async () => {
      expect([...(await loadRiskFlags(request(t), programme.id)).keys()]).toEqual([]);
    });

    it("delaying action 10 flags 11 and 12, and lifting the delay lifts the flags", async () => {
      const ten = await id(10);
      await insertUpdate(t.db, {
        actionId: ten,
        status: "on-track",
        period: "2013-H2",
        createdAt: "2014-01-10T10:00:00.000Z",
      });
      expect([...(await loadRiskFlags(request(t), programme.id)).keys()]).toEqual([]);
      const delayed = await insertUpdate(t.db, {
        actionId: ten,
        status: "delayed",
        period: "2014-H1",
        createdAt: "2014-04-01T10:00:00.000Z",
      });
      const flags = await loadRiskFlags(request(t), programme.id);
      expect([...flags.keys()].sort((a, b) => a - b)).toEqual([11, 12]);
      expect(flags.get(11)).toEqual([{ through: 10, reason: "delayed", via: [] }]);
      const page = await loadActionDependencies(request(t), programme, 11);
      expect(page.flags).toEqual([{ through: 10, reason: "delayed", via: [] }]);
      // Up and down its chains: 10 above it; its sibling 12 is not part of its neighbourhood.
      expect(page.graph!.nodes.map((n) => n.number).sort((a, b) => a - b)).toEqual([10, 11]);
      await t.db.kysely.deleteFrom("progress_update").where("id", "=", delayed).execute();
      expect([...(await loadRiskFlags(request(t), programme.id)).keys()]).toEqual([]);
    });

    it("dropping action 20 by a steering-group decision (category 4) flags 21 to 27", async () => {
      const decision = decisionInputSchema.parse({
        decidedOn: "2014-06-01",
        kind: "categories",
        title: "Actie 20 vervalt",
        actions: [{ number: 20, from: 2, to: 4 }],
      });
      const result = await createDecisionRepository(t.db).recordDecision({
        programmeId: programme.id,
        decision,
        actor: { userId: null, label: "Test" },
        now: "2014-06-01T12:00:00.000Z",
        today: TODAY,
      });
      expect(result.status).toBe("ok");
      const flags = await loadRiskFlags(request(t), programme.id);
      expect([...flags.keys()].sort((a, b) => a - b)).toEqual([21, 22, 23, 24, 25, 26, 27]);
      for (const n of [21, 22, 23, 24, 25, 26, 27])
        expect(flags.get(n)).toEqual([{ through: 20, reason: "dropped", via: [] }]);
      const graph = await loadDependencyGraph(request(t), programme.id);
      expect(graph.nodes.find((n) => n.number === 20)!.blocking).toBe("dropped");
      expect(graph.edges.filter((e) => e.source === 20).map((e) => e.target)).toEqual([
        21, 22, 23, 24, 25, 26, 27,
      ]);
      // Back to category 2 for the tests below.
      await setCategory(t.db, await id(20), 2);
      expect([...(await loadRiskFlags(request(t), programme.id)).keys()]).toEqual([]);
    });

    it("sees writes from another connection at once (the cache follows the database)", async () => {
      expect((await loadRiskFlags(request(t), programme.id)).size).toBe(0);
      const other = openDatabase(t.url, { poolSize: 1 });
      try {
        const stopped = await insertUpdate(other, {
          actionId: await id(10),
          status: "stopped",
          period: "2014-H2",
          createdAt: "2014-09-01T10:00:00.000Z",
        });
        expect([...(await loadRiskFlags(request(t), programme.id)).keys()].sort((a, b) => a - b)).toEqual([
          11, 12,
        ]);
        await other.kysely.deleteFrom("progress_update").where("id", "=", stopped).execute();
        expect((await loadRiskFlags(request(t), programme.id)).size).toBe(0);
      } finally {
        await other.close();
      }
    });
  });

  describe("the dashboard's data", () => {
    const updates: (UpdateInput & { number: number })[] = [];
    let round: number;

    beforeAll(async () => {
      await t.db.kysely.deleteFrom("progress_update").execute();
      await fillMilestonesFromPlanning(t.db, programme.id, programme.period);
      const rnd = random(71);
      // Periods of both kinds, so that "2014-Q3" must sort before "2014-H1" and after "2014-H2"... by end date.
      const periods = ["2013-H2", "2014-H1", "2014-Q3", "2014-H2"];
      const ids = new Map<number, number>();
      for (const a of doc.actions) ids.set(a.number, await id(a.number));
      // Each action gets updates for a random set of periods (at most one per period).
      for (const a of doc.actions) {
        for (const period of periods) {
          if (rnd() < 0.45) continue;
          const day = String(1 + Math.floor(rnd() * 20)).padStart(2, "0");
          updates.push({
            number: a.number,
            actionId: ids.get(a.number)!,
            status: PROGRESS_STATUSES[Math.floor(rnd() * PROGRESS_STATUSES.length)]!,
            period,
            createdAt: `2014-0${1 + Math.floor(rnd() * 9)}-${day}T10:00:00.000Z`,
          });
        }
      }
      await insertUpdates(t.db, updates);
      round = await insertRound(t.db, {
        programmeId: programme.id,
        period: "2014-H2",
        openedOn: "2014-09-15",
        dueOn: "2014-10-15",
        closesOn: "2014-12-31",
      });
      await insertRound(t.db, {
        programmeId: programme.id,
        period: "2014-H1",
        openedOn: "2014-03-15",
        dueOn: "2014-04-15",
        closesOn: "2014-06-30",
        status: "closed",
      });
    });

    /** The newest update per action, by the progress pages' own ordering of periods (periods.ts). */
    function newest(number: number, period?: string): (UpdateInput & { number: number }) | undefined {
      const mine = updates.filter(
        (u) => u.number === number && (period === undefined || u.period === period),
      );
      return [...mine].sort((a, b) => comparePeriodsDesc(parsePeriod(a.period)!, parsePeriod(b.period)!))[0];
    }

    it("reports on the newest round's period", async () => {
      const { period } = await loadRollup(request(t), programme);
      expect(period.period).toBe("2014-H2");
      expect(period.round).toMatchObject({ id: round, period: "2014-H2", dueOn: "2014-10-15" });
    });

    it("counts equal a brute-force count over the inserted rows", async () => {
      const { rollup } = await loadRollup(request(t), programme);
      const expected = doc.actions
        .filter((a) => a.category !== 4)
        .map((a) => {
          const latest = newest(a.number);
          const status = actionStatus({
            periodStatus: newest(a.number, "2014-H2")?.status ?? null,
            latest: latest ? { status: latest.status, period: latest.period } : null,
          });
          return { a, status };
        });
      expect(rollup.total.total).toBe(expected.length);
      expect(rollup.dropped.map((d) => d.number)).toEqual(
        doc.actions.filter((a) => a.category === 4).map((a) => a.number),
      );
      for (const s of DASHBOARD_STATUSES) {
        expect(rollup.total.counts[s], s).toBe(expected.filter((e) => e.status === s).length);
        for (const row of rollup.byTheme) {
          const theme = row.key === "chapter" ? null : Number(row.key.slice("theme:".length));
          expect(row.counts[s], `${row.key} ${s}`).toBe(
            expected.filter((e) => (e.a.themeNumber ?? null) === theme && e.status === s).length,
          );
        }
        for (const row of rollup.byLead) {
          const mine = expected.filter((e) =>
            row.key === "lead-unknown"
              ? e.a.leads.length === 0
              : e.a.leads.some((l) => l.organisation === row.key),
          );
          expect(row.counts[s], `${row.key} ${s}`).toBe(mine.filter((e) => e.status === s).length);
        }
      }
      expect(rollup.byTheme.map((r) => r.key)).toEqual([
        "theme:1",
        "theme:2",
        "theme:3",
        "theme:4",
        "theme:5",
        "chapter",
      ]);
      // Every action with an overdue milestone on TODAY (and still open) needs attention for that reason.
      const overdue = expected
        .filter((e) => e.status !== "done" && e.status !== "stopped")
        .filter((e) =>
          parseMilestones(e.a.planningText, { period: doc.period }).milestones.some((m) =>
            isOverdue(m, TODAY),
          ),
        )
        .map((e) => e.a.number);
      expect(
        rollup.attention.filter((i) => i.reasons.some((r) => r.kind === "overdue")).map((i) => i.number),
      ).toEqual(overdue);
      // "No update" is a reason only for actions the round asked about (nobody here yet: none).
      const asked = new Set(await createProgressReadModel(t.db).askedInRound(round));
      const noUpdate = expected.filter((e) => e.status === "none" && asked.has(e.a.number)).map((e) => e.a.number);
      expect(
        rollup.attention.filter((i) => i.reasons.some((r) => r.kind === "no-update")).map((i) => i.number),
      ).toEqual(noUpdate);
    });

    it("reads milestones back as the parser made them, recurrence included", async () => {
      const read = createProgressReadModel(t.db);
      const sixtyOne = await id(61);
      const [m1, m2] = await read.milestones(programme.id, [sixtyOne]);
      const parsed = parseMilestones(doc.actions.find((a) => a.number === 61)!.planningText, {
        period: doc.period,
      }).milestones;
      expect(m1).toMatchObject({
        label: parsed[0]!.label,
        due: parsed[0]!.due,
        doneOn: null,
        actionId: sixtyOne,
      });
      expect(m2!.due).toEqual(parsed[1]!.due);
      expect(m2!.due.recurrence).toEqual({ everyMonths: 12, occurrence: "quarter", until: "2015-12-31" });
      expect(await read.milestoneExtent(programme.id)).toEqual({ start: "2013-01-01", end: "2015-12-31" });
    });

    it("reads statuses for a page of actions only", async () => {
      const read = createProgressReadModel(t.db);
      const ids = [await id(26), await id(3)];
      const rows = await read.actionRows(programme.id, "2014-H2", { ids });
      expect(rows.map((r) => r.number)).toEqual([3, 26]);
      for (const r of rows) {
        const latest = newest(r.number);
        expect(r.latest).toEqual(latest ? { status: latest.status, period: latest.period } : null);
        expect(r.periodStatus).toBe(newest(r.number, "2014-H2")?.status ?? null);
      }
    });

    it("finds an action's newest update by one step down the index of migration 0010", async () => {
      const query = sql.raw(
        `select pu.status from progress_update pu where pu.action_id = 1 order by ${PERIOD_KEY_SQL.replaceAll("period", "pu.period")} desc limit 1`,
      );
      if (dialect === "sqlite") {
        const plan = (await sql<{ detail: string }>`explain query plan ${query}`.execute(t.db.kysely)).rows
          .map((r) => r.detail)
          .join("\n");
        expect(plan).toContain("progress_update_latest");
        expect(plan).not.toContain("TEMP B-TREE");
      } else {
        const plan = await t.db.kysely.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          return (await sql<{ "QUERY PLAN": string }>`explain ${query}`.execute(trx)).rows
            .map((r) => r["QUERY PLAN"])
            .join("\n");
        });
        expect(plan).toContain("progress_update_latest");
        expect(plan).not.toMatch(/\bSort\b/);
      }
    });

    it("tells members how the round is answered, and who has not answered", async () => {
      const read = createProgressReadModel(t.db);
      const a = await insertContact(t.db, {
        name: "Anna Antwoord",
        email: "anna@example.org",
        actionId: await id(1),
      });
      const b = await insertContact(t.db, {
        name: "Bert Bezig",
        email: "bert@example.org",
        actionId: await id(2),
      });
      await insertRoundRequest(t.db, {
        roundId: round,
        actionId: await id(1),
        contactId: a,
        answeredAt: "2014-09-20T10:00:00.000Z",
      });
      await insertRoundRequest(t.db, { roundId: round, actionId: await id(2), contactId: b });
      expect(await read.roundResponse(round)).toEqual({ requested: 2, answered: 1 });
      expect(await read.unansweredRequests(round)).toEqual([{ number: 2, contact: "Bert Bezig" }]);
    });
  });
});
