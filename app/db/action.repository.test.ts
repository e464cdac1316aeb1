import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../tests/support/databases";
import { defaultProgrammeDocument } from "../../tests/support/default-programme";
import type { ActionFilters } from "../domain/programmes/action-filters";
import { planningYears } from "../domain/programmes/planning-years";
import type { ActionDoc } from "../domain/programmes/programme-document";
import { createActionRepository, type ActionRepository } from "./action.repository";
import { createOrganisationRepository } from "./organisation.repository";
import { importProgrammeDocument } from "../lib/programme-import.server";
import { createProgrammeRepository } from "./programme.repository";

const doc = defaultProgrammeDocument();
const all = { limit: 500, offset: 0 };
const filters = (f: Partial<ActionFilters> = {}): ActionFilters => ({ category: [], ...f });
const numbersWhere = (test: (a: ActionDoc) => boolean) => doc.actions.filter(test).map((a) => a.number);

/** Accent-folded, lower-cased words, as both search engines index them. */
const words = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
const startsAWord = (a: ActionDoc, term: string) =>
  words([a.title, a.description, ...a.intendedResults, ...a.notes].join("\n")).some((w) =>
    w.startsWith(term),
  );

describe.each(testDialects())("action repository (%s)", (dialect) => {
  let t: TestDatabase;
  let actions: ActionRepository;
  let programmeId: number;
  let otherId: number;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, doc, { isDefault: true });
    // A second programme with the same numbers, to check that nothing leaks between programmes.
    const other = defaultProgrammeDocument();
    other.slug = "ander-programma";
    other.actions = other.actions
      .filter((a) => a.number <= 30)
      .map((a) => ({ ...a, links: a.links.filter((l) => !("action" in l.target) || l.target.action <= 30) }));
    other.actions[0]!.title = "Alleen in het andere programma: xylofoon";
    await importProgrammeDocument(t.db, other);
    actions = createActionRepository(t.db);
    const programmes = createProgrammeRepository(t.db);
    programmeId = (await programmes.get(doc.slug))!.id;
    otherId = (await programmes.get("ander-programma"))!.id;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const numbers = async (f: Partial<ActionFilters>, paging = all) =>
    (await actions.list(programmeId, filters(f), paging)).data.map((a) => a.number);

  it("lists one programme's actions by number, one page at a time, with the total", async () => {
    const page = await actions.list(programmeId, filters(), { limit: 10, offset: 55 });
    expect(page.total).toBe(62);
    expect(page.data.map((a) => a.number)).toEqual([56, 57, 58, 59, 60, 61, 62]);
    const other = await actions.list(otherId, filters(), all);
    expect(other.total).toBe(30);
    expect(other.data[0]!.title).toBe("Alleen in het andere programma: xylofoon");
    expect(other.data[0]!.id).not.toBe((await actions.get(programmeId, 1))!.id);
  });

  it("filters by theme, intention, categories, lead, partner and year", async () => {
    expect(await numbers({ theme: 3 })).toEqual(numbersWhere((a) => a.themeNumber === 3));
    expect(await numbers({ intention: "4.2" })).toEqual([33, 34, 35, 36]);
    expect(await numbers({ category: [3, 4] })).toEqual(
      numbersWhere((a) => a.category === 3 || a.category === 4),
    );
    expect(await numbers({ lead: "lab071" })).toEqual([33, 34, 35, 36]);
    expect(await numbers({ partner: "regiogemeenten" })).toEqual(
      numbersWhere((a) => a.partners.some((r) => r.organisation === "regiogemeenten")),
    );
    expect(await numbers({ year: 2013 })).toEqual(
      numbersWhere((a) => planningYears(a.planningText, doc.period).includes(2013)),
    );
    expect(await numbers({ theme: 1, lead: "gemeente-leiden", year: 2015 })).toEqual(
      numbersWhere(
        (a) =>
          a.themeNumber === 1 &&
          a.leads.some((r) => r.organisation === "gemeente-leiden") &&
          planningYears(a.planningText, doc.period).includes(2015),
      ),
    );
    // A theme number of another programme's theme does not match across programmes.
    expect((await actions.list(otherId, filters({ theme: 4 }), all)).data.map((a) => a.number)).toEqual([
      28, 29, 30,
    ]);
  });

  it("searches with prefixes, accents folded, title first, and the total of all matches", async () => {
    const result = await actions.list(programmeId, filters({ q: "ondernem" }), { limit: 3, offset: 0 });
    expect(result.total).toBe(numbersWhere((a) => startsAWord(a, "ondernem")).length);
    expect(result.data).toHaveLength(3);
    for (const a of result.data)
      expect(
        words(a.title).some((w) => w.startsWith("ondernem")),
        a.title,
      ).toBe(true);
    expect(await numbers({ q: "Coördinatiegroep" })).toEqual([59]);
    expect(await numbers({ q: "coordinatiegroep" })).toEqual([59]);
    expect(await numbers({ q: "xylofoon" })).toEqual([]);
    expect((await actions.list(otherId, filters({ q: "xylofoon" }), all)).data.map((a) => a.number)).toEqual([
      1,
    ]);
  });

  it("leaves Dutch stop words out of a search, as PostgreSQL does, on both engines", async () => {
    const regio = numbersWhere((a) => startsAWord(a, "regio"));
    expect(regio.length).toBeGreaterThan(10);
    expect((await numbers({ q: "van de regio" })).sort((x, y) => x - y)).toEqual(regio);
    expect((await numbers({ q: "regio" })).sort((x, y) => x - y)).toEqual(regio);
    // Stop words alone find nothing, whichever engine runs the search.
    expect(await numbers({ q: "de" })).toEqual([]);
    expect(await numbers({ q: "van het" })).toEqual([]);
    expect((await actions.list(programmeId, filters({ q: "zijn" }), all)).total).toBe(0);
  });

  it("reads one whole action, with the titles of linked actions and the link's source text", async () => {
    const a10 = (await actions.get(programmeId, 10))!;
    expect(a10.links).toEqual([
      {
        type: "prerequisiteFor",
        target: { action: 11, title: doc.actions[10]!.title },
        source: "N.B Actie 10 is randvoorwaarde voor acties 11 en 12",
      },
      {
        type: "prerequisiteFor",
        target: { action: 12, title: doc.actions[11]!.title },
        source: "N.B Actie 10 is randvoorwaarde voor acties 11 en 12",
      },
    ]);
    const a11 = (await actions.get(programmeId, 11))!;
    expect(a11.linkedFrom).toEqual([
      { type: "prerequisiteFor", source: { action: 10, title: doc.actions[9]!.title } },
    ]);
    const a2 = (await actions.get(programmeId, 2))!;
    expect(a2.links).toEqual([
      {
        type: "related",
        target: { theme: 5, title: doc.themes[4]!.title },
        source: "NB Link met acties van doelstelling 5",
      },
    ]);
    expect(a10.version).toBe(1);
    expect(a10.intention).toEqual({ code: "2.1", text: doc.themes[1]!.intentions[0]!.text });
    expect(await actions.get(programmeId, 63)).toBeUndefined();
    expect(await actions.get(otherId, 31)).toBeUndefined();
    // In the other programme, action 11 is linked from that programme's own action 10.
    expect((await actions.get(otherId, 11))!.linkedFrom.map((l) => l.source.action)).toEqual([10]);
  });

  it("counts actions per category and per theme and category", async () => {
    const byCategory = new Map<number | null, number>();
    for (const a of doc.actions) byCategory.set(a.category, (byCategory.get(a.category) ?? 0) + 1);
    expect(new Map((await actions.countByCategory(programmeId)).map((c) => [c.category, c.count]))).toEqual(
      byCategory,
    );

    const key = (theme: number | null, category: number | null) => `${theme}/${category}`;
    const byThemeAndCategory = new Map<string, number>();
    for (const a of doc.actions)
      byThemeAndCategory.set(
        key(a.themeNumber, a.category),
        (byThemeAndCategory.get(key(a.themeNumber, a.category)) ?? 0) + 1,
      );
    const counted = await actions.countByThemeAndCategory(programmeId);
    expect(new Map(counted.map((c) => [key(c.theme, c.category), c.count]))).toEqual(byThemeAndCategory);
    expect(counted.filter((c) => c.theme === null).reduce((n, c) => n + c.count, 0)).toBe(6); // chapter 6: actions 57-62
  });

  it("knows the planning years that occur", async () => {
    expect(await actions.planningYears(programmeId)).toEqual([2013, 2014, 2015]);
  });
});

describe.each(testDialects())("organisation and programme repositories (%s)", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, doc, { isDefault: true });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("lists organisations by name, by kind, and a page at a time", async () => {
    const organisations = createOrganisationRepository(t.db);
    const list = await organisations.list();
    expect(list).toHaveLength(doc.organisations.length);
    expect(await organisations.count()).toBe(doc.organisations.length);
    const names = list.map((o) => o.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const page = await organisations.list({ paging: { limit: 5, offset: 5 } });
    expect(page).toEqual(list.slice(5, 10));
    const municipalities = await organisations.list({ kind: "municipality" });
    expect(municipalities.map((o) => o.slug).sort()).toEqual(
      doc.organisations
        .filter((o) => o.kind === "municipality")
        .map((o) => o.slug)
        .sort(),
    );
    expect(await organisations.count({ kind: "municipality" })).toBe(municipalities.length);
    const leiden = list.find((o) => o.slug === "gemeente-leiden")!;
    expect(leiden.leads).toBe(
      numbersWhere((a) => a.leads.some((r) => r.organisation === "gemeente-leiden")).length,
    );
    expect(await organisations.exists("gemeente-leiden")).toBe(true);
    expect(await organisations.exists("bestaat-niet")).toBe(false);
  });

  it("lists programmes a page at a time", async () => {
    const programmes = createProgrammeRepository(t.db);
    expect((await programmes.list()).map((p) => p.slug)).toEqual([doc.slug]);
    expect(await programmes.list({ limit: 1, offset: 1 })).toEqual([]);
    expect(await programmes.count()).toBe(1);
  });
});
