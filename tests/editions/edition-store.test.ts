import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEditionRepository, type EditionRepository } from "../../app/db/edition.repository";
import { exportProgrammeDocument } from "../../app/db/programme-export";
import type { ActionChoice, EditionChoices } from "../../app/domain/editions/edition-plan";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";

const actor = { userId: null, label: "Test" };
const now = "2026-12-01T10:00:00.000Z";
const today = "2026-12-01";
const doc = defaultProgrammeDocument();
const NEW_SLUG = "kennis-en-werk-071-2016-2017";
const DROPPED = [13, 39, 42, 44];

describe.each(testDialects())("editions and lineage (%s)", (dialect) => {
  let t: TestDatabase;
  let editions: EditionRepository;
  let ids: Record<number, number>;

  const snapshot = async () => {
    const k = t.db.kysely;
    return JSON.stringify({
      programmes: await k.selectFrom("programme").select(["slug", "status", "is_default", "version"]).orderBy("slug").execute(),
      actions: await k.selectFrom("action").select(["id", "number", "programme_id", "version"]).orderBy("id").execute(),
      lineage: await k.selectFrom("action_lineage").selectAll().orderBy("id").execute(),
      decisions: await k.selectFrom("decision").select(["id", "kind"]).orderBy("id").execute(),
    });
  };

  /** The scenario: the category-4 actions dropped, 20 merged into 21, 30 split, the rest renumbered, two added. */
  const choices = (over: Partial<EditionChoices> = {}): EditionChoices => {
    const actions: Record<number, ActionChoice> = {};
    let next = 1;
    for (const a of doc.actions) {
      const id = ids[a.number]!;
      if (DROPPED.includes(a.number)) actions[id] = { kind: "dropped", reason: `Actie ${a.number} is afgerond.` };
      else if (a.number === 20) actions[id] = { kind: "merged", into: ids[21]! };
      else if (a.number === 30) continue;
      else actions[id] = { kind: "continued", number: next++, ...(a.number === 1 ? { intentionCode: "1.2" } : {}) };
    }
    actions[ids[30]!] = { kind: "split", parts: [{ number: next, title: "Eerste deel" }, { number: next + 1, title: "Tweede deel" }] };
    const added = [
      { number: next + 2, title: "Nieuwe actie A", description: "Iets nieuws.", themeNumber: 1, intentionCode: "1.1" },
      { number: next + 3, title: "Nieuwe actie B", description: "Nog iets nieuws.", themeNumber: 2, intentionCode: null },
    ];
    return {
      slug: NEW_SLUG,
      title: "Kennis & Werk #071 2016-2017",
      period: { start: 2016, end: 2017 },
      actions,
      added,
      themeTitles: { 1: "Werk en inkomen" },
      ...over,
    };
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, doc, { isDefault: true });
    editions = createEditionRepository(t.db);
    const rows = await t.db.kysely.selectFrom("action").select(["id", "number"]).execute();
    ids = Object.fromEntries(rows.map((r) => [r.number, r.id]));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("refuses a merge into itself, a cycle, an unknown action and one in another programme, and writes nothing", async () => {
    const before = await snapshot();
    const with_ = (extra: Record<number, ActionChoice>) => {
      const c = choices();
      return { ...c, actions: { ...c.actions, ...extra } };
    };
    const itself = await editions.createEdition({ fromSlug: doc.slug, choices: with_({ [ids[5]!]: { kind: "merged", into: ids[5]! } }), actor, now, today });
    expect(itself).toEqual({ status: "invalid", errors: { [`actions.${ids[5]}`]: { key: "editions.mergeIntoItself", params: { param: 5 } } } });
    const cycle = await editions.createEdition({
      fromSlug: doc.slug,
      choices: with_({ [ids[5]!]: { kind: "merged", into: ids[6]! }, [ids[6]!]: { kind: "merged", into: ids[5]! } }),
      actor,
      now,
      today,
    });
    expect(cycle.status).toBe("invalid");
    expect(cycle.status === "invalid" && cycle.errors[`actions.${ids[5]}`]?.key).toBe("editions.mergeCycle");
    const unknown = await editions.createEdition({ fromSlug: doc.slug, choices: with_({ [ids[5]!]: { kind: "merged", into: 999_999 } }), actor, now, today });
    expect(unknown.status === "invalid" && unknown.errors[`actions.${ids[5]}`]?.key).toBe("editions.unknownAction");

    // Another programme: a small one of its own, whose action a merge then names.
    const other = { ...defaultProgrammeDocument(), slug: "ander-programma", actions: doc.actions.slice(0, 1) };
    await importProgrammeDocument(t.db, other);
    const foreign = (await t.db.kysely
      .selectFrom("action")
      .innerJoin("programme", "programme.id", "action.programme_id")
      .select("action.id")
      .where("programme.slug", "=", "ander-programma")
      .executeTakeFirstOrThrow()).id;
    const before2 = await snapshot();
    const elsewhere = await editions.createEdition({ fromSlug: doc.slug, choices: with_({ [ids[5]!]: { kind: "merged", into: foreign } }), actor, now, today });
    expect(elsewhere.status === "invalid" && elsewhere.errors[`actions.${ids[5]}`]?.key).toBe("editions.otherProgramme");
    const foreignKey = await editions.createEdition({ fromSlug: doc.slug, choices: with_({ [foreign]: { kind: "dropped", reason: "x" } }), actor, now, today });
    expect(foreignKey.status === "invalid" && foreignKey.errors[`actions.${foreign}`]?.key).toBe("editions.otherProgramme");
    const taken = await editions.createEdition({ fromSlug: doc.slug, choices: choices({ slug: "ander-programma" }), actor, now, today });
    expect(taken.status === "invalid" && taken.errors.slug?.key).toBe("editions.slugTaken");
    expect(await snapshot()).toBe(before2);
    expect(before2).not.toBe(before);
  });

  it("makes the next edition as a draft with lineage both ways, adopts it once, and leaves the old edition as it was", async () => {
    const oldDocument = JSON.stringify(await exportProgrammeDocument(t.db, doc.slug));
    const created = await editions.createEdition({ fromSlug: doc.slug, choices: choices(), actor, now, today });
    expect(created.status).toBe("ok");
    const draft = await editions.summary(NEW_SLUG);
    expect(draft).toMatchObject({ status: "draft", previousSlug: doc.slug, period: { start: 2016, end: 2017 } });
    const next = await exportProgrammeDocument(t.db, NEW_SLUG);
    expect(next!.actions).toHaveLength(62 - 4 - 1 - 1 + 2 + 2);
    expect(next!.adoptedOn).toBeNull();
    expect(next!.themes[0]!.title).toBe("Werk en inkomen");

    // Nothing before action 13 is dropped, so action 9 keeps its number; action 14 becomes 13.
    const newId = async (n: number) =>
      (await t.db.kysely
        .selectFrom("action")
        .innerJoin("programme", "programme.id", "action.programme_id")
        .select("action.id")
        .where("programme.slug", "=", NEW_SLUG)
        .where("action.number", "=", n)
        .executeTakeFirstOrThrow()).id;
    const old9 = await editions.lineage(ids[9]!);
    expect(old9.from).toEqual([]);
    expect(old9.to).toEqual([
      { actionId: await newId(9), number: 9, title: doc.actions[8]!.title, programmeSlug: NEW_SLUG, period: { start: 2016, end: 2017 }, kind: "continued", reason: null },
    ]);
    const old14 = await editions.lineage(ids[14]!);
    expect(old14.to.map((l) => [l.number, l.kind])).toEqual([[13, "continued"]]);
    const new13 = await editions.lineage(await newId(13));
    expect(new13.from.map((l) => [l.number, l.programmeSlug, l.kind])).toEqual([[14, doc.slug, "continued"]]);
    expect((await editions.lineage(ids[13]!)).to).toEqual([
      { actionId: null, number: null, title: null, programmeSlug: NEW_SLUG, period: { start: 2016, end: 2017 }, kind: "dropped", reason: "Actie 13 is afgerond." },
    ]);
    const into = (await editions.lineage(ids[20]!)).to;
    expect(into.map((l) => [l.kind, l.number])).toEqual([["merged", 19]]);
    const target = await editions.lineage(await newId(19));
    expect(target.from.map((l) => [l.number, l.kind])).toEqual([
      [20, "merged"],
      [21, "continued"],
    ]);
    expect((await editions.lineage(ids[30]!)).to.map((l) => [l.kind, l.number])).toEqual([
      ["split", 57],
      ["split", 58],
    ]);

    // Adoption: the decision is recorded, the new edition becomes the default, a second time is refused.
    const adopted = await editions.adopt({ slug: NEW_SLUG, decidedOn: today, actor, now, today });
    expect(adopted.status).toBe("ok");
    expect(await editions.summary(NEW_SLUG)).toMatchObject({ status: "adopted" });
    const defaults = await t.db.kysely.selectFrom("programme").select("slug").where("is_default", "=", 1).execute();
    expect(defaults).toEqual([{ slug: NEW_SLUG }]);
    const before = await snapshot();
    const again = await editions.adopt({ slug: NEW_SLUG, decidedOn: today, actor, now, today });
    expect(again).toEqual({ status: "refused", reason: { key: "editions.alreadyAdopted", params: { param: "Kennis & Werk #071 2016-2017" } } });
    expect(await snapshot()).toBe(before);

    expect(JSON.stringify(await exportProgrammeDocument(t.db, doc.slug))).toBe(oldDocument);

    const diff = (await editions.compare(doc.slug, NEW_SLUG))!;
    expect(diff.dropped.map((d) => d.number)).toEqual(DROPPED);
    expect(diff.merged).toEqual([{ number: 20, title: doc.actions[19]!.title, into: 19 }]);
    expect(diff.split).toEqual([{ number: 30, title: doc.actions[29]!.title, into: [57, 58] }]);
    expect(diff.added.map((a) => a.number)).toEqual([59, 60]);
    const expectedRenumbered = doc.actions
      .filter((a) => !DROPPED.includes(a.number) && a.number !== 20 && a.number !== 30)
      .map((a, i) => ({ from: a.number, to: i + 1 }))
      .filter((r) => r.from !== r.to);
    expect(diff.renumbered).toEqual(expectedRenumbered);
    expect(diff.changed).toEqual([
      { from: 1, to: 1, title: doc.actions[0]!.title, changes: [{ field: "intentionCode", before: doc.actions[0]!.intentionCode ?? "", after: "1.2", diff: null }] },
    ]);
    expect(diff.themesRenamed).toEqual([{ number: 1, before: doc.themes[0]!.title, after: "Werk en inkomen" }]);
  });
});
