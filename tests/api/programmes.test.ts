import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG, defaultProgrammeDocument } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";

const doc = defaultProgrammeDocument();

interface ProgrammeJson {
  slug: string;
  title: string;
  subtitle: string;
  language: string;
  period: { start: number; end: number };
  adoptedOn: string | null;
  adoptedBy: string | null;
  isDefault: boolean;
  revisionIntervalYears: number | null;
  ambition: string;
  municipalities: { name: string; slug: string; kind: string }[];
  coAuthors: { name: string; slug: string; kind: string }[];
  categories: { code: number; colour: string; label: string; description: string }[];
  themes: {
    number: number;
    title: string;
    goal: string;
    intentions: { code: string; text: string }[];
    participation: { municipality: { slug: string }; status: string; note: string | null }[];
  }[];
  organisationChapter: { number: number; title: string; groups: string[] } | null;
  introduction: { heading: string; paragraphs: string[] }[];
  actionCounts: { category: number | null; count: number }[];
  updatedAt: string;
}

describe.each(testDialects())("programmes API (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists the default programme first, in the list envelope", async () => {
    const res = await server.get("/api/v1/programmes");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as {
      data: Record<string, unknown>[];
      total: number;
      limit: number;
      offset: number;
    };
    expect(body).toEqual({
      data: [
        {
          slug: DEFAULT_PROGRAMME_SLUG,
          title: "Kennis & Werk #071",
          subtitle: "Uitvoeringsprogramma 2013-2015",
          period: { start: 2013, end: 2015 },
          isDefault: true,
        },
      ],
      total: 1,
      limit: 100,
      offset: 0,
    });
  });

  it("pages the programme list with limit and offset", async () => {
    expect(await (await server.get("/api/v1/programmes?limit=1&offset=1")).json()).toEqual({
      data: [],
      total: 1,
      limit: 1,
      offset: 1,
    });
    expect(await (await server.get("/api/v1/programmes?limit=500")).json()).toMatchObject({
      total: 1,
      limit: 500,
      offset: 0,
    });
    for (const bad of ["limit=0", "limit=501", "limit=x", "offset=-1", "limit=1&limit=2"]) {
      const res = await server.get(`/api/v1/programmes?${bad}`);
      expect(res.status, bad).toBe(400);
      const problem = (await res.json()) as { errors: Record<string, string> };
      expect(Object.keys(problem.errors), bad).toEqual([bad.split("=")[0]]);
    }
  });

  it("gives the whole default programme with the document's values", async () => {
    const res = await server.get(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`);
    expect(res.status).toBe(200);
    const p = (await res.json()) as ProgrammeJson;
    expect(p.slug).toBe(DEFAULT_PROGRAMME_SLUG);
    expect(p.title).toBe("Kennis & Werk #071");
    expect(p.subtitle).toBe("Uitvoeringsprogramma 2013-2015");
    expect(p.language).toBe("nl");
    expect(p.period).toEqual({ start: 2013, end: 2015 });
    expect(p.adoptedOn).toBe("2013-10-14");
    expect(p.adoptedBy).toBe("Stuurgroep Economische agenda");
    expect(p.isDefault).toBe(true);
    expect(p.revisionIntervalYears).toBe(doc.revisionIntervalYears);
    expect(p.ambition).toBe(doc.ambition);
    expect(p.ambition).toMatch(/^De Leidse regio wil/);
    expect(p.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    expect(p.municipalities.map((m) => m.slug)).toEqual([
      "gemeente-leiden",
      "gemeente-leiderdorp",
      "gemeente-oegstgeest",
      "gemeente-voorschoten",
      "gemeente-zoeterwoude",
    ]);
    expect(p.municipalities[0]).toEqual({
      name: "Gemeente Leiden",
      slug: "gemeente-leiden",
      kind: "municipality",
    });
    expect(p.municipalities.every((m) => m.kind === "municipality")).toBe(true);
    expect(p.coAuthors.map((o) => o.slug)).toEqual(doc.coAuthors);

    expect(p.categories).toEqual(doc.categories);
    expect(p.categories.map((c) => c.colour)).toEqual(["green", "green", "orange", "red"]);

    expect(p.themes).toHaveLength(5);
    expect(p.themes.map((t) => t.number)).toEqual([1, 2, 3, 4, 5]);
    for (const [i, theme] of p.themes.entries()) {
      const expected = doc.themes[i]!;
      expect(theme.title).toBe(expected.title);
      expect(theme.goal).toBe(expected.goal);
      expect(theme.goal.length).toBeGreaterThan(50);
      expect(theme.intentions).toEqual(expected.intentions);
      const bySlug = (a: { municipality: string }, b: { municipality: string }) =>
        a.municipality < b.municipality ? -1 : 1;
      expect(
        theme.participation.map((x) => ({
          municipality: x.municipality.slug,
          status: x.status,
          note: x.note,
        })),
      ).toEqual([...expected.participation].sort(bySlug));
    }
    expect(p.themes[2]!.participation).toEqual([
      {
        municipality: { name: "Gemeente Voorschoten", slug: "gemeente-voorschoten", kind: "municipality" },
        status: "undecided",
        note: doc.themes[2]!.participation[0]!.note,
      },
    ]);
    expect(p.themes[1]!.intentions.map((i) => i.code)).toEqual(["2.1", "2.2", "2.3", "2.4"]);
    expect(p.organisationChapter).toEqual(doc.organisationChapter);
    expect(p.introduction).toEqual(doc.introduction);
  });

  it("counts the actions per category as the document holds them", async () => {
    const p = (await (
      await server.get(`/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}`)
    ).json()) as ProgrammeJson;
    const expected = new Map<number | null, number>();
    for (const a of doc.actions) expected.set(a.category, (expected.get(a.category) ?? 0) + 1);
    expect(new Map(p.actionCounts.map((c) => [c.category, c.count]))).toEqual(expected);
    expect(p.actionCounts.reduce((n, c) => n + c.count, 0)).toBe(62);
  });

  it("answers 404 as a problem for an unknown programme", async () => {
    for (const path of [
      "/api/v1/programmes/no-such-programme",
      "/api/v1/programmes/no-such-programme/actions",
      "/api/v1/programmes/no-such-programme/actions/1",
    ]) {
      const res = await server.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toEqual({
        status: 404,
        title: "Niet gevonden",
        detail: "Er is geen programma met deze naam.",
      });
    }
  });
});
