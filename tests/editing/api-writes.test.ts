import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { api, editor, etagOf, P, type Credentials, type Editor } from "./support";

const STRONG = /^"[a-z]+-\d+-v\d+"$/;

interface WriteCase {
  name: string;
  method: "POST" | "PATCH";
  path: string;
  /** The same write on a record that does not exist. */
  missing: string;
  /** Where the record's ETag is read; null for creating. */
  record: string | null;
  good: unknown;
  bad: unknown;
}

describe.each(testDialects())("editing API on %s", (dialect) => {
  let app: TestServer;
  let pm: Editor;
  let steering: Editor;
  let cases: WriteCase[];

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager", "Petra Programmamanager");
    steering = await editor(app, "steering-group");
    const store = app.server.services.organisations;
    const actor = { userId: null, label: "test" };
    const now = new Date().toISOString();
    await store.create({ changes: { name: "Orde Bron", kind: "other", aliases: [] }, actor, now });
    await store.create({ changes: { name: "Orde Doel", kind: "other", aliases: [] }, actor, now });
    cases = [
      {
        name: "PATCH programme",
        method: "PATCH",
        path: P,
        missing: "/programmes/bestaat-niet",
        record: P,
        good: { adoptedBy: "De colleges" },
        bad: { title: "x".repeat(501) },
      },
      {
        name: "PATCH theme",
        method: "PATCH",
        path: `${P}/themes/1`,
        missing: `${P}/themes/9`,
        record: `${P}/themes/1`,
        good: { intentionsIntro: "Drie voornemens:" },
        bad: { intentions: "geen lijst" },
      },
      {
        name: "PATCH action",
        method: "PATCH",
        path: `${P}/actions/20`,
        missing: `${P}/actions/999`,
        record: `${P}/actions/20`,
        good: { planningText: "2014" },
        bad: { title: 5 },
      },
      {
        name: "PATCH organisation",
        method: "PATCH",
        path: "/organisations/lab071",
        missing: "/organisations/bestaat-niet",
        record: "/organisations/lab071",
        good: { kind: "business" },
        bad: { name: "Gemeente Leiden" },
      },
      {
        name: "merge organisation",
        method: "POST",
        path: "/organisations/orde-bron/merge",
        missing: "/organisations/bestaat-niet/merge",
        record: "/organisations/orde-bron",
        good: { into: "orde-doel" },
        bad: { into: "orde-bron" },
      },
      {
        name: "POST organisation",
        method: "POST",
        path: "/organisations",
        missing: "",
        record: null,
        good: { name: "Orde Nieuw", kind: "other" },
        bad: { name: "", kind: "club" },
      },
      {
        name: "POST action",
        method: "POST",
        path: `${P}/actions`,
        missing: "/programmes/bestaat-niet/actions",
        record: null,
        good: { title: "Orde-actie", intentionCode: "1.1" },
        bad: { title: "Orde-actie", intentionCode: "9.9" },
      },
    ];
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers every write in the documented order: 401, 404/403, 428/412, 400, then the change", async () => {
    for (const [i, c] of cases.entries()) {
      // Every other write is made with a session cookie (and its X-CSRF-Token) instead of a Bearer token.
      const manager: Credentials = i % 2 === 0 ? { bearer: pm } : { cookie: pm };
      const at = (what: string) => `${c.name} (${i % 2 === 0 ? "token" : "cookie"}): ${what}`;
      // 401 before anything else, even for a bad body or an unknown record.
      for (const json of [c.good, c.bad, "{niet json"]) {
        const res = await api(app, c.method, c.path, { json });
        expect(res.status, at("no credentials")).toBe(401);
        expect(res.headers.get("www-authenticate"), at("no credentials")).toContain("Bearer");
        expect(res.headers.get("content-type"), at("no credentials")).toContain("application/problem+json");
      }
      if (c.missing) {
        expect(
          (await api(app, c.method, c.missing, { as: manager, json: c.bad })).status,
          at("unknown record"),
        ).toBe(404);
        expect(
          (await api(app, c.method, c.missing, { as: { bearer: steering }, json: c.bad })).status,
          at("unknown record, no right"),
        ).toBe(404);
      }
      // 403 for who may not, before If-Match and body; and for a session without its anti-forgery header.
      const forbidden = await api(app, c.method, c.path, { as: { bearer: steering }, json: c.bad });
      expect(forbidden.status, at("no right")).toBe(403);
      expect(forbidden.body.detail, at("no right")).toBe("U mag dit niet doen.");
      expect(
        (await api(app, c.method, c.path, { as: { cookie: pm, csrf: false }, json: c.good, ifMatch: "*" }))
          .status,
        at("no CSRF header"),
      ).toBe(403);
      const before = c.record ? await etagOf(app, c.record) : null;
      if (c.record) {
        const missingIfMatch = await api(app, c.method, c.path, { as: manager, json: c.bad });
        expect(missingIfMatch.status, at("no If-Match")).toBe(428);
        expect(missingIfMatch.body.detail).toBe(
          "Stuur de versie mee in de kop If-Match (de ETag van het record).",
        );
        const stale = await api(app, c.method, c.path, {
          as: manager,
          json: c.bad,
          ifMatch: '"action-1-v999"',
        });
        expect(stale.status, at("stale If-Match")).toBe(412);
        expect(stale.headers.get("etag"), at("stale If-Match")).toBe(before);
      }
      // 400 for a bad body, and for a body that is not JSON; nothing changes.
      const bad = await api(app, c.method, c.path, {
        as: manager,
        json: c.bad,
        ifMatch: before ?? undefined,
      });
      expect(bad.status, at("bad body")).toBe(400);
      expect(Object.keys(bad.body.errors ?? {}).length, at("bad body")).toBeGreaterThan(0);
      const notJson = await api(app, c.method, c.path, {
        as: manager,
        json: "{niet json",
        ifMatch: before ?? undefined,
      });
      expect(notJson.status, at("not JSON")).toBe(400);
      expect(notJson.body.detail).toBe("De inhoud is geen geldige JSON.");
      if (c.record) expect(await etagOf(app, c.record), at("nothing changed")).toBe(before);
      // And then the change itself.
      const ok = await api(app, c.method, c.path, {
        as: manager,
        json: c.good,
        ifMatch: before ?? undefined,
      });
      expect(ok.status, at("allowed")).toBe(c.method === "POST" && !c.record ? 201 : 200);
      expect(ok.headers.get("etag"), at("allowed")).toMatch(STRONG);
    }
  });

  it("gives every single record a strong ETag from its version, and answers If-None-Match in full", async () => {
    for (const path of [P, `${P}/actions/17`, `${P}/themes/2`, "/organisations/gemeente-leiden"]) {
      const first = await fetch(app.url + "/api/v1" + path);
      const tag = first.headers.get("etag");
      expect(tag, path).toMatch(STRONG);
      await first.arrayBuffer();
      const again = await fetch(app.url + "/api/v1" + path, { headers: { "If-None-Match": tag! } });
      expect(again.status, path).toBe(200);
      expect(((await again.json()) as object) !== null).toBe(true);
    }
    const action = await api(app, "GET", `${P}/actions/17`);
    const id = (await app.server.services.actions.get(
      (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!.id,
      17,
    ))!;
    expect(action.headers.get("etag")).toBe(`"action-${id.id}-v${id.version}"`);
  });

  it("creates an organisation with 201, Location and ETag, and refuses a taken name by naming its owner", async () => {
    const created = await api(app, "POST", "/organisations", {
      as: { cookie: pm },
      json: { name: "Stichting Kenniswerf", kind: "other", aliases: ["Kenniswerf"] },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/v1/organisations/stichting-kenniswerf");
    expect(created.body).toMatchObject({
      slug: "stichting-kenniswerf",
      name: "Stichting Kenniswerf",
      kind: "other",
      aliases: ["Kenniswerf"],
    });
    expect(created.headers.get("etag")).toBe(await etagOf(app, "/organisations/stichting-kenniswerf"));
    const count = await app.server.services.organisations.count();
    const taken = await api(app, "POST", "/organisations", {
      as: { bearer: pm },
      json: { name: "Universiteit-Leiden", kind: "knowledge-institution" },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual({
      name: "Deze naam hoort al bij Universiteit Leiden. Pas die organisatie aan, of voeg de twee samen.",
    });
    const alias = await api(app, "POST", "/organisations", {
      as: { bearer: pm },
      json: { name: "Werf", kind: "other", aliases: ["kenniswerf"] },
    });
    expect(alias.body.errors).toEqual({
      aliases: "De schrijfwijze „kenniswerf” hoort al bij Stichting Kenniswerf.",
    });
    const wrong = await api(app, "POST", "/organisations", {
      as: { bearer: pm },
      json: { name: "x".repeat(201), kind: 3, aliases: "één", colour: "blauw" },
      headers: { "Accept-Language": "en" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toMatchObject({ form: "Unknown field: colour." });
    const fields = await api(app, "POST", "/organisations", {
      as: { bearer: pm },
      json: { name: "x".repeat(201), kind: 3, aliases: "één" },
      headers: { "Accept-Language": "en" },
    });
    expect(fields.body.errors).toEqual({
      name: "This field is too long (200 characters at most).",
      kind: "Choose a kind: municipality, business, knowledge institution, other government or other.",
      aliases: "Give the other spellings as a list of texts.",
    });
    expect(await app.server.services.organisations.count()).toBe(count);
  });

  it("renames an organisation without changing its slug; an explicit slug change leaves a 301 behind", async () => {
    const tag = await etagOf(app, "/organisations/stichting-kenniswerf");
    const renamed = await api(app, "PATCH", "/organisations/stichting-kenniswerf", {
      as: { bearer: pm },
      ifMatch: tag,
      json: { name: "Stichting De Kenniswerf" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ slug: "stichting-kenniswerf", name: "Stichting De Kenniswerf" });
    expect(renamed.headers.get("etag")).not.toBe(tag);
    // The old ETag is stale now.
    const stale = await api(app, "PATCH", "/organisations/stichting-kenniswerf", {
      as: { bearer: pm },
      ifMatch: tag,
      json: { kind: "business" },
    });
    expect(stale.status).toBe(412);
    const moved = await api(app, "PATCH", "/organisations/stichting-kenniswerf", {
      as: { bearer: pm },
      ifMatch: renamed.headers.get("etag")!,
      json: { slug: "kenniswerf" },
    });
    expect(moved.status).toBe(200);
    const old = await fetch(`${app.url}/api/v1/organisations/stichting-kenniswerf`, { redirect: "manual" });
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/api/v1/organisations/kenniswerf");
    // A write to the old slug is a 404 that says where the organisation is now.
    const write = await api(app, "PATCH", "/organisations/stichting-kenniswerf", {
      as: { bearer: pm },
      ifMatch: "*",
      json: { kind: "business" },
    });
    expect(write.status).toBe(404);
    expect(write.headers.get("link")).toBe('</api/v1/organisations/kenniswerf>; rel="alternate"');
    expect(write.body.detail).toBe(
      "Deze organisatie is samengevoegd of hernoemd; ze staat nu op /api/v1/organisations/kenniswerf.",
    );
  });

  it("merges an organisation into another: references move, the old slug answers 301, self and unknown targets are refused", async () => {
    const self = await api(app, "POST", "/organisations/kenniswerf/merge", {
      as: { bearer: pm },
      ifMatch: "*",
      json: { into: "kenniswerf" },
    });
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual({ into: "Een organisatie kan niet met zichzelf worden samengevoegd." });
    const unknown = await api(app, "POST", "/organisations/kenniswerf/merge", {
      as: { bearer: pm },
      ifMatch: "*",
      json: { into: "nergens" },
    });
    expect(unknown.body.errors).toEqual({ into: "Er is geen organisatie „nergens” om mee samen te voegen." });
    // Lab071 leads actions 33-36; merge it into the Kenniswerf.
    const lab = await etagOf(app, "/organisations/lab071");
    const merged = await api(app, "POST", "/organisations/lab071/merge", {
      as: { cookie: pm },
      ifMatch: lab,
      json: { into: "kenniswerf" },
    });
    expect(merged.status).toBe(200);
    expect(merged.headers.get("content-location")).toBe("/api/v1/organisations/kenniswerf");
    expect(merged.body.aliases).toEqual(expect.arrayContaining(["LAB071"]));
    expect((merged.body.actions as { lead: { number: number }[] }).lead.map((a) => a.number)).toEqual([
      33, 34, 35, 36,
    ]);
    const old = await fetch(`${app.url}/api/v1/organisations/lab071`, { redirect: "manual" });
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/api/v1/organisations/kenniswerf");
    const action = await api(app, "GET", `${P}/actions/33`);
    expect((action.body.leads as { slug: string }[]).map((l) => l.slug)).toEqual(["kenniswerf"]);
  });

  it("changes the programme and a theme, refusing what would lose data", async () => {
    const tag = await etagOf(app, P);
    const bad = await api(app, "PATCH", P, {
      as: { bearer: pm },
      ifMatch: tag,
      json: { period: { start: 2016, end: 2013 }, adoptedOn: "2013-02-30" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual({
      period: "Het eerste jaar mag niet na het laatste jaar liggen.",
      adoptedOn: "Geef een bestaande datum op als JJJJ-MM-DD (bijvoorbeeld 2013-04-11).",
    });
    const ok = await api(app, "PATCH", P, {
      as: { bearer: pm },
      ifMatch: tag,
      json: { subtitle: "Uitvoeringsprogramma 2013-2016", period: { start: 2013, end: 2016 } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      subtitle: "Uitvoeringsprogramma 2013-2016",
      period: { start: 2013, end: 2016 },
    });

    const theme = await api(app, "GET", `${P}/themes/2`);
    const intentions = theme.body.intentions as { code: string; text: string }[];
    const removeOne = await api(app, "PATCH", `${P}/themes/2`, {
      as: { bearer: pm },
      ifMatch: theme.headers.get("etag")!,
      json: { intentions: intentions.slice(1) },
    });
    expect(removeOne.status).toBe(400);
    expect(removeOne.body.errors!.intentions).toMatch(
      /^Voornemen 2\.1 kan niet weg: er staan nog acties onder/,
    );
    const added = await api(app, "PATCH", `${P}/themes/2`, {
      as: { bearer: pm },
      ifMatch: theme.headers.get("etag")!,
      json: {
        intentions: [...intentions, { text: "Een nieuw voornemen." }],
        participation: [
          { municipality: "gemeente-oegstgeest", status: "not-participating", note: "Doet niet mee." },
        ],
      },
    });
    expect(added.status).toBe(200);
    expect((added.body.intentions as { code: string }[]).at(-1)).toEqual({
      code: "2.5",
      text: "Een nieuw voornemen.",
    });
    expect(added.body.participation).toEqual([
      {
        municipality: { name: "Gemeente Oegstgeest", slug: "gemeente-oegstgeest", kind: "municipality" },
        status: "not-participating",
        note: "Doet niet mee.",
      },
    ]);
  });

  it("creates an action with the next free number, no category, 201 with Location and ETag", async () => {
    const next = await app.server.services.actions.nextNumber(
      (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!.id,
    );
    const created = await api(app, "POST", `${P}/actions`, {
      as: { bearer: pm },
      json: {
        title: "Kennisdag voor starters",
        intentionCode: "2.2",
        leads: [{ organisation: "gemeente-leiden", qualifier: null }],
        planningText: "2014",
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1${P}/actions/${next}`);
    expect(created.body).toMatchObject({
      number: next,
      title: "Kennisdag voor starters",
      category: null,
      planningYears: [2014],
      intention: { code: "2.2" },
    });
    expect(created.headers.get("etag")).toBe(await etagOf(app, `${P}/actions/${next}`));
    const taken = await api(app, "POST", `${P}/actions`, {
      as: { bearer: pm },
      json: { number: 17, title: "Dubbel", intentionCode: "2.2" },
    });
    expect(taken.body.errors).toEqual({ number: "Actie 17 bestaat al in dit programma." });
    const unknown = await api(app, "POST", `${P}/actions`, {
      as: { bearer: pm },
      json: {
        title: "Onbekend",
        group: "Bestaat niet",
        partners: [{ organisation: "nergens", qualifier: null }],
      },
    });
    expect(unknown.body.errors).toEqual({
      group: "Dit onderdeel bestaat niet in het hoofdstuk Organisatie.",
      partners: "Onbekende organisatie: „nergens”. Maak haar eerst aan bij Organisaties.",
    });
    expect(
      await app.server.services.actions.nextNumber(
        (await app.server.services.programmes.get("kennis-en-werk-071-2013-2015"))!.id,
      ),
    ).toBe(next + 1);
  });

  it("lets exactly one of two concurrent PATCHes with the same If-Match through; the other gets 412 and nothing is lost silently", async () => {
    const tag = await etagOf(app, `${P}/actions/17`);
    const send = (planningText: string) =>
      api(app, "PATCH", `${P}/actions/17`, { as: { bearer: pm }, ifMatch: tag, json: { planningText } });
    const [a, b] = await Promise.all([send("2014 (eerste redacteur)"), send("2015 (tweede redacteur)")]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    // The loser learns the current version and can read it to redo its change.
    expect(loser.headers.get("etag")).toBe(winner.headers.get("etag"));
    const now = await api(app, "GET", `${P}/actions/17`);
    expect(now.body.planningText).toBe(winner.body.planningText);
    const { services } = app.server;
    const programme = (await services.programmes.get("kennis-en-werk-071-2013-2015"))!;
    const action = (await services.actions.get(programme.id, 17))!;
    const updates = (await services.history.forEntity("action", action.id)).filter(
      (h) => h.operation === "update",
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.after).toEqual({ planningText: winner.body.planningText });
    expect(updates[0]!.actor).toBe("Petra Programmamanager");
  });
});
