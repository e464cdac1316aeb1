import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActionRepository, type ActionRepository } from "../../app/db/action.repository";
import { createHistoryRepository } from "../../app/db/history.repository";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { createProgrammeRepository, type ProgrammeRepository } from "../../app/db/programme.repository";
import type { ActionChanges } from "../../app/domain/actions/action-changes";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";

const actor = { userId: null, label: "Test" };
const now = "2026-12-01T10:00:00.000Z";
const doc = defaultProgrammeDocument();

const newAction = (over: Partial<ActionChanges> = {}): ActionChanges => ({
  title: "Nieuwe actie",
  description: "Wat we gaan doen.",
  notes: [],
  intentionCode: "2.3",
  group: null,
  leads: [{ organisation: "gemeente-leiden", qualifier: null }],
  partners: [],
  toInvolve: [],
  leadUnknown: false,
  intendedResults: ["Een resultaat"],
  planningText: "2014-2015",
  categoryNote: null,
  links: [{ type: "related", target: { action: 17 } }],
  ...over,
});

describe.each(testDialects())("programme and theme store (%s)", (dialect) => {
  let t: TestDatabase;
  let store: ProgrammeRepository;
  let actions: ActionRepository;
  let programmeId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, doc, { isDefault: true });
    store = createProgrammeRepository(t.db);
    actions = createActionRepository(t.db);
    programmeId = (await store.programme(doc.slug))!.id;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const yearsOf = async (number: number) => {
    const rows = await t.db.kysely
      .selectFrom("action_year")
      .innerJoin("action", "action.id", "action_year.action_id")
      .select("action_year.year")
      .where("action.programme_id", "=", programmeId)
      .where("action.number", "=", number)
      .orderBy("action_year.year")
      .execute();
    return rows.map((r) => r.year);
  };

  it("changes the programme's front matter with a version check and history", async () => {
    const before = await store.programme(doc.slug);
    expect(before).toMatchObject({ title: doc.title, period: doc.period, version: 1 });
    const result = await store.updateProgramme({
      programmeId,
      expectedVersion: 1,
      patch: { subtitle: "Uitvoeringsprogramma 2013-2016", adoptedBy: null },
      actor,
      now,
    });
    expect(result.status === "ok" && result.changed).toEqual(["subtitle", "adoptedBy"]);
    expect(result.status === "ok" && result.snapshot).toMatchObject({
      subtitle: "Uitvoeringsprogramma 2013-2016",
      adoptedBy: null,
      version: 2,
    });
    const stale = await store.updateProgramme({
      programmeId,
      expectedVersion: 1,
      patch: { title: "Kwijt" },
      actor,
      now,
    });
    expect(stale.status === "conflict" && stale.current.version).toBe(2);
    expect((await store.programme(doc.slug))!.title).toBe(doc.title);
    const history = await createHistoryRepository(t.db).forEntity("programme", programmeId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      operation: "update",
      before: { subtitle: doc.subtitle, adoptedBy: doc.adoptedBy },
      after: { subtitle: "Uitvoeringsprogramma 2013-2016", adoptedBy: null },
    });
  });

  it("recomputes the planning years of every action when the period changes", async () => {
    const standing = doc.actions.find((a) => /continu/i.test(a.planningText))!;
    expect(await yearsOf(standing.number)).toEqual([2013, 2014, 2015]);
    const wrong = await store.updateProgramme({
      programmeId,
      expectedVersion: 2,
      patch: { period: { start: 2016, end: 2013 } },
      actor,
      now,
    });
    expect(wrong).toEqual({ status: "invalid", errors: { period: { key: "editing.periodOrder" } } });
    const result = await store.updateProgramme({
      programmeId,
      expectedVersion: 2,
      patch: { period: { start: 2013, end: 2016 } },
      actor,
      now,
    });
    expect(result.status).toBe("ok");
    expect(await yearsOf(standing.number)).toEqual([2013, 2014, 2015, 2016]);
    expect(await yearsOf(17)).toEqual([2015]);
  });

  it("edits a theme's texts, adds an intention with the next code and records participation", async () => {
    const theme = await store.theme(programmeId, 2);
    expect(theme!.intentions.map((i) => i.code)).toEqual(["2.1", "2.2", "2.3", "2.4"]);
    expect(theme!.intentions.find((i) => i.code === "2.3")!.actions).toBeGreaterThan(0);
    const result = await store.updateTheme({
      programmeId,
      number: 2,
      expectedVersion: theme!.version,
      patch: {
        goal: "Een nieuwe doelstelling.",
        intentions: [
          ...theme!.intentions.map((i) => ({ code: i.code, text: i.text })),
          { text: "Een vijfde voornemen." },
        ],
        participation: [
          { municipality: "gemeente-leiderdorp", status: "undecided", note: "Besluit volgt in maart." },
          { municipality: "gemeente-leiden", status: "participating", note: null },
        ],
      },
      actor,
      now,
    });
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.changed).toEqual(["goal", "intentions", "participation"]);
    expect(result.snapshot.version).toBe(theme!.version + 1);
    expect(result.snapshot.intentions.at(-1)).toEqual({
      code: "2.5",
      text: "Een vijfde voornemen.",
      actions: 0,
    });
    // Plain participation without a note is not stored: only what differs is.
    expect(result.snapshot.participation).toEqual([
      { municipality: "gemeente-leiderdorp", status: "undecided", note: "Besluit volgt in maart." },
    ]);
    const history = await createHistoryRepository(t.db).forEntity("theme", theme!.id);
    expect(history).toHaveLength(1);
    expect(history[0]!.after).toMatchObject({ goal: "Een nieuwe doelstelling." });
  });

  it("refuses to remove an intention that still has actions, unknown intentions and non-municipalities, changing nothing", async () => {
    const theme = (await store.theme(programmeId, 2))!;
    const withoutFirst = theme.intentions
      .filter((i) => i.code !== "2.1")
      .map((i) => ({ code: i.code, text: i.text }));
    const blocked = await store.updateTheme({
      programmeId,
      number: 2,
      expectedVersion: theme.version,
      patch: { title: "Anders", intentions: withoutFirst },
      actor,
      now,
    });
    const count = theme.intentions.find((i) => i.code === "2.1")!.actions;
    expect(blocked).toEqual({
      status: "invalid",
      errors: { intentions: { key: "editing.intentionHasActions", params: { param: "2.1", param2: count } } },
    });
    const unknown = await store.updateTheme({
      programmeId,
      number: 2,
      expectedVersion: theme.version,
      patch: { intentions: [{ code: "9.9", text: "x" }] },
      actor,
      now,
    });
    expect(unknown.status === "invalid" && unknown.errors.intentions).toEqual({ key: "editing.intentionUnknown", params: { param: "9.9" } });
    const notMunicipality = await store.updateTheme({
      programmeId,
      number: 2,
      expectedVersion: theme.version,
      patch: { participation: [{ municipality: "universiteit-leiden", status: "undecided", note: null }] },
      actor,
      now,
    });
    expect(notMunicipality).toEqual({
      status: "invalid",
      errors: { participation: { key: "editing.municipalityUnknown", params: { param: "universiteit-leiden" } } },
    });
    expect(await store.theme(programmeId, 2)).toEqual(theme);
    // An intention without actions may go.
    const removed = await store.updateTheme({
      programmeId,
      number: 2,
      expectedVersion: theme.version,
      patch: {
        intentions: theme.intentions
          .filter((i) => i.code !== "2.5")
          .map((i) => ({ code: i.code, text: i.text })),
      },
      actor,
      now,
    });
    expect(removed.status === "ok" && removed.snapshot.intentions.map((i) => i.code)).toEqual([
      "2.1",
      "2.2",
      "2.3",
      "2.4",
    ]);
    const stale = await store.updateTheme({
      programmeId,
      number: 2,
      expectedVersion: theme.version,
      patch: { title: "Te laat" },
      actor,
      now,
    });
    expect(stale.status).toBe("conflict");
  });

  describe("creating actions", () => {
    it("gives a new action the next free number, no category, its relations, years and a history entry", async () => {
      const result = await actions.create({ programmeId, changes: newAction(), actor, now });
      expect(result).toEqual({ status: "ok", id: expect.any(Number) as number, number: 63, version: 1 });
      const created = await actions.snapshot(programmeId, 63);
      expect(created).toMatchObject({
        number: 63,
        title: "Nieuwe actie",
        category: null,
        intentionCode: "2.3",
        leads: [{ organisation: "gemeente-leiden", qualifier: null }],
        links: [{ type: "related", target: { action: 17 } }],
        version: 1,
      });
      expect(await yearsOf(63)).toEqual([2014, 2015]);
      const history = await createHistoryRepository(t.db).forEntity("action", created!.id);
      expect(history.map((h) => h.operation)).toEqual(["create"]);
      expect(history[0]!.after).toMatchObject({ number: 63, title: "Nieuwe actie" });
    });

    it("takes a number that is asked for when it is free, and refuses a taken one or bad references without writing", async () => {
      const count = async () =>
        (
          await t.db.kysely
            .selectFrom("action")
            .select("id")
            .where("programme_id", "=", programmeId)
            .execute()
        ).length;
      const before = await count();
      expect(
        await actions.create({ programmeId, number: 17, changes: newAction({ links: [] }), actor, now }),
      ).toEqual({ status: "invalid", errors: { number: { key: "editing.actionNumberTaken", params: { param: 17 } } } });
      const bad = await actions.create({
        programmeId,
        changes: newAction({
          intentionCode: "8.1",
          partners: [{ organisation: "bestaat-niet", qualifier: null }],
          links: [{ type: "related", target: { theme: 9 } }],
        }),
        actor,
        now,
      });
      expect(bad).toEqual({
        status: "invalid",
        errors: {
          intentionCode: { key: "edit.intentionUnknown" },
          partners: { key: "edit.organisationUnknownName", params: { param: "bestaat-niet" } },
          links: { key: "edit.linkThemeUnknown", params: { param: 9 } },
        },
      });
      expect(await count()).toBe(before);
      const chosen = await actions.create({
        programmeId,
        number: 100,
        changes: newAction({ title: "Honderd" }),
        actor,
        now,
      });
      expect(chosen.status === "ok" && chosen.number).toBe(100);
      const next = await actions.create({ programmeId, changes: newAction({ title: "Daarna" }), actor, now });
      expect(next.status === "ok" && next.number).toBe(101);
    });

    it("lets exactly one of two concurrent creations without a number take each number", async () => {
      const [a, b] = await Promise.all([
        actions.create({ programmeId, changes: newAction({ title: "Gelijktijdig A" }), actor, now }),
        actions.create({ programmeId, changes: newAction({ title: "Gelijktijdig B" }), actor, now }),
      ]);
      expect([a.status, b.status]).toEqual(["ok", "ok"]);
      expect([a, b].map((r) => (r.status === "ok" ? r.number : 0)).sort()).toEqual([102, 103]);
    });
  });

  it("lets exactly one of two concurrent changes with the same expected version through", async () => {
    const before = (await actions.snapshot(programmeId, 17))!;
    const change = (planningText: string) =>
      actions.update({
        programmeId,
        number: 17,
        expectedVersion: before.version,
        patch: { planningText },
        actor,
        now,
      });
    const results = await Promise.all([change("2014"), change("2016")]);
    const winner = results.findIndex((r) => r.status === "ok");
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "ok"]);
    const after = (await actions.snapshot(programmeId, 17))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.planningText).toBe(winner === 0 ? "2014" : "2016");
    const loser = results[1 - winner]!;
    expect(loser.status === "conflict" && loser.current.planningText).toBe(after.planningText);
    const history = await createHistoryRepository(t.db).forEntity("action", before.id);
    expect(history.filter((h) => h.operation === "update")).toHaveLength(1);
  });
});
