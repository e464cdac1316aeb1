import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActionRepository } from "../../app/db/action.repository";
import { createMilestoneRepository, MILESTONE_ENTITY, type MilestoneRepository } from "../../app/db/milestone.repository";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { parseFuzzyDate } from "../../app/domain/progress/fuzzy-date";
import { presentAction } from "../../app/presenters/action";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";

const PERIOD = { start: 2013, end: 2015 };
const ACTOR = { userId: null, label: "Pim Programmamanager" };
const due = (text: string) => parseFuzzyDate(text, { period: PERIOD })!;

describe.each(testDialects())("milestones read from the planning and corrected by hand (%s)", (dialect) => {
  let t: TestDatabase;
  let store: MilestoneRepository;
  let programmeId: number;
  const id = new Map<number, number>();
  const rows = (actionNumber: number) =>
    t.db.kysely
      .selectFrom("milestone")
      .selectAll()
      .where("action_id", "=", id.get(actionNumber)!)
      .orderBy("position")
      .orderBy("id")
      .execute();
  const action = (n: number) => ({ id: id.get(n)!, number: n, title: `Actie ${n}` });
  const change = (n: number, now: string) => ({ programmeId, action: action(n), actor: ACTOR, now });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, defaultProgrammeDocument(), { isDefault: true });
    programmeId = (await t.db.kysely.selectFrom("programme").select("id").executeTakeFirstOrThrow()).id;
    for (const r of await t.db.kysely.selectFrom("action").select(["id", "number"]).execute())
      id.set(r.number, r.id);
    store = createMilestoneRepository(t.db);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it("reads every action's planning when the programme is imported, with the precision the document gave", async () => {
    expect(
      (await rows(2)).map((r) => [r.label, r.due_text, r.due_start, r.due_end, r.precision, r.manual]),
    ).toEqual([
      ["Plan van aanpak gereed", "1 januari 2014", "2014-01-01", "2014-01-01", "day", 0],
      ["Uitvoering", "2014-2015", "2014-01-01", "2015-12-31", "range", 0],
    ]);
    expect((await rows(10)).map((r) => [r.label, r.due_text, r.due_end, r.precision])).toEqual([
      ["Afgerond", "eerste kwartaal 2014", "2014-03-31", "quarter"],
    ]);
    expect((await rows(26)).map((r) => [r.label, r.due_text, r.due_end, r.precision])).toEqual([
      [null, "2014", "2014-12-31", "year"],
    ]);
    expect((await rows(20)).map((r) => [r.due_text, r.due_start, r.due_end, r.precision])).toEqual([
      ["vanaf 2014", "2014-01-01", null, "open"],
    ]);
    const recurring = (await rows(60))[0]!;
    expect([recurring.precision, recurring.due_start, recurring.due_end]).toEqual([
      "recurring",
      "2013-10-01",
      "2013-12-31",
    ]);
    expect(JSON.parse(recurring.recurrence!)).toEqual({
      everyMonths: 12,
      occurrence: "quarter",
      until: "2015-12-31",
    });
    // An action without planning text has none.
    expect(await rows(13)).toEqual([]);
    // The open data carries them, in the API's shape.
    const a2 = (await createActionRepository(t.db).get(programmeId, 2))!;
    const programme = (await t.db.kysely.selectFrom("programme").select("id").executeTakeFirstOrThrow()).id;
    expect(programme).toBe(programmeId);
    expect(presentAction(a2, [], new Map()).milestones).toEqual([
      {
        label: "Plan van aanpak gereed",
        due: { text: "1 januari 2014", start: "2014-01-01", end: "2014-01-01", precision: "day" },
        doneOn: null,
      },
      {
        label: "Uitvoering",
        due: { text: "2014-2015", start: "2014-01-01", end: "2015-12-31", precision: "range" },
        doneOn: null,
      },
    ]);
    expect(presentAction(a2, [], new Map()).progress).toBeNull();
  });

  it("importing the same document again changes no milestone", async () => {
    const before = await t.db.kysely.selectFrom("milestone").selectAll().orderBy("id").execute();
    await importProgrammeDocument(t.db, defaultProgrammeDocument(), { isDefault: true });
    expect(await t.db.kysely.selectFrom("milestone").selectAll().orderBy("id").execute()).toEqual(before);
  });

  it("keeps hand corrections, ids and done dates when the planning text is edited, and records corrections in the history", async () => {
    const actions = createActionRepository(t.db);
    const [year] = await rows(26);
    // The programme manager corrects "2014" into the second quarter: the milestone is now theirs.
    const corrected = await store.update({
      ...change(26, "2026-01-05T10:00:00.000Z"),
      id: year!.id,
      expectedVersion: 1,
      values: { label: "Werktop gehouden", due: due("2e kwartaal 2014"), doneOn: null },
    });
    expect(corrected).toEqual({ status: "ok", id: year!.id, version: 2 });
    // A stale version is a conflict that shows the current state; another action's milestone is not found.
    expect(
      await store.update({
        ...change(26, "2026-01-05T10:01:00.000Z"),
        id: year!.id,
        expectedVersion: 1,
        values: { label: "x", due: due("2015"), doneOn: null },
      }),
    ).toMatchObject({
      status: "conflict",
      current: { label: "Werktop gehouden", version: 2, manual: true },
    });
    expect(
      await store.update({
        ...change(27, "2026-01-05T10:01:00.000Z"),
        id: year!.id,
        expectedVersion: 2,
        values: { label: "x", due: due("2015"), doneOn: null },
      }),
    ).toEqual({ status: "not-found" });

    // The planning text changes: the correction stays, the old reading it replaced does not come back, new readings arrive.
    const snapshot = (await actions.snapshot(programmeId, 26))!;
    const edited = await actions.update({
      programmeId,
      number: 26,
      expectedVersion: snapshot.version,
      patch: { planningText: "2014\nUitnodigingen verstuurd: maart 2014\nEvaluatie: eind 2014" },
      actor: ACTOR,
      now: "2026-01-06T10:00:00.000Z",
    });
    expect(edited.status).toBe("ok");
    const after = await rows(26);
    expect(after.map((r) => [r.label, r.due_text, r.manual])).toEqual([
      ["Werktop gehouden", "2e kwartaal 2014", 1],
      ["Uitnodigingen verstuurd", "maart 2014", 0],
      ["Evaluatie", "eind 2014", 0],
    ]);

    // Done dates and ids of milestones read before survive the next reading; a deleted reading stays away until the text changes.
    const invitations = after[1]!;
    const evaluation = after[2]!;
    expect(
      await store.setDone({
        ...change(26, "2026-01-07T10:00:00.000Z"),
        id: invitations.id,
        expectedVersion: 1,
        doneOn: "2014-03-20",
      }),
    ).toMatchObject({ status: "ok", version: 2 });
    expect(
      await store.remove({
        ...change(26, "2026-01-07T10:01:00.000Z"),
        id: evaluation.id,
        expectedVersion: 1,
      }),
    ).toMatchObject({ status: "ok" });
    const v2 = (await actions.snapshot(programmeId, 26))!;
    await actions.update({
      programmeId,
      number: 26,
      expectedVersion: v2.version,
      patch: { title: "Leidse regio Werk-top (2014)" },
      actor: ACTOR,
      now: "2026-01-08T10:00:00.000Z",
    });
    expect((await rows(26)).map((r) => r.label)).toEqual(["Werktop gehouden", "Uitnodigingen verstuurd"]);
    const v3 = (await actions.snapshot(programmeId, 26))!;
    await actions.update({
      programmeId,
      number: 26,
      expectedVersion: v3.version,
      patch: { planningText: "Uitnodigingen verstuurd: maart 2014\nEvaluatie: eind 2014\nVervolg: 2015" },
      actor: ACTOR,
      now: "2026-01-09T10:00:00.000Z",
    });
    const final = await rows(26);
    expect(final.map((r) => [r.label, r.done_on])).toEqual([
      ["Werktop gehouden", null],
      ["Uitnodigingen verstuurd", "2014-03-20"],
      ["Evaluatie", null],
      ["Vervolg", null],
    ]);
    expect(final[1]!.id).toBe(invitations.id);

    // Added by hand: after the others, manual.
    const added = await store.create({
      ...change(26, "2026-01-10T10:00:00.000Z"),
      values: { label: "Verslag naar de stuurgroep", due: due("najaar 2015"), doneOn: null },
    });
    expect(added.status).toBe("ok");
    expect((await rows(26)).at(-1)).toMatchObject({
      label: "Verslag naar de stuurgroep",
      due_text: "najaar 2015",
      due_end: "2015-11-30",
      precision: "season",
      manual: 1,
      source_key: null,
    });

    const history = await t.db.kysely
      .selectFrom("audit_event")
      .select(["operation", "before_json", "after_json", "actor_label"])
      .where("entity_type", "=", MILESTONE_ENTITY)
      .where("entity_id", "=", id.get(26)!)
      .orderBy("id")
      .execute();
    expect(history.map((h) => h.operation)).toEqual(["update", "update", "delete", "create"]);
    expect(JSON.parse(history[0]!.before_json!)).toEqual({ label: null, due: "2014", doneOn: null });
    expect(JSON.parse(history[0]!.after_json!)).toEqual({
      label: "Werktop gehouden",
      due: "2e kwartaal 2014",
      doneOn: null,
    });
    expect(JSON.parse(history[1]!.after_json!)).toEqual({
      label: "Uitnodigingen verstuurd",
      due: "maart 2014",
      doneOn: "2014-03-20",
    });
    expect(history.every((h) => h.actor_label === "Pim Programmamanager")).toBe(true);
  });

  it("reads the milestones of a programme that has none at start-up, once", async () => {
    const other = await createTestDatabase(dialect);
    try {
      await importProgrammeDocument(other.db, defaultProgrammeDocument(), { isDefault: true });
      const total = Number(
        (
          await other.db.kysely
            .selectFrom("milestone")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(total).toBeGreaterThan(60);
      // As a database made before milestones existed.
      await other.db.kysely.deleteFrom("milestone").execute();
      const backfill = createMilestoneRepository(other.db);
      expect(await backfill.backfill("2026-01-01T00:00:00.000Z")).toBe(62);
      const again = Number(
        (
          await other.db.kysely
            .selectFrom("milestone")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(again).toBe(total);
      expect(await backfill.backfill("2026-01-02T00:00:00.000Z")).toBe(0);
    } finally {
      await other.destroy();
    }
  });
});
