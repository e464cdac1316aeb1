import { sql, type Transaction } from "kysely";
import { calendarDate, amsterdamMoment, endOfAmsterdamDay } from "../domain/calendar";
import { upcomingReminders, type RoundPlan } from "../domain/progress/round-plan";
import { hashSecret, newSecret } from "../lib/auth/secrets.server";
import { recordAudit, type Actor } from "./audit";
import type { Db, Dialect } from "./database";
import { cancelJobs, enqueueJobs, type NewJob } from "./job.repository";
import type { Database } from "./schema";
import { forUpdate } from "./write-locks";

type Trx = Transaction<Database>;

/** History entries of rounds: entity "update_round", id = the round's id. */
export const ROUND_ENTITY = "update_round";

export const JOB_REQUEST = "round.request";
export const JOB_REMINDER = "round.reminder";
export const JOB_CLOSE = "round.close";

/** Reminders go out at nine in the morning, Amsterdam time. */
export const REMINDER_HOUR = 9;

/** What a request's mail job carries: the link's secret lives here (and in the outbox once sent) until the job has run. */
export interface RequestJobPayload {
  requestId: number;
  token: string;
  offset?: number;
}

export interface RoundSummary {
  id: number;
  period: string;
  openedOn: string;
  dueOn: string;
  closesOn: string;
  reminderOffsets: number[];
  status: "open" | "closed";
  version: number;
  actions: number;
  answered: number;
}

export interface RequestView {
  id: number;
  action: { id: number; number: number; title: string };
  contact: { name: string; email: string; organisation: { slug: string; name: string } | null };
  sentAt: string | null;
  lastRemindedAt: string | null;
  /** When the action's update for the round's period was first given; null while not answered. */
  answeredAt: string | null;
}

/** Everything a personal link leads to, found by its secret's hash. */
export interface LinkContext {
  request: { id: number; tokenHash: string };
  round: { id: number; period: string; dueOn: string; closesOn: string; status: string };
  programme: {
    id: number;
    slug: string;
    title: string;
    language: string;
    period: { start: number; end: number };
  };
  action: { id: number; number: number; title: string };
  contact: { id: number; name: string; email: string; userId: number | null };
}

export type OpenResult =
  | { status: "ok"; id: number; requests: number; actions: number }
  | { status: "duplicate" }
  | { status: "no-contacts" };
export type RoundChange = { status: "ok" } | { status: "not-found" } | { status: "closed" };

const requestSubject = (roundId: number, requestId: number) => `round:${roundId}/request:${requestId}`;
const roundSubject = (roundId: number) => `round:${roundId}`;

/** The request mail now and the reminders still to come, for one request with a fresh secret. */
function requestJobs(
  roundId: number,
  requestId: number,
  token: string,
  reminders: { offset: number; date: string }[],
  now: Date,
): NewJob[] {
  const subject = requestSubject(roundId, requestId);
  return [
    {
      kind: JOB_REQUEST,
      payload: { requestId, token } satisfies RequestJobPayload,
      runAt: now.toISOString(),
      subject,
    },
    ...reminders.map((r) => {
      const at = amsterdamMoment(r.date, REMINDER_HOUR);
      return {
        kind: JOB_REMINDER,
        payload: { requestId, token, offset: r.offset } satisfies RequestJobPayload,
        runAt: (at < now ? now : at).toISOString(),
        subject,
      };
    }),
  ];
}

/**
 * Inside the caller's transaction: a request with a fresh secret for each (action, contact) pair,
 * with its mail job (now) and its reminder jobs. Opening a round and asking a contact added while
 * a round is open both come here, so that every request is made and mailed the same way.
 */
async function createRequestsIn(
  trx: Trx,
  roundId: number,
  pairs: readonly { action_id: number; contact_id: number }[],
  reminders: { offset: number; date: string }[],
  now: Date,
): Promise<NewJob[]> {
  if (pairs.length === 0) return [];
  const nowIso = now.toISOString();
  const tokens = new Map<string, string>();
  const rows = pairs.map((p) => {
    const token = newSecret();
    tokens.set(`${p.action_id}:${p.contact_id}`, token);
    return {
      round_id: roundId,
      action_id: p.action_id,
      contact_id: p.contact_id,
      token_hash: hashSecret(token),
      created_at: nowIso,
    };
  });
  const inserted = await trx
    .insertInto("round_request")
    .values(rows)
    .returning(["id", "action_id", "contact_id"])
    .execute();
  return inserted.flatMap((r) =>
    requestJobs(roundId, r.id, tokens.get(`${r.action_id}:${r.contact_id}`)!, reminders, now),
  );
}

/** Who added contacts to actions. */
export interface AddedContactsContext {
  dialect: Dialect;
  actor: Actor;
  /** ISO-8601 UTC. */
  now: string;
  requestId?: string | null;
}

/**
 * Inside the transaction that linked contacts to actions: asks them in every round that is still
 * open (open, and its closing day not over in Amsterdam) for each action that has no request in
 * that round yet — a request per new (action, contact) pair, mailed and reminded like the requests
 * made when the round opened (the reminders still to come). An action that was asked already is
 * left alone. The programme is locked first, as opening a round does, so that a contact added
 * while a round is being opened is asked exactly once. Answers how many requests were made.
 */
export async function askAddedContactsIn(
  trx: Trx,
  added: readonly { actionId: number; contactId: number }[],
  c: AddedContactsContext,
): Promise<number> {
  if (added.length === 0) return 0;
  const now = new Date(c.now);
  const today = calendarDate(now);
  const actionIds = [...new Set(added.map((a) => a.actionId))];
  const actions = await trx
    .selectFrom("action")
    .select(["id", "number", "programme_id"])
    .where("id", "in", actionIds)
    .execute();
  const programmeIds = [...new Set(actions.map((a) => a.programme_id))].sort((a, b) => a - b);
  if (programmeIds.length === 0) return 0;
  await forUpdate(
    trx.selectFrom("programme").select("id").where("id", "in", programmeIds).orderBy("id"),
    c.dialect,
  ).execute();
  const rounds = await forUpdate(
    trx
      .selectFrom("update_round")
      .selectAll()
      .where("programme_id", "in", programmeIds)
      .where("status", "=", "open")
      .where("closes_on", ">=", today)
      .orderBy("id"),
    c.dialect,
  ).execute();
  if (rounds.length === 0) return 0;
  const contacts = await trx
    .selectFrom("contact")
    .select(["id", "name", "email"])
    .where("id", "in", [...new Set(added.map((a) => a.contactId))])
    .where("email", "<>", "")
    .execute();
  const actionOf = new Map(actions.map((a) => [a.id, a]));
  const contactOf = new Map(contacts.map((p) => [p.id, p]));
  let made = 0;
  for (const round of rounds) {
    const mine = added.filter(
      (a) => actionOf.get(a.actionId)?.programme_id === round.programme_id && contactOf.has(a.contactId),
    );
    if (mine.length === 0) continue;
    const asked = await trx
      .selectFrom("round_request")
      .select("action_id")
      .distinct()
      .where("round_id", "=", round.id)
      .where("action_id", "in", [...new Set(mine.map((a) => a.actionId))])
      .execute();
    const askedAlready = new Set(asked.map((r) => r.action_id));
    const seen = new Set<string>();
    const pairs = mine
      .filter((a) => !askedAlready.has(a.actionId))
      .filter((a) => {
        const key = `${a.actionId}:${a.contactId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort(
        (a, b) =>
          actionOf.get(a.actionId)!.number - actionOf.get(b.actionId)!.number || a.contactId - b.contactId,
      )
      .map((a) => ({ action_id: a.actionId, contact_id: a.contactId }));
    if (pairs.length === 0) continue;
    const reminders = upcomingReminders(
      round.due_on,
      round.closes_on,
      JSON.parse(round.reminder_offsets) as number[],
      today,
    );
    await enqueueJobs(trx, await createRequestsIn(trx, round.id, pairs, reminders, now), c.now);
    await recordAudit(trx, {
      actor: c.actor,
      at: c.now,
      programmeId: round.programme_id,
      entityType: ROUND_ENTITY,
      entityId: round.id,
      entityLabel: round.period,
      operation: "add-request",
      before: null,
      after: {
        requests: pairs.map((p) => ({
          action: actionOf.get(p.action_id)!.number,
          contact: contactOf.get(p.contact_id)!.name,
        })),
      },
      requestId: c.requestId,
    });
    made += pairs.length;
  }
  return made;
}

/** Update rounds: opening one (requests, mails and reminders in one go), the overview, resending, closing, and links. */
export function createRoundRepository(db: Db) {
  const k = db.kysely;

  async function closeIn(
    trx: Trx,
    input: { programmeId: number; roundId: number; actor: Actor; now: string; requestId?: string },
  ): Promise<RoundChange> {
    const round = await forUpdate(
      trx
        .selectFrom("update_round")
        .select(["id", "period", "status", "version"])
        .where("id", "=", input.roundId)
        .where("programme_id", "=", input.programmeId),
      db.dialect,
    ).executeTakeFirst();
    if (!round) return { status: "not-found" };
    if (round.status !== "open") return { status: "closed" };
    await trx
      .updateTable("update_round")
      .set({ status: "closed", updated_at: input.now, version: round.version + 1 })
      .where("id", "=", round.id)
      .execute();
    const cancelled = await cancelJobs(trx, { under: roundSubject(round.id) }, input.now);
    await recordAudit(trx, {
      actor: input.actor,
      at: input.now,
      programmeId: input.programmeId,
      entityType: ROUND_ENTITY,
      entityId: round.id,
      entityLabel: round.period,
      operation: "update",
      before: { status: "open" },
      after: { status: "closed", mailsCancelled: cancelled },
      requestId: input.requestId,
    });
    return { status: "ok" };
  }

  /** A programme's rounds, newest first, with how many actions were asked and how many answered. */
  async function list(programmeId: number): Promise<RoundSummary[]> {
    const rounds = await k
      .selectFrom("update_round")
      .selectAll()
      .where("programme_id", "=", programmeId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    if (rounds.length === 0) return [];
    const counts = await k
      .selectFrom("round_request as rr")
      .innerJoin("update_round as r", "r.id", "rr.round_id")
      .leftJoin("progress_update as pu", (join) =>
        join.onRef("pu.action_id", "=", "rr.action_id").onRef("pu.period", "=", "r.period"),
      )
      .select([
        "rr.round_id",
        sql<number>`COUNT(DISTINCT rr.action_id)`.as("actions"),
        sql<number>`COUNT(DISTINCT CASE WHEN pu.id IS NOT NULL THEN rr.action_id END)`.as("answered"),
      ])
      .where("r.programme_id", "=", programmeId)
      .groupBy("rr.round_id")
      .execute();
    return rounds.map((r) => {
      const c = counts.find((x) => x.round_id === r.id);
      return {
        id: r.id,
        period: r.period,
        openedOn: r.opened_on,
        dueOn: r.due_on,
        closesOn: r.closes_on,
        reminderOffsets: JSON.parse(r.reminder_offsets) as number[],
        status: r.status === "open" ? "open" : "closed",
        version: r.version,
        actions: Number(c?.actions ?? 0),
        answered: Number(c?.answered ?? 0),
      };
    });
  }

  /** What a personal link leads to, by its secret's hash; undefined for an unknown or replaced link. */
  async function findByTokenHash(tokenHash: string): Promise<LinkContext | undefined> {
    const r = await k
      .selectFrom("round_request as rr")
      .innerJoin("update_round as r", "r.id", "rr.round_id")
      .innerJoin("programme as p", "p.id", "r.programme_id")
      .innerJoin("action as a", "a.id", "rr.action_id")
      .innerJoin("contact as c", "c.id", "rr.contact_id")
      .select([
        "rr.id as request_id",
        "rr.token_hash",
        "r.id as round_id",
        "r.period",
        "r.due_on",
        "r.closes_on",
        "r.status",
        "p.id as programme_id",
        "p.slug",
        "p.title as programme_title",
        "p.language",
        "p.period_start",
        "p.period_end",
        "a.id as action_id",
        "a.number",
        "a.title",
        "c.id as contact_id",
        "c.name",
        "c.email",
        "c.user_id",
      ])
      .where("rr.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      request: { id: r.request_id, tokenHash: r.token_hash },
      round: { id: r.round_id, period: r.period, dueOn: r.due_on, closesOn: r.closes_on, status: r.status },
      programme: {
        id: r.programme_id,
        slug: r.slug,
        title: r.programme_title,
        language: r.language,
        period: { start: r.period_start, end: r.period_end },
      },
      action: { id: r.action_id, number: r.number, title: r.title },
      contact: { id: r.contact_id, name: r.name, email: r.email, userId: r.user_id },
    };
  }

  return {
    /** How many actions have contacts, and how many (action, contact) pairs a round would ask. */
    async reach(programmeId: number): Promise<{ actions: number; requests: number }> {
      const row = await k
        .selectFrom("action_contact")
        .innerJoin("action", "action.id", "action_contact.action_id")
        .select((eb) => [
          eb.fn.count<number>("action_contact.contact_id").as("requests"),
          sql<number>`COUNT(DISTINCT action_contact.action_id)`.as("actions"),
        ])
        .where("action.programme_id", "=", programmeId)
        .executeTakeFirstOrThrow();
      return { actions: Number(row.actions), requests: Number(row.requests) };
    },

    /**
     * Opens a round in one transaction: the round, a request with a fresh secret for every contact
     * of every action, the mail jobs (now) and the reminder jobs (on their days at nine), and the
     * job that closes the round. Refused, with nothing written, for a period that already has a
     * round or when no action has a contact. The mails are sent by the job runner, not here.
     */
    async open(input: {
      programmeId: number;
      plan: RoundPlan;
      actor: Actor;
      now: Date;
      today: string;
      requestId?: string;
    }): Promise<OpenResult> {
      const nowIso = input.now.toISOString();
      return k.transaction().execute(async (trx): Promise<OpenResult> => {
        await forUpdate(
          trx.selectFrom("programme").select("id").where("id", "=", input.programmeId),
          db.dialect,
        ).executeTakeFirstOrThrow();
        const existing = await trx
          .selectFrom("update_round")
          .select("id")
          .where("programme_id", "=", input.programmeId)
          .where("period", "=", input.plan.period.code)
          .executeTakeFirst();
        if (existing) return { status: "duplicate" };
        const pairs = await trx
          .selectFrom("action_contact")
          .innerJoin("action", "action.id", "action_contact.action_id")
          .innerJoin("contact", "contact.id", "action_contact.contact_id")
          .select(["action_contact.action_id", "action_contact.contact_id"])
          .where("action.programme_id", "=", input.programmeId)
          .where("contact.email", "<>", "")
          .orderBy("action.number")
          .orderBy("contact.id")
          .execute();
        if (pairs.length === 0) return { status: "no-contacts" };

        const round = await trx
          .insertInto("update_round")
          .values({
            programme_id: input.programmeId,
            period: input.plan.period.code,
            opened_on: input.today,
            due_on: input.plan.dueOn,
            closes_on: input.plan.closesOn,
            reminder_offsets: JSON.stringify(input.plan.offsets),
            status: "open",
            opened_by_user_id: input.actor.userId,
            created_at: nowIso,
            updated_at: nowIso,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const jobs = await createRequestsIn(
          trx,
          round.id,
          pairs,
          input.plan.reminders,
          input.now,
        );
        jobs.push({
          kind: JOB_CLOSE,
          payload: { roundId: round.id },
          runAt: endOfAmsterdamDay(input.plan.closesOn).toISOString(),
          subject: roundSubject(round.id),
        });
        await enqueueJobs(trx, jobs, nowIso);
        const actions = new Set(pairs.map((p) => p.action_id)).size;
        await recordAudit(trx, {
          actor: input.actor,
          at: nowIso,
          programmeId: input.programmeId,
          entityType: ROUND_ENTITY,
          entityId: round.id,
          entityLabel: input.plan.period.code,
          operation: "create",
          before: null,
          after: {
            period: input.plan.period.code,
            dueOn: input.plan.dueOn,
            closesOn: input.plan.closesOn,
            reminders: input.plan.offsets,
            actions,
            requests: pairs.length,
          },
          requestId: input.requestId,
        });
        return { status: "ok", id: round.id, requests: pairs.length, actions };
      });
    },

    list,

    /** One round with every request: who was asked for which action, and whether the action answered. */
    async get(
      programmeId: number,
      roundId: number,
    ): Promise<{ round: RoundSummary; requests: RequestView[] } | undefined> {
      const round = (await list(programmeId)).find((r) => r.id === roundId);
      if (!round) return undefined;
      const rows = await k
        .selectFrom("round_request as rr")
        .innerJoin("action as a", "a.id", "rr.action_id")
        .innerJoin("contact as c", "c.id", "rr.contact_id")
        .leftJoin("organisation as o", "o.id", "c.organisation_id")
        .leftJoin("progress_update as pu", (join) =>
          join.onRef("pu.action_id", "=", "rr.action_id").on("pu.period", "=", round.period),
        )
        .select([
          "rr.id",
          "rr.sent_at",
          "rr.last_reminded_at",
          "a.id as action_id",
          "a.number",
          "a.title",
          "c.name",
          "c.email",
          "o.slug as org_slug",
          "o.name as org_name",
          "pu.created_at as answered_at",
        ])
        .where("rr.round_id", "=", roundId)
        .orderBy("a.number")
        .orderBy("c.name")
        .orderBy("rr.id")
        .execute();
      return {
        round,
        requests: rows.map((r) => ({
          id: r.id,
          action: { id: r.action_id, number: r.number, title: r.title },
          contact: {
            name: r.name,
            email: r.email,
            organisation: r.org_slug && r.org_name ? { slug: r.org_slug, name: r.org_name } : null,
          },
          sentAt: r.sent_at,
          lastRemindedAt: r.last_reminded_at,
          answeredAt: r.answered_at,
        })),
      };
    },

    /**
     * Sends a request again with a new link: the old link stops working, its pending mails are
     * cancelled, and the request mail and the reminders still to come are queued with the new one.
     */
    async resend(input: {
      programmeId: number;
      roundId: number;
      requestId: number;
      actor: Actor;
      now: Date;
      today: string;
      httpRequestId?: string;
    }): Promise<RoundChange> {
      const nowIso = input.now.toISOString();
      return k.transaction().execute(async (trx): Promise<RoundChange> => {
        const round = await forUpdate(
          trx
            .selectFrom("update_round")
            .selectAll()
            .where("id", "=", input.roundId)
            .where("programme_id", "=", input.programmeId),
          db.dialect,
        ).executeTakeFirst();
        if (!round) return { status: "not-found" };
        const request = await trx
          .selectFrom("round_request as rr")
          .innerJoin("action as a", "a.id", "rr.action_id")
          .innerJoin("contact as c", "c.id", "rr.contact_id")
          .select(["rr.id", "a.number", "c.name"])
          .where("rr.id", "=", input.requestId)
          .where("rr.round_id", "=", round.id)
          .executeTakeFirst();
        if (!request) return { status: "not-found" };
        if (round.status !== "open" || input.today > round.closes_on) return { status: "closed" };
        const token = newSecret();
        await trx
          .updateTable("round_request")
          .set({ token_hash: hashSecret(token), sent_at: null })
          .where("id", "=", request.id)
          .execute();
        await cancelJobs(trx, { exact: requestSubject(round.id, request.id) }, nowIso);
        const reminders = upcomingReminders(
          round.due_on,
          round.closes_on,
          JSON.parse(round.reminder_offsets) as number[],
          input.today,
        );
        await enqueueJobs(
          trx,
          requestJobs(round.id, request.id, token, reminders, input.now),
          nowIso,
        );
        await recordAudit(trx, {
          actor: input.actor,
          at: nowIso,
          programmeId: input.programmeId,
          entityType: ROUND_ENTITY,
          entityId: round.id,
          entityLabel: round.period,
          operation: "resend",
          before: null,
          after: { action: request.number, contact: request.name },
          requestId: input.httpRequestId,
        });
        return { status: "ok" };
      });
    },

    /** Closes a round: its links stop working and its pending mails are cancelled. */
    async close(input: {
      programmeId: number;
      roundId: number;
      actor: Actor;
      now: string;
      requestId?: string;
    }): Promise<RoundChange> {
      return k.transaction().execute((trx) => closeIn(trx, input));
    },

    /** Closes a round on its closing date (the job's work); nothing when it was closed already. */
    async closeWhenDue(roundId: number, now: string): Promise<RoundChange> {
      return k.transaction().execute(async (trx) => {
        const round = await trx
          .selectFrom("update_round")
          .select("programme_id")
          .where("id", "=", roundId)
          .executeTakeFirst();
        if (!round) return { status: "not-found" } as const;
        return closeIn(trx, {
          programmeId: round.programme_id,
          roundId,
          actor: { userId: null, label: "Regie" },
          now,
        });
      });
    },

    findByTokenHash,

    /** Whether the action has answered the round's period (by link or on its own page). */
    async answered(actionId: number, period: string): Promise<boolean> {
      const row = await k
        .selectFrom("progress_update")
        .select("id")
        .where("action_id", "=", actionId)
        .where("period", "=", period)
        .executeTakeFirst();
      return row !== undefined;
    },

    async markSent(requestId: number, tokenHash: string, now: string): Promise<void> {
      await k
        .updateTable("round_request")
        .set({ sent_at: now })
        .where("id", "=", requestId)
        .where("token_hash", "=", tokenHash)
        .execute();
    },

    async markReminded(requestId: number, tokenHash: string, now: string): Promise<void> {
      await k
        .updateTable("round_request")
        .set({ last_reminded_at: now })
        .where("id", "=", requestId)
        .where("token_hash", "=", tokenHash)
        .execute();
    },

    /** The request a mail job is about, found by id (the job checks the secret's hash itself). */
    async requestForMail(requestId: number): Promise<LinkContext | undefined> {
      const row = await k
        .selectFrom("round_request")
        .select("token_hash")
        .where("id", "=", requestId)
        .executeTakeFirst();
      return row ? findByTokenHash(row.token_hash) : undefined;
    },
  };
}

export type RoundRepository = ReturnType<typeof createRoundRepository>;
