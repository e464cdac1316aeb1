import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeRole } from "../../app/domain/auth/roles";
import { exportProgrammeDocument } from "../../app/db/programme-export";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/programmes/${SLUG}`;
const API = `/api/v1${P}`;

interface Session {
  userId: number;
  cookie: string;
  csrf: string;
}

let counter = 0;

/** A signed-in person with a role in the default programme (or none). */
async function signInAs(app: TestServer, role: ProgrammeRole | "none"): Promise<Session> {
  const s = app.server.services;
  const programme = (await s.programmes.get(SLUG))!;
  const created = await s.users.createUser({
    email: `decisions-${role}-${++counter}@example.org`,
    name: `Besluit ${role} ${counter}`,
    organisationId: null,
    passwordHash: null,
    isAdmin: false,
    roles: role === "none" ? [] : [{ programmeId: programme.id, role }],
    actor: { userId: null, label: "test" },
    now: new Date().toISOString(),
  });
  if (created.status !== "ok") throw new Error(created.status);
  const session = await s.auth.startSession(created.value);
  if (!session.ok) throw new Error("no session");
  return { userId: created.value, cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken };
}

/** The overview's totals per category (the counts table's last row), e.g. {1: 15, 2: 25, 3: 18, 4: 4}. */
function categoryTotals(html: string): Record<number, number> {
  const foot = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(html)?.[1] ?? "";
  const cells = [...foot.matchAll(/<td class="regie-num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
  return { 1: cells[0]!, 2: cells[1]!, 3: cells[2]!, 4: cells[3]! };
}

const OLD = { 1: 15, 2: 25, 3: 18, 4: 4 };
const NEW = { 1: 15, 2: 26, 3: 17, 4: 4 };

describe.each(testDialects())("steering-group decisions on pages and in the API (%s)", (dialect) => {
  let app: TestServer;
  let manager: Session;
  let steering: Session;
  let partner: Session;
  beforeAll(async () => {
    app = await startTestServer(dialect);
    manager = await signInAs(app, "programme-manager");
    steering = await signInAs(app, "steering-group");
    partner = await signInAs(app, "partner");
  });
  afterAll(async () => {
    await app?.stop();
  });

  const html = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.get(path, { "Accept-Language": "nl", ...headers });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  const json = async (path: string) => {
    const res = await app.get(path, { "Accept-Language": "nl" });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const postForm = (path: string, session: Session | null, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    body.append("_csrf", session?.csrf ?? "");
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
    return fetch(app.url + path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", "Accept-Language": "nl", ...(session ? { cookie: session.cookie } : {}) },
      redirect: "manual",
    });
  };
  const postJson = (session: Session | null, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${API}/decisions`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: {
        "content-type": "application/json",
        "Accept-Language": "nl",
        ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
        ...headers,
      },
      redirect: "manual",
    });

  it("shows the document's decisions in the public register, planned ones apart", async () => {
    const page = await html(`${P}/decisions`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Besluiten van de stuurgroep");
    expect(page.body).toContain("Categorie 1 vastgesteld");
    expect(page.body).toContain("Uitvoeringsprogramma 2013-2015 vastgesteld; acties in categorie 1 en 2 goedgekeurd");
    expect(page.body).toContain("Te nemen besluiten");
    const planned = page.body.indexOf("Te nemen besluiten");
    expect(page.body.indexOf("Besluit over acties in categorie 3 en 4")).toBeGreaterThan(planned);
    expect(page.body.indexOf("Categorie 1 vastgesteld")).toBeLessThan(planned);
    expect(page.body).toContain("18 juli 2013");
    // The public sees no button to record a decision.
    expect(page.body).not.toContain(`href="${P}/decisions/new"`);
    expect(page.body).toContain(`href="${P}/decisions"`); // the main navigation's "Besluiten"

    const meetings = await html(`${P}/meetings`);
    expect(meetings.body).toContain("Stuurgroep Economische agenda");
    const meeting = await html(`${P}/meetings/1`);
    expect(meeting.status).toBe(200);
    expect(meeting.body).toContain("Uit het programmadocument");
    expect(meeting.body).toContain("Gemeente Zoeterwoude");
    expect(meeting.body).toContain("VNO-NCW Rijnland");
    expect((await html(`${P}/meetings/999`)).status).toBe(404);
    expect((await html(`${P}/meetings/abc`)).status).toBe(404);
    expect((await html("/programmes/nope/decisions")).status).toBe(404);
  });

  it("shows the overview, the list and an action as of a date, with the way back to today", async () => {
    expect(categoryTotals((await html("/")).body)).toEqual(OLD);
    const july = await html("/?asOf=2013-07-18");
    expect(categoryTotals(july.body)).toEqual({ 1: 15, 2: 0, 3: 0, 4: 0 });
    expect(july.body).toContain("Stand op 18 juli 2013");
    expect(july.body).toContain("Terug naar de stand van vandaag");
    expect(july.body).toContain(`href="${P}/actions?category=1&amp;asOf=2013-07-18"`);
    expect(categoryTotals((await html(`${P}?asOf=2013-07-17`)).body)).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
    // A date after today is today's state.
    expect(categoryTotals((await html("/?asOf=2999-01-01")).body)).toEqual(OLD);
    // The date form works without JavaScript: a GET form with a date field named asOf.
    expect((await html("/")).body).toMatch(/<form class="regie-as-of-form"[^>]* action="\/" method="get">[\s\S]*?<input id="as-of-date" type="date"[^>]* name="asOf"/);

    const list = await html(`${P}/actions?asOf=2013-07-18&category=1`);
    expect(list.body).toContain("15 acties gevonden");
    expect(list.body).toContain("Stand op 18 juli 2013");
    expect((await html(`${P}/actions?asOf=2013-07-17&category=1`)).body).toContain("0 acties gevonden");

    const five = await html(`${P}/actions/5?asOf=2013-09-01`);
    expect(five.body).toContain("Zonder categorie");
    expect(five.body).toContain("Categorie door de tijd");
    expect(five.body).toMatch(/14 oktober 2013.*Uitvoeringsprogramma 2013-2015 vastgesteld/s);
  });

  it("answers a malformed or impossible date with a 400 that says so, on pages and in the API", async () => {
    for (const path of ["/?asOf=2014-02-30", `${P}?asOf=gisteren`, `${P}/actions?asOf=2014-13-01`, `${P}/actions/5?asOf=2014-1-1`]) {
      const page = await html(path);
      expect(page.status, path).toBe(400);
      expect(page.body, path).toMatch(/geen bestaande datum|Geef een bestaande datum/);
    }
    for (const path of [`${API}?asOf=2014-02-30`, `${API}/actions?asOf=x`, `${API}/actions/5?asOf=2014-02-29`, `${API}/actions.csv?asOf=2015-02-29`]) {
      const res = await json(path);
      expect(res.status, path).toBe(400);
      expect(res.body.errors, path).toEqual({ asOf: "Geef een bestaande datum op als JJJJ-MM-DD (bijvoorbeeld 2014-01-01)." });
    }
  });

  it("gives counts, lists and an action as of a date in the API, and the action's category history", async () => {
    const counts = async (q: string) => Object.fromEntries(((await json(`${API}${q}`)).body.actionCounts as { category: number | null; count: number }[]).map((c) => [String(c.category), c.count]));
    expect(await counts("")).toEqual({ 1: 15, 2: 25, 3: 18, 4: 4 });
    expect(await counts("?asOf=2013-07-18")).toEqual({ null: 47, 1: 15 });
    const list = await json(`${API}/actions?asOf=2013-07-18&category=1&limit=3`);
    expect(list.body.total).toBe(15);
    expect((list.body.data as { number: number; category: { code: number } }[]).map((a) => [a.number, a.category.code])).toEqual([[3, 1], [4, 1], [10, 1]]);
    const five = await json(`${API}/actions/5`);
    expect(five.body.category).toMatchObject({ code: 3 });
    expect(five.body.categoryHistory).toEqual([
      { decidedOn: "2013-10-14", decision: { id: 2, title: "Uitvoeringsprogramma 2013-2015 vastgesteld; acties in categorie 1 en 2 goedgekeurd" }, from: null, to: 3, source: "steering-group" },
    ]);
    expect((await json(`${API}/actions/5?asOf=2013-10-13`)).body.category).toBeNull();
    const decisions = await json(`${API}/decisions`);
    expect(decisions.body).toMatchObject({ total: 3, limit: 100, offset: 0 });
    expect((decisions.body.data as { decidedOn: string }[]).map((d) => d.decidedOn)).toEqual(["2014-12-31", "2013-10-14", "2013-07-18"]);
    const one = await json(`${API}/decisions/1`);
    expect(one.body).toMatchObject({ id: 1, title: "Categorie 1 vastgesteld", kind: "categories", status: "taken", source: "steering-group", meeting: null });
    expect(one.headers.get("etag")).toBe('"decision-1-v1"');
    expect((await json(`${API}/decisions/999`)).status).toBe(404);
    expect((await json(`${API}/decisions/x`)).status).toBe(400);
  });

  it("lets only programme managers and the steering group open the decision form", async () => {
    const anonymous = await app.get(`${P}/decisions/new`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`${P}/decisions/new`)}`);
    expect((await html(`${P}/decisions/new`, { cookie: partner.cookie })).status).toBe(403);
    const form = await html(`${P}/decisions/new`, { cookie: steering.cookie });
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="to-5"');
    expect(form.body).toContain('name="from-5" value="3"');
    expect((await html(`${P}/decisions`, { cookie: manager.cookie })).body).toContain(`href="${P}/decisions/new"`);
  });

  it("explains a refused form in Dutch and writes nothing", async () => {
    const before = await json(`${API}/decisions`);
    const res = await postForm(`${P}/decisions/new`, manager, { decidedOn: "2014-02-30", status: "taken", kind: "general", meetingId: "", title: "", text: "", "from-5": "3", "to-5": "2" });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain("Geef een bestaande datum op (JJJJ-MM-DD).");
    expect(body).toContain("Vul een titel in.");
    expect(body).toContain("Een algemeen besluit verandert geen categorie.");
    expect((await json(`${API}/decisions`)).body.total).toBe(before.body.total);
    // Without the anti-forgery token nothing happens either.
    const forged = await postForm(`${P}/decisions/new`, { ...manager, csrf: "forged" }, { decidedOn: "2014-06-30", status: "taken", kind: "categories", title: "X", "from-5": "3", "to-5": "2" });
    expect(forged.status).toBe(403);
    expect((await json(`${API}/actions/5`)).body.category).toMatchObject({ code: 3 });
  });

  it("records the decision moving action 5 from 3 to 2 through the form: new counts now, old counts on 1 January 2014", async () => {
    const res = await postForm(`${P}/decisions/new`, manager, {
      decidedOn: "2014-06-30",
      status: "taken",
      kind: "categories",
      meetingId: "1",
      title: "Actie 5 naar categorie 2",
      text: "Er is budget gevonden.",
      "from-5": "3",
      "to-5": "2",
      "from-8": "3",
      "to-8": "",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${P}/decisions\\?recorded=\\d+&changed=1#besluit-\\d+$`));
    const register = await html(location.replace(/#.*$/, ""));
    expect(register.body).toContain("de categorie van 1 actie is veranderd");
    expect(register.body).toContain("Actie 5 naar categorie 2");

    expect(categoryTotals((await html("/")).body)).toEqual(NEW);
    expect(categoryTotals((await html(`${P}?asOf=2014-01-01`)).body)).toEqual(OLD);
    expect(categoryTotals((await html("/?asOf=2014-06-30")).body)).toEqual(NEW);
    const five = await html(`${P}/actions/5`);
    expect(five.body).toMatch(/30 juni 2014.*Actie 5 naar categorie 2/s);
    expect(five.body).toContain("Categorie 2 (groen)");
    expect((await html(`${P}/actions/5?asOf=2014-01-01`)).body).toContain("Categorie 3 (oranje)");
    const api = await json(`${API}/actions/5`);
    expect(api.body.category).toMatchObject({ code: 2 });
    expect((api.body.categoryHistory as { to: number }[]).map((c) => c.to)).toEqual([3, 2]);
    expect((await json(`${API}/actions/5?asOf=2014-01-01`)).body.category).toMatchObject({ code: 3 });
    const meeting = await html(`${P}/meetings/1`);
    expect(meeting.body).toContain("Actie 5 naar categorie 2");

    // The same form again, with the category the page showed before: someone changed it meanwhile.
    const stale = await postForm(`${P}/decisions/new`, steering, { decidedOn: "2014-07-01", status: "taken", kind: "categories", title: "Actie 5 naar 4", "from-5": "3", "to-5": "4" });
    expect(stale.status).toBe(409);
    const staleBody = await stale.text();
    expect(staleBody).toContain("Een categorie is intussen veranderd");
    expect(staleBody).toContain("Actie 5 heeft nu categorie 2, niet 3");
    expect((await json(`${API}/actions/5`)).body.category).toMatchObject({ code: 2 });
  });

  it("records a decision through the API in the order 401, 404, 403, 400, 409, 201", async () => {
    const body = { decidedOn: "2014-07-15", kind: "categories", title: "Actie 11 naar 2", actions: [{ number: 11, from: 3, to: 2 }] };
    const anonymous = await postJson(null, body);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${app.url}/api/v1/programmes/nope/decisions`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", cookie: manager.cookie, "x-csrf-token": manager.csrf } })).status).toBe(404);
    expect((await postJson(partner, body)).status).toBe(403);
    expect((await postJson(manager, body, { "x-csrf-token": "wrong" })).status).toBe(403);
    const invalid = await postJson(manager, { ...body, decidedOn: "2014-02-30", actions: [{ number: 11, to: 2 }] });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: Record<string, string> }).errors).toEqual({
      decidedOn: "Geef een bestaande datum op (JJJJ-MM-DD).",
      "actions.11": "Geef bij actie 11 ook de categorie die u zag („from”), zodat een intussen gemaakte verandering opvalt.",
    });
    const early = await postJson(manager, { ...body, decidedOn: "2013-10-01" });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { errors: Record<string, string> }).errors["actions.11"]).toContain("al besloten op 14 oktober 2013");
    const stale = await postJson(manager, { ...body, actions: [{ number: 11, from: 4, to: 2 }] });
    expect(stale.status).toBe(409);
    expect((await json(`${API}/actions/11`)).body.category).toMatchObject({ code: 3 });

    // A steering-group member with a personal API token (no cookie, no CSRF token needed).
    const token = await app.server.services.auth.createApiToken(steering.userId, "test");
    const created = await fetch(`${app.url}${API}/decisions`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", authorization: `Bearer ${token.token}` },
      redirect: "manual",
    });
    expect(created.status).toBe(201);
    const decision = (await created.json()) as { id: number; actions: unknown[] };
    expect(created.headers.get("location")).toBe(`${API}/decisions/${decision.id}`);
    expect(created.headers.get("etag")).toBe(`"decision-${decision.id}-v1"`);
    expect(decision.actions).toEqual([{ number: 11, title: "Ondernemerschap in onderwijscurricula MBO, HBO, WO", from: 3, to: 2 }]);
    expect((await json(`${API}/actions/11`)).body.category).toMatchObject({ code: 2 });
    expect(await (await fetch(`${app.url}${API}/decisions/${decision.id}`)).json()).toEqual(decision);
  });

  it("records a meeting through its form, with the organisations present", async () => {
    expect((await html(`${P}/meetings/new`, { cookie: partner.cookie })).status).toBe(403);
    const refused = await postForm(`${P}/meetings/new`, manager, { heldOn: "2014-02-29", title: "Stuurgroep", attendee: "bestaat-niet", agenda: "", minutes: "" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Geef een bestaande datum op (JJJJ-MM-DD).");
    const res = await postForm(`${P}/meetings/new`, steering, {
      heldOn: "2014-09-15",
      title: "Stuurgroep Economische agenda",
      attendee: ["gemeente-leiden", "gemeente-oegstgeest", "universiteit-leiden"],
      agenda: "1. Jaarplan 2015",
      minutes: "Het jaarplan is besproken.",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${P}/meetings/\\d+\\?recorded=1$`));
    const page = await html(location);
    expect(page.body).toContain("De vergadering is vastgelegd.");
    expect(page.body).toContain("Gemeente Oegstgeest");
    expect(page.body).toContain("Het jaarplan is besproken.");
    expect(page.body).not.toContain("Gemeente Leiderdorp");
  });

  it("reads in English too", async () => {
    const page = await html(`${P}/decisions?lang=en`);
    expect(page.body).toContain("Decisions of the steering group");
    expect(page.body).toContain("Decisions to be taken");
    expect((await html("/?asOf=2014-01-01&lang=en")).body).toContain("As of 1 January 2014");
  });

  it("shows a category a re-import changed as changed by import, in Dutch and English; the API's history and asOf agree", async () => {
    const db = app.server.services.db;
    // The programme as it stands (with the decisions recorded above), with action 20 in another category.
    const doc = (await exportProgrammeDocument(db, SLUG))!;
    const a20 = doc.actions.find((a) => a.number === 20)!;
    const from = a20.category;
    const to = from === 1 ? 2 : 1;
    a20.category = to;
    const total = async () => (await json(`${API}/decisions`)).body.total as number;
    const before = await total();
    const report = await importProgrammeDocument(db, doc, { file: "programma.json" });
    expect(report.categoryChanges).toEqual([{ number: 20, from, to, created: false }]);
    const day = report.decision!.decidedOn;
    const dayBefore = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await total()).toBe(before + 1);

    const page = await html(`${P}/actions/20`);
    expect(page.body).toContain("Categorieën gewijzigd bij import van „programma.json”");
    expect(page.body).toContain("Gewijzigd bij import");
    expect(page.body).toContain("als „Gewijzigd bij import”");
    expect((await html(`${P}/actions/20?lang=en`)).body).toContain("Changed by import");
    // Action 21, untouched, does not mention imports.
    expect((await html(`${P}/actions/21`)).body).not.toContain("Gewijzigd bij import");

    const api = await json(`${API}/actions/20`);
    expect(api.body.category).toMatchObject({ code: to });
    const history = api.body.categoryHistory as { decidedOn: string; from: number | null; to: number; source: string }[];
    expect(history.at(-1)).toMatchObject({ decidedOn: day, from, to, source: "import" });
    expect(history.slice(0, -1).every((c) => c.source === "steering-group")).toBe(true);
    expect((await json(`${API}/actions/20?asOf=${day}`)).body.category).toMatchObject({ code: to });
    expect((await json(`${API}/actions/20?asOf=${dayBefore}`)).body.category).toMatchObject({ code: from });

    const decision = await json(`${API}/decisions/${report.decision!.id}`);
    expect(decision.body).toMatchObject({ decidedOn: day, kind: "categories", status: "taken", source: "import", meeting: null, actions: [{ number: 20, from, to }] });
    const register = await html(`${P}/decisions`);
    expect(register.body).toContain("Geen besluit van de stuurgroep: vastgelegd bij het importeren van het programmabestand.");
    expect((await html(`${P}/decisions?lang=en`)).body).toContain("Not a decision of the steering group");

    // The same file again: nothing new.
    const again = await importProgrammeDocument(db, doc, { file: "programma.json" });
    expect(again.decision).toBeNull();
    expect(await total()).toBe(before + 1);
  });
});
