import { message, type FieldErrors } from "../lib/errors";
import { sql, type Transaction } from "kysely";
import { comparePeriodsDesc, parsePeriod } from "../domain/progress/periods";
import type { ProgressStatus, ProgressValues } from "../domain/progress/progress-input";
import { linkState, mayAnswer } from "../domain/progress/round-rules";
import type { LatestProgress, ProgressRecord } from "../domain/progress/types";
import { recordAudit } from "./audit";
import type { Db } from "./database";
import { MILESTONE_ENTITY } from "./milestone.repository";
import type { Database } from "./schema";
import { forUpdate } from "./write-locks";

type Trx = Transaction<Database>;

/** History entries of progress updates: entity "progress_update", id = the update's id. */
export const PROGRESS_ENTITY = "progress_update";

export interface SubmitInput {
  programmeId: number;
  action: { id: number; number: number; title: string };
  period: string;
  values: ProgressValues;
  /** The version the form showed; null when it showed no update for this period yet. */
  expectedVersion: number | null;
  /** Who answers: an account, a contact through their link, or both (a contact with an account). */
  author: { userId: number | null; contactId: number | null; label: string };
  /** Through a personal link: the request and its secret's hash are checked again inside the transaction. */
  link?: { requestId: number; tokenHash: string };
  now: string;
  /** Today in Amsterdam, for the round's dates and the milestones reached. */
  today: string;
  requestId?: string;
}

export type SubmitResult =
  | { status: "ok"; id: number; version: number; created: boolean; roundId: number | null }
  | { status: "conflict"; current: ProgressRecord | null }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "refused"; reason: "link" | "closed" | "locked" | "period" };

interface UpdateRow {
  id: number;
  action_id: number;
  round_id: number | null;
  period: string;
  status: string;
  percent: number | null;
  narrative: string;
  narrative_public: number;
  milestones_reached: string;
  author_label: string;
  user_name: string | null;
  contact_name: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

function toRecord(r: UpdateRow): ProgressRecord {
  return {
    id: r.id,
    actionId: r.action_id,
    roundId: r.round_id,
    period: r.period,
    status: r.status as ProgressStatus,
    percent: r.percent,
    narrative: r.narrative,
    narrativePublic: r.narrative_public === 1,
    milestonesReached: JSON.parse(r.milestones_reached) as number[],
    // The person's current name (an erased account shows its pseudonym), else the name written down then.
    author: r.user_name ?? r.contact_name ?? r.author_label,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const snapshot = (v: ProgressValues) => ({
  status: v.status,
  percent: v.percent,
  narrative: v.narrative,
  narrativePublic: v.narrativePublic,
  milestonesReached: v.milestonesReached,
});

/** Newest period first, then the newest change. */
function byPeriodDesc(
  a: { period: string; updatedAt: string },
  b: { period: string; updatedAt: string },
): number {
  const pa = parsePeriod(a.period);
  const pb = parsePeriod(b.period);
  const c = pa && pb ? comparePeriodsDesc(pa, pb) : 0;
  if (c !== 0) return c;
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

/** Progress updates: one per action and reporting period, corrected in place with a version and history. */
export function createProgressUpdateRepository(db: Db) {
  const k = db.kysely;

  // A transaction is a Kysely instance too.
  const selectUpdates = (q: Db["kysely"]) =>
    q
      .selectFrom("progress_update as pu")
      .leftJoin("user_account as u", "u.id", "pu.author_user_id")
      .leftJoin("contact as c", "c.id", "pu.author_contact_id")
      .select([
        "pu.id",
        "pu.action_id",
        "pu.round_id",
        "pu.period",
        "pu.status",
        "pu.percent",
        "pu.narrative",
        "pu.narrative_public",
        "pu.milestones_reached",
        "pu.author_label",
        "u.name as user_name",
        "c.name as contact_name",
        "pu.created_at",
        "pu.updated_at",
        "pu.version",
      ]);

  async function currentFor(
    q: Db["kysely"],
    actionId: number,
    period: string,
  ): Promise<ProgressRecord | undefined> {
    const row = await selectUpdates(q)
      .where("pu.action_id", "=", actionId)
      .where("pu.period", "=", period)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** The open round a period belongs to, for an update made outside a personal link. */
  async function openRoundFor(
    trx: Trx,
    programmeId: number,
    period: string,
    today: string,
  ): Promise<number | null> {
    const round = await trx
      .selectFrom("update_round")
      .select("id")
      .where("programme_id", "=", programmeId)
      .where("period", "=", period)
      .where("status", "=", "open")
      .where("closes_on", ">=", today)
      .executeTakeFirst();
    return round?.id ?? null;
  }

  return {
    currentFor: (actionId: number, period: string) => currentFor(k, actionId, period),

    /** An action's updates, newest period first. */
    async historyForAction(actionId: number): Promise<ProgressRecord[]> {
      const rows = await selectUpdates(k).where("pu.action_id", "=", actionId).execute();
      return rows.map(toRecord).sort(byPeriodDesc);
    },

    /** The newest update of each action (by period, then by change), in one query. */
    async latestForActions(actionIds: readonly number[]): Promise<Map<number, LatestProgress>> {
      const out = new Map<number, LatestProgress>();
      if (actionIds.length === 0) return out;
      const rows = await k
        .selectFrom("progress_update")
        .select(["action_id", "period", "status", "percent", "updated_at"])
        .where("action_id", "in", [...actionIds])
        .execute();
      const all = rows.map((r) => ({
        actionId: r.action_id,
        period: r.period,
        status: r.status as ProgressStatus,
        percent: r.percent,
        updatedAt: r.updated_at,
      }));
      all.sort(byPeriodDesc);
      for (const r of all)
        if (!out.has(r.actionId))
          out.set(r.actionId, {
            status: r.status,
            percent: r.percent,
            period: r.period,
            updatedAt: r.updatedAt,
          });
      return out;
    },

    /**
     * Records an update, or corrects the one this action has for the period, in one transaction:
     * the link (when answering through one) is checked again, the version compared, the milestones
     * reached checked and marked done, the round's requests for the action marked answered, and
     * the change written to the history. Nothing is written unless all of it holds.
     */
    async submit(input: SubmitInput): Promise<SubmitResult> {
      return k.transaction().execute(async (trx): Promise<SubmitResult> => {
        const action = await forUpdate(
          trx
            .selectFrom("action")
            .select(["id"])
            .where("id", "=", input.action.id)
            .where("programme_id", "=", input.programmeId),
          db.dialect,
        ).executeTakeFirst();
        if (!action) return { status: "refused", reason: "link" };

        let roundId: number | null;
        if (input.link) {
          const request = await trx
            .selectFrom("round_request as rr")
            .innerJoin("update_round as r", "r.id", "rr.round_id")
            .select([
              "rr.id",
              "rr.action_id",
              "r.id as round_id",
              "r.period",
              "r.status",
              "r.due_on",
              "r.closes_on",
              "r.programme_id",
            ])
            .where("rr.id", "=", input.link.requestId)
            .where("rr.token_hash", "=", input.link.tokenHash)
            .executeTakeFirst();
          if (!request || request.action_id !== input.action.id || request.programme_id !== input.programmeId)
            return { status: "refused", reason: "link" };
          if (request.period !== input.period) return { status: "refused", reason: "period" };
          // The round's row is locked so that closing it and answering cannot cross.
          await forUpdate(
            trx.selectFrom("update_round").select("id").where("id", "=", request.round_id),
            db.dialect,
          ).executeTakeFirst();
          const answered = (await currentFor(trx, input.action.id, input.period)) !== undefined;
          const state = linkState(
            { status: request.status, dueOn: request.due_on, closesOn: request.closes_on },
            answered,
            input.today,
          );
          if (!mayAnswer(state))
            return { status: "refused", reason: state === "closed" ? "closed" : "locked" };
          roundId = request.round_id;
        } else {
          roundId = await openRoundFor(trx, input.programmeId, input.period, input.today);
        }

        const existing = await currentFor(trx, input.action.id, input.period);
        if (existing ? existing.version !== input.expectedVersion : input.expectedVersion !== null)
          return { status: "conflict", current: existing ?? null };

        const wanted = input.values.milestonesReached;
        const milestones = wanted.length
          ? await trx
              .selectFrom("milestone")
              .select(["id", "label", "due_text", "done_on", "version"])
              .where("action_id", "=", input.action.id)
              .where("id", "in", wanted)
              .execute()
          : [];
        if (milestones.length !== wanted.length)
          return { status: "invalid", errors: { milestones: message("progress.milestoneUnknown") } };

        const values = {
          status: input.values.status,
          percent: input.values.percent,
          narrative: input.values.narrative,
          narrative_public: input.values.narrativePublic ? 1 : 0,
          milestones_reached: JSON.stringify(wanted),
          author_user_id: input.author.userId,
          author_contact_id: input.author.contactId,
          author_label: input.author.label,
          updated_at: input.now,
        };
        let id: number;
        let version: number;
        if (existing) {
          id = existing.id;
          version = existing.version + 1;
          await trx
            .updateTable("progress_update")
            .set({ ...values, round_id: existing.roundId ?? roundId, version })
            .where("id", "=", id)
            .execute();
        } else {
          version = 1;
          const row = await trx
            .insertInto("progress_update")
            .values({
              ...values,
              action_id: input.action.id,
              round_id: roundId,
              period: input.period,
              created_at: input.now,
              version,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          id = row.id;
        }

        const actor = { userId: input.author.userId, label: input.author.label };
        const entityLabel = `${input.action.number}. ${input.action.title}`;
        for (const m of milestones.filter((m) => m.done_on === null)) {
          await trx
            .updateTable("milestone")
            .set({ done_on: input.today, updated_at: input.now, version: m.version + 1 })
            .where("id", "=", m.id)
            .execute();
          await recordAudit(trx, {
            actor,
            at: input.now,
            programmeId: input.programmeId,
            entityType: MILESTONE_ENTITY,
            entityId: input.action.id,
            entityLabel,
            operation: "update",
            before: { label: m.label, due: m.due_text, doneOn: null },
            after: { label: m.label, due: m.due_text, doneOn: input.today },
            requestId: input.requestId,
          });
        }

        const round = existing?.roundId ?? roundId;
        if (round !== null) {
          await trx
            .updateTable("round_request")
            .set({ answered_at: sql<string>`COALESCE(answered_at, ${input.now})`, update_id: id })
            .where("round_id", "=", round)
            .where("action_id", "=", input.action.id)
            .execute();
        }

        await recordAudit(trx, {
          actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: PROGRESS_ENTITY,
          entityId: id,
          entityLabel: `${entityLabel} · ${input.period}`,
          operation: existing ? "update" : "create",
          before: existing ? snapshot(existing) : null,
          after: snapshot(input.values),
          requestId: input.requestId,
        });
        return { status: "ok", id, version, created: !existing, roundId: round };
      });
    },
  };
}

export type ProgressUpdateRepository = ReturnType<typeof createProgressUpdateRepository>;
