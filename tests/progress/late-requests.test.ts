import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { planRound } from "../../app/domain/progress/round-plan";
import { hashSecret } from "../../app/lib/auth/secrets.server";
import type { Services } from "../../app/lib/services.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";
import { addContact, fakeClock, servicesFor, startSmtp, tokenIn, type Smtp } from "./support";

const ORIGIN = "https://regie.example.org";
const ACTOR = { userId: null, label: "Pim Programmamanager" };

/** Opened on Monday 2 June 2014, 10:00 in Amsterdam; answers due Monday 30 June; reminders -7, 0, 7; closes 14 July. */
const OPENED = "2014-06-02T08:00:00.000Z";
/** Tuesday 10 June 2014, 10:00 in Amsterdam: the round is open. */
const LATER = "2014-06-10T08:00:00.000Z";

describe.each(testDialects())("contacts added while an update round is open (%s)", (dialect) => {
  let t: TestDatabase;
  let smtp: Smtp;
  let programmeId: number;
  const clock = fakeClock(OPENED);
  let services: Services;
  const actionId = new Map<number, number>();

  const count = async (table: "round_request" | "job" | "mail_outbox") =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rounds = async () => ({ requests: await count("round_request"), jobs: await count("job") });
  const open = async () => {
    const planned = planRound(
      { period: "2014-H1", dueOn: "2014-06-30", closesOn: "", reminders: "-7, 0, 7" },
      { programme: { start: 2013, end: 2015 }, today: "2014-06-02" },
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    const opened = await services.rounds.open({
      programmeId,
      plan: planned.plan,
      actor: ACTOR,
      now: clock.now(),
      today: "2014-06-02",
    });
    if (opened.status !== "ok") throw new Error(opened.status);
    return opened;
  };
  const run = (iso: string) => services.jobRunner.runDueJobs(clock.set(iso));
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  /** Adds a person to an action as the contacts page does (the page asks open rounds). */
  const addToAction = (number: number, name: string, email: string, askOpenRounds = true) =>
    services.contacts.addToAction({
      programmeId,
      actor: ACTOR,
      now: clock.now().toISOString(),
      ...(askOpenRounds ? { askOpenRounds: true } : {}),
      action: { id: actionId.get(number)!, number },
      contact: { name, email, organisation: null },
    });
  const requestOf = async (number: number) =>
    await t.db.kysely
      .selectFrom("round_request")
      .selectAll()
      .where("action_id", "=", actionId.get(number)!)
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await importProgrammeDocument(t.db, defaultProgrammeDocument(), { isDefault: true });
    programmeId = (await t.db.kysely.selectFrom("programme").select("id").executeTakeFirstOrThrow()).id;
    for (const row of await t.db.kysely.selectFrom("action").select(["id", "number"]).execute())
      actionId.set(row.number, row.id);
    clock.set(OPENED);
    services = servicesFor(t.db, clock, smtp.url);
    smtp.received.length = 0;
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("asks a contact added to an action without a request: one mail with a link for that action, the reminders still to come, the round page, and sending again", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    const opened = await open();
    await run(OPENED);
    expect(smtp.received).toHaveLength(1);

    clock.set(LATER);
    expect(await addToAction(26, "Cora Contact", "cora@example.org")).toEqual({
      status: "ok",
      outcome: "created",
      asked: 1,
    });
    const [request] = await requestOf(26);
    expect(request).toMatchObject({ round_id: opened.id, sent_at: null, created_at: LATER });
    // The same jobs as opening the round makes, for the reminders still to come (23 June, 30 June, 7 July at 9:00).
    const jobs = await services.jobs.list({ exact: `round:${opened.id}/request:${request!.id}` });
    expect(jobs.map((j) => [j.kind, j.status, j.runAt])).toEqual([
      ["round.request", "pending", LATER],
      ["round.reminder", "pending", "2014-06-23T07:00:00.000Z"],
      ["round.reminder", "pending", "2014-06-30T07:00:00.000Z"],
      ["round.reminder", "pending", "2014-07-07T07:00:00.000Z"],
    ]);
    // Nothing is sent inside the change; the runner sends one mail, to Cora only.
    expect(smtp.received).toHaveLength(1);
    expect(await run(LATER)).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const [mail] = mailsTo("cora@example.org");
    expect(mail!.subject).toBe("Regie: voortgang gevraagd voor actie 26 – Leidse regio Werk-top (2014-H1)");
    expect(mail!.text).toContain("Beste Cora Contact,");
    expect(mail!.text).toContain("Graag uw antwoord uiterlijk maandag 30 juni 2014.");
    const token = tokenIn(mail!.text);
    expect(mail!.text).toContain(`${ORIGIN}/respond/${token}`);
    expect(await count("mail_outbox")).toBe(2);
    const link = (await services.rounds.findByTokenHash(hashSecret(token)))!;
    expect(link.action.number).toBe(26);
    expect(link.round.id).toBe(opened.id);
    expect(link.contact.email).toBe("cora@example.org");
    expect((await requestOf(26))[0]!.sent_at).toBe(LATER);

    // The round page lists it like any other request, and counts the action.
    const page = (await services.rounds.get(programmeId, opened.id))!;
    expect(page.round).toMatchObject({ actions: 2, answered: 0 });
    expect(page.requests.map((r) => [r.action.number, r.contact.name, r.sentAt])).toEqual([
      [26, "Cora Contact", LATER],
      [27, "Karel Contact", OPENED],
    ]);
    const history = await t.db.kysely
      .selectFrom("audit_event")
      .select(["operation", "actor_label", "after_json"])
      .where("entity_type", "=", "update_round")
      .orderBy("id")
      .execute();
    expect(history.map((h) => [h.operation, h.actor_label])).toEqual([
      ["create", "Pim Programmamanager"],
      ["add-request", "Pim Programmamanager"],
    ]);
    expect(JSON.parse(history[1]!.after_json!)).toEqual({
      requests: [{ action: 26, contact: "Cora Contact" }],
    });

    // Reminders reach it as they reach the others.
    expect((await run("2014-06-23T07:00:00.000Z")).done).toBe(2);
    expect(mailsTo("cora@example.org")).toHaveLength(2);
    expect(tokenIn(mailsTo("cora@example.org")[1]!.text)).toBe(token);

    // The programme manager sends it again: a new link, the old one stops working.
    clock.set("2014-06-24T10:00:00.000Z");
    expect(
      await services.rounds.resend({
        programmeId,
        roundId: opened.id,
        requestId: request!.id,
        actor: ACTOR,
        now: clock.now(),
        today: "2014-06-24",
      }),
    ).toEqual({ status: "ok" });
    expect(await run("2014-06-24T10:00:00.000Z")).toEqual({ done: 1, retried: 0, failed: 0 });
    const fresh = tokenIn(mailsTo("cora@example.org")[2]!.text);
    expect(fresh).not.toBe(token);
    expect(await services.rounds.findByTokenHash(hashSecret(token))).toBeUndefined();
    const again = (await services.rounds.findByTokenHash(hashSecret(fresh)))!;
    expect(again.action.number).toBe(26);

    // The new link answers for action 26; then only Karel is reminded.
    const answer = await services.progressUpdates.submit({
      programmeId,
      action: again.action,
      period: "2014-H1",
      values: {
        status: "on-track",
        percent: 50,
        narrative: "Loopt.",
        narrativePublic: true,
        milestonesReached: [],
      },
      expectedVersion: null,
      author: { userId: null, contactId: again.contact.id, label: again.contact.name },
      link: { requestId: again.request.id, tokenHash: again.request.tokenHash },
      now: "2014-06-25T10:00:00.000Z",
      today: "2014-06-25",
    });
    expect(answer).toMatchObject({ status: "ok", created: true, roundId: opened.id });
    await run("2014-06-30T07:00:00.000Z");
    expect(mailsTo("cora@example.org")).toHaveLength(3);
    expect(mailsTo("karel@example.org")).toHaveLength(3);
  });

  it("leaves an action that was asked already alone: no request, no mail", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    await open();
    await run(OPENED);
    clock.set(LATER);
    const before = await rounds();
    expect(await addToAction(27, "Dirk Dubbel", "dirk@example.org")).toEqual({
      status: "ok",
      outcome: "created",
      asked: 0,
    });
    expect(await rounds()).toEqual(before);
    // Asked late once; a second contact of that action is not asked again.
    expect((await addToAction(26, "Cora Contact", "cora@example.org")).status).toBe("ok");
    const afterCora = await rounds();
    expect(await addToAction(26, "Eva Extra", "eva@example.org")).toMatchObject({ asked: 0 });
    // The same person again changes nothing either.
    expect(await addToAction(26, "Cora Contact", "cora@example.org")).toMatchObject({
      outcome: "unchanged",
      asked: 0,
    });
    expect(await rounds()).toEqual(afterCora);
    await run(LATER);
    expect(smtp.received.map((m) => m.to[0])).toEqual(["karel@example.org", "cora@example.org"]);
  });

  it("asks nobody without an open round: before any round, after closing by hand, after the closing day, or without a link address", async () => {
    expect(await addToAction(25, "Anna Vroeg", "anna@example.org")).toMatchObject({ asked: 0 });
    expect(await rounds()).toEqual({ requests: 0, jobs: 0 });

    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    const opened = await open();
    await run(OPENED);
    // Without a link address (a change from the command line) nobody is asked.
    clock.set(LATER);
    expect(await addToAction(24, "Bert Zonder", "bert@example.org", false)).toMatchObject({ asked: 0 });
    // After the due date, while the round still runs, an action not asked yet is asked (it may answer once).
    clock.set("2014-07-01T08:00:00.000Z");
    expect(await addToAction(23, "Lotte Laat", "lotte@example.org")).toMatchObject({ asked: 1 });
    const [late] = await requestOf(23);
    expect(
      (await services.jobs.list({ exact: `round:${opened.id}/request:${late!.id}` })).map((j) => [
        j.kind,
        j.runAt,
      ]),
    ).toEqual([
      ["round.request", "2014-07-01T08:00:00.000Z"],
      ["round.reminder", "2014-07-07T07:00:00.000Z"],
    ]);
    // Past the closing day (14 July), even before the job that closes the round has run.
    clock.set("2014-07-15T08:00:00.000Z");
    const before = await rounds();
    expect(await addToAction(22, "Piet Te Laat", "piet@example.org")).toMatchObject({ asked: 0 });
    expect(await rounds()).toEqual(before);
    // Closed by hand.
    clock.set(LATER);
    await services.rounds.close({ programmeId, roundId: opened.id, actor: ACTOR, now: LATER });
    expect(await addToAction(21, "Rita Dicht", "rita@example.org")).toMatchObject({ asked: 0 });
    expect(await rounds()).toEqual(before);
    expect(await requestOf(21)).toEqual([]);
  });

  it("a contacts file asks every new contact of actions not asked yet, in the same transaction; checking only writes nothing", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    const opened = await open();
    await run(OPENED);
    clock.set(LATER);
    const rows = [
      { number: 26, name: "Cora Contact", email: "cora@example.org" },
      { number: 26, name: "Dirk Dubbel", email: "dirk@example.org" },
      { number: 27, name: "Eva Extra", email: "eva@example.org" },
      { number: 25, name: "Fay Vijf", email: "fay@example.org" },
    ].map((r) => ({
      actionId: actionId.get(r.number)!,
      actionNumber: r.number,
      name: r.name,
      email: r.email,
      organisation: null,
    }));
    const input = { programmeId, actor: ACTOR, now: LATER, askOpenRounds: true, rows };
    const before = await rounds();
    expect(await services.contacts.importRows({ ...input, dryRun: true })).toEqual({
      status: "ok",
      counts: { created: 4, updated: 0, unchanged: 0 },
      asked: 0,
    });
    expect(await rounds()).toEqual(before);
    expect(await services.contacts.importRows({ ...input, dryRun: false })).toEqual({
      status: "ok",
      counts: { created: 4, updated: 0, unchanged: 0 },
      asked: 3,
    });
    const page = (await services.rounds.get(programmeId, opened.id))!;
    expect(page.requests.map((r) => [r.action.number, r.contact.name])).toEqual([
      [25, "Fay Vijf"],
      [26, "Cora Contact"],
      [26, "Dirk Dubbel"],
      [27, "Karel Contact"],
    ]);
    expect(await run(LATER)).toEqual({ done: 3, retried: 0, failed: 0 });
    expect(
      smtp.received
        .map((m) => m.to[0])
        .slice(1)
        .sort(),
    ).toEqual(["cora@example.org", "dirk@example.org", "fay@example.org"]);
    for (const m of smtp.received.slice(1)) {
      const link = await services.rounds.findByTokenHash(hashSecret(tokenIn(m.text)));
      expect(m.to[0] === "fay@example.org" ? 25 : 26).toBe(link!.action.number);
    }
  });

  it("an account made the contact of actions (administration) is asked the same way", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    await open();
    await run(OPENED);
    clock.set(LATER);
    const user = await t.db.kysely
      .insertInto("user_account")
      .values({
        email: "gijs@example.org",
        name: "Gijs Gebruiker",
        organisation_id: null,
        password_hash: null,
        is_admin: 0,
        active: 1,
        created_at: LATER,
        updated_at: LATER,
        version: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(
      await services.contacts.setAccountActions({
        programmeId,
        actor: ACTOR,
        now: LATER,
        askOpenRounds: true,
        userId: user.id,
        actionNumbers: [26, 27],
      }),
    ).toEqual({ status: "ok", added: 2, removed: 0, asked: 1 });
    await run(LATER);
    expect(mailsTo("gijs@example.org").map((m) => m.subject)).toEqual([
      "Regie: voortgang gevraagd voor actie 26 – Leidse regio Werk-top (2014-H1)",
    ]);
  });
});
