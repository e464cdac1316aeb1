import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeRole } from "../../app/domain/auth/roles";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/programmes/${SLUG}`;
const A26 = `${P}/actions/26`;
const API = `/api/v1${P}`;

const FULL = {
  aim: "Meer jongeren kiezen voor een technische opleiding in de regio.",
  approach: "Gastlessen op alle scholen, met bedrijven uit de regio.\nEen jaarlijkse techniekdag.",
  deliverables: "Twintig gastlessen per jaar\nTechniekdag",
  milestones: "Q1 2014: eerste gastlessen\nQ4 2014: techniekdag",
  budget: "€ 15.000 per jaar",
  capacity: "0,3 fte coördinatie",
  risks: "Te weinig bedrijven die gastlessen geven.",
};

interface Session {
  cookie: string;
  csrf: string;
  userId?: number;
}

describe.each(testDialects())("plan of approach pages and API on %s", (dialect) => {
  let app: TestServer;
  let programmeId: number;
  const who: Record<"contact26" | "contact17" | "pm" | "sg" | "partner", Session> = {} as never;
  let anonymous: Session;

  async function signIn(email: string, name: string, role: ProgrammeRole, actions: number[] = []): Promise<Session> {
    const s = app.server.services;
    const actionIds = [];
    for (const n of actions) actionIds.push((await s.actions.get(programmeId, n))!.id);
    const created = await s.users.createUser({
      email,
      name,
      organisationId: null,
      passwordHash: null,
      isAdmin: false,
      roles: [{ programmeId, role }],
      contactActionIds: actionIds,
      actor: { userId: null, label: "test" },
      now: new Date().toISOString(),
    });
    if (created.status !== "ok") throw new Error(created.status);
    const session = await s.auth.startSession(created.value);
    if (!session.ok) throw new Error("no session");
    return { cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken, userId: created.value };
  }

  const page = async (path: string, session?: Session, headers: Record<string, string> = {}) => {
    const res = await app.get(path, { ...(session ? { cookie: session.cookie } : {}), "Accept-Language": "nl", ...headers });
    return { status: res.status, location: res.headers.get("location"), body: await res.text(), headers: res.headers };
  };
  const post = async (path: string, session: Session, form: Record<string, string>) => {
    const res = await fetch(app.url + path, {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded", "Accept-Language": "nl" },
      body: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  };
  const plans = () => app.server.services.db.kysely.selectFrom("plan_of_approach").selectAll().orderBy("id").execute();
  const planAudit = () => app.server.services.db.kysely.selectFrom("audit_event").selectAll().where("entity_type", "=", "plan").orderBy("id").execute();
  const state = async () => ({ plans: await plans(), audit: (await planAudit()).length });
  /** The text of an HTML page without tags, with entities for quotes decoded. */
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

  beforeAll(async () => {
    app = await startTestServer(dialect);
    programmeId = (await app.server.services.programmes.get(SLUG))!.id;
    who.contact26 = await signIn("cora@example.org", "Cora Contact", "action-contact", [26]);
    who.contact17 = await signIn("karel@example.org", "Karel Contact", "action-contact", [17]);
    who.pm = await signIn("pim@example.org", "Pim Programmamanager", "programme-manager");
    who.sg = await signIn("sanne@example.org", "Sanne Stuurgroep", "steering-group");
    who.partner = await signIn("piet@example.org", "Piet Partner", "partner");
    const first = await app.get("/sign-in");
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    anonymous = { cookie, csrf: cookie.split("=")[1]! };
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("shows everyone that there is no approved plan yet, and offers writing only to the action's contact and the programme manager", async () => {
    const pub = await page(`${A26}/plan`);
    expect(pub.status).toBe(200);
    expect(text(pub.body)).toContain("Er is nog geen goedgekeurd plan van aanpak voor deze actie.");
    expect(pub.body).not.toContain(`href="${A26}/plan/edit"`);
    const contact = await page(`${A26}/plan`, who.contact26);
    expect(contact.body).toContain(`href="${A26}/plan/edit"`);
    expect(text(contact.body)).toContain("Plan van aanpak schrijven");
    expect((await page(`${A26}/plan`, who.pm)).body).toContain(`href="${A26}/plan/edit"`);
    for (const s of [who.contact17, who.sg, who.partner]) expect((await page(`${A26}/plan`, s)).body).not.toContain(`href="${A26}/plan/edit"`);
    // The action page links to the plan for everyone.
    const action = await page(A26);
    expect(action.body).toContain(`href="${A26}/plan"`);
    expect(text(action.body)).toContain("Er is nog geen goedgekeurd plan van aanpak voor deze actie.");
  });

  it("answers the edit page by the permission table: sign in, 403, or the form", async () => {
    const pub = await page(`${A26}/plan/edit`);
    expect(pub.status).toBe(302);
    expect(pub.location).toBe(`/sign-in?next=${encodeURIComponent(`${A26}/plan/edit`)}`);
    for (const s of [who.contact17, who.sg, who.partner]) expect((await page(`${A26}/plan/edit`, s)).status).toBe(403);
    const form = await page(`${A26}/plan/edit`, who.contact26);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    for (const f of Object.keys(FULL)) expect(form.body).toContain(`name="${f}"`);
    expect(text(form.body)).toContain("Plan van aanpak actie 26 schrijven (versie 1)");
    // Refused writes change nothing.
    const before = await state();
    expect((await post(`${A26}/plan/edit`, anonymous, { ...FULL, versionNo: "", version: "" })).status).toBe(302);
    for (const s of [who.contact17, who.sg, who.partner]) expect((await post(`${A26}/plan/edit`, s, { ...FULL, versionNo: "", version: "" })).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const before = await state();
    const tooLong = await post(`${A26}/plan/edit`, who.contact26, { ...FULL, aim: "x".repeat(2001), versionNo: "", version: "" });
    expect(tooLong.status).toBe(400);
    expect(text(tooLong.body)).toContain("Dit veld is te lang (hoogstens 2000 tekens).");
    // The text typed is kept in the form.
    expect(tooLong.body).toContain(FULL.budget);
    const missing = await post(`${A26}/plan/edit`, who.contact26, { aim: "Alleen een doel", versionNo: "", version: "" });
    expect(missing.status).toBe(400);
    expect(text(missing.body)).toContain("Dit veld ontbreekt in het formulier.");
    const badBase = await post(`${A26}/plan/edit`, who.contact26, { ...FULL, versionNo: "één", version: "" });
    expect(badBase.status).toBe(400);
    expect(text(badBase.body)).toContain("Dit formulier is onvolledig of verouderd.");
    const unknownIntent = await post(`${A26}/plan`, who.contact26, { intent: "delete", versionNo: "1", version: "1" });
    expect(unknownIntent.status).toBe(400);
    expect(text(unknownIntent.body)).toContain("Onbekende handeling");
    const nothingToSubmit = await post(`${A26}/plan`, who.contact26, { intent: "submit", versionNo: "1", version: "1" });
    expect(nothingToSubmit.status).toBe(409);
    expect(text(nothingToSubmit.body)).toContain("Er is nog geen plan van aanpak voor deze actie.");
    for (const path of [`/programmes/nope/actions/26/plan/edit`, `${P}/actions/999/plan/edit`, `${P}/actions/abc/plan/edit`]) {
      expect((await post(path, who.pm, { ...FULL, versionNo: "", version: "" })).status, path).toBe(404);
    }
    expect(await state()).toEqual(before);
  });

  it("lets the contact write and submit, the programme manager return and approve, keeping versions", async () => {
    // A first, incomplete draft.
    const saved = await post(`${A26}/plan/edit`, who.contact26, { ...FULL, risks: "", versionNo: "", version: "" });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${A26}/plan?done=saved`);
    let view = await page(`${A26}/plan?done=saved`, who.contact26);
    expect(text(view.body)).toContain("Het concept is opgeslagen.");
    expect(text(view.body)).toContain("Concept");
    expect(text(view.body)).toContain(FULL.aim);
    expect(text(view.body)).toContain("Cora Contact");
    // Submitting needs every part.
    const incomplete = await post(`${A26}/plan`, who.contact26, { intent: "submit", versionNo: "1", version: "1" });
    expect(incomplete.status).toBe(400);
    expect(text(incomplete.body)).toContain("Nog leeg: Risico's.");
    // The edit form now edits version 1; a stale copy of it is a conflict.
    const edit = await page(`${A26}/plan/edit`, who.contact26);
    expect(edit.body).toContain('name="versionNo" value="1"');
    expect(edit.body).toContain('name="version" value="1"');
    expect((await post(`${A26}/plan/edit`, who.contact26, { ...FULL, versionNo: "1", version: "1" })).status).toBe(302);
    const before = await state();
    const stale = await post(`${A26}/plan/edit`, who.pm, { ...FULL, risks: "Oud formulier", versionNo: "1", version: "1" });
    expect(stale.status).toBe(409);
    expect(text(stale.body)).toContain("Iemand anders heeft dit plan intussen gewijzigd");
    expect(stale.body).toContain('name="version" value="2"');
    expect(await state()).toEqual(before);

    // Another action's contact reads the draft but may not submit it.
    view = await page(`${A26}/plan`, who.contact17);
    expect(text(view.body)).toContain(FULL.approach.split("\n")[0]!);
    expect((await post(`${A26}/plan`, who.contact17, { intent: "submit", versionNo: "1", version: "2" })).status).toBe(403);
    expect((await post(`${A26}/plan`, who.partner, { intent: "submit", versionNo: "1", version: "2" })).status).toBe(403);
    expect((await post(`${A26}/plan`, who.contact26, { intent: "approve", versionNo: "1", version: "2" })).status).toBe(403);
    expect((await post(`${A26}/plan`, anonymous, { intent: "submit", versionNo: "1", version: "2" })).location).toMatch(/^\/sign-in/);
    expect(await state()).toEqual(before);

    // Submitted: the programme manager is told, the contact can no longer edit.
    const submitted = await post(`${A26}/plan`, who.contact26, { intent: "submit", versionNo: "1", version: "2" });
    expect(submitted.status).toBe(302);
    expect(submitted.location).toBe(`${A26}/plan?done=submitted`);
    const mails = await app.server.services.db.kysely.selectFrom("mail_outbox").selectAll().where("purpose", "=", "plan-submitted").execute();
    expect(mails.map((m) => m.recipient)).toEqual(["pim@example.org"]);
    expect(mails[0]!.body_text).toContain(`${A26}/plan`);
    const locked = await page(`${A26}/plan/edit`, who.contact26);
    expect(locked.status).toBe(409);
    expect(text(locked.body)).toContain("Dit plan is ingediend en wacht op een besluit");
    expect((await post(`${A26}/plan/edit`, who.contact26, { ...FULL, versionNo: "1", version: "3" })).status).toBe(409);

    // The steering group may decide too; returning needs a note.
    const sgView = await page(`${A26}/plan`, who.sg);
    expect(sgView.body).toContain('value="approve"');
    expect(sgView.body).toContain('value="return"');
    const noNote = await post(`${A26}/plan`, who.sg, { intent: "return", versionNo: "1", version: "3", note: "" });
    expect(noNote.status).toBe(400);
    expect(text(noNote.body)).toContain("Schrijf in de toelichting waarom het plan teruggaat.");
    const tooLongNote = await post(`${A26}/plan`, who.sg, { intent: "return", versionNo: "1", version: "3", note: "x".repeat(2001) });
    expect(tooLongNote.status).toBe(400);
    expect(text(tooLongNote.body)).toContain("Dit veld is te lang (hoogstens 2000 tekens).");
    const returned = await post(`${A26}/plan`, who.sg, { intent: "return", versionNo: "1", version: "3", note: "Graag de begroting per jaar." });
    expect(returned.location).toBe(`${A26}/plan?done=returned`);
    const toAuthor = await app.server.services.db.kysely.selectFrom("mail_outbox").selectAll().where("purpose", "=", "plan-returned").execute();
    expect(toAuthor.map((m) => m.recipient)).toEqual(["cora@example.org"]);

    // Version 2 starts from version 1's text.
    const v2form = await page(`${A26}/plan/edit`, who.contact26);
    expect(text(v2form.body)).toContain("Plan van aanpak actie 26 schrijven (versie 2)");
    expect(v2form.body).toContain('name="versionNo" value=""');
    expect(v2form.body).toContain(FULL.capacity);
    expect((await post(`${A26}/plan/edit`, who.contact26, { ...FULL, budget: "€ 15.000 in 2014, € 12.000 in 2015", versionNo: "", version: "" })).status).toBe(302);
    expect((await post(`${A26}/plan`, who.contact26, { intent: "submit", versionNo: "2", version: "1" })).status).toBe(302);
    const approved = await post(`${A26}/plan`, who.pm, { intent: "approve", versionNo: "2", version: "2", note: "Akkoord." });
    expect(approved.location).toBe(`${A26}/plan?done=approved`);
    // Approving again is refused, and changes nothing.
    const afterApproval = await state();
    expect((await post(`${A26}/plan`, who.pm, { intent: "approve", versionNo: "2", version: "3" })).status).toBe(409);
    expect(await state()).toEqual(afterApproval);

    const rows = await plans();
    expect(rows.map((r) => [r.version_no, r.status, r.budget])).toEqual([
      [1, "returned", FULL.budget],
      [2, "approved", "€ 15.000 in 2014, € 12.000 in 2015"],
    ]);
    expect((await planAudit()).map((e) => e.operation)).toEqual(["create", "update", "submit", "return", "create", "submit", "approve"]);
    expect((await planAudit()).every((e) => e.programme_id === programmeId)).toBe(true);
  });

  it("publishes the approved plan without names; open and returned versions stay with the keepers", async () => {
    const pub = await page(`${A26}/plan`);
    expect(pub.status).toBe(200);
    expect(text(pub.body)).toContain("€ 15.000 in 2014, € 12.000 in 2015");
    expect(text(pub.body)).toContain("Goedgekeurd");
    expect(text(pub.body)).toContain("Akkoord.");
    expect(pub.body).not.toContain("Cora Contact");
    expect(pub.body).not.toContain("Pim Programmamanager");
    expect(pub.body).toContain(`href="${A26}/plan/versions/2"`);
    expect(pub.body).not.toContain(`href="${A26}/plan/versions/1"`);
    expect((await page(`${A26}/plan/versions/2`)).status).toBe(200);
    // Returned version 1: sign in (public), 403 (partner), readable for plan readers.
    const v1pub = await page(`${A26}/plan/versions/1`);
    expect(v1pub.status).toBe(302);
    expect(v1pub.location).toMatch(/^\/sign-in\?next=/);
    expect((await page(`${A26}/plan/versions/1`, who.partner)).status).toBe(403);
    const v1 = await page(`${A26}/plan/versions/1`, who.contact17);
    expect(v1.status).toBe(200);
    expect(text(v1.body)).toContain("Graag de begroting per jaar.");
    expect(text(v1.body)).toContain("Teruggestuurd");
    // Its history: every transition, by whom.
    const history = text(v1.body).slice(text(v1.body).indexOf("Geschiedenis"));
    for (const line of ["teruggestuurd · Sanne Stuurgroep", "ingediend · Cora Contact", "gewijzigd · Cora Contact", "aangemaakt · Cora Contact"]) expect(history).toContain(line);
    expect(history.indexOf("teruggestuurd")).toBeLessThan(history.indexOf("aangemaakt"));
    const v2pub = await page(`${A26}/plan/versions/2`);
    expect(v2pub.body).not.toContain("Geschiedenis");
    expect(v2pub.body).not.toContain("Cora Contact");
    // Unknown versions: 404 for readers; the public cannot tell it from an unapproved one.
    expect((await page(`${A26}/plan/versions/9`, who.pm)).status).toBe(404);
    expect((await page(`${A26}/plan/versions/9`)).status).toBe(302);
    expect((await page(`${A26}/plan/versions/0`, who.pm)).status).toBe(404);
    expect((await page(`${A26}/plan/versions/abc`, who.pm)).status).toBe(404);
    expect((await page(`${P}/actions/999/plan`)).status).toBe(404);
    expect((await page(`/programmes/nope/actions/26/plan`)).status).toBe(404);
  });

  it("shows the approved plan on the action page, the overview, and the action list with its filter", async () => {
    const action = text((await page(A26)).body);
    expect(action).toMatch(/Goedgekeurd plan van aanpak: versie 2, goedgekeurd op \d{1,2} \w+ \d{4}\./);
    const overview = await page("/");
    expect(text(overview.body)).toContain("1 van de 62 acties heeft een goedgekeurd plan van aanpak");
    expect(overview.body).toContain(`href="${P}/actions?plan=approved"`);
    const english = await page("/?lang=en");
    expect(text(english.body)).toContain("1 of 62 actions has an approved plan of approach");
    const list = await page(`${P}/actions?plan=approved`);
    expect(list.status).toBe(200);
    expect(text(list.body)).toContain("1 actie gevonden");
    expect(text(list.body)).toContain("Plan goedgekeurd");
    expect(list.body).toContain(`href="${A26}"`);
    const all = await page(`${P}/actions`);
    expect(all.body.match(/Plan goedgekeurd/g)).toHaveLength(1);
    const bad = await page(`${P}/actions?plan=yes`);
    expect(bad.status).toBe(400);
    expect(text(bad.body)).toContain("Het planfilter kent alleen „approved”");
  });

  it("serves the plan and the action's plan state in the API, with an ETag", async () => {
    const res = await app.get(`${API}/actions/26/plan`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { action: number; approved: Record<string, unknown>; open: unknown; versions: { version: number; status: string }[] };
    expect(body.action).toBe(26);
    expect(body.approved).toMatchObject({ version: 2, status: "approved", budget: "€ 15.000 in 2014, € 12.000 in 2015", decisionNote: "Akkoord." });
    expect(body.open).toBeNull();
    expect(body.versions.map((v) => [v.version, v.status])).toEqual([[2, "approved"]]);
    expect(JSON.stringify(body)).not.toContain("Cora");
    const tag = res.headers.get("etag");
    expect(tag).toMatch(/^"plan-\d+-[A-Za-z0-9_-]{22}"$/);
    // (fetch adds "Cache-Control: no-cache" to conditional requests unless one is given, which would force a full answer.)
    const revalidate = { "If-None-Match": tag!, "Cache-Control": "max-age=0" };
    const notModified = await app.get(`${API}/actions/26/plan`, revalidate);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");

    // A reader also sees returned versions and, once written, the open one.
    expect((await post(`${A26}/plan/edit`, who.pm, { ...FULL, aim: "Versie 3", versionNo: "", version: "" })).status).toBe(302);
    const asReader = (await (await app.get(`${API}/actions/26/plan`, { cookie: who.contact17.cookie })).json()) as typeof body & { open: { version: number; status: string; aim: string } };
    expect(asReader.open).toMatchObject({ version: 3, status: "draft", aim: "Versie 3" });
    expect(asReader.versions.map((v) => v.status)).toEqual(["draft", "approved", "returned"]);
    const asPublic = (await (await app.get(`${API}/actions/26/plan`)).json()) as typeof body;
    expect(asPublic.open).toBeNull();
    expect(asPublic.approved).toMatchObject({ version: 2 });
    const asPartner = (await (await app.get(`${API}/actions/26/plan`, { cookie: who.partner.cookie })).json()) as typeof body;
    expect(asPartner.open).toBeNull();
    // The public answer did not change, so its ETag still holds.
    expect((await app.get(`${API}/actions/26/plan`, revalidate)).status).toBe(304);
    // For a reader the answer differs (the open version), so the old tag does not match.
    expect((await app.get(`${API}/actions/26/plan`, { ...revalidate, cookie: who.contact17.cookie })).status).toBe(200);

    const action = (await (await app.get(`${API}/actions/26`)).json()) as { plan: unknown };
    expect(action.plan).toEqual({ status: "approved", version: 2, approvedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string });
    expect(((await (await app.get(`${API}/actions/17`)).json()) as { plan: unknown }).plan).toBeNull();
    const filtered = (await (await app.get(`${API}/actions?plan=approved`)).json()) as { total: number; data: { number: number }[] };
    expect(filtered.total).toBe(1);
    expect(filtered.data.map((a) => a.number)).toEqual([26]);
    const bad = await app.get(`${API}/actions?plan=maybe`, { "Accept-Language": "en" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.plan).toContain('only knows "approved"');

    for (const [path, status] of [
      [`${API}/actions/999/plan`, 404],
      [`${API}/actions/abc/plan`, 400],
      [`/api/v1/programmes/nope/actions/26/plan`, 404],
    ] as const) {
      const r = await app.get(path);
      expect(r.status, path).toBe(status);
      expect(r.headers.get("content-type"), path).toMatch(/^application\/problem\+json/);
    }
    expect((await fetch(`${app.url}${API}/actions/26/plan`, { method: "POST" })).status).toBe(405);
  });

  it("shows the newer version's state to readers on the action page", async () => {
    const reader = text((await page(A26, who.contact17)).body);
    expect(reader).toContain("Versie 3 van het plan van aanpak is een concept.");
    expect(reader).toContain("Goedgekeurd plan van aanpak: versie 2");
    const pub = text((await page(A26)).body);
    expect(pub).not.toContain("Versie 3");
    const planPage = text((await page(`${A26}/plan`, who.pm)).body);
    expect(planPage).toContain("Tot er over deze versie is besloten, geldt de goedgekeurde versie 2.");
  });
});
