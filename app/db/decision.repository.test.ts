import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../tests/support/databases";
import { categoryAsOf } from "../domain/decisions/category-history";
import { decisionInputSchema, type DecisionInput } from "../domain/decisions/decision-input";
import { loadDefaultDataIfEmpty } from "../lib/default-data.server";
import { DEFAULT_PROGRAMME_SLUG } from "../lib/default-data.server";
import { createActionRepository } from "./action.repository";
import { seedDocumentDecisions } from "./decision-seed";
import { createDecisionRepository } from "./decision.repository";
import { createHistoryRepository } from "./history.repository";

const DATA = new URL("../../data", import.meta.url).pathname;
const ACTOR = { userId: null, label: "Programmamanager (test)" };
const NOW = "2026-05-01T10:00:00.000Z";
const TODAY = "2026-05-01";
const decision = (input: Record<string, unknown>): DecisionInput => decisionInputSchema.parse(input);

describe.each(testDialects())("steering-group decisions (%s)", (dialect) => {
  let t: TestDatabase;
  let programmeId: number;
  const repo = () => createDecisionRepository(t.db);
  const store = () => createDecisionRepository(t.db);
  const actions = () => createActionRepository(t.db);
  const action5 = async () => (await actions().get(programmeId, 5))!;
  const counts = async (asOf?: string) => Object.fromEntries((await actions().countByCategory(programmeId, asOf)).map((c) => [String(c.category), c.count]));
  const rowCounts = async () => {
    const n = async (table: "decision" | "decision_action" | "audit_event" | "meeting") =>
      Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    return { decision: await n("decision"), decisionAction: await n("decision_action"), audit: await n("audit_event"), meeting: await n("meeting") };
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await loadDefaultDataIfEmpty(t.db, DATA);
    programmeId = (await t.db.kysely.selectFrom("programme").select("id").where("slug", "=", DEFAULT_PROGRAMME_SLUG).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("loads the document's decisions with the default programme: 18 July, 14 October and the one planned for 2014", async () => {
    const { data: taken } = await repo().list(programmeId, { status: "taken" });
    expect(taken.map((d) => [d.decidedOn, d.kind, d.title])).toEqual([
      ["2013-10-14", "adopt-programme", "Uitvoeringsprogramma 2013-2015 vastgesteld; acties in categorie 1 en 2 goedgekeurd"],
      ["2013-07-18", "categories", "Categorie 1 vastgesteld"],
    ]);
    const [october, july] = taken;
    expect(july!.actions.map((a) => a.number)).toEqual([3, 4, 10, 14, 26, 28, 40, 50, 54, 57, 58, 59, 60, 61, 62]);
    expect(july!.actions.every((a) => a.from === null && a.to === 1)).toBe(true);
    expect(july!.text).toContain("vastgesteld door Stuurgroep op 18 juli jl.");
    expect(july!.meeting).toBeNull();
    // All 62 actions: category 1 approved unchanged, 2, 3 and 4 assigned.
    expect(october!.actions).toHaveLength(62);
    expect(october!.actions.find((a) => a.number === 5)).toEqual({ number: 5, title: "Rijksinstrumenten voor MKB promoten", from: null, to: 3 });
    expect(october!.actions.find((a) => a.number === 3)).toMatchObject({ from: 1, to: null });
    expect(october!.actions.filter((a) => a.to === 2)).toHaveLength(25);
    expect(october!.actions.filter((a) => a.to === 4).map((a) => a.number)).toEqual([13, 39, 42, 44]);
    expect(october!.meeting).toMatchObject({ heldOn: "2013-10-14", title: "Stuurgroep Economische agenda" });

    const { data: planned } = await repo().list(programmeId, { status: "planned" });
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ decidedOn: "2014-12-31", kind: "categories", status: "planned", title: "Besluit over acties in categorie 3 en 4" });
    expect(planned[0]!.actions).toHaveLength(22);
    expect(planned[0]!.actions.every((a) => a.to === null)).toBe(true);

    const meeting = (await repo().meeting(programmeId, october!.meeting!.id))!;
    expect(meeting.minutes).toMatch(/^Uit het programmadocument/);
    expect(meeting.attendees.map((a) => a.slug).sort()).toEqual(
      ["gemeente-leiden", "gemeente-leiderdorp", "gemeente-oegstgeest", "gemeente-voorschoten", "gemeente-zoeterwoude", "hogeschool-leiden", "kamer-van-koophandel", "koepel-leidse-regio", "leids-universitair-medisch-centrum", "roc-leiden", "universiteit-leiden", "vno-ncw-rijnland"].sort(),
    );
    expect(meeting.decisions.map((d) => d.title)).toEqual([october!.title]);
  });

  it("seeds once: loading again or seeding again writes nothing", async () => {
    const before = await rowCounts();
    await loadDefaultDataIfEmpty(t.db, DATA);
    expect(await seedDocumentDecisions(t.db, DEFAULT_PROGRAMME_SLUG)).toBe(false);
    expect(await rowCounts()).toEqual(before);
  });

  it("reads counts per category as of a date: none before July 2013, category 1 after 18 July, all four after 14 October", async () => {
    expect(await counts("2013-07-17")).toEqual({ null: 62 });
    expect(await counts("2013-07-18")).toEqual({ null: 47, 1: 15 });
    expect(await counts("2013-10-14")).toEqual({ 1: 15, 2: 25, 3: 18, 4: 4 });
    expect(await counts()).toEqual({ 1: 15, 2: 25, 3: 18, 4: 4 });
  });

  it("records a decision moving action 5 from 3 to 2: its category, version and history change in one go", async () => {
    const before = await action5();
    expect(before.category).toBe(3);
    const result = await store().recordDecision({
      programmeId,
      decision: decision({ decidedOn: "2014-06-30", kind: "categories", title: "Actie 5 naar categorie 2", text: "Budget gevonden.", actions: [{ number: 5, from: 3, to: 2 }, { number: 8 }] }),
      actor: ACTOR,
      requestId: "req-decision-1",
      now: NOW,
      today: TODAY,
    });
    expect(result).toMatchObject({ status: "ok", changed: [5] });
    const after = await action5();
    expect(after.category).toBe(2);
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt).toBe(NOW);
    // Action 8 is concerned but keeps its category and version.
    expect((await actions().get(programmeId, 8))!).toMatchObject({ category: 3, version: 1 });

    const history = await repo().categoryHistory(after.id);
    expect(history.map((c) => [c.decidedOn, c.from, c.to])).toEqual([
      ["2013-10-14", null, 3],
      ["2014-06-30", 3, 2],
    ]);
    const audit = await createHistoryRepository(t.db).forEntity("action", after.id);
    expect(audit[0]).toMatchObject({ actor: ACTOR.label, operation: "update", before: { category: 3 }, after: { category: 2 }, requestId: "req-decision-1" });
    const id = result.status === "ok" ? result.id : 0;
    const [entry] = await createHistoryRepository(t.db).forEntity("decision", id);
    expect(entry).toMatchObject({ operation: "create", after: { decidedOn: "2014-06-30", actions: [{ number: 5, from: 3, to: 2 }, { number: 8, from: 3, to: null }] } });

    // The counts follow, and 1 January 2014 still shows the old ones.
    expect(await counts()).toEqual({ 1: 15, 2: 26, 3: 17, 4: 4 });
    expect(await counts("2014-01-01")).toEqual({ 1: 15, 2: 25, 3: 18, 4: 4 });
    expect(await counts("2014-06-30")).toEqual({ 1: 15, 2: 26, 3: 17, 4: 4 });
  });

  it("refuses a change whose `from` is no longer the category, and writes nothing", async () => {
    const before = await rowCounts();
    const version = (await action5()).version;
    const result = await store().recordDecision({
      programmeId,
      decision: decision({ decidedOn: "2014-07-01", kind: "categories", title: "Actie 5 naar 4", actions: [{ number: 5, from: 3, to: 4 }, { number: 11, from: 3, to: 2 }] }),
      actor: ACTOR,
      now: NOW,
      today: TODAY,
    });
    expect(result).toEqual({ status: "conflict", errors: { "actions.5": { key: "decisions.staleFrom", params: { p0: 5, p1: "3", p2: "2" } } } });
    expect(await rowCounts()).toEqual(before);
    expect(await action5()).toMatchObject({ category: 2, version });
    // Action 11, whose change was fine, did not move either.
    expect((await actions().get(programmeId, 11))!.category).toBe(3);
  });

  it("records decisions in date order: one dated before an action's last category decision cannot change it", async () => {
    const before = await rowCounts();
    const result = await store().recordDecision({
      programmeId,
      decision: decision({ decidedOn: "2014-03-01", kind: "categories", title: "Te laat vastgelegd", actions: [{ number: 5, from: 2, to: 1 }] }),
      actor: ACTOR,
      now: NOW,
      today: TODAY,
    });
    expect(result).toEqual({ status: "invalid", errors: { "actions.5": { key: "decisions.beforeLatest", params: { p0: 5, p1: "2014-06-30" } } } });
    expect(await rowCounts()).toEqual(before);
    // The same date as the last decision is in order (recorded later, it counts later).
    const same = await store().recordDecision({
      programmeId,
      decision: decision({ decidedOn: "2014-06-30", kind: "categories", title: "Actie 12 naar 2", actions: [{ number: 12, from: 3, to: 2 }] }),
      actor: ACTOR,
      now: NOW,
      today: TODAY,
    });
    expect(same.status).toBe("ok");
  });

  it("refuses unknown actions and meetings, and a taken decision after today", async () => {
    const before = await rowCounts();
    const result = await store().recordDecision({
      programmeId,
      decision: decision({ decidedOn: "2026-05-02", kind: "general", title: "Toekomst", meetingId: 9999, actions: [{ number: 999 }] }),
      actor: ACTOR,
      now: NOW,
      today: TODAY,
    });
    expect(result).toEqual({
      status: "invalid",
      errors: { decidedOn: { key: "decisions.takenInFuture" }, meetingId: { key: "decisions.meetingUnknown" }, "actions.999": { key: "decisions.actionUnknown", params: { p0: 999 } } },
    });
    expect(await rowCounts()).toEqual(before);
    // A planned decision may lie in the future.
    const planned = await store().recordDecision({
      programmeId,
      decision: decision({ decidedOn: "2027-01-31", kind: "adopt-annual-plan", status: "planned", title: "Jaarplan 2027" }),
      actor: ACTOR,
      now: NOW,
      today: TODAY,
    });
    expect(planned.status).toBe("ok");
  });

  it("computes categories as of any date in SQL exactly as the domain rule does from each action's history", async () => {
    const all = (await actions().list(programmeId, { category: [] }, { limit: 500, offset: 0 })).data;
    for (const date of ["2013-07-17", "2013-07-18", "2013-12-31", "2014-06-29", "2014-06-30", "2025-01-01"]) {
      const listed = (await actions().list(programmeId, { category: [], asOf: date }, { limit: 500, offset: 0 })).data;
      for (const a of all) {
        const expected = categoryAsOf(await repo().categoryHistory(a.id), date);
        expect(listed.find((l) => l.number === a.number)!.category, `${a.number} on ${date}`).toBe(expected);
      }
    }
    // The category filter follows the date too.
    const green = await actions().list(programmeId, { category: [2], asOf: "2014-01-01" }, { limit: 500, offset: 0 });
    expect(green.total).toBe(25);
    expect(green.data.map((a) => a.number)).not.toContain(5);
    const greenNow = await actions().list(programmeId, { category: [2] }, { limit: 500, offset: 0 });
    expect(greenNow.data.map((a) => a.number)).toEqual(expect.arrayContaining([5, 12]));
  });

  it("records a meeting with the organisations present, and refuses an unknown organisation", async () => {
    const ok = await store().recordMeeting({
      programmeId,
      meeting: { heldOn: "2014-06-30", title: "Stuurgroep Economische agenda", agenda: "1. Categorieën", minutes: "Besloten: actie 5 naar 2.", attendees: ["gemeente-leiden", "universiteit-leiden"] },
      actor: ACTOR,
      now: NOW,
    });
    expect(ok.status).toBe("ok");
    const id = ok.status === "ok" ? ok.id : 0;
    const meeting = (await repo().meeting(programmeId, id))!;
    expect(meeting.attendees.map((a) => a.slug)).toEqual(["gemeente-leiden", "universiteit-leiden"]);
    expect((await createHistoryRepository(t.db).forEntity("meeting", id))[0]).toMatchObject({ operation: "create", entityLabel: "2014-06-30 Stuurgroep Economische agenda" });
    expect((await repo().meetings(programmeId)).map((m) => [m.heldOn, m.attendeeCount])).toEqual([
      ["2014-06-30", 2],
      ["2013-10-14", 12],
    ]);

    const before = await rowCounts();
    const bad = await store().recordMeeting({
      programmeId,
      meeting: { heldOn: "2014-07-01", title: "X", agenda: "", minutes: "", attendees: ["gemeente-leiden", "bestaat-niet"] },
      actor: ACTOR,
      now: NOW,
    });
    expect(bad).toEqual({ status: "invalid", errors: { attendees: { key: "decisions.organisationUnknownName", params: { param: "bestaat-niet" } } } });
    expect(await rowCounts()).toEqual(before);
  });
});
