import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/db/database";
import { scrubText } from "../../app/db/user.repository";
import { testDialects } from "../support/databases";
import { actionId, insertRound, programmeId, updateRow } from "../support/progress-factories";
import { startTestServer, type TestServer } from "../support/server";
import { P, page, postForm, signedIn, SLUG, text, visitor, type Session } from "./support";

const NAME = "Zoë Verwijdermij";
const EMAIL = "zoe.verwijdermij@example.org";

/** Every row of every table, as JSON lines per table: to search all columns for a trace of someone. */
async function everyRow(db: Db): Promise<Map<string, string>> {
  const tables =
    db.dialect === "sqlite"
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db.kysely)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.kysely)).rows.map(
          (r) => r.name,
        );
  const out = new Map<string, string>();
  for (const table of tables) {
    const rows = (await sql`SELECT * FROM ${sql.table(table)}`.execute(db.kysely)).rows;
    out.set(table, rows.map((r) => JSON.stringify(r)).join("\n"));
  }
  return out;
}

function tracesOf(rows: Map<string, string>, needles: string[]): string[] {
  const found: string[] = [];
  for (const [table, content] of rows) {
    const lower = content.toLowerCase();
    for (const needle of needles) if (lower.includes(needle.toLowerCase())) found.push(`${table}: ${needle}`);
  }
  return found;
}

describe("scrubbing a person out of stored text", () => {
  const terms = { names: ["Jan", "Zoë Verwijdermij"], emails: ["zoe@example.org"], pseudonym: { name: "Verwijderde gebruiker 3", email: "erased-3@invalid" } };
  it("replaces emails and full names anywhere, a one-word name only as a whole value", () => {
    expect(scrubText("Mail ZOE@example.org now", terms)).toBe("Mail erased-3@invalid now");
    expect(scrubText("zoë verwijdermij nodigt u uit", terms)).toBe("Verwijderde gebruiker 3 nodigt u uit");
    expect(scrubText("Jan", terms)).toBe("Verwijderde gebruiker 3");
    expect(scrubText("Januari planning", terms)).toBe("Januari planning");
  });
});

describe.each(testDialects())("erasing a person's data on request on %s", (dialect) => {
  let app: TestServer;
  let admin: Session;
  let person: Session;
  let manager: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    admin = await signedIn(app, { admin: true, name: "Ada Beheer" });
    manager = await signedIn(app, { role: "programme-manager", name: "Mira Manager" });
    // The person administers, manages the programme and is contact for action 17.
    person = await signedIn(app, { admin: true, role: "programme-manager", name: NAME, email: EMAIL, contactFor: [17] });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("leaves traces everywhere first: history as actor and as record, contacts, outbox, sign-in attempts, tokens", async () => {
    // As actor: the person adds a contact and invites someone (the mail names the inviter).
    expect((await postForm(app, `${P}/actions/18/contacts`, person, { intent: "add", name: "Other Person", email: "other@example.org", organisation: "" })).status).toBe(302);
    expect((await postForm(app, "/admin/users", person, { name: "Invitee", email: "invitee@example.org", role: "partner", programme: SLUG })).status).toBe(302);
    // As record: a manager adds the person (same email, other spelling) to action 19.
    expect((await postForm(app, `${P}/actions/19/contacts`, manager, { intent: "add", name: "Z. Verwijdermij", email: EMAIL, organisation: "gemeente-leiden" })).status).toBe(302);
    // Mail to the person, a failed sign-in, an API token.
    const v = await visitor(app);
    expect((await postForm(app, "/password/forgot", v, { email: EMAIL })).status).toBe(200);
    expect((await postForm(app, "/sign-in", v, { email: EMAIL, password: "wrong password here", next: "/" })).status).toBe(401);
    await app.server.services.auth.createApiToken(person.userId, "my script");

    const rows = await everyRow(app.server.services.db);
    expect(tracesOf(rows, [EMAIL]).sort()).toEqual(
      ["audit_event", "auth_attempt", "contact", "mail_outbox", "user_account"].map((t) => `${t}: ${EMAIL}`),
    );
    expect(tracesOf(rows, ["Verwijdermij"]).map((t) => t.split(":")[0]).sort()).toEqual(["audit_event", "auth_attempt", "contact", "mail_outbox", "user_account"]);
  });

  it("exports the person's own data as JSON", async () => {
    // A progress update the person wrote for action 17, answering the request of the 2014-Q1 round sent to them as contact.
    const db = app.server.services.db;
    const programme = await programmeId(db, SLUG);
    const a17 = await actionId(db, programme, 17);
    const round = await insertRound(db, { programmeId: programme, period: "2014-Q1", openedOn: "2014-03-15", dueOn: "2014-04-05", closesOn: "2014-04-30" });
    const update = await db.kysely
      .insertInto("progress_update")
      .values({ ...updateRow({ actionId: a17, status: "on-track", period: "2014-Q1", roundId: round, createdAt: "2014-04-02T09:00:00.000Z", narrative: "Loopt volgens plan." }), percent: 50, author_user_id: person.userId, author_label: NAME })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contact = await db.kysely.selectFrom("contact").select("id").where("email", "=", EMAIL).executeTakeFirstOrThrow();
    await db.kysely
      .insertInto("round_request")
      .values({ round_id: round, action_id: a17, contact_id: contact.id, token_hash: "geheime-linkhash-17", sent_at: "2014-03-15T08:00:00.000Z", last_reminded_at: null, answered_at: "2014-04-02T09:00:00.000Z", update_id: update.id, created_at: "2014-03-15T08:00:00.000Z" })
      .execute();

    const res = await fetch(`${app.url}/account/data.json`, { headers: { cookie: person.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="regie-my-data-${person.userId}.json"`);
    const data = (await res.json()) as {
      format: string;
      account: { name: string; email: string; administrator: boolean };
      roles: { programme: string; role: string }[];
      contactRecords: { name: string; email: string; organisation: string | null; actions: { number: number }[] }[];
      historyByYou: { operation: string; record: { type: string } }[];
      mailToYou: { purpose: string }[];
      apiTokens: { name: string }[];
      progressUpdates: unknown[];
      updateRequests: unknown[];
    };
    expect(data.format).toBe("regie-personal-data/1");
    expect(data.account).toMatchObject({ name: NAME, email: EMAIL, administrator: true });
    expect(data.roles.map((r) => [r.programme, r.role])).toEqual([[SLUG, "programme-manager"]]);
    expect(data.contactRecords).toHaveLength(1);
    expect(data.contactRecords[0]).toMatchObject({ name: "Z. Verwijdermij", email: EMAIL, organisation: "Gemeente Leiden" });
    expect(data.contactRecords[0]!.actions.map((a) => a.number)).toEqual([17, 19]);
    expect(data.historyByYou.map((h) => `${h.record.type}:${h.operation}`)).toEqual(["contact:create", "contact:link", "user:create"]);
    expect(data.mailToYou.map((m) => m.purpose)).toEqual(["password-reset"]);
    expect(data.apiTokens.map((t) => t.name)).toEqual(["my script"]);
    expect(data.progressUpdates).toEqual([
      { programme: SLUG, action: 17, period: "2014-Q1", status: "on-track", percent: 50, narrative: "Loopt volgens plan.", narrativePublic: true, submittedAt: "2014-04-02T09:00:00.000Z", updatedAt: "2014-04-02T09:00:00.000Z" },
    ]);
    expect(data.updateRequests).toEqual([
      { programme: SLUG, period: "2014-Q1", action: 17, actionTitle: expect.any(String) as string, sentAt: "2014-03-15T08:00:00.000Z", lastRemindedAt: null, answeredAt: "2014-04-02T09:00:00.000Z" },
    ]);
    expect(JSON.stringify(data)).not.toContain("geheime-linkhash");
    // Someone else's export holds nothing of this person.
    const other = await (await fetch(`${app.url}/account/data.json`, { headers: { cookie: manager.cookie } })).text();
    expect(other).not.toContain(EMAIL);
    // Without signing in: to the sign-in page.
    expect((await page(app, "/account/data.json", null)).status).toBe(302);
  });

  it("asks for confirmation and refuses to erase oneself, changing nothing", async () => {
    const unconfirmed = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "erase" });
    expect(unconfirmed.status).toBe(400);
    expect(text(unconfirmed.body)).toContain("Vink aan dat u de gegevens definitief wilt wissen.");
    const self = await postForm(app, `/admin/users/${admin.userId}`, admin, { intent: "erase", confirm: "yes" });
    expect(self.status).toBe(400);
    const row = await app.server.services.db.kysely.selectFrom("user_account").select(["name", "email"]).where("id", "=", person.userId).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: NAME, email: EMAIL });
  });

  it("erases: a pseudonym everywhere, no trace of name or email in any table, the erasure itself recorded", async () => {
    const historyBefore = await app.server.services.history.count();
    const res = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "erase", confirm: "yes" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/admin/users/${person.userId}?done=erased`);

    const rows = await everyRow(app.server.services.db);
    expect(tracesOf(rows, [EMAIL, NAME, "Verwijdermij", "zoe.verwijdermij"])).toEqual([]);

    const db = app.server.services.db.kysely;
    const pseudonym = `Verwijderde gebruiker ${person.userId}`;
    const user = await db.selectFrom("user_account").selectAll().where("id", "=", person.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: pseudonym, email: `erased-${person.userId}@invalid`, password_hash: null, active: 0, is_admin: 0, organisation_id: null });
    expect(user.erased_at).not.toBeNull();
    for (const table of ["session", "api_token", "one_time_token", "role_assignment"] as const) {
      expect(await db.selectFrom(table).selectAll().where("user_id", "=", person.userId).execute(), table).toEqual([]);
    }
    // History keeps what happened, by the pseudonym.
    const byPerson = await db.selectFrom("audit_event").select(["actor_label", "operation", "entity_type"]).where("actor_user_id", "=", person.userId).orderBy("id").execute();
    expect(byPerson.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byPerson.map((e) => e.actor_label))).toEqual(new Set([pseudonym]));
    const erasure = (await app.server.services.history.forEntity("user", person.userId))[0]!;
    expect(erasure).toMatchObject({ operation: "erase", actor: "Ada Beheer", entityLabel: `erased-${person.userId}@invalid`, before: null, after: { erased: true, contactsRemoved: 1, rolesRemoved: 2 } });
    expect(await app.server.services.history.count()).toBe(historyBefore + 1);
    // Mail to the person is gone; the invitation the person sent keeps its text with the pseudonym.
    const invitation = await db.selectFrom("mail_outbox").select("body_text").where("recipient", "=", "invitee@example.org").executeTakeFirstOrThrow();
    expect(invitation.body_text).toContain(`${pseudonym} nodigt u uit voor Regie`);
    // The contact the person added stays; the person is no contact of any action.
    expect((await app.server.services.contacts.listForAction((await app.server.services.actions.get((await app.server.services.programmes.get(SLUG))!.id, 18))!.id)).map((c) => c.name)).toEqual(["Other Person"]);
    // Signed out everywhere; the page says what happened; a second erasure is refused.
    expect((await page(app, "/account", person)).status).toBe(302);
    const detail = text((await page(app, res.headers.get("location")!, admin)).body);
    expect(detail).toContain("De persoonsgegevens zijn gewist.");
    expect(detail).toContain("Status Gewist");
    const again = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "erase", confirm: "yes" });
    expect(again.status).toBe(400);
    expect(text(again.body)).toContain("De gegevens van dit account zijn al gewist.");
  });
});

describe.each(testDialects())("erasing a person who answered personal links as a contact on %s", (dialect) => {
  const CONTACT_NAME = "Noor Linkantwoord";
  const CONTACT_EMAIL = "noor.linkantwoord@example.org";
  let app: TestServer;
  let admin: Session;
  let manager: Session;
  let person: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    admin = await signedIn(app, { admin: true, name: "Ada Beheer" });
    manager = await signedIn(app, { role: "programme-manager", name: "Mira Manager" });
    person = await signedIn(app, { role: "partner", name: CONTACT_NAME, email: CONTACT_EMAIL });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("pseudonymises the author of updates sent through a personal link, also from a contact record without an account", async () => {
    const db = app.server.services.db;
    const programme = await programmeId(db, SLUG);
    const [a17, a21, a22] = [await actionId(db, programme, 17), await actionId(db, programme, 21), await actionId(db, programme, 22)];
    // Contact for action 17 under an older address, linked to the account; for action 21 under the
    // account's address with no account linked (added by hand); someone else is contact for action 22.
    const now = new Date().toISOString();
    const contact = (name: string, email: string, userId: number | null) =>
      db.kysely
        .insertInto("contact")
        .values({ name, email, organisation_id: null, user_id: userId, created_at: now, updated_at: now, version: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
    const linked = await contact(CONTACT_NAME, "noor.oud@example.org", person.userId);
    const unlinked = await contact("N. Linkantwoord", CONTACT_EMAIL, null);
    const other = await contact("Otto Anders", "otto.anders@example.org", null);
    await db.kysely.insertInto("action_contact").values([
      { action_id: a17, contact_id: linked.id, created_at: now },
      { action_id: a21, contact_id: unlinked.id, created_at: now },
      { action_id: a22, contact_id: other.id, created_at: now },
    ]).execute();
    // Answers through personal links: no account as author, the contact and its name at the time.
    const round = await insertRound(db, { programmeId: programme, period: "2014-Q2", openedOn: "2014-06-15", dueOn: "2014-07-05", closesOn: "2014-07-31" });
    const answers = [
      { actionId: a17, contactId: linked.id, label: CONTACT_NAME },
      { actionId: a21, contactId: unlinked.id, label: "N. Linkantwoord" },
      { actionId: a22, contactId: other.id, label: "Otto Anders" },
    ];
    const ids: number[] = [];
    for (const a of answers) {
      const row = await db.kysely
        .insertInto("progress_update")
        .values(updateRow({ actionId: a.actionId, status: "on-track", period: "2014-Q2", roundId: round, authorContactId: a.contactId, authorLabel: a.label, createdAt: "2014-07-01T09:00:00.000Z" }))
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    // Members see who reported.
    expect(text((await page(app, `${P}/actions/21`, manager)).body)).toContain("N. Linkantwoord");

    const res = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "erase", confirm: "yes" });
    expect(res.status).toBe(302);

    const pseudonym = `Verwijderde gebruiker ${person.userId}`;
    const updates = await db.kysely
      .selectFrom("progress_update")
      .select(["id", "author_label", "author_contact_id", "author_user_id"])
      .where("id", "in", ids)
      .orderBy("id")
      .execute();
    expect(updates).toEqual([
      { id: ids[0], author_label: pseudonym, author_contact_id: null, author_user_id: null },
      { id: ids[1], author_label: pseudonym, author_contact_id: null, author_user_id: null },
      // Someone else's answer keeps its author.
      { id: ids[2], author_label: "Otto Anders", author_contact_id: other.id, author_user_id: null },
    ]);
    // No trace of the person's names or email in any table; the pages show the pseudonym.
    const rows = await everyRow(db);
    expect(tracesOf(rows, [CONTACT_EMAIL, "noor.oud@example.org", CONTACT_NAME, "Linkantwoord"])).toEqual([]);
    const a21Page = text((await page(app, `${P}/actions/21`, manager)).body);
    expect(a21Page).toContain(pseudonym);
    expect(a21Page).not.toContain("Linkantwoord");
    expect(text((await page(app, `${P}/actions/22`, manager)).body)).toContain("Otto Anders");
  });
});
