import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActionRepository } from "../../app/db/action.repository";
import { createProgrammeRepository } from "../../app/db/programme.repository";
import type { Dialect } from "../../app/db/database";
import type { ActionChanges } from "../../app/domain/actions/action-changes";
import { searchIndexText, searchQuery, stem } from "../../app/domain/programmes/dutch-search";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";

const doc = defaultProgrammeDocument();
const now = "2026-12-01T10:00:00.000Z";

/** Queries whose words the programme holds in another form (plural, inflection, accent). */
const QUERIES = [
  "kantoor",
  "kantoren",
  "congres",
  "congressen",
  "stage",
  "stages",
  "bedrijventerrein",
  "bedrijventerreinen",
  "coöperatie",
  "cooperatie",
  "coöperaties",
  "ondernemer",
  "ondernemers",
  "ondernem",
  "innovatie",
  "innovaties",
  "werkgelegenheid",
  "Leidse",
  "onderwijs ondernemers",
  "de van het",
  "xylofoonconcert",
];

const plain = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
/** The numbers of the default programme's actions whose texts contain this word as written. */
function holding(word: string): number[] {
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${plain(word)}([^\\p{L}\\p{N}]|$)`, "u");
  return doc.actions
    .filter((a) => pattern.test(plain([a.title, a.description, ...a.intendedResults, ...a.notes].join("\n"))))
    .map((a) => a.number);
}

describe("Dutch stems", () => {
  it("gives plurals and inflections with a changed stem the stem of their singular", () => {
    for (const [a, b] of [
      ["kantoor", "kantoren"],
      ["congres", "congressen"],
      ["bedrijventerrein", "bedrijventerreinen"],
      ["ondernemer", "ondernemers"],
      ["coöperatie", "cooperatie"],
    ]) {
      expect(stem(plain(a!)), `${a} ~ ${b}`).toBe(stem(plain(b!)));
    }
    // "stages" keeps its -s in Snowball; a query for it also names the singular's stem.
    expect(searchQuery("stages")).toEqual([{ prefix: "stages", also: [stem("stage")] }]);
    expect(searchQuery("stage")).toEqual([{ prefix: stem("stage"), also: [] }]);
  });

  it("indexes stems without stop words, and reads queries without syntax or stop words", () => {
    expect(searchIndexText("De kantoren van het Bio Science Park")).toBe("kantor bio scienc park");
    expect(searchQuery('"ondernem*" OR -x NEAR(a b)').map((t) => t.prefix)).toEqual([
      "ondernem",
      "or",
      "x",
      "near",
      "a",
      "b",
    ]);
    expect(searchQuery("de van het")).toEqual([]);
  });
});

describe("Dutch search on both databases", () => {
  const found = new Map<Dialect, Map<string, number[]>>();
  const opened: TestDatabase[] = [];

  beforeAll(async () => {
    for (const dialect of testDialects()) {
      const t = await createTestDatabase(dialect);
      opened.push(t);
      await importProgrammeDocument(t.db, doc, { isDefault: true });
      const programmeId = (await createProgrammeRepository(t.db).programme(doc.slug))!.id;
      const actions = createActionRepository(t.db);
      // The programme has no "coöperatie": an action about one is added, with the accent in its title.
      const changes: ActionChanges = {
        title: "Een coöperatie van ondernemers",
        description: "Ondernemers richten samen een energiecoöperatie op.",
        notes: [],
        intentionCode: "2.3",
        group: null,
        leads: [{ organisation: "gemeente-leiden", qualifier: null }],
        partners: [],
        toInvolve: [],
        leadUnknown: false,
        intendedResults: [],
        planningText: "2014",
        categoryNote: null,
        links: [],
      };
      const created = await actions.create({
        programmeId,
        changes,
        actor: { userId: null, label: "Test" },
        now,
      });
      expect(created.status).toBe("ok");
      const results = new Map<string, number[]>();
      for (const q of QUERIES) {
        const page = await actions.list(programmeId, { q, category: [] }, { limit: 200, offset: 0 });
        results.set(
          q,
          page.data.map((a) => a.number),
        );
      }
      found.set(dialect, results);
    }
  });
  afterAll(async () => {
    for (const t of opened) await t.destroy();
  });

  const sorted = (numbers: number[] | undefined) => [...(numbers ?? [])].sort((a, b) => a - b);

  it.each(testDialects())("finds the plural for the singular and the other way round (%s)", (dialect) => {
    const results = found.get(dialect)!;
    for (const [singular, plural] of [
      ["kantoor", "kantoren"],
      ["congres", "congressen"],
      ["stage", "stages"],
      ["bedrijventerrein", "bedrijventerreinen"],
      ["coöperatie", "coöperaties"],
    ] as const) {
      const expected = sorted([...new Set([...holding(singular), ...holding(plural)])]);
      const added = singular === "coöperatie" ? [63] : [];
      expect(sorted(results.get(singular)), singular).toEqual(
        expect.arrayContaining([...expected, ...added]),
      );
      expect(sorted(results.get(plural)), plural).toEqual(expect.arrayContaining([...expected, ...added]));
      expect(results.get(singular)!.length, singular).toBeGreaterThan(0);
    }
    expect(sorted(results.get("coöperatie"))).toEqual(sorted(results.get("cooperatie")));
    expect(results.get("de van het")).toEqual([]);
    expect(results.get("xylofoonconcert")).toEqual([]);
  });

  it("ranks a match in the title first", () => {
    for (const results of found.values()) expect(results.get("coöperatie")![0]).toBe(63);
  });

  it("finds the same actions on SQLite and PostgreSQL for every query", () => {
    const dialects = [...found.keys()];
    if (dialects.length < 2) return;
    const [a, b] = dialects.map((d) => found.get(d)!);
    for (const q of QUERIES) expect(sorted(b!.get(q)), q).toEqual(sorted(a!.get(q)));
  });
});
