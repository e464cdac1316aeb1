import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeRole } from "../../app/domain/auth/roles";
import { api, type Credentials, type Editor } from "../editing/support";
import { testDialects } from "../support/databases";
import { validate } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const A26 = `/programmes/${SLUG}/actions/26`;
const PLAN = `${A26}/plan`;

const FULL = {
  aim: "Meer jongeren kiezen voor een technische opleiding in de regio.",
  approach: "Gastlessen op alle scholen, met bedrijven uit de regio.\nEen jaarlijkse techniekdag.",
  deliverables: "Twintig gastlessen per jaar",
  milestones: "Q1 2014: eerste gastlessen",
  budget: "€ 15.000 per jaar",
  capacity: "0,3 fte coördinatie",
  risks: "Te weinig bedrijven die gastlessen geven.",
};
const EMPTY = { aim: "", approach: "", deliverables: "", milestones: "", budget: "", capacity: "", risks: "" };


interface PlanAnswer {
  action: number;
  approved: { version: number; status: string; decisionNote: string | null } | null;
  open: ({ version: number; status: string } & Record<string, unknown>) | null;
  versions: { version: number; status: string }[];
}

describe.each(testDialects())("writing plans of approach through the API on %s", (dialect) => {
  let app: TestServer;
  let programmeId: number;
  let actionId: number;
  const who = {} as Record<"contact26" | "contact17" | "pm" | "sg" | "cg" | "partner", Editor>;

  async function account(email: string, name: string, role: ProgrammeRole, actions: number[] = []): Promise<Editor> {
    const s = app.server.services;
    const contactActionIds = [];
    for (const n of actions) contactActionIds.push((await s.actions.get(programmeId, n))!.id);
    const created = await s.users.createUser({
      email,
      name,
      organisationId: null,
      passwordHash: null,
      isAdmin: false,
      roles: [{ programmeId, role }],
      contactActionIds,
      actor: { userId: null, label: "test" },
      now: new Date().toISOString(),
    });
    if (created.status !== "ok") throw new Error(created.status);
    const session = await s.auth.startSession(created.value);
    if (!session.ok) throw new Error("no session");
    const { token } = await s.auth.createApiToken(created.value, "tests");
    return { userId: created.value, name, cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken, token };
  }

  const db = () => app.server.services.db.kysely;
  /** Everything a plan write may touch: the versions, their history and the mail. */
  const state = async () => ({
    plans: await db().selectFrom("plan_of_approach").selectAll().orderBy("id").execute(),
    audit: await db().selectFrom("audit_event").select(["operation", "entity_id"]).where("entity_type", "=", "plan").orderBy("id").execute(),
    mail: await db().selectFrom("mail_outbox").select(["recipient", "purpose"]).orderBy("id").execute(),
  });
  const mails = (purpose: string) => db().selectFrom("mail_outbox").selectAll().where("purpose", "=", purpose).orderBy("id").execute();
  const tag = (revision: number) => `"plan-${actionId}-v${revision}"`;
  const bearer = (e: Editor): Credentials => ({ bearer: e });

  /** A write's answer, checked against the documented schema (the plan, or a problem). */
  async function write(method: "PUT" | "POST", path: string, options: Parameters<typeof api>[3] = {}) {
    const res = await api(app, method, path, options);
    const documented = res.status < 300 ? "PlanOfApproach" : "Problem";
    expect(validate(documented, res.body), `${method} ${path} ${res.status}`).toEqual([]);
    if (res.status >= 400) expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    return { ...res, body: res.body as unknown as PlanAnswer & { detail?: string; errors?: Record<string, string> } };
  }

  beforeAll(async () => {
    app = await startTestServer(dialect);
    programmeId = (await app.server.services.programmes.get(SLUG))!.id;
    actionId = (await app.server.services.actions.get(programmeId, 26))!.id;
    who.contact26 = await account("cora@example.org", "Cora Contact", "action-contact", [26]);
    who.contact17 = await account("karel@example.org", "Karel Contact", "action-contact", [17]);
    who.pm = await account("pim@example.org", "Pim Programmamanager", "programme-manager");
    who.sg = await account("sanne@example.org", "Sanne Stuurgroep", "steering-group");
    who.cg = await account("coen@example.org", "Coen Coördinatiegroep", "coordination-group");
    who.partner = await account("piet@example.org", "Piet Partner", "partner");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers 401, 404 and 403 before anything else, by the permission table, and writes nothing", async () => {
    const before = await state();
    for (const [method, path, json] of [
      ["PUT", PLAN, FULL],
      ["POST", `${PLAN}/submit`, undefined],
      ["POST", `${PLAN}/approve`, {}],
      ["POST", `${PLAN}/return`, { note: "Waarom" }],
    ] as const) {
      const pub = await write(method, path, { json });
      expect(pub.status, path).toBe(401);
      expect(pub.headers.get("www-authenticate"), path).toContain("Bearer");
      expect(pub.body.detail).toBe("Log in om verder te gaan.");
      for (const missing of [path.replace("/26/", "/999/"), path.replace("/26/", "/abc/"), path.replace(SLUG, "bestaat-niet")]) {
        expect((await write(method, missing, { as: bearer(who.pm), json, ifMatch: "*" })).status, missing).toBe(404);
      }
    }
    // Writing and submitting: the action's own contacts and the programme manager; deciding: the programme manager and the steering group.
    for (const e of [who.contact17, who.sg, who.cg, who.partner]) {
      const refused = await write("PUT", PLAN, { as: bearer(e), json: FULL });
      expect(refused.status, e.name).toBe(403);
      expect(refused.body.detail).toBe("U mag dit niet doen.");
      expect((await write("POST", `${PLAN}/submit`, { as: bearer(e), ifMatch: "*" })).status, e.name).toBe(403);
    }
    for (const e of [who.contact26, who.contact17, who.cg, who.partner]) {
      expect((await write("POST", `${PLAN}/approve`, { as: bearer(e), ifMatch: "*" })).status, e.name).toBe(403);
      expect((await write("POST", `${PLAN}/return`, { as: bearer(e), json: { note: "x" }, ifMatch: "*" })).status, e.name).toBe(403);
    }
    // A session cookie needs its anti-forgery header, as every API write.
    expect((await write("PUT", PLAN, { as: { cookie: who.contact26, csrf: false }, json: FULL })).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("writes, submits, returns, writes again and approves, with versions, history and mail", async () => {
    // No plan yet: its ETag (for readers) counts no change.
    const empty = await api(app, "GET", PLAN, { as: bearer(who.contact26) });
    expect(empty.headers.get("etag")).toBe(tag(0));

    // A bad body: 400 with an error per field, in the request's language; nothing written.
    const before = await state();
    const { risks: _risks, ...withoutRisks } = FULL;
    const bad = await write("PUT", PLAN, { as: bearer(who.contact26), json: { ...withoutRisks, aim: "x".repeat(2001), budget: 15000, extra: "?" } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe("De invoer is ongeldig.");
    expect(bad.body.errors).toEqual({
      aim: "Dit veld is te lang (hoogstens 2000 tekens).",
      budget: "Stuur dit onderdeel mee als tekst; in een concept mag die leeg zijn.",
      risks: "Stuur dit onderdeel mee als tekst; in een concept mag die leeg zijn.",
      form: "Onbekend veld: extra.",
    });
    const english = await write("PUT", PLAN, { as: bearer(who.contact26), json: { ...FULL, risks: 5 }, headers: { "Accept-Language": "en" } });
    expect(english.body.errors).toEqual({ risks: "Send this part as text; in a draft it may be empty." });
    expect((await write("PUT", PLAN, { as: bearer(who.contact26), json: "{niet json" })).body.detail).toBe("De inhoud is geen geldige JSON.");
    expect(await state()).toEqual(before);

    // Version 1: without If-Match while there is no plan; a draft may leave parts empty.
    const created = await write("PUT", PLAN, { as: bearer(who.contact26), json: { ...EMPTY, aim: "  Alleen een doel\r\n" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1${PLAN}`);
    expect(created.headers.get("etag")).toBe(tag(1));
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.body.open).toMatchObject({ version: 1, status: "draft", aim: "Alleen een doel", budget: "" });
    expect(created.body.approved).toBeNull();

    // Once there is a plan, If-Match is needed (428), and a stale one is refused (412, with the current ETag).
    const afterCreate = await state();
    expect((await write("PUT", PLAN, { as: bearer(who.contact26), json: FULL })).status).toBe(428);
    const stale = await write("PUT", PLAN, { as: bearer(who.contact26), json: FULL, ifMatch: tag(0) });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(tag(1));
    expect(stale.body.detail).toBe("Het record is intussen gewijzigd; haal het opnieuw op en probeer het nog eens.");
    // Checks come in order: a stale ETag wins over a bad body.
    expect((await write("PUT", PLAN, { as: bearer(who.contact26), json: { aim: 1 }, ifMatch: tag(0) })).status).toBe(412);
    expect(await state()).toEqual(afterCreate);

    // Submitting an incomplete draft: 409, naming each empty part.
    const incomplete = await write("POST", `${PLAN}/submit`, { as: bearer(who.contact26), ifMatch: tag(1) });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.detail).toBe("Het plan is nog niet compleet: elk onderdeel moet zijn ingevuld voordat het wordt ingediend.");
    expect(Object.keys(incomplete.body.errors ?? {})).toEqual(["approach", "deliverables", "milestones", "budget", "capacity", "risks"]);
    expect(incomplete.body.errors?.budget).toBe("Nog leeg. Schrijf „n.v.t.” als dit onderdeel niet van toepassing is.");
    expect(await state()).toEqual(afterCreate);

    // The programme manager completes the draft (same version, next ETag); the same parts again change nothing.
    const saved = await write("PUT", PLAN, { as: bearer(who.pm), json: FULL, ifMatch: tag(1) });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe(tag(2));
    expect(saved.body.open).toMatchObject({ version: 1, status: "draft", ...FULL });
    const again = await write("PUT", PLAN, { as: bearer(who.pm), json: FULL, ifMatch: tag(2) });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).toBe(tag(2));
    expect((await state()).audit.map((a) => a.operation)).toEqual(["create", "update"]);

    // Submitting (no body needed, If-Match required): the programme manager hears of it by mail.
    expect((await write("POST", `${PLAN}/submit`, { as: bearer(who.contact26) })).status).toBe(428);
    expect((await write("POST", `${PLAN}/submit`, { as: bearer(who.contact26), ifMatch: tag(1) })).status).toBe(412);
    expect((await write("POST", `${PLAN}/submit`, { as: bearer(who.contact26), json: { note: "?" }, ifMatch: tag(2) })).status).toBe(400);
    expect(await mails("plan-submitted")).toEqual([]);
    const submitted = await write("POST", `${PLAN}/submit`, { as: bearer(who.contact26), ifMatch: tag(2) });
    expect(submitted.status).toBe(200);
    expect(submitted.headers.get("etag")).toBe(tag(3));
    expect(submitted.body.open).toMatchObject({ version: 1, status: "submitted", submittedAt: expect.any(String) as string });
    const toManager = await mails("plan-submitted");
    expect(toManager.map((m) => m.recipient)).toEqual(["pim@example.org"]);
    expect(toManager[0]!.body_text).toContain("Cora Contact heeft versie 1 van het plan van aanpak voor actie 26");
    expect(toManager[0]!.body_text).toContain(`${app.url}${PLAN}`);

    // A submitted plan cannot be written or submitted again: 409 with the reason.
    const afterSubmit = await state();
    const readOnly = await write("PUT", PLAN, { as: bearer(who.contact26), json: FULL, ifMatch: tag(3) });
    expect(readOnly.status).toBe(409);
    expect(readOnly.body.detail).toBe("Dit plan is ingediend en wacht op een besluit; het kan nu niet worden gewijzigd.");
    const twice = await write("POST", `${PLAN}/submit`, { as: bearer(who.contact26), ifMatch: tag(3), headers: { "Accept-Language": "en" } });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toBe("There is no draft to submit: the plan has already been submitted or decided on.");

    // Returning needs a body with the reason.
    expect((await write("POST", `${PLAN}/return`, { as: bearer(who.sg), ifMatch: tag(3) })).body.detail).toBe("Stuur een JSON-object mee.");
    const noReason = await write("POST", `${PLAN}/return`, { as: bearer(who.sg), json: {}, ifMatch: tag(3) });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual({ note: "Schrijf in de toelichting waarom het plan teruggaat." });
    expect((await write("POST", `${PLAN}/return`, { as: bearer(who.sg), json: { note: "x".repeat(2001) }, ifMatch: tag(3) })).body.errors).toEqual({
      note: "Dit veld is te lang (hoogstens 2000 tekens).",
    });
    expect(await state()).toEqual(afterSubmit);

    // The steering group returns it; the author hears of it, with the reason.
    const returned = await write("POST", `${PLAN}/return`, { as: bearer(who.sg), json: { note: "  Het budget is niet onderbouwd.\r\n" }, ifMatch: tag(3) });
    expect(returned.status).toBe(200);
    expect(returned.headers.get("etag")).toBe(tag(4));
    expect(returned.body.open).toBeNull();
    expect(returned.body.versions).toEqual([expect.objectContaining({ version: 1, status: "returned" })]);
    const toAuthor = await mails("plan-returned");
    expect(toAuthor.map((m) => m.recipient)).toEqual(["cora@example.org"]);
    expect(toAuthor[0]!.body_text).toContain("Het budget is niet onderbouwd.");
    const notSubmitted = await write("POST", `${PLAN}/approve`, { as: bearer(who.pm), ifMatch: tag(4) });
    expect(notSubmitted.status).toBe(409);
    expect(notSubmitted.body.detail).toBe("Er is geen ingediend plan om over te besluiten.");

    // A new version after the decision: If-Match still required (the plan exists); version 1 stays as it was.
    expect((await write("PUT", PLAN, { as: bearer(who.contact26), json: FULL })).status).toBe(428);
    const second = await write("PUT", PLAN, { as: bearer(who.contact26), json: { ...FULL, budget: "€ 12.000 per jaar" }, ifMatch: tag(4) });
    expect(second.status).toBe(200);
    expect(second.headers.get("location")).toBeNull();
    expect(second.headers.get("etag")).toBe(tag(5));
    expect(second.body.open).toMatchObject({ version: 2, status: "draft", budget: "€ 12.000 per jaar" });
    expect(second.body.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "returned"],
    ]);

    // Submitted with a session cookie and its X-CSRF-Token; approved by the programme manager without a body.
    expect((await write("POST", `${PLAN}/submit`, { as: { cookie: who.contact26 }, ifMatch: tag(5) })).status).toBe(200);
    const approved = await write("POST", `${PLAN}/approve`, { as: bearer(who.pm), ifMatch: tag(6) });
    expect(approved.status).toBe(200);
    expect(approved.headers.get("etag")).toBe(tag(7));
    expect(approved.body.approved).toMatchObject({ version: 2, status: "approved", decisionNote: null });
    expect((await mails("plan-approved")).map((m) => m.recipient)).toEqual(["cora@example.org"]);
    expect((await mails("plan-submitted")).map((m) => m.recipient)).toEqual(["pim@example.org", "pim@example.org"]);

    // Everything is in the history, one entry per change, with who made it.
    const history = await db()
      .selectFrom("audit_event")
      .select(["operation", "actor_label", "request_id"])
      .where("entity_type", "=", "plan")
      .orderBy("id")
      .execute();
    expect(history.map((h) => [h.operation, h.actor_label])).toEqual([
      ["create", "Cora Contact"],
      ["update", "Pim Programmamanager"],
      ["submit", "Cora Contact"],
      ["return", "Sanne Stuurgroep"],
      ["create", "Cora Contact"],
      ["submit", "Cora Contact"],
      ["approve", "Pim Programmamanager"],
    ]);
    expect(history.every((h) => typeof h.request_id === "string" && h.request_id.length > 0)).toBe(true);
    const rows = await db().selectFrom("plan_of_approach").select(["version_no", "status", "budget"]).where("action_id", "=", actionId).orderBy("version_no").execute();
    expect(rows).toEqual([
      { version_no: 1, status: "returned", budget: FULL.budget },
      { version_no: 2, status: "approved", budget: "€ 12.000 per jaar" },
    ]);

    // The public sees the adopted plan; the plan page shows the same.
    const pub = (await api(app, "GET", PLAN)).body as unknown as PlanAnswer;
    expect(pub.approved).toMatchObject({ version: 2, status: "approved" });
    expect(pub.open).toBeNull();
    const planPage = await fetch(`${app.url}${PLAN}`, { headers: { "Accept-Language": "nl" } });
    expect(await planPage.text()).toContain("€ 12.000 per jaar");
  });

  it("starts a plan with If-Match `*` too, but not with the ETag of a plan that is not there", async () => {
    const path = `/programmes/${SLUG}/actions/27/plan`;
    const contact27 = await account("dirk@example.org", "Dirk Contact", "action-contact", [27]);
    const id27 = (await app.server.services.actions.get(programmeId, 27))!.id;
    const before = await state();
    const stale = await write("PUT", path, { as: bearer(contact27), json: FULL, ifMatch: `"plan-${id27}-v3"` });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(`"plan-${id27}-v0"`);
    expect(await state()).toEqual(before);
    const created = await write("PUT", path, { as: bearer(contact27), json: FULL, ifMatch: "*" });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe(`"plan-${id27}-v1"`);
  });

  it("lets exactly one of two writes made on the same ETag through; the other gets 412 and the current ETag", async () => {
    const path = `/programmes/${SLUG}/actions/28/plan`;
    const id28 = (await app.server.services.actions.get(programmeId, 28))!.id;
    expect((await write("PUT", path, { as: bearer(who.pm), json: FULL })).status).toBe(201);
    const [a, b] = await Promise.all([
      write("PUT", path, { as: bearer(who.pm), json: { ...FULL, aim: "Eerste" }, ifMatch: `"plan-${id28}-v1"` }),
      write("PUT", path, { as: bearer(who.pm), json: { ...FULL, aim: "Tweede" }, ifMatch: `"plan-${id28}-v1"` }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const lost = a.status === 412 ? a : b;
    expect(lost.headers.get("etag")).toBe(`"plan-${id28}-v2"`);
    const rows = await db().selectFrom("plan_of_approach").select(["aim", "version"]).where("action_id", "=", id28).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.version).toBe(2);
  });
});
