import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../app/db/database";
import { MAX_ATTEMPTS } from "../../app/db/job.repository";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { planRound } from "../../app/domain/progress/round-plan";
import { hashSecret } from "../../app/lib/auth/secrets.server";
import type { Services } from "../../app/lib/services.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { defaultProgrammeDocument } from "../support/default-programme";
import { addContact, fakeClock, servicesFor, startSmtp, tokenIn, type Smtp } from "./support";

const PROGRAMME = { start: 2013, end: 2015 };
const ACTOR = { userId: null, label: "Pim Programmamanager" };

/** Opened on Monday 2 June 2014, 10:00 in Amsterdam; answers due Monday 30 June; reminders -7, 0, 7. */
const OPENED = "2014-06-02T08:00:00.000Z";
const plan = (period = "2014-H1", reminders = "-7, 0, 7") => {
  const planned = planRound(
    { period, dueOn: "2014-06-30", closesOn: "", reminders },
    { programme: PROGRAMME, today: "2014-06-02" },
  );
  if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
  return planned.plan;
};

describe.each(testDialects())("update rounds with mail over SMTP and a fake clock (%s)", (dialect) => {
  let t: TestDatabase;
  let smtp: Smtp;
  let programmeId: number;
  const clock = fakeClock(OPENED);
  let services: Services;
  const actionId = new Map<number, number>();

  const count = async (
    table: "update_round" | "round_request" | "job" | "mail_outbox" | "audit_event" | "progress_update",
  ) =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const tables = async () => ({
    rounds: await count("update_round"),
    requests: await count("round_request"),
    jobs: await count("job"),
    outbox: await count("mail_outbox"),
    audit: await count("audit_event"),
    updates: await count("progress_update"),
  });
  const open = (p = plan()) =>
    services.rounds.open({
      programmeId,
      plan: p,
      actor: ACTOR,
      now: clock.now(),
      today: "2014-06-02",
    });
  const run = (iso: string) => services.jobRunner.runDueJobs(clock.set(iso));
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

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
    smtp.refuse.clear();
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("refuses a round when no action has a contact, and a second round for the same period, writing nothing", async () => {
    const before = await tables();
    expect(await open()).toEqual({ status: "no-contacts" });
    expect(await tables()).toEqual(before);

    await addContact(t.db, programmeId, [26], { name: "Cora Contact", email: "cora@example.org" });
    const first = await open();
    expect(first).toMatchObject({ status: "ok", requests: 1, actions: 1 });
    const after = await tables();
    expect(await open()).toEqual({ status: "duplicate" });
    expect(await tables()).toEqual(after);
  });

  it("opens a round in one go and leaves the sending to the runner; reminders at 9:00 in Amsterdam 7 days before, on the day and 7 days after, none once answered", async () => {
    await addContact(t.db, programmeId, [26], {
      name: "Cora Contact",
      email: "cora@example.org",
      organisation: "gemeente-leiden",
    });
    await addContact(t.db, programmeId, [26], { name: "Dirk Dubbel", email: "dirk@example.org" });
    await addContact(t.db, programmeId, [27], {
      name: "Karel Contact",
      email: "karel@example.org",
      organisation: "universiteit-leiden",
    });

    const opened = await open();
    expect(opened).toMatchObject({ status: "ok", requests: 3, actions: 2 });
    if (opened.status !== "ok") return;
    // Opening sends nothing itself.
    expect(smtp.received).toEqual([]);
    expect(await count("mail_outbox")).toBe(0);
    const round = await t.db.kysely.selectFrom("update_round").selectAll().executeTakeFirstOrThrow();
    expect(round).toMatchObject({
      period: "2014-H1",
      opened_on: "2014-06-02",
      due_on: "2014-06-30",
      closes_on: "2014-07-14",
      status: "open",
      reminder_offsets: "[-7,0,7]",
    });
    const jobs = await services.jobs.list();
    expect(jobs.map((j) => [j.kind, j.runAt])).toEqual([
      ["round.request", OPENED],
      ["round.request", OPENED],
      ["round.request", OPENED],
      // Summer time: 9:00 in Amsterdam is 7:00 UTC.
      ["round.reminder", "2014-06-23T07:00:00.000Z"],
      ["round.reminder", "2014-06-23T07:00:00.000Z"],
      ["round.reminder", "2014-06-23T07:00:00.000Z"],
      ["round.reminder", "2014-06-30T07:00:00.000Z"],
      ["round.reminder", "2014-06-30T07:00:00.000Z"],
      ["round.reminder", "2014-06-30T07:00:00.000Z"],
      ["round.reminder", "2014-07-07T07:00:00.000Z"],
      ["round.reminder", "2014-07-07T07:00:00.000Z"],
      ["round.reminder", "2014-07-07T07:00:00.000Z"],
      // The round closes when 14 July has ended in Amsterdam.
      ["round.close", "2014-07-14T22:00:00.000Z"],
    ]);

    expect(await run(OPENED)).toEqual({ done: 3, retried: 0, failed: 0 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      "cora@example.org",
      "dirk@example.org",
      "karel@example.org",
    ]);
    const cora = mailsTo("cora@example.org")[0]!;
    expect(cora.subject).toBe("Regie: voortgang gevraagd voor actie 26 – Leidse regio Werk-top (2014-H1)");
    expect(cora.text).toContain("Beste Cora Contact,");
    expect(cora.text).toContain(
      "hoe het ervoor staat over de eerste helft van 2014. Graag uw antwoord uiterlijk maandag 30 juni 2014.",
    );
    expect(cora.text).toContain(
      "De link werkt alleen voor deze actie en deze ronde, tot en met maandag 14 juli 2014.",
    );
    expect(cora.text).toContain("In English: On behalf of the programme manager");
    expect(cora.text).toContain("Please answer by Monday, 30 June 2014.");
    const coraToken = tokenIn(cora.text);
    expect(cora.text).toContain(`https://regie.example.org/respond/${coraToken}`);
    // The mail and the outbox hold the link; the request holds only its hash, the finished job not even that.
    const coraRequest = await t.db.kysely
      .selectFrom("round_request")
      .selectAll()
      .where("token_hash", "=", hashSecret(coraToken))
      .executeTakeFirstOrThrow();
    expect(coraRequest.sent_at).toBe(OPENED);
    const done = await t.db.kysely
      .selectFrom("job")
      .select(["payload", "status"])
      .where("kind", "=", "round.request")
      .execute();
    expect(
      done.every(
        (j) => j.status === "done" && !j.payload.includes(coraToken) && !j.payload.includes("token"),
      ),
    ).toBe(true);
    expect(await count("mail_outbox")).toBe(3);
    // A second run at the same time sends nothing again.
    expect(await run(OPENED)).toEqual({ done: 0, retried: 0, failed: 0 });

    // A minute before nine on 23 June: nothing yet; at nine: three reminders.
    expect((await run("2014-06-23T06:59:00.000Z")).done).toBe(0);
    expect((await run("2014-06-23T07:00:00.000Z")).done).toBe(3);
    expect(smtp.received).toHaveLength(6);
    const reminder = mailsTo("karel@example.org")[1]!;
    expect(reminder.subject).toBe(
      "Herinnering – Regie: voortgang gevraagd voor actie 27 – Stroomlijnen werkgeversdienstverlening (2014-H1)",
    );
    expect(reminder.text).toContain("De uiterste datum is maandag 30 juni 2014.");
    expect(tokenIn(reminder.text)).toBe(tokenIn(mailsTo("karel@example.org")[0]!.text));

    // Cora answers for action 26 through her link; Dirk, the other contact of 26, then gets no reminders either.
    const link = await services.rounds.findByTokenHash(hashSecret(coraToken));
    expect(link?.action.number).toBe(26);
    clock.set("2014-06-25T12:00:00.000Z");
    const answer = await services.progressUpdates.submit({
      programmeId,
      action: link!.action,
      period: "2014-H1",
      values: {
        status: "delayed",
        percent: 40,
        narrative: "Later door de zomer.",
        narrativePublic: true,
        milestonesReached: [],
      },
      expectedVersion: null,
      author: { userId: null, contactId: link!.contact.id, label: link!.contact.name },
      link: { requestId: link!.request.id, tokenHash: link!.request.tokenHash },
      now: clock.now().toISOString(),
      today: "2014-06-25",
    });
    expect(answer).toMatchObject({ status: "ok", version: 1, created: true, roundId: opened.id });
    const requests = await t.db.kysely
      .selectFrom("round_request")
      .select(["action_id", "answered_at"])
      .orderBy("id")
      .execute();
    expect(requests.map((r) => [r.action_id, r.answered_at])).toEqual([
      [actionId.get(26), "2014-06-25T12:00:00.000Z"],
      [actionId.get(26), "2014-06-25T12:00:00.000Z"],
      [actionId.get(27), null],
    ]);

    expect((await run("2014-06-30T07:00:00.000Z")).done).toBe(3);
    expect(smtp.received).toHaveLength(7);
    expect(smtp.received[6]!.to).toEqual(["karel@example.org"]);
    expect(smtp.received[6]!.text).toContain("De uiterste datum is vandaag, maandag 30 juni 2014.");
    expect((await run("2014-07-07T07:00:00.000Z")).done).toBe(3);
    expect(smtp.received).toHaveLength(8);
    expect(smtp.received[7]!.to).toEqual(["karel@example.org"]);
    expect(smtp.received[7]!.text).toContain(
      "De uiterste datum (maandag 30 juni 2014) is verstreken; u kunt nog één keer antwoorden.",
    );
    const karel = await t.db.kysely
      .selectFrom("round_request")
      .select("last_reminded_at")
      .where("action_id", "=", actionId.get(27)!)
      .executeTakeFirstOrThrow();
    expect(karel.last_reminded_at).toBe("2014-07-07T07:00:00.000Z");

    // When 14 July has ended the round closes by itself; its links stop working.
    expect((await run("2014-07-14T21:59:00.000Z")).done).toBe(0);
    expect((await run("2014-07-14T22:00:00.000Z")).done).toBe(1);
    expect(
      (await t.db.kysely.selectFrom("update_round").select("status").executeTakeFirstOrThrow()).status,
    ).toBe("closed");
    expect(smtp.received).toHaveLength(8);
    expect((await services.jobs.list()).filter((j) => j.status !== "done")).toEqual([]);
    const history = await t.db.kysely
      .selectFrom("audit_event")
      .select(["operation", "actor_label", "after_json"])
      .where("entity_type", "=", "update_round")
      .orderBy("id")
      .execute();
    expect(history.map((h) => [h.operation, h.actor_label])).toEqual([
      ["create", "Pim Programmamanager"],
      ["update", "Regie"],
    ]);
  });

  it("closing by hand cancels the pending mails and drops their secrets; a late reminder job of a closed round sends nothing", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    const opened = await open();
    if (opened.status !== "ok") throw new Error("not opened");
    await run(OPENED);
    expect(smtp.received).toHaveLength(1);
    const closed = await services.rounds.close({
      programmeId,
      roundId: opened.id,
      actor: ACTOR,
      now: "2014-06-10T10:00:00.000Z",
    });
    expect(closed).toEqual({ status: "ok" });
    expect(
      await services.rounds.close({
        programmeId,
        roundId: opened.id,
        actor: ACTOR,
        now: "2014-06-10T10:00:01.000Z",
      }),
    ).toEqual({ status: "closed" });
    const jobs = await t.db.kysely
      .selectFrom("job")
      .select(["kind", "status", "payload"])
      .where("status", "=", "cancelled")
      .execute();
    expect(jobs.map((j) => j.kind).sort()).toEqual([
      "round.close",
      "round.reminder",
      "round.reminder",
      "round.reminder",
    ]);
    expect(jobs.every((j) => j.payload === "{}")).toBe(true);
    await run("2014-07-20T08:00:00.000Z");
    expect(smtp.received).toHaveLength(1);
  });

  it("sends a request again with a new link: the old link stops working and its reminders are replaced", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    const opened = await open();
    if (opened.status !== "ok") throw new Error("not opened");
    await run(OPENED);
    const oldToken = tokenIn(smtp.received[0]!.text);
    const request = await t.db.kysely.selectFrom("round_request").select("id").executeTakeFirstOrThrow();
    clock.set("2014-06-24T10:00:00.000Z");
    const resent = await services.rounds.resend({
      programmeId,
      roundId: opened.id,
      requestId: request.id,
      actor: ACTOR,
      now: clock.now(),
      today: "2014-06-24",
    });
    expect(resent).toEqual({ status: "ok" });
    expect(await services.rounds.findByTokenHash(hashSecret(oldToken))).toBeUndefined();
    const pending = await services.jobs.list({ under: `round:${opened.id}` });
    // The -7 reminder (23 June) is past: the new link comes with the 0 and +7 reminders only.
    expect(pending.filter((j) => j.status === "pending").map((j) => [j.kind, j.runAt])).toEqual([
      ["round.request", "2014-06-24T10:00:00.000Z"],
      ["round.reminder", "2014-06-30T07:00:00.000Z"],
      ["round.reminder", "2014-07-07T07:00:00.000Z"],
      ["round.close", "2014-07-14T22:00:00.000Z"],
    ]);
    await run("2014-06-24T10:00:00.000Z");
    expect(smtp.received).toHaveLength(2);
    const newToken = tokenIn(smtp.received[1]!.text);
    expect(newToken).not.toBe(oldToken);
    expect((await services.rounds.findByTokenHash(hashSecret(newToken)))?.action.number).toBe(27);
    await run("2014-06-30T07:00:00.000Z");
    expect(smtp.received).toHaveLength(3);
    expect(tokenIn(smtp.received[2]!.text)).toBe(newToken);
  });

  it("a personal link answers for its own action and period only, corrects until the due date, answers late once, and is refused after closing", async () => {
    const coraId = await addContact(t.db, programmeId, [26], {
      name: "Cora Contact",
      email: "cora@example.org",
    });
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    const opened = await open();
    if (opened.status !== "ok") throw new Error("not opened");
    await run(OPENED);
    const link = (await services.rounds.findByTokenHash(
      hashSecret(tokenIn(mailsTo("cora@example.org")[0]!.text)),
    ))!;
    const karel = (await services.rounds.findByTokenHash(
      hashSecret(tokenIn(mailsTo("karel@example.org")[0]!.text)),
    ))!;
    const submit = (over: {
      action?: { id: number; number: number; title: string };
      period?: string;
      today: string;
      version?: number | null;
      status?: "on-track" | "delayed";
      which?: typeof link;
    }) =>
      services.progressUpdates.submit({
        programmeId,
        action: over.action ?? (over.which ?? link).action,
        period: over.period ?? "2014-H1",
        values: {
          status: over.status ?? "on-track",
          percent: null,
          narrative: "Loopt.",
          narrativePublic: false,
          milestonesReached: [],
        },
        expectedVersion: over.version ?? null,
        author: {
          userId: null,
          contactId: (over.which ?? link).contact.id,
          label: (over.which ?? link).contact.name,
        },
        link: {
          requestId: (over.which ?? link).request.id,
          tokenHash: (over.which ?? link).request.tokenHash,
        },
        now: `${over.today}T10:00:00.000Z`,
        today: over.today,
      });
    const before = await tables();
    // Another action, another period: refused, nothing written.
    expect(await submit({ action: karel.action, today: "2014-06-10" })).toEqual({
      status: "refused",
      reason: "link",
    });
    expect(await submit({ period: "2014-H2", today: "2014-06-10" })).toEqual({
      status: "refused",
      reason: "period",
    });
    expect(await tables()).toEqual(before);
    expect(link.contact.id).toBe(coraId);

    expect(await submit({ today: "2014-06-10" })).toMatchObject({ status: "ok", version: 1, created: true });
    // A second answer without the version it corrects is a conflict; with it, a correction (until the due date, inclusive).
    expect(await submit({ today: "2014-06-30" })).toMatchObject({
      status: "conflict",
      current: { version: 1, status: "on-track" },
    });
    expect(await submit({ today: "2014-06-30", version: 1, status: "delayed" })).toMatchObject({
      status: "ok",
      version: 2,
      created: false,
    });
    // After the due date the answer stands.
    const locked = await tables();
    expect(await submit({ today: "2014-07-01", version: 2 })).toEqual({
      status: "refused",
      reason: "locked",
    });
    expect(await tables()).toEqual(locked);
    // An action that has not answered may still answer once after the due date, then no more.
    expect(await submit({ which: karel, today: "2014-07-08" })).toMatchObject({ status: "ok", version: 1 });
    expect(await submit({ which: karel, today: "2014-07-08", version: 1 })).toEqual({
      status: "refused",
      reason: "locked",
    });
    // After the closing date nothing is accepted.
    await t.db.kysely.deleteFrom("progress_update").where("action_id", "=", karel.action.id).execute();
    expect(await submit({ which: karel, today: "2014-07-15" })).toEqual({
      status: "refused",
      reason: "closed",
    });
    const audit = await t.db.kysely
      .selectFrom("audit_event")
      .select(["operation", "actor_label", "before_json", "after_json"])
      .where("entity_type", "=", "progress_update")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.operation, a.actor_label])).toEqual([
      ["create", "Cora Contact"],
      ["update", "Cora Contact"],
      ["create", "Karel Contact"],
    ]);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ status: "on-track" });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ status: "delayed" });
  });

  it("retries a delivery that fails over SMTP with a growing wait, and gives up after the last attempt", async () => {
    await addContact(t.db, programmeId, [27], { name: "Karel Contact", email: "karel@example.org" });
    await open(plan("2014-H1", ""));
    smtp.refuse.add("karel@example.org");
    expect(await run(OPENED)).toEqual({ done: 0, retried: 1, failed: 0 });
    const job = async () =>
      await t.db.kysely
        .selectFrom("job")
        .selectAll()
        .where("kind", "=", "round.request")
        .executeTakeFirstOrThrow();
    expect(await job()).toMatchObject({
      status: "pending",
      attempts: 1,
      run_at: "2014-06-02T08:01:00.000Z",
      locked_at: null,
    });
    expect((await job()).last_error).toContain("could not be delivered");
    // Not due yet half a minute later.
    expect(await run("2014-06-02T08:00:30.000Z")).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await run("2014-06-02T08:01:00.000Z")).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await job()).toMatchObject({ attempts: 2, run_at: "2014-06-02T08:03:00.000Z" });
    await run("2014-06-02T08:03:00.000Z");
    await run("2014-06-02T08:07:00.000Z");
    expect(await job()).toMatchObject({ attempts: 4, run_at: "2014-06-02T08:15:00.000Z" });
    expect(await run("2014-06-02T08:15:00.000Z")).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await job()).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, payload: "{}" });
    // Every attempt is in the outbox with its error, for the administrator to see.
    const outbox = await t.db.kysely.selectFrom("mail_outbox").select(["error", "sent_at"]).execute();
    expect(outbox).toHaveLength(MAX_ATTEMPTS);
    expect(outbox.every((m) => m.sent_at === null && (m.error ?? "").length > 0)).toBe(true);
    expect(smtp.received).toEqual([]);
  });

  it("fails a job with a malformed payload at once, and picks up a job whose process died", async () => {
    const now = "2014-06-02T08:00:00.000Z";
    await t.db.kysely
      .insertInto("job")
      .values([
        {
          kind: "round.request",
          payload: "{}",
          run_at: now,
          status: "pending",
          attempts: 0,
          created_at: now,
          updated_at: now,
        },
        {
          kind: "round.close",
          payload: JSON.stringify({ roundId: 999 }),
          run_at: now,
          status: "running",
          attempts: 1,
          locked_at: "2014-06-02T07:49:00.000Z",
          created_at: now,
          updated_at: now,
        },
        {
          kind: "round.close",
          payload: JSON.stringify({ roundId: 998 }),
          run_at: now,
          status: "running",
          attempts: 1,
          locked_at: "2014-06-02T07:55:00.000Z",
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    expect(await run(now)).toEqual({ done: 1, retried: 0, failed: 1 });
    const jobs = await t.db.kysely
      .selectFrom("job")
      .select(["payload", "status", "attempts"])
      .orderBy("id")
      .execute();
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual([
      ["failed", 1],
      // Locked eleven minutes ago: abandoned, run again.
      ["done", 2],
      // Locked five minutes ago: still someone else's.
      ["running", 1],
    ]);
  });

  it("two runners on two connections to one database send every mail exactly once", async () => {
    for (let n = 1; n <= 24; n++)
      await addContact(t.db, programmeId, [n], { name: `Contact ${n}`, email: `contact${n}@example.org` });
    await open(plan("2014-H1", ""));
    const other: Db = openDatabase(t.url, { poolSize: 5 });
    try {
      const second = servicesFor(other, clock, smtp.url);
      const [a, b] = await Promise.all([
        services.jobRunner.runDueJobs(clock.now()),
        second.jobRunner.runDueJobs(clock.now()),
      ]);
      expect(a.done + b.done).toBe(24);
      expect(a.retried + a.failed + b.retried + b.failed).toBe(0);
    } finally {
      await other.close();
    }
    const recipients = smtp.received.map((m) => m.to[0]);
    expect(recipients).toHaveLength(24);
    expect(new Set(recipients).size).toBe(24);
    const jobs = await t.db.kysely
      .selectFrom("job")
      .select(["status", "attempts"])
      .where("kind", "=", "round.request")
      .execute();
    expect(jobs.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
  });
});
