import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionDoc } from "../../app/domain/programmes/programme-document";
import { planningYears } from "../../app/domain/programmes/planning-years";
import { parseMilestones, toApiMilestone } from "../../app/domain/progress/planning-milestones";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG, defaultProgrammeDocument } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";

const doc = defaultProgrammeDocument();
const base = `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`;

interface RefJson {
  name: string;
  slug: string;
  kind: string;
  qualifier: string | null;
}
interface ActionJson {
  number: number;
  title: string;
  description: string;
  notes: string[];
  theme: { number: number; title: string } | null;
  intention: { code: string; text: string } | null;
  group: string | null;
  leads: RefJson[];
  partners: RefJson[];
  toInvolve: RefJson[];
  leadUnknown: boolean;
  intendedResults: string[];
  planningText: string;
  planningYears: number[];
  category: { code: number; colour: string | null; label: string | null } | null;
  categoryNote: string | null;
  links: { type: string; target: { action: number } | { theme: number } }[];
  linkedFrom: { type: string; source: { action: number } }[];
  updatedAt: string;
}
interface ListJson {
  data: ActionJson[];
  total: number;
  limit: number;
  offset: number;
}

/** Any ISO-8601 UTC timestamp with milliseconds. */
const TIMESTAMP: unknown = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

const ACTION_FIELDS = [
  "number",
  "title",
  "description",
  "notes",
  "theme",
  "intention",
  "group",
  "leads",
  "partners",
  "toInvolve",
  "leadUnknown",
  "intendedResults",
  "planningText",
  "planningYears",
  "category",
  "categoryNote",
  "links",
  "linkedFrom",
  "updatedAt",
  "plan",
  "milestones",
  "progress",
  "atRiskThrough",
];

/** The numbers of the document's actions that satisfy a condition, ascending. */
const numbersWhere = (test: (a: ActionDoc) => boolean) => doc.actions.filter(test).map((a) => a.number);
const has = (refs: ActionDoc["leads"], slug: string) => refs.some((r) => r.organisation === slug);
const yearsOf = (a: ActionDoc) => planningYears(a.planningText, doc.period);

/** Accent-folded, lower-cased words, as both search engines index them. */
const words = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
const fold = (term: string) => words(term).join("");
/** The actions in which every term starts a word of the title or the indexed text. */
function searchExpectation(...terms: string[]): { all: number[]; inTitle: number[] } {
  const matches = (text: string, term: string) => words(text).some((w) => w.startsWith(fold(term)));
  const body = (a: ActionDoc) => [a.title, a.description, ...a.intendedResults, ...a.notes].join("\n");
  return {
    all: numbersWhere((a) => terms.every((t) => matches(body(a), t))),
    inTitle: numbersWhere((a) => terms.every((t) => matches(a.title, t))),
  };
}

describe.each(testDialects())("actions API (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function list(query: string): Promise<ListJson> {
    const res = await server.get(`${base}/actions${query ? `?${query}` : ""}`);
    expect(res.status, query).toBe(200);
    return (await res.json()) as ListJson;
  }
  const numbers = async (query: string) => (await list(query)).data.map((a) => a.number);
  async function action(n: number): Promise<ActionJson> {
    const res = await server.get(`${base}/actions/${n}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ActionJson;
  }

  describe("list", () => {
    it("holds all 62 actions by number, 100 per page by default", async () => {
      const body = await list("");
      expect(body.total).toBe(62);
      expect(body.limit).toBe(100);
      expect(body.offset).toBe(0);
      expect(body.data.map((a) => a.number)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
    });

    it("gives every action with the document's values", async () => {
      const { data } = await list("limit=500");
      expect(data).toHaveLength(doc.actions.length);
      const categories = new Map(doc.categories.map((c) => [c.code, c]));
      const themes = new Map(doc.themes.map((t) => [t.number, t]));
      const intentions = new Map(doc.themes.flatMap((t) => t.intentions.map((i) => [i.code, i] as const)));
      const organisations = new Map(doc.organisations.map((o) => [o.slug, o]));
      const refs = (list: ActionDoc["leads"]) =>
        list.map((r) => ({
          name: organisations.get(r.organisation)!.name,
          slug: r.organisation,
          kind: organisations.get(r.organisation)!.kind,
          qualifier: r.qualifier,
        }));
      for (const [i, a] of data.entries()) {
        const d = doc.actions[i]!;
        const c = d.category === null ? null : categories.get(d.category)!;
        expect(Object.keys(a), `action ${d.number}`).toEqual(ACTION_FIELDS);
        expect(a, `action ${d.number}`).toEqual({
          number: d.number,
          title: d.title,
          description: d.description,
          notes: d.notes,
          theme:
            d.themeNumber === null
              ? null
              : { number: d.themeNumber, title: themes.get(d.themeNumber)!.title },
          intention: d.intentionCode === null ? null : intentions.get(d.intentionCode)!,
          group: d.group,
          leads: refs(d.leads),
          partners: refs(d.partners),
          toInvolve: refs(d.toInvolve),
          leadUnknown: d.leadUnknown,
          intendedResults: d.intendedResults,
          planningText: d.planningText,
          planningYears: yearsOf(d),
          category: c === null ? null : { code: c.code, colour: c.colour, label: c.label },
          categoryNote: d.categoryNote,
          links: d.links.map((l) => ({ type: l.type, target: l.target })),
          linkedFrom: doc.actions
            .flatMap((s) =>
              s.links
                .filter((l) => "action" in l.target && l.target.action === d.number)
                .map((l) => ({ type: l.type, source: { action: s.number } })),
            )
            .sort((x, y) => x.source.action - y.source.action),
          updatedAt: TIMESTAMP,
          // No plan of approach has been approved in a fresh database.
          plan: null,
          // Milestones as the planning text reads, and no progress reported yet.
          milestones: parseMilestones(d.planningText, { period: doc.period }).milestones.map(toApiMilestone),
          progress: null,
          // Nothing is delayed, stopped or dropped in the document: no action is at risk through another.
          atRiskThrough: [],
        });
      }
    });

    it("counts each category as the document does", async () => {
      const expected = new Map<number, number>();
      for (const a of doc.actions)
        if (a.category !== null) expected.set(a.category, (expected.get(a.category) ?? 0) + 1);
      expect([...expected.keys()].sort()).toEqual([1, 2, 3, 4]);
      for (const [code, count] of expected) {
        const body = await list(`category=${code}`);
        expect(body.total, `category ${code}`).toBe(count);
        expect(body.data.every((a) => a.category?.code === code)).toBe(true);
        expect(body.data.map((a) => a.number)).toEqual(numbersWhere((a) => a.category === code));
      }
    });
  });

  describe("filters", () => {
    it("theme=2", async () => {
      const expected = numbersWhere((a) => a.themeNumber === 2);
      expect(expected).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      expect(await numbers("theme=2")).toEqual(expected);
    });

    it("intention=2.1", async () => {
      expect(await numbers("intention=2.1")).toEqual([10, 11, 12, 13]);
      expect(await numbers("intention=5.3")).toEqual(numbersWhere((a) => a.intentionCode === "5.3"));
    });

    it("category=1&category=2: any of them", async () => {
      const body = await list("category=1&category=2");
      expect(body.data.map((a) => a.number)).toEqual(
        numbersWhere((a) => a.category === 1 || a.category === 2),
      );
      expect(body.total).toBe(
        numbersWhere((a) => a.category === 1).length + numbersWhere((a) => a.category === 2).length,
      );
      // Order and repetition do not matter.
      expect(await numbers("category=2&category=1&category=2")).toEqual(body.data.map((a) => a.number));
    });

    it("lead=gemeente-leiden and partner=hogeschool-leiden", async () => {
      const leads = numbersWhere((a) => has(a.leads, "gemeente-leiden"));
      expect(leads.length).toBeGreaterThan(10);
      expect(await numbers("lead=gemeente-leiden")).toEqual(leads);
      const partners = numbersWhere((a) => has(a.partners, "hogeschool-leiden"));
      expect(partners.length).toBeGreaterThan(3);
      expect(await numbers("partner=hogeschool-leiden")).toEqual(partners);
      // An organisation that only partners leads nothing.
      expect(await numbers("lead=alle-partners-economische-agenda")).toEqual([]);
    });

    it("year=2014: named years, ranges that cover it, and standing activities", async () => {
      const got = await numbers("year=2014");
      expect(got).toEqual(numbersWhere((a) => yearsOf(a).includes(2014)));
      expect(got).toContain(21); // "2014"
      expect(got).toContain(35); // "2013-14"
      expect(got).toContain(40); // "2014-15"
      expect(got).toContain(46); // "2013-2014"
      expect(got).toContain(20); // "vanaf 2014"
      expect(got).toContain(48); // "Continu"
      expect(got).toContain(38); // "Lopende trajecten"
      expect(got).toContain(60); // "Jaarlijks, …"
      expect(got).not.toContain(5); // "2015"
      expect(got).not.toContain(15); // "Eind 2013"
      expect(got).not.toContain(13); // no planning
      const in2013 = await numbers("year=2013");
      expect(in2013).toContain(48); // "Continu" covers every programme year
      expect(in2013).not.toContain(40); // "2014-15"
      expect(in2013).toContain(35);
      expect(await numbers("year=2015")).toContain(20); // "vanaf 2014" runs to the end of the period
      expect(await numbers("year=2016")).toEqual([]);
    });

    it("combines filters: all must hold", async () => {
      const cases: [string, (a: ActionDoc) => boolean][] = [
        ["theme=4&year=2015", (a) => a.themeNumber === 4 && yearsOf(a).includes(2015)],
        [
          "theme=4&lead=regiogemeenten&category=2",
          (a) => a.themeNumber === 4 && has(a.leads, "regiogemeenten") && a.category === 2,
        ],
        [
          "lead=gemeente-leiden&year=2014&category=1&category=3",
          (a) =>
            has(a.leads, "gemeente-leiden") &&
            yearsOf(a).includes(2014) &&
            (a.category === 1 || a.category === 3),
        ],
        ["intention=3.5&lead=bv-leiden", (a) => a.intentionCode === "3.5" && has(a.leads, "bv-leiden")],
        [
          "partner=universiteit-leiden&theme=1",
          (a) => has(a.partners, "universiteit-leiden") && a.themeNumber === 1,
        ],
      ];
      for (const [query, test] of cases) {
        const expected = numbersWhere(test);
        const body = await list(query);
        expect(
          body.data.map((a) => a.number),
          query,
        ).toEqual(expected);
        expect(body.total, query).toBe(expected.length);
      }
      expect(await numbers("intention=3.5&lead=bv-leiden")).toEqual([26]);
      expect(await numbers("theme=1&intention=2.1")).toEqual([]);
    });

    it("treats empty values as absent, as an HTML form sends them", async () => {
      expect((await list("theme=&year=&q=&category=&lead=")).total).toBe(62);
    });
  });

  describe("search", () => {
    it("q=ondernemerschap finds the actions about it, title matches first", async () => {
      const expected = searchExpectation("ondernemerschap");
      expect(expected).toEqual({ all: [10, 11, 12, 13], inTitle: [10, 11] });
      const body = await list("q=ondernemerschap");
      expect(body.total).toBe(4);
      expect([...body.data.map((a) => a.number)].sort((x, y) => x - y)).toEqual(expected.all);
      expect(
        body.data
          .slice(0, 2)
          .map((a) => a.number)
          .sort(),
      ).toEqual(expected.inTitle);
      expect(await numbers("q=ONDERNEMERSCHAP")).toEqual(body.data.map((a) => a.number));
    });

    it("q=ondernem matches words that start with it, titles first", async () => {
      const expected = searchExpectation("ondernem");
      expect(expected.inTitle).toEqual([10, 11, 12, 13, 29]);
      const got = await numbers("q=ondernem");
      expect([...got].sort((x, y) => x - y)).toEqual(expected.all);
      expect([...got.slice(0, expected.inTitle.length)].sort((x, y) => x - y)).toEqual(expected.inTitle);
    });

    it("needs every word to match", async () => {
      const expected = searchExpectation("ondernemers", "onderwijs");
      expect(expected.all.length).toBeGreaterThan(0);
      expect(expected.all.length).toBeLessThan(searchExpectation("ondernemers").all.length);
      expect((await numbers("q=ondernemers onderwijs")).sort((x, y) => x - y)).toEqual(expected.all);
    });

    it("ignores accents, in the query and in the text", async () => {
      expect(searchExpectation("coördinatiegroep").all).toEqual([59]);
      expect(await numbers(`q=${encodeURIComponent("coördinatiegroep")}`)).toEqual([59]);
      expect(await numbers("q=coordinatiegroep")).toEqual([59]);
      const ideas = searchExpectation("ideeën").all;
      expect(ideas.length).toBeGreaterThan(0);
      expect((await numbers("q=ideeen")).sort((x, y) => x - y)).toEqual(ideas);
      expect((await numbers(`q=${encodeURIComponent("ideeën")}`)).sort((x, y) => x - y)).toEqual(ideas);
    });

    it("combines with filters and pages, and finds nothing for an unknown word", async () => {
      const body = await list("q=ondernem&theme=2&limit=2");
      const expected = searchExpectation("ondernem").all.filter((n) => doc.actions[n - 1]!.themeNumber === 2);
      expect(body.total).toBe(expected.length);
      expect(body.data).toHaveLength(2);
      expect(await list("q=xylofoonconcert")).toEqual({ data: [], total: 0, limit: 100, offset: 0 });
    });

    it("lets no query syntax through", async () => {
      for (const q of [
        '"',
        "*",
        "ondernem*",
        "NEAR(a b)",
        "a OR b",
        "title:x",
        "-onderwijs",
        "!!!",
        "'; DROP TABLE action; --",
      ]) {
        const res = await server.get(`${base}/actions?q=${encodeURIComponent(q)}`);
        expect(res.status, q).toBe(200);
      }
      expect(await numbers(`q=${encodeURIComponent("ondernem*")}`)).toEqual(await numbers("q=ondernem"));
    });
  });

  describe("paging", () => {
    it("pages with limit and offset, the total unchanged", async () => {
      const page = await list("limit=10&offset=20");
      expect(page).toMatchObject({ total: 62, limit: 10, offset: 20 });
      expect(page.data.map((a) => a.number)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
      const last = await list("limit=10&offset=60");
      expect(last.data.map((a) => a.number)).toEqual([61, 62]);
      expect(last.total).toBe(62);
      expect(await list("offset=62")).toEqual({ data: [], total: 62, limit: 100, offset: 62 });
      expect((await list("limit=500")).data).toHaveLength(62);
      expect((await list("limit=1")).data.map((a) => a.number)).toEqual([1]);
    });

    it("pages a filtered list", async () => {
      const all = numbersWhere((a) => a.category === 2);
      const page = await list("category=2&limit=5&offset=5");
      expect(page.total).toBe(all.length);
      expect(page.data.map((a) => a.number)).toEqual(all.slice(5, 10));
    });
  });

  describe("one action", () => {
    it("action 10 is a prerequisite for 11 and 12, which say so", async () => {
      const a10 = await action(10);
      expect(a10.links).toEqual([
        { type: "prerequisiteFor", target: { action: 11 } },
        { type: "prerequisiteFor", target: { action: 12 } },
      ]);
      expect((await action(11)).linkedFrom).toContainEqual({
        type: "prerequisiteFor",
        source: { action: 10 },
      });
      expect((await action(12)).linkedFrom).toEqual([{ type: "prerequisiteFor", source: { action: 10 } }]);
    });

    it("action 20 enables 21 to 27", async () => {
      const a20 = await action(20);
      expect(a20.links).toEqual(
        [21, 22, 23, 24, 25, 26, 27].map((n) => ({ type: "enables", target: { action: n } })),
      );
      expect((await action(27)).linkedFrom).toEqual([{ type: "enables", source: { action: 20 } }]);
    });

    it("links to a whole theme", async () => {
      expect((await action(2)).links).toEqual([{ type: "related", target: { theme: 5 } }]);
      expect((await action(49)).links).toEqual([{ type: "related", target: { theme: 3 } }]);
      expect((await action(6)).links).toEqual([
        { type: "related", target: { action: 17 } },
        { type: "related", target: { theme: 5 } },
      ]);
      expect((await action(17)).linkedFrom).toEqual([
        { type: "related", source: { action: 6 } },
        { type: "related", source: { action: 7 } },
      ]);
    });

    it("has exactly the documented fields, with organisations in their roles", async () => {
      const a15 = await action(15);
      // One action on its own adds its category history (the decisions that set its category).
      expect(Object.keys(a15)).toEqual([...ACTION_FIELDS, "categoryHistory"]);
      expect(a15.theme).toEqual({ number: 2, title: doc.themes[1]!.title });
      expect(a15.intention).toEqual({ code: "2.2", text: doc.themes[1]!.intentions[1]!.text });
      expect(a15.group).toBeNull();
      expect(a15.leads[0]).toEqual({
        name: "Kamer van Koophandel",
        slug: "kamer-van-koophandel",
        kind: "government",
        qualifier: "tot eind 2013",
      });
      expect(a15.leads.map((r) => r.slug)).toEqual(["kamer-van-koophandel", "stichting-ondernemend-leiden"]);
      expect(a15.planningText).toBe("Eind 2013");
      expect(a15.planningYears).toEqual([2013]);
      const c = doc.categories.find((x) => x.code === doc.actions[14]!.category)!;
      expect(a15.category).toEqual({ code: c.code, colour: c.colour, label: c.label });
      const a27 = await action(27);
      expect(a27.toInvolve.map((r) => [r.slug, r.qualifier])).toEqual([
        ["uwv", null],
        ["holland-rijnland", "project 3D, werkgroep werkgeversdienstverlening"],
        ["afstemmingsteam", "UWV, sociale diensten en sociale werkvoorziening in Holland Rijnland"],
      ]);
    });

    it("an action without a known lead says so", async () => {
      const a17 = await action(17);
      expect(a17.leadUnknown).toBe(true);
      expect(a17.leads).toEqual([]);
    });

    it("a chapter-6 action has no theme or intention but a group", async () => {
      const a61 = await action(61);
      expect(a61.theme).toBeNull();
      expect(a61.intention).toBeNull();
      expect(a61.group).toBe("Programmering en monitoring");
      expect(a61.planningYears).toEqual([2013, 2014, 2015]);
      expect((await action(57)).group).toBe("Sturing op de uitvoering");
    });

    it("answers 400 for a malformed number and 404 for a missing action", async () => {
      for (const [n, status] of [
        ["0", 400],
        ["abc", 400],
        ["-1", 400],
        ["01", 400],
        ["1.5", 400],
        ["9999999", 400],
        ["63", 404],
        ["999999", 404],
      ] as const) {
        const res = await server.get(`${base}/actions/${n}`);
        expect(res.status, n).toBe(status);
        expect(res.headers.get("content-type"), n).toMatch(/^application\/problem\+json/);
        const body = (await res.json()) as { status: number; errors?: Record<string, string> };
        expect(body.status).toBe(status);
        if (status === 400) expect(Object.keys(body.errors ?? {})).toEqual(["number"]);
      }
    });
  });
});
