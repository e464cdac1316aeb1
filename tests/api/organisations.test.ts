import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGANISATION_KINDS } from "../../app/domain/programmes/programme-document";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG, defaultProgrammeDocument } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";

const doc = defaultProgrammeDocument();

interface ListItem {
  slug: string;
  name: string;
  kind: string;
  actionCounts: { lead: number; partner: number; toInvolve: number };
}
interface OrganisationAction {
  programme: string;
  number: number;
  title: string;
  qualifier: string | null;
}
interface OrganisationJson {
  slug: string;
  name: string;
  kind: string;
  aliases: string[];
  actions: { lead: OrganisationAction[]; partner: OrganisationAction[]; toInvolve: OrganisationAction[] };
}

/** The document's actions in which an organisation has a role, as the API lists them. */
function actionsOf(slug: string, role: "leads" | "partners" | "toInvolve"): OrganisationAction[] {
  return doc.actions.flatMap((a) =>
    a[role]
      .filter((r) => r.organisation === slug)
      .map((r) => ({
        programme: DEFAULT_PROGRAMME_SLUG,
        number: a.number,
        title: a.title,
        qualifier: r.qualifier,
      })),
  );
}

describe.each(testDialects())("organisations API (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function list(
    query = "",
  ): Promise<{ data: ListItem[]; total: number; limit: number; offset: number }> {
    const res = await server.get(`/api/v1/organisations${query ? `?${query}` : ""}`);
    expect(res.status, query).toBe(200);
    return (await res.json()) as { data: ListItem[]; total: number; limit: number; offset: number };
  }

  it("lists every organisation of the document with its action counts, by name", async () => {
    const body = await list();
    expect(body.total).toBe(doc.organisations.length);
    expect(body.limit).toBe(100);
    expect(body.offset).toBe(0);
    expect(body.data).toHaveLength(doc.organisations.length);
    const expected = doc.organisations
      .map((o) => ({
        slug: o.slug,
        name: o.name,
        kind: o.kind,
        actionCounts: {
          lead: actionsOf(o.slug, "leads").length,
          partner: actionsOf(o.slug, "partners").length,
          toInvolve: actionsOf(o.slug, "toInvolve").length,
        },
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.slug < b.slug ? -1 : 1));
    expect(body.data).toEqual(expected);
    expect(body.data.find((o) => o.slug === "gemeente-leiden")!.actionCounts.lead).toBe(
      actionsOf("gemeente-leiden", "leads").length,
    );
  });

  it("pages with limit and offset, the total unchanged", async () => {
    const all = (await list("limit=500")).data;
    const page = await list("limit=10&offset=10");
    expect(page).toEqual({ data: all.slice(10, 20), total: all.length, limit: 10, offset: 10 });
    expect(await list(`offset=${all.length}`)).toEqual({
      data: [],
      total: all.length,
      limit: 100,
      offset: all.length,
    });
    // Pages follow one another without gaps or repeats.
    const pages = [];
    for (let offset = 0; offset < all.length; offset += 7)
      pages.push(...(await list(`limit=7&offset=${offset}`)).data);
    expect(pages).toEqual(all);
  });

  it("filters by kind", async () => {
    let sum = 0;
    for (const kind of ORGANISATION_KINDS) {
      const body = await list(`kind=${kind}&limit=500`);
      const expected = doc.organisations
        .filter((o) => o.kind === kind)
        .map((o) => o.slug)
        .sort();
      expect(body.total, kind).toBe(expected.length);
      expect(body.data.map((o) => o.slug).sort(), kind).toEqual(expected);
      sum += body.total;
    }
    expect(sum).toBe(doc.organisations.length);
    const municipalities = await list("kind=municipality&limit=2&offset=1");
    expect(municipalities.total).toBe(doc.organisations.filter((o) => o.kind === "municipality").length);
    expect(municipalities.data).toHaveLength(2);
    expect(municipalities.data.every((o) => o.kind === "municipality")).toBe(true);
  });

  it("refuses a malformed kind or paging with a problem keyed by field", async () => {
    for (const [query, fields] of [
      ["kind=bank", ["kind"]],
      ["kind=Municipality", ["kind"]],
      ["kind=business&kind=other", ["kind"]],
      ["limit=0", ["limit"]],
      ["limit=501", ["limit"]],
      ["limit=x", ["limit"]],
      ["offset=-1", ["offset"]],
      ["kind=bank&limit=0", ["limit", "kind"]],
    ] as const) {
      const res = await server.get(`/api/v1/organisations?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { status: number; errors: Record<string, string> };
      expect(body.status).toBe(400);
      expect(Object.keys(body.errors).sort(), query).toEqual([...fields].sort());
    }
    const en = await server.get("/api/v1/organisations?kind=bank", { "Accept-Language": "en" });
    expect(((await en.json()) as { errors: { kind: string } }).errors.kind).toMatch(
      /^Choose a kind of organisation/,
    );
    const nl = await server.get("/api/v1/organisations?kind=bank");
    expect(((await nl.json()) as { errors: { kind: string } }).errors.kind).toMatch(
      /^Kies een soort organisatie/,
    );
  });

  it("gives one organisation with its actions by role", async () => {
    const res = await server.get("/api/v1/organisations/gemeente-leiden");
    expect(res.status).toBe(200);
    const org = (await res.json()) as OrganisationJson;
    const d = doc.organisations.find((o) => o.slug === "gemeente-leiden")!;
    expect(Object.keys(org)).toEqual(["slug", "name", "kind", "aliases", "actions"]);
    expect(org.slug).toBe("gemeente-leiden");
    expect(org.name).toBe("Gemeente Leiden");
    expect(org.kind).toBe("municipality");
    expect([...org.aliases].sort()).toEqual([...d.aliases].filter((a) => a !== d.name).sort());
    expect(org.actions.lead).toEqual(actionsOf("gemeente-leiden", "leads"));
    expect(org.actions.lead.find((a) => a.number === 10)!.qualifier).toBe("inventarisatie");
    expect(org.actions.partner).toEqual(actionsOf("gemeente-leiden", "partners"));
    expect(org.actions.toInvolve).toEqual(actionsOf("gemeente-leiden", "toInvolve"));
  });

  it("lists every role of an organisation that has several", async () => {
    const slug = "holland-rijnland";
    const org = (await (await server.get(`/api/v1/organisations/${slug}`)).json()) as OrganisationJson;
    expect(org.actions.lead).toEqual(actionsOf(slug, "leads"));
    expect(org.actions.partner).toEqual(actionsOf(slug, "partners"));
    expect(org.actions.toInvolve).toEqual(actionsOf(slug, "toInvolve"));
    expect(org.actions.lead.length).toBeGreaterThan(0);
    expect(org.actions.partner.length).toBeGreaterThan(0);
    expect(org.actions.toInvolve).toEqual([
      {
        programme: DEFAULT_PROGRAMME_SLUG,
        number: 27,
        title: doc.actions[26]!.title,
        qualifier: "project 3D, werkgroep werkgeversdienstverlening",
      },
    ]);
  });

  it("answers 404 as a problem for an unknown organisation, in the request's language", async () => {
    for (const slug of ["no-such-organisation", "Gemeente-Leiden", "gemeente%20leiden"]) {
      const res = await server.get(`/api/v1/organisations/${slug}`);
      expect(res.status, slug).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toEqual({
        status: 404,
        title: "Niet gevonden",
        detail: "Er is geen organisatie met deze naam.",
      });
    }
    const en = await server.get("/api/v1/organisations/no-such-organisation", {
      "Accept-Language": "en-GB,en;q=0.8",
    });
    expect(await en.json()).toEqual({
      status: 404,
      title: "Not found",
      detail: "There is no organisation by this name.",
    });
  });
});
