import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { P, page, PASSWORD, postForm, sessionFor, signedIn, SLUG, text, type Session } from "./support";

describe.each(testDialects())("administration pages on %s", (dialect) => {
  let app: TestServer;
  let admin: Session;
  let partner: Session;
  let manager: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    admin = await signedIn(app, { admin: true, name: "Ada Beheer" });
    partner = await signedIn(app, { role: "partner" });
    manager = await signedIn(app, { role: "programme-manager" });
  });
  afterAll(async () => {
    await app.stop();
  });

  const db = () => app.server.services.db.kysely;
  const userByEmail = (email: string) => db().selectFrom("user_account").selectAll().where("email", "=", email).executeTakeFirst();

  it("answers 404 to everyone but administrators, as if the pages did not exist", async () => {
    const paths = ["/admin", "/admin/users", `/admin/users/${admin.userId}`, "/admin/outbox", "/admin/history", "/admin/history.csv"];
    for (const path of paths) {
      expect((await page(app, path, null)).status, `public ${path}`).toBe(404);
      expect((await page(app, path, partner)).status, `partner ${path}`).toBe(404);
      expect((await page(app, path, manager)).status, `manager ${path}`).toBe(404);
      expect((await page(app, path, admin)).status, `admin ${path}`).toBe(200);
    }
    const refused = await postForm(app, "/admin/users", manager, { name: "X", email: "x@example.org", role: "partner", programme: SLUG });
    expect(refused.status).toBe(404);
    expect(await userByEmail("x@example.org")).toBeUndefined();
  });

  it("invites someone: an account without a password, an outbox mail whose link the invitation page accepts", async () => {
    const res = await postForm(app, "/admin/users", admin, {
      name: "Bram Contact",
      email: "Bram.Contact@Example.org",
      organisation: "gemeente-leiden",
      role: "action-contact",
      programme: SLUG,
      actions: "17, 18",
    });
    expect(res.status).toBe(302);
    const user = await userByEmail("bram.contact@example.org");
    expect(user).toMatchObject({ name: "Bram Contact", password_hash: null, active: 1, is_admin: 0 });
    expect(res.headers.get("location")).toBe(`/admin/users/${user!.id}?done=invited&mail=kept`);
    const roles = await db().selectFrom("role_assignment").select("role").where("user_id", "=", user!.id).execute();
    expect(roles.map((r) => r.role)).toEqual(["action-contact"]);
    const contactActions = await db()
      .selectFrom("contact")
      .innerJoin("action_contact", "action_contact.contact_id", "contact.id")
      .innerJoin("action", "action.id", "action_contact.action_id")
      .select("action.number")
      .where("contact.user_id", "=", user!.id)
      .orderBy("action.number")
      .execute();
    expect(contactActions.map((a) => a.number)).toEqual([17, 18]);

    const detail = await page(app, res.headers.get("location")!, admin);
    expect(text(detail.body)).toContain("De uitnodiging is aangemaakt. Er is geen SMTP ingesteld");
    expect(text(detail.body)).toContain("Uitgenodigd");

    const mail = await db().selectFrom("mail_outbox").selectAll().where("recipient", "=", "bram.contact@example.org").executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ purpose: "invite", subject: "Uitnodiging voor Regie", sent_at: null, error: null });
    expect(mail.body_text).toContain("Ada Beheer nodigt u uit voor Regie");
    const link = /http:\/\/127\.0\.0\.1:\d+\/invite\/([A-Za-z0-9_-]+)/.exec(mail.body_text);
    expect(link).not.toBeNull();

    // The outbox lists it and shows its full text.
    const outbox = await page(app, "/admin/outbox", admin);
    expect(text(outbox.body)).toContain("Uitnodiging voor Regie bram.contact@example.org Uitnodiging");
    expect(text(outbox.body)).toContain("Bewaard (geen SMTP)");
    const message = await page(app, `/admin/outbox/${mail.id}`, admin);
    expect(message.body).toContain(link![0]);
    expect((await page(app, "/admin/outbox/999999", admin)).status).toBe(404);

    // The invitee opens the link, chooses a password, and is signed in.
    const path = new URL(link![0]).pathname;
    const invite = await page(app, path, null);
    expect(invite.status).toBe(200);
    expect(text(invite.body)).toContain("bram.contact@example.org");
    const csrf = await fetch(app.url + "/sign-in");
    const csrfCookie = (csrf.headers.get("set-cookie") ?? "").split(";")[0]!;
    const accepted = await postForm(app, path, { cookie: csrfCookie, csrf: csrfCookie.split("=")[1]! }, { password: PASSWORD, passwordRepeat: PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/work?welcome=1");
    const session = (accepted.headers.get("set-cookie") ?? "").split(";")[0]!;
    const account = await page(app, "/account", { cookie: session });
    expect(account.status).toBe(200);
    expect(text(account.body)).toContain("Bram Contact");
    expect((await userByEmail("bram.contact@example.org"))!.password_hash).not.toBeNull();
    // The link works once.
    expect((await page(app, path, null)).status).toBe(404);
    // The account page of the admin now says active.
    expect(text((await page(app, `/admin/users/${user!.id}`, admin)).body)).toContain("Status Actief");
  });

  it("refuses a wrong invitation with messages at the fields and writes nothing", async () => {
    const before = (await db().selectFrom("user_account").select("id").execute()).length;
    const mails = (await db().selectFrom("mail_outbox").select("id").execute()).length;
    const bad = await postForm(app, "/admin/users", admin, { name: "", email: "not-an-email", role: "action-contact", programme: SLUG, actions: "" });
    expect(bad.status).toBe(400);
    const body = text(bad.body);
    expect(body).toContain("Vul een naam in.");
    expect(body).toContain("Vul een geldig e-mailadres in.");
    expect(body).toContain("Geef bij de rol Contactpersoon actie de actienummers op.");
    const unknownAction = await postForm(app, "/admin/users", admin, { name: "C", email: "c@example.org", role: "action-contact", programme: SLUG, actions: "17, 999" });
    expect(unknownAction.status).toBe(400);
    expect(text(unknownAction.body)).toContain("Deze acties bestaan niet in het programma: 999.");
    const taken = await postForm(app, "/admin/users", admin, { name: "Again", email: partner.email, role: "partner", programme: SLUG });
    expect(taken.status).toBe(400);
    expect(text(taken.body)).toContain("Er is al een account met dit e-mailadres.");
    const english = await fetch(app.url + "/admin/users?lang=en", {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: admin.csrf, name: "D", email: "d@example.org", role: "steering-group", programme: "" }).toString(),
    });
    expect(english.status).toBe(400);
    expect(text(await english.text())).toContain("Choose a programme.");
    expect((await db().selectFrom("user_account").select("id").execute()).length).toBe(before);
    expect((await db().selectFrom("mail_outbox").select("id").execute()).length).toBe(mails);
  });

  it("gives and takes roles, and keeps the last administrator", async () => {
    const person = await signedIn(app, { role: "partner", name: "Role Person" });
    const added = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "add-role", role: "steering-group", programme: SLUG, actions: "" });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe(`/admin/users/${person.userId}?done=role-added`);
    const again = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "add-role", role: "steering-group", programme: SLUG, actions: "" });
    expect(again.status).toBe(400);
    expect(text(again.body)).toContain("Deze persoon heeft deze rol al.");
    const removed = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "remove-role", role: "partner", programme: SLUG });
    expect(removed.status).toBe(302);
    const roles = await db().selectFrom("role_assignment").select("role").where("user_id", "=", person.userId).execute();
    expect(roles.map((r) => r.role)).toEqual(["steering-group"]);
    // An action-contact role with an action that does not exist: refused, and the role is not given either.
    const badContact = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "add-role", role: "action-contact", programme: SLUG, actions: "17, 999" });
    expect(badContact.status).toBe(400);
    expect(text(badContact.body)).toContain("Deze acties bestaan niet in het programma: 999.");
    const goodContact = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "add-role", role: "action-contact", programme: SLUG, actions: "17" });
    expect(goodContact.status).toBe(302);
    expect((await app.server.services.contacts.actionsOfAccount(person.userId)).map((a) => a.number)).toEqual([17]);
    expect((await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "remove-role", role: "action-contact", programme: SLUG })).status).toBe(302);
    // The person's next request already has the new rights: steering group members read contacts.
    expect((await page(app, `${P}/actions/17/contacts`, person)).status).toBe(200);

    const history = (await app.server.services.history.forEntity("user", person.userId)).filter((h) => h.after?.role !== "action-contact" && h.before?.role !== "action-contact");
    expect(history.slice(0, 2).map((h) => [h.operation, h.actor, h.before, h.after])).toEqual([
      ["remove-role", "Ada Beheer", { role: "partner", programme: SLUG }, null],
      ["add-role", "Ada Beheer", null, { role: "steering-group", programme: SLUG }],
    ]);

    // Making someone administrator, then the only other administrator cannot lose the role... until another exists.
    const solo = await app.server.services.db.kysely.selectFrom("user_account").select("id").where("is_admin", "=", 1).execute();
    expect(solo.map((s) => s.id)).toEqual([admin.userId]);
    const last = await postForm(app, `/admin/users/${admin.userId}`, admin, { intent: "remove-role", role: "admin", programme: "" });
    expect(last.status).toBe(400);
    expect(text(last.body)).toContain("Dit is de laatste actieve beheerder");
    expect((await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "add-role", role: "admin", programme: "", actions: "" })).status).toBe(302);
    expect((await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "remove-role", role: "admin", programme: "" })).status).toBe(302);
  });

  it("changes name and organisation, and refuses a stale form", async () => {
    const person = await signedIn(app, { role: "analyst", name: "Old Name" });
    const version = (await userByEmail(person.email))!.version;
    const saved = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "profile", version: String(version), name: "New Name", organisation: "universiteit-leiden" });
    expect(saved.status).toBe(302);
    const row = await db()
      .selectFrom("user_account")
      .innerJoin("organisation", "organisation.id", "user_account.organisation_id")
      .select(["user_account.name", "organisation.slug", "user_account.version"])
      .where("user_account.id", "=", person.userId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "New Name", slug: "universiteit-leiden", version: version + 1 });
    const stale = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "profile", version: String(version), name: "Other", organisation: "" });
    expect(stale.status).toBe(409);
    expect(text(stale.body)).toContain("Iemand anders heeft dit account intussen gewijzigd.");
    const unknownOrg = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "profile", version: String(version + 1), name: "Other", organisation: "bestaat-niet" });
    expect(unknownOrg.status).toBe(400);
    expect(text(unknownOrg.body)).toContain("Kies een organisatie uit de lijst.");
    expect((await userByEmail(person.email))!.name).toBe("New Name");
  });

  it("deactivation ends every session at once and API tokens stop working; reactivation lets the person in again", async () => {
    const person = await signedIn(app, { role: "partner" });
    const second = await sessionFor(app, person.userId);
    const { token } = await app.server.services.auth.createApiToken(person.userId, "integration");
    expect((await page(app, "/account", person)).status).toBe(200);
    const api = () => fetch(`${app.url}/api/v1/programmes`, { headers: { authorization: `Bearer ${token}` } });
    expect((await api()).status).toBe(200);

    const res = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "deactivate" });
    expect(res.status).toBe(302);
    for (const s of [person, second]) {
      const after = await page(app, "/account", s);
      expect(after.status).toBe(302);
      expect(after.headers.get("location")).toBe("/sign-in?next=%2Faccount");
    }
    expect((await api()).status).toBe(401);
    const signIn = await postForm(app, "/sign-in", await (async () => {
      const first = await fetch(app.url + "/sign-in");
      const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
      return { cookie, csrf: cookie.split("=")[1]! };
    })(), { email: person.email, password: PASSWORD, next: "/" });
    expect(signIn.status).toBe(401);

    expect((await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "reactivate" })).status).toBe(302);
    expect((await api()).status).toBe(200);
    expect((await page(app, "/account", person)).status).toBe(302);

    // Nobody deactivates themselves.
    const self = await postForm(app, `/admin/users/${admin.userId}`, admin, { intent: "deactivate" });
    expect(self.status).toBe(400);
    expect(text(self.body)).toContain("U kunt uw eigen account niet deactiveren of wissen.");
    const ops = (await app.server.services.history.forEntity("user", person.userId)).map((h) => h.operation);
    expect(ops.slice(0, 2)).toEqual(["reactivate", "deactivate"]);
  });

  it("sends an invitation again; the earlier link stops working", async () => {
    const res = await postForm(app, "/admin/users", admin, { name: "Late Joiner", email: "late@example.org", role: "analyst", programme: SLUG });
    expect(res.status).toBe(302);
    const user = (await userByEmail("late@example.org"))!;
    const links = async () =>
      (await db().selectFrom("mail_outbox").select("body_text").where("recipient", "=", "late@example.org").orderBy("id").execute()).map(
        (m) => new URL(/http:\/\/\S+\/invite\/\S+/.exec(m.body_text)![0]).pathname,
      );
    const [first] = await links();
    expect((await page(app, first!, null)).status).toBe(200);
    const again = await postForm(app, `/admin/users/${user.id}`, admin, { intent: "resend" });
    expect(again.status).toBe(302);
    const [, second] = await links();
    expect((await page(app, first!, null)).status).toBe(404);
    expect((await page(app, second!, null)).status).toBe(200);
    // An active account is not waiting for an invitation.
    const notWaiting = await postForm(app, `/admin/users/${partner.userId}`, admin, { intent: "resend" });
    expect(notWaiting.status).toBe(400);
  });

  it("shows the whole history, filtered by kind, and exports it as CSV for Dutch Excel", async () => {
    // A contact whose name a spreadsheet would run as a formula.
    await postForm(app, `${P}/actions/20/contacts`, manager, { intent: "add", name: "=HYPERLINK(\"http://x\")", email: "formula@example.org", organisation: "" });
    const all = await page(app, "/admin/history", admin);
    expect(all.status).toBe(200);
    expect(text(all.body)).toMatch(/\d+ wijzigingen\./);
    const users = await page(app, "/admin/history?type=user", admin);
    expect(text(users.body)).toContain("Account: bram.contact@example.org");
    expect(text(users.body)).not.toContain("Contactpersoon: =HYPERLINK");
    const contacts = await page(app, "/admin/history?type=contact", admin);
    expect(text(contacts.body)).toContain('Contactpersoon: =HYPERLINK("http://x")');

    const csv = await fetch(`${app.url}/admin/history.csv?type=contact`, { headers: { cookie: admin.cookie, "Accept-Language": "nl" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="regie-history-contact-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(body.startsWith("\uFEFFnummer;tijdstip;door;soort record;recordnummer;record;wijziging;voor;na;verzoeknummer\r\n")).toBe(true);
    const lines = body.trim().split("\r\n").slice(1);
    expect(lines.every((l) => l.split(";")[3] === "contact")).toBe(true);
    expect(body).toContain(`'=HYPERLINK(""http://x"")`);
    expect(body).not.toMatch(/;=HYPERLINK/);
  });

  it("shows an organisation's history to signed-in participants only", async () => {
    const org = await db().selectFrom("organisation").select(["id", "name"]).where("slug", "=", "gemeente-leiden").executeTakeFirstOrThrow();
    await db()
      .insertInto("audit_event")
      .values({
        at: new Date().toISOString(),
        actor_user_id: manager.userId,
        actor_label: "Mira Manager",
        programme_id: null,
        entity_type: "organisation",
        entity_id: org.id,
        entity_label: org.name,
        operation: "rename",
        before_json: null,
        after_json: null,
        request_id: null,
      })
      .execute();
    const publicPage = await page(app, "/organisations/gemeente-leiden", null);
    expect(text(publicPage.body)).not.toContain("Geschiedenis");
    expect(text(publicPage.body)).not.toContain("Mira Manager");
    const member = await page(app, "/organisations/gemeente-leiden", partner);
    expect(text(member.body)).toContain("Geschiedenis");
    expect(text(member.body)).toContain("hernoemd · Mira Manager");
    const noRole = await signedIn(app, {});
    expect(text((await page(app, "/organisations/gemeente-leiden", noRole)).body)).not.toContain("Mira Manager");
  });
});
