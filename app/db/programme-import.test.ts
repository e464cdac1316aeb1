import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../tests/support/databases";
import { defaultProgrammeDocument } from "../../tests/support/default-programme";
import { categoryAsOf } from "../domain/decisions/category-history";
import { nameKey } from "../domain/programmes/organisation-names";
import { planningYears } from "../domain/programmes/planning-years";
import type { ProgrammeDocument } from "../domain/programmes/programme-document";
import type { Clock } from "../domain/time";
import { createActionRepository } from "./action.repository";
import type { Db } from "./database";
import { createDecisionRepository } from "./decision.repository";
import { seedDocumentDecisions } from "./decision-seed";
import { exportProgrammeDocument } from "./programme-export";
import { importProgrammeDocument } from "../lib/programme-import.server";

/** The tables of the programme register, whose whole content the tests compare. */
const TABLES = [
  "programme",
  "programme_organisation",
  "category",
  "theme",
  "intention",
  "theme_participation",
  "organisation",
  "organisation_alias",
  "action",
  "action_organisation",
  "action_link",
  "action_year",
] as const;

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const FIRST = at("2026-01-01T10:00:00.000Z");
const LATER = at("2031-06-01T12:00:00.000Z");

/** Every row of every register table, in a stable order: two equal snapshots mean nothing was written. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await db.kysely.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function rowCount(db: Db, table: (typeof TABLES)[number]): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function actionRow(db: Db, number: number) {
  return db.kysely
    .selectFrom("action")
    .innerJoin("programme", "programme.id", "action.programme_id")
    .selectAll("action")
    .where("programme.slug", "=", "kennis-en-werk-071-2013-2015")
    .where("action.number", "=", number)
    .executeTakeFirstOrThrow();
}

describe.each(testDialects())("importing a programme document (%s)", (dialect) => {
  let t: TestDatabase;
  let doc: ProgrammeDocument;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    doc = defaultProgrammeDocument();
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("creates what the document holds", async () => {
    const report = await importProgrammeDocument(t.db, doc, { isDefault: true, clock: FIRST });
    expect(report).toEqual({
      programme: { slug: doc.slug, status: "created" },
      organisations: { created: doc.organisations.length, updated: 0, unchanged: 0 },
      themes: { created: 5, updated: 0, unchanged: 0 },
      actions: { created: 62, updated: 0, unchanged: 0 },
      actionsNotInDocument: [],
      categoryChanges: [],
      decision: null,
      dryRun: false,
    });
    const refs = doc.actions.reduce((n, a) => n + a.leads.length + a.partners.length + a.toInvolve.length, 0);
    const expected: Record<(typeof TABLES)[number], number> = {
      programme: 1,
      programme_organisation: doc.municipalities.length + doc.coAuthors.length,
      category: 4,
      theme: 5,
      intention: doc.themes.reduce((n, th) => n + th.intentions.length, 0),
      theme_participation: doc.themes.reduce((n, th) => n + th.participation.length, 0),
      organisation: doc.organisations.length,
      // Every organisation's name and aliases, minus spellings that fold to the same key ("VNO NCW", "VNO-NCW").
      organisation_alias: doc.organisations.reduce(
        (n, o) => n + new Set([o.name, ...o.aliases].map(nameKey)).size,
        0,
      ),
      action: 62,
      action_organisation: refs,
      action_link: doc.actions.reduce((n, a) => n + a.links.length, 0),
      action_year: doc.actions.reduce((n, a) => n + planningYears(a.planningText, doc.period).length, 0),
    };
    for (const table of TABLES) expect(await rowCount(t.db, table), table).toBe(expected[table]);
    expect(expected.intention).toBe(22);
    expect(expected.action_link).toBe(18);
    expect(expected.organisation_alias).toBeGreaterThan(doc.organisations.length);

    const programme = await t.db.kysely.selectFrom("programme").selectAll().executeTakeFirstOrThrow();
    expect(programme).toMatchObject({
      slug: doc.slug,
      title: "Kennis & Werk #071",
      adopted_on: "2013-10-14",
      is_default: 1,
      period_start: 2013,
      period_end: 2015,
      created_at: "2026-01-01T10:00:00.000Z",
      updated_at: "2026-01-01T10:00:00.000Z",
      version: 1,
    });
    const a15 = await actionRow(t.db, 15);
    expect(a15).toMatchObject({
      title: doc.actions[14]!.title,
      planning_text: "Eind 2013",
      category: doc.actions[14]!.category,
      lead_unknown: 0,
      notes: JSON.stringify(doc.actions[14]!.notes),
      version: 1,
      updated_at: "2026-01-01T10:00:00.000Z",
    });
    const a61 = await actionRow(t.db, 61);
    expect(a61.theme_id).toBeNull();
    expect(a61.group_name).toBe("Programmering en monitoring");
  });

  it("changes nothing when the same document is imported again", async () => {
    await importProgrammeDocument(t.db, doc, { isDefault: true, clock: FIRST });
    const before = await snapshot(t.db);
    const report = await importProgrammeDocument(t.db, defaultProgrammeDocument(), {
      isDefault: true,
      clock: LATER,
    });
    expect(report).toEqual({
      programme: { slug: doc.slug, status: "unchanged" },
      organisations: { created: 0, updated: 0, unchanged: doc.organisations.length },
      themes: { created: 0, updated: 0, unchanged: 5 },
      actions: { created: 0, updated: 0, unchanged: 62 },
      actionsNotInDocument: [],
      categoryChanges: [],
      decision: null,
      dryRun: false,
    });
    // Same rows, same ids, same updated_at and version everywhere.
    expect(await snapshot(t.db)).toEqual(before);
    // Without isDefault the programme keeps being the default.
    expect((await importProgrammeDocument(t.db, doc, { clock: LATER })).programme.status).toBe("unchanged");
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("reports a changed action as updated and raises its version", async () => {
    await importProgrammeDocument(t.db, doc, { clock: FIRST });
    const before = await actionRow(t.db, 30);
    const changed = defaultProgrammeDocument();
    changed.actions[29]!.title = "Een nieuwe titel voor actie 30";
    const report = await importProgrammeDocument(t.db, changed, { clock: LATER });
    expect(report.actions).toEqual({ created: 0, updated: 1, unchanged: 61 });
    expect(report.programme.status).toBe("unchanged");
    const after = await actionRow(t.db, 30);
    expect(after.id).toBe(before.id);
    expect(after.title).toBe("Een nieuwe titel voor actie 30");
    expect(after.version).toBe(before.version + 1);
    expect(after.updated_at).toBe("2031-06-01T12:00:00.000Z");
    expect(after.created_at).toBe("2026-01-01T10:00:00.000Z");
    // The others are untouched.
    const a31 = await actionRow(t.db, 31);
    expect(a31.version).toBe(1);
    expect(a31.updated_at).toBe("2026-01-01T10:00:00.000Z");
    // Search follows the new title.
    const found = await t.db.kysely
      .selectFrom("action")
      .select("number")
      .where("title", "=", after.title)
      .execute();
    expect(found).toEqual([{ number: 30 }]);
  });

  it("counts a change in an action's organisations, links or planning as an update", async () => {
    await importProgrammeDocument(t.db, doc, { clock: FIRST });
    const changed = defaultProgrammeDocument();
    changed.actions[4]!.partners = [
      ...changed.actions[4]!.partners,
      { organisation: "hogeschool-leiden", qualifier: "nieuw" },
    ].filter((r, i, all) => all.findIndex((x) => x.organisation === r.organisation) === i);
    changed.actions[40]!.links = [{ type: "related", target: { action: 1 }, source: null }];
    changed.actions[41]!.planningText = "2014";
    const report = await importProgrammeDocument(t.db, changed, { clock: LATER });
    expect(report.actions).toEqual({ created: 0, updated: 3, unchanged: 59 });
    for (const n of [5, 41, 42]) {
      const row = await actionRow(t.db, n);
      expect(row.version, `action ${n}`).toBe(2);
      expect(row.updated_at, `action ${n}`).toBe("2031-06-01T12:00:00.000Z");
    }
    const years = await t.db.kysely
      .selectFrom("action_year")
      .select("year")
      .where("action_id", "=", (await actionRow(t.db, 42)).id)
      .execute();
    expect(years).toEqual([{ year: 2014 }]);
    // Importing the changed document again changes nothing more.
    const again = await importProgrammeDocument(t.db, changed, { clock: at("2032-01-01T00:00:00.000Z") });
    expect(again.actions).toEqual({ created: 0, updated: 0, unchanged: 62 });
  });

  it("reports actions the document no longer holds, and keeps them", async () => {
    await importProgrammeDocument(t.db, doc, { clock: FIRST });
    const shorter = defaultProgrammeDocument();
    shorter.actions = shorter.actions.filter((a) => a.number !== 62);
    const report = await importProgrammeDocument(t.db, shorter, { clock: LATER });
    expect(report.actionsNotInDocument).toEqual([62]);
    expect(report.actions).toEqual({ created: 0, updated: 0, unchanged: 61 });
    expect(await rowCount(t.db, "action")).toBe(62);
  });

  it("with dryRun reports what would happen but writes nothing", async () => {
    const empty = await snapshot(t.db);
    const report = await importProgrammeDocument(t.db, doc, { dryRun: true, clock: FIRST });
    expect(report.dryRun).toBe(true);
    expect(report.programme.status).toBe("created");
    expect(report.actions).toEqual({ created: 62, updated: 0, unchanged: 0 });
    expect(await snapshot(t.db)).toEqual(empty);
    expect(await rowCount(t.db, "programme")).toBe(0);

    await importProgrammeDocument(t.db, doc, { clock: FIRST });
    const before = await snapshot(t.db);
    const changed = defaultProgrammeDocument();
    changed.actions[0]!.description = "Gewijzigd.";
    changed.title = "Nieuwe titel";
    const dry = await importProgrammeDocument(t.db, changed, { dryRun: true, clock: LATER });
    expect(dry).toMatchObject({
      dryRun: true,
      programme: { status: "updated" },
      actions: { created: 0, updated: 1, unchanged: 61 },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("leaves the database exactly as it was when an import fails half-way", async () => {
    // Into an empty database: the organisations, programme, themes and actions are written before the
    // broken link is met, and all of it must go.
    const broken = defaultProgrammeDocument();
    broken.actions[59]!.links = [
      { type: "related", target: { action: 999 }, source: "N.B. Link met actie 999" },
    ];
    const empty = await snapshot(t.db);
    await expect(importProgrammeDocument(t.db, broken, { clock: FIRST })).rejects.toThrow(
      /Action 60 links to \{"action":999\}/,
    );
    expect(await snapshot(t.db)).toEqual(empty);

    // Over an imported programme: earlier changes in the same document are rolled back too.
    await importProgrammeDocument(t.db, doc, { clock: FIRST });
    const before = await snapshot(t.db);
    const brokenUpdate = defaultProgrammeDocument();
    brokenUpdate.title = "Half geschreven";
    brokenUpdate.actions[0]!.title = "Half geschreven actie";
    brokenUpdate.organisations.push({
      slug: "nieuwe-partij",
      name: "Nieuwe partij",
      kind: "other",
      aliases: [],
    });
    brokenUpdate.actions[61]!.links = [{ type: "enables", target: { theme: 42 }, source: null }];
    await expect(importProgrammeDocument(t.db, brokenUpdate, { clock: LATER })).rejects.toThrow(
      /Action 62 links to \{"theme":42\}/,
    );
    expect(await snapshot(t.db)).toEqual(before);

    // An organisation the document does not list fails the same way.
    const unknownOrg = defaultProgrammeDocument();
    unknownOrg.actions[10]!.leads = [{ organisation: "bestaat-niet", qualifier: null }];
    await expect(importProgrammeDocument(t.db, unknownOrg, { clock: LATER })).rejects.toThrow(/bestaat-niet/);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("moves the default mark to the programme imported as default", async () => {
    await importProgrammeDocument(t.db, doc, { isDefault: true, clock: FIRST });
    const other = defaultProgrammeDocument();
    other.slug = "tweede-programma";
    const report = await importProgrammeDocument(t.db, other, { isDefault: true, clock: LATER });
    // The organisations are shared; the second programme has its own themes and actions.
    expect(report.organisations).toEqual({ created: 0, updated: 0, unchanged: doc.organisations.length });
    expect(report.actions.created).toBe(62);
    const rows = await t.db.kysely
      .selectFrom("programme")
      .select(["slug", "is_default"])
      .orderBy("slug")
      .execute();
    expect(rows).toEqual([
      { slug: doc.slug, is_default: 0 },
      { slug: "tweede-programma", is_default: 1 },
    ]);
  });

  it("round-trips through export: export, import into a fresh database, export again", async () => {
    await importProgrammeDocument(t.db, doc, { isDefault: true, clock: FIRST });
    const exported = await exportProgrammeDocument(t.db, doc.slug);
    expect(exported).toBeDefined();
    // The export is the document itself, up to the order of organisations and spellings that fold together.
    const { organisations: _o, ...restExported } = exported!;
    const { organisations: _d, ...restDoc } = doc;
    expect(restExported).toEqual(restDoc);
    expect(exported!.organisations.map((o) => o.slug).sort()).toEqual(
      doc.organisations.map((o) => o.slug).sort(),
    );

    const fresh = await createTestDatabase(dialect);
    try {
      const report = await importProgrammeDocument(fresh.db, exported!, { clock: LATER });
      expect(report.actions.created).toBe(62);
      const again = await exportProgrammeDocument(fresh.db, doc.slug);
      expect(again).toEqual(exported);
    } finally {
      await fresh.destroy();
    }
    expect(await exportProgrammeDocument(t.db, "bestaat-niet")).toBeUndefined();
  });
});

describe.each(testDialects())("re-importing a programme document keeps category history in step (%s)", (dialect) => {
  let t: TestDatabase;
  let programmeId: number;
  const SLUG = "kennis-en-werk-071-2013-2015";
  const IMPORT_DAY = "2031-06-01";
  const decisions = () => createDecisionRepository(t.db);
  const actions = () => createActionRepository(t.db);
  const count = async (table: "decision" | "decision_action" | "audit_event") =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const governance = async () => ({ decision: await count("decision"), decisionAction: await count("decision_action"), audit: await count("audit_event") });
  /** Every action's category by number: now, or as of the end of a day (in SQL). */
  const categories = async (asOf?: string) =>
    Object.fromEntries(
      (await actions().list(programmeId, { category: [], ...(asOf ? { asOf } : {}) }, { limit: 500, offset: 0 })).data.map((a) => [a.number, a.category]),
    );
  /** The document with action 5 moved from category 3 to 2, and a new action 63 in category 4. */
  const changedDocument = () => {
    const changed = defaultProgrammeDocument();
    expect(changed.actions[4]!.category).toBe(3);
    changed.actions[4]!.category = 2;
    changed.actions.push({ ...changed.actions[61]!, number: 63, title: "Een nieuwe actie uit het bestand", category: 4, links: [] });
    return changed;
  };

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, defaultProgrammeDocument(), { isDefault: true, clock: FIRST });
    // A first import records no decision of its own, so the document's decisions are seeded as on a new installation.
    expect(await seedDocumentDecisions(t.db, SLUG, { clock: FIRST })).toBe(true);
    programmeId = (await t.db.kysely.selectFrom("programme").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("records a changed category and a new action as a decision of source import: current category, history and as-of agree", async () => {
    const before = await governance();
    const report = await importProgrammeDocument(t.db, changedDocument(), { clock: LATER, file: "programma-2031.json", actor: { userId: null, label: "CLI" } });
    expect(report.actions).toEqual({ created: 1, updated: 1, unchanged: 61 });
    expect(report.categoryChanges).toEqual([
      { number: 5, from: 3, to: 2, created: false },
      { number: 63, from: null, to: 4, created: true },
    ]);
    expect(report.decision).toMatchObject({ decidedOn: IMPORT_DAY, title: "Categorieën gewijzigd bij import van „programma-2031.json”" });

    // One decision, two actions concerned, history for the decision and for action 5's category.
    expect(await governance()).toEqual({ decision: before.decision + 1, decisionAction: before.decisionAction + 2, audit: before.audit + 2 });
    const recorded = (await decisions().get(programmeId, report.decision!.id!))!;
    expect(recorded).toMatchObject({ decidedOn: IMPORT_DAY, kind: "categories", status: "taken", source: "import", meeting: null });
    expect(recorded.text).toContain("„programma-2031.json”");
    expect(recorded.text).toContain("Dit is geen besluit van de stuurgroep.");
    expect(recorded.actions.map((a) => [a.number, a.from, a.to])).toEqual([
      [5, 3, 2],
      [63, null, 4],
    ]);
    // The steering group's own decisions say so.
    const { data: all } = await decisions().list(programmeId);
    expect(all.filter((d) => d.source === "steering-group")).toHaveLength(3);

    // Action 5: now 2, and its history ends with the import.
    const five = (await actions().get(programmeId, 5))!;
    expect(five.category).toBe(2);
    const history5 = await decisions().categoryHistory(five.id);
    expect(history5.map((c) => [c.decidedOn, c.from, c.to, c.source])).toEqual([
      ["2013-10-14", null, 3, "steering-group"],
      [IMPORT_DAY, 3, 2, "import"],
    ]);
    expect(categoryAsOf(history5, IMPORT_DAY)).toBe(2);
    expect(categoryAsOf(history5, "2031-05-31")).toBe(3);
    const sixtyThree = (await actions().get(programmeId, 63))!;
    const history63 = await decisions().categoryHistory(sixtyThree.id);
    expect(history63).toEqual([{ decidedOn: IMPORT_DAY, decision: { id: recorded.id, title: recorded.title }, from: null, to: 4, source: "import" }]);

    // For every action, the category as of the import day (SQL and the domain rule) is the current one.
    const now = await categories();
    const asOfImportDay = await categories(IMPORT_DAY);
    expect(asOfImportDay).toEqual(now);
    for (const a of (await actions().list(programmeId, { category: [] }, { limit: 500, offset: 0 })).data) {
      expect(categoryAsOf(await decisions().categoryHistory(a.id), IMPORT_DAY), `action ${a.number}`).toBe(a.category);
    }
    // The day before, the old categories: 5 in 3, and 63 did not exist yet (no category).
    const dayBefore = await categories("2031-05-31");
    expect(dayBefore[5]).toBe(3);
    expect(dayBefore[63]).toBeNull();

    // History names who imported, and what changed.
    const audit = await t.db.kysely.selectFrom("audit_event").selectAll().where("programme_id", "=", programmeId).orderBy("id").execute();
    expect(audit.map((e) => [e.entity_type, e.operation, e.actor_label])).toEqual([
      ["action", "update", "CLI"],
      ["decision", "create", "CLI"],
    ]);
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ category: 3 });
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ category: 2 });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ source: "import", file: "programma-2031.json", decidedOn: IMPORT_DAY });

    // Importing the same file again records nothing more.
    const settled = await governance();
    const again = await importProgrammeDocument(t.db, changedDocument(), { clock: at("2031-07-01T09:00:00.000Z"), file: "programma-2031.json" });
    expect(again.categoryChanges).toEqual([]);
    expect(again.decision).toBeNull();
    expect(await governance()).toEqual(settled);
  });

  it("records no decision when an unchanged document is imported again", async () => {
    const before = await governance();
    const report = await importProgrammeDocument(t.db, defaultProgrammeDocument(), { clock: LATER, file: "kennis-en-werk.json" });
    expect(report.actions).toEqual({ created: 0, updated: 0, unchanged: 62 });
    expect(report.categoryChanges).toEqual([]);
    expect(report.decision).toBeNull();
    expect(await governance()).toEqual(before);
  });

  it("with dryRun reports the category changes it would record, and writes nothing", async () => {
    const before = await governance();
    const register = await snapshot(t.db);
    const report = await importProgrammeDocument(t.db, changedDocument(), { dryRun: true, clock: LATER, file: "programma-2031.json" });
    expect(report.dryRun).toBe(true);
    expect(report.categoryChanges).toEqual([
      { number: 5, from: 3, to: 2, created: false },
      { number: 63, from: null, to: 4, created: true },
    ]);
    expect(report.decision).toEqual({ id: null, decidedOn: IMPORT_DAY, title: "Categorieën gewijzigd bij import van „programma-2031.json”" });
    expect(await governance()).toEqual(before);
    expect(await snapshot(t.db)).toEqual(register);
    expect((await actions().get(programmeId, 5))!.category).toBe(3);
  });

  it("writes nothing of it when the import fails after the categories changed", async () => {
    const before = await governance();
    const register = await snapshot(t.db);
    const broken = changedDocument();
    broken.actions[61]!.links = [{ type: "enables", target: { theme: 42 }, source: null }];
    await expect(importProgrammeDocument(t.db, broken, { clock: LATER })).rejects.toThrow(/Action 62 links to/);
    expect(await governance()).toEqual(before);
    expect(await snapshot(t.db)).toEqual(register);
  });
});
