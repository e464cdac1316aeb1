import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPersonalDataRepository } from "../../app/db/personal-data.repository";
import { DEFAULT_PROGRAMME_SLUG, loadDefaultDataIfEmpty } from "../../app/lib/default-data.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { actionId, insertContact, insertRound, programmeId, updateRow } from "../support/progress-factories";

const DATA = new URL("../../data", import.meta.url).pathname;
const EMAIL = "pieter.voortgang@example.org";
const AT = "2014-04-02T09:00:00.000Z";

describe.each(testDialects())("a person's data export: progress updates and update requests (%s)", (dialect) => {
  let t: TestDatabase;
  let userId: number;
  let otherUserId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await loadDefaultDataIfEmpty(t.db, DATA);
    const k = t.db.kysely;
    const account = (email: string, name: string) =>
      k
        .insertInto("user_account")
        .values({ email, name, organisation_id: null, password_hash: null, is_admin: 0, active: 1, language: null, created_at: AT, updated_at: AT, erased_at: null, version: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
    userId = (await account(EMAIL, "Pieter Voortgang")).id;
    otherUserId = (await account("iemand.anders@example.org", "Iemand Anders")).id;

    const programme = await programmeId(t.db, DEFAULT_PROGRAMME_SLUG);
    const [a17, a19, a20] = [await actionId(t.db, programme, 17), await actionId(t.db, programme, 19), await actionId(t.db, programme, 20)];
    // The person is contact for actions 17 and 19 under their email address, without the record being linked to the account.
    const contact = await insertContact(t.db, { name: "P. Voortgang", email: EMAIL, actionId: a17 });
    await k.insertInto("action_contact").values({ action_id: a19, contact_id: contact, created_at: AT }).execute();
    const otherContact = await insertContact(t.db, { name: "Iemand Anders", email: "iemand.anders@example.org", actionId: a20 });

    const q1 = await insertRound(t.db, { programmeId: programme, period: "2014-Q1", openedOn: "2014-03-15", dueOn: "2014-04-05", closesOn: "2014-04-30" });
    const q2 = await insertRound(t.db, { programmeId: programme, period: "2014-Q2", openedOn: "2014-06-15", dueOn: "2014-07-05", closesOn: "2014-07-31" });

    // Signed in: action 17, 2014-Q1. Through the personal link as a contact: action 19, 2014-Q1, not public.
    const signedIn = await k
      .insertInto("progress_update")
      .values({
        ...updateRow({ actionId: a17, status: "on-track", period: "2014-Q1", roundId: q1, createdAt: AT, narrative: "De eerste bijeenkomst is gehouden." }),
        percent: 40,
        author_user_id: userId,
        author_label: "Pieter Voortgang",
        updated_at: "2014-04-03T10:00:00.000Z",
        version: 2,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await k
      .insertInto("progress_update")
      .values({
        ...updateRow({ actionId: a19, status: "at-risk", period: "2014-Q1", roundId: q1, createdAt: "2014-04-04T08:30:00.000Z", narrative: "Wacht op budget.", authorContactId: contact, authorLabel: "P. Voortgang" }),
        narrative_public: 0,
      })
      .execute();
    // Someone else's update, on an action the person is contact for, and the other person's request.
    await k
      .insertInto("progress_update")
      .values({ ...updateRow({ actionId: a17, status: "delayed", period: "2014-Q2", createdAt: "2014-07-01T08:00:00.000Z", narrative: "Door iemand anders." }), author_user_id: otherUserId, author_label: "Iemand Anders" })
      .execute();

    const request = (round: number, action: number, contactId: number, token: string, answered: { at: string; update: number } | null, reminded: string | null = null) =>
      k
        .insertInto("round_request")
        .values({
          round_id: round,
          action_id: action,
          contact_id: contactId,
          token_hash: token,
          sent_at: round === q1 ? "2014-03-15T08:00:00.000Z" : "2014-06-15T08:00:00.000Z",
          last_reminded_at: reminded,
          answered_at: answered?.at ?? null,
          update_id: answered?.update ?? null,
          created_at: AT,
        })
        .execute();
    await request(q1, a17, contact, "geheime-hash-q1-17", { at: AT, update: signedIn.id });
    await request(q2, a19, contact, "geheime-hash-q2-19", null, "2014-06-28T08:00:00.000Z");
    await request(q1, a20, otherContact, "geheime-hash-q1-20", null);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("holds the progress updates they wrote, signed in or as a contact, and nobody else's", async () => {
    const data = (await createPersonalDataRepository(t.db).forUser(userId))!;
    expect(data.progressUpdates).toEqual([
      {
        programme: DEFAULT_PROGRAMME_SLUG,
        action: 17,
        period: "2014-Q1",
        status: "on-track",
        percent: 40,
        narrative: "De eerste bijeenkomst is gehouden.",
        narrativePublic: true,
        submittedAt: AT,
        updatedAt: "2014-04-03T10:00:00.000Z",
      },
      {
        programme: DEFAULT_PROGRAMME_SLUG,
        action: 19,
        period: "2014-Q1",
        status: "at-risk",
        percent: null,
        narrative: "Wacht op budget.",
        narrativePublic: false,
        submittedAt: "2014-04-04T08:30:00.000Z",
        updatedAt: "2014-04-04T08:30:00.000Z",
      },
    ]);
  });

  it("holds the update requests addressed to them as a contact, without the secret link", async () => {
    const data = (await createPersonalDataRepository(t.db).forUser(userId))!;
    expect(data.updateRequests).toEqual([
      {
        programme: DEFAULT_PROGRAMME_SLUG,
        period: "2014-Q1",
        action: 17,
        actionTitle: expect.any(String) as string,
        sentAt: "2014-03-15T08:00:00.000Z",
        lastRemindedAt: null,
        answeredAt: AT,
      },
      {
        programme: DEFAULT_PROGRAMME_SLUG,
        period: "2014-Q2",
        action: 19,
        actionTitle: expect.any(String) as string,
        sentAt: "2014-06-15T08:00:00.000Z",
        lastRemindedAt: "2014-06-28T08:00:00.000Z",
        answeredAt: null,
      },
    ]);
    expect(JSON.stringify(data)).not.toContain("geheime-hash");
  });

  it("gives the other person only their own", async () => {
    const other = (await createPersonalDataRepository(t.db).forUser(otherUserId))!;
    expect(other.progressUpdates.map((u) => [u.action, u.period])).toEqual([[17, "2014-Q2"]]);
    expect(other.updateRequests.map((r) => [r.action, r.period])).toEqual([[20, "2014-Q1"]]);
    const text = JSON.stringify(other);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain("Wacht op budget.");
    expect(text).not.toContain("geheime-hash");
  });
});
