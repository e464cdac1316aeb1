import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/programmes/${SLUG}`;
const CONTACTS = `${P}/actions/17/contacts`;
const PASSWORD = "een lang genoeg wachtwoord";

interface Session {
  cookie: string;
  csrf: string;
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe.each(testDialects())("inviting a contact from the action's contacts page on %s", (dialect) => {
  let app: TestServer;
  let pm: Session;

  const page = async (path: string, session?: Session) => {
    const res = await app.get(path, { ...(session ? { cookie: session.cookie } : {}), "Accept-Language": "nl" });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  };
  const post = async (path: string, session: Session, form: Record<string, string>) => {
    const res = await fetch(app.url + path, {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded", "Accept-Language": "nl" },
      body: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location"), body: await res.text(), cookie: res.headers.get("set-cookie") };
  };
  const db = () => app.server.services.db.kysely;
  const state = async () => ({
    users: await db().selectFrom("user_account").select(["email"]).orderBy("id").execute(),
    contacts: await db().selectFrom("action_contact").selectAll().orderBy("contact_id").execute(),
    mail: await db().selectFrom("mail_outbox").select(["recipient"]).orderBy("id").execute(),
  });

  beforeAll(async () => {
    app = await startTestServer(dialect);
    const s = app.server.services;
    const programmeId = (await s.programmes.get(SLUG))!.id;
    const created = await s.users.createUser({
      email: "pim@example.org",
      name: "Pim Programmamanager",
      organisationId: null,
      passwordHash: null,
      isAdmin: false,
      roles: [{ programmeId, role: "programme-manager" }],
      actor: { userId: null, label: "test" },
      now: new Date().toISOString(),
    });
    if (created.status !== "ok") throw new Error(created.status);
    const session = await s.auth.startSession(created.value);
    if (!session.ok) throw new Error("no session");
    pm = { cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken };
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("offers the programme manager only the roles they may grant, and refuses another, writing nothing", async () => {
    const form = await page(CONTACTS, pm);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="invite"');
    expect(form.body).toContain('value="action-contact"');
    expect(form.body).toContain('value="partner"');
    expect(form.body).not.toContain('value="steering-group"');

    const before = await state();
    for (const role of ["steering-group", "admin", "bestaat-niet"]) {
      const refused = await post(CONTACTS, pm, { intent: "add", name: "Bram Contact", email: "bram@example.org", organisation: "", invite: role });
      expect(refused.status, role).toBe(400);
      expect(text(refused.body)).toContain("Kies een rol die u mag toekennen.");
    }
    expect(await state()).toEqual(before);
  });

  it("adds the contact, invites them with programme, role and action, and their first sign-in lands on their actions", async () => {
    const added = await post(CONTACTS, pm, {
      intent: "add",
      name: "Bram Contact",
      email: "bram@example.org",
      organisation: "gemeente-leiden",
      invite: "action-contact",
    });
    expect(added.status).toBe(302);
    expect(added.location).toBe(`${CONTACTS}?done=created&invited=invited`);
    const shown = text((await page(added.location!, pm)).body);
    expect(shown).toContain("Er is een uitnodiging voor een account gestuurd");
    expect(shown).toContain("Bram Contact");

    const mails = await db().selectFrom("mail_outbox").selectAll().where("recipient", "=", "bram@example.org").execute();
    expect(mails).toHaveLength(1);
    const body = mails[0]!.body_text;
    expect(mails[0]!.purpose).toBe("invite");
    expect(body).toContain("Pim Programmamanager nodigt u uit voor Regie, waar het programma Kennis & Werk #071 wordt bijgehouden.");
    expect(body).toContain("Uw rol: Contactpersoon actie.");
    expect(body).toContain("- actie 17: Haalbaarheidsstudie bedrijfshuisvesting");
    const link = /\/invite\/[A-Za-z0-9_-]+/.exec(body)![0];

    const visitor = await fetch(app.url + "/sign-in");
    const csrfCookie = (visitor.headers.get("set-cookie") ?? "").split(";")[0]!;
    const accepted = await post(link, { cookie: csrfCookie, csrf: csrfCookie.split("=")[1]! }, { password: PASSWORD, passwordRepeat: PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/work?welcome=1");
    const session = { cookie: (accepted.cookie ?? "").split(";")[0]!, csrf: "" };
    const work = text((await page(accepted.location!, session)).body);
    expect(work).toContain("Welkom. Uw account is klaar en u bent ingelogd.");
    expect(work).toContain("Mijn acties");
    expect(work).toContain("Actie 17: Haalbaarheidsstudie bedrijfshuisvesting");
    expect(work).toContain("Plan van aanpak schrijven");
  });

  it("links someone who already has an account instead of inviting them again", async () => {
    const before = (await state()).mail.length;
    const again = await post(`${P}/actions/26/contacts`, pm, {
      intent: "add",
      name: "Bram Contact",
      email: "bram@example.org",
      organisation: "",
      invite: "action-contact",
    });
    expect(again.location).toBe(`${P}/actions/26/contacts?done=created&invited=exists`);
    expect(text((await page(again.location!, pm)).body)).toContain("Er bestaat al een account met dit e-mailadres");
    expect((await state()).mail.length).toBe(before);
  });
});
