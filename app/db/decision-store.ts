import type { DecisionInput } from "../domain/decisions/decision-input";
import type { MeetingInput } from "../domain/decisions/meeting-input";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";

/**
 * Errors are message keys with parameters after bars: "decisions.staleFrom|5|3|2" (see
 * app/lib/decision-messages.ts); errors about one action are keyed `actions.<number>`.
 */
export type RecordDecisionResult =
  | { status: "ok"; id: number; version: number; changed: number[] }
  | { status: "invalid"; errors: Record<string, string> }
  /** An action's category is no longer the `from` the decider saw: someone changed it meanwhile. */
  | { status: "conflict"; errors: Record<string, string> };

export type RecordMeetingResult = { status: "ok"; id: number; version: number } | { status: "invalid"; errors: Record<string, string> };

/** Thrown inside a transaction to roll it back with an answer for the caller. */
class Refusal extends Error {
  constructor(readonly result: RecordDecisionResult) {
    super(result.status);
  }
}

const show = (c: number | null | undefined) => (c === null || c === undefined ? "–" : String(c));

/** Records the steering group's decisions and meetings, each in one transaction with its history. */
export function createDecisionStore(db: Db) {
  return {
    /**
     * Records a decision. Category changes apply in the same transaction: each action's category
     * becomes `to` (version + 1) if it still is `from`, and the decision is not dated before the
     * action's latest category decision (decisions are recorded in date order). Nothing is written
     * unless all of it holds.
     */
    async recordDecision(input: {
      programmeId: number;
      decision: DecisionInput;
      actor: Actor;
      requestId?: string | null;
      now: string;
      /** Today's calendar date: a decision taken cannot lie after it. */
      today: string;
    }): Promise<RecordDecisionResult> {
      const d = input.decision;
      try {
        return await db.kysely.transaction().execute(async (trx): Promise<RecordDecisionResult> => {
          const errors: Record<string, string> = {};
          if (d.status === "taken" && d.decidedOn > input.today) errors.decidedOn = "decisions.takenInFuture";
          let meeting: { id: number; held_on: string; title: string } | undefined;
          if (d.meetingId !== null) {
            meeting = await trx
              .selectFrom("meeting")
              .select(["id", "held_on", "title"])
              .where("programme_id", "=", input.programmeId)
              .where("id", "=", d.meetingId)
              .executeTakeFirst();
            if (!meeting) errors.meetingId = "decisions.meetingUnknown";
          }
          const numbers = d.actions.map((a) => a.number);
          const rows = numbers.length
            ? await trx
                .selectFrom("action")
                .select(["id", "number", "title", "category", "version"])
                .where("programme_id", "=", input.programmeId)
                .where("number", "in", numbers)
                .execute()
            : [];
          const byNumber = new Map(rows.map((r) => [r.number, r]));
          const codes = new Set(
            (await trx.selectFrom("category").select("code").where("programme_id", "=", input.programmeId).execute()).map((c) => c.code),
          );
          const changes = d.actions.filter((a): a is typeof a & { to: number } => a.to !== undefined);
          const changedIds = changes.map((a) => byNumber.get(a.number)?.id).filter((id): id is number => id !== undefined);
          const latest = changedIds.length
            ? await trx
                .selectFrom("decision_action")
                .innerJoin("decision", "decision.id", "decision_action.decision_id")
                .select(["decision_action.action_id", (eb) => eb.fn.max("decision.decided_on").as("latest")])
                .where("decision_action.action_id", "in", changedIds)
                .where("decision.status", "=", "taken")
                .where("decision_action.category_to", "is not", null)
                .groupBy("decision_action.action_id")
                .execute()
            : [];
          for (const a of d.actions) {
            const row = byNumber.get(a.number);
            if (!row) {
              errors[`actions.${a.number}`] = `decisions.actionUnknown|${a.number}`;
              continue;
            }
            if (a.to === undefined) continue;
            if (!codes.has(a.to)) errors[`actions.${a.number}`] = `decisions.categoryUnknown|${a.number}|${a.to}`;
            const last = latest.find((l) => l.action_id === row.id)?.latest;
            if (last && String(last) > d.decidedOn) errors[`actions.${a.number}`] ??= `decisions.beforeLatest|${a.number}|${String(last)}`;
          }
          if (Object.keys(errors).length > 0) return { status: "invalid", errors };

          const conflicts: Record<string, string> = {};
          for (const a of changes) {
            const row = byNumber.get(a.number)!;
            if ((a.from ?? null) !== row.category) conflicts[`actions.${a.number}`] = `decisions.staleFrom|${a.number}|${show(a.from)}|${show(row.category)}`;
          }
          if (Object.keys(conflicts).length > 0) return { status: "conflict", errors: conflicts };

          const decision = await trx
            .insertInto("decision")
            .values({
              programme_id: input.programmeId,
              meeting_id: meeting?.id ?? null,
              decided_on: d.decidedOn,
              kind: d.kind,
              status: d.status,
              title: d.title,
              text: d.text,
              created_at: input.now,
              updated_at: input.now,
              version: 1,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const concerned = d.actions.map((a) => {
            const row = byNumber.get(a.number)!;
            return { decision_id: decision.id, action_id: row.id, category_from: a.to === undefined ? row.category : (a.from ?? null), category_to: a.to ?? null };
          });
          if (concerned.length) await trx.insertInto("decision_action").values(concerned).execute();

          for (const a of changes) {
            const row = byNumber.get(a.number)!;
            // The `from` is checked again in the update itself, so that a concurrent decision cannot slip in between.
            const updated = await trx
              .updateTable("action")
              .set({ category: a.to, version: row.version + 1, updated_at: input.now })
              .where("id", "=", row.id)
              .where("version", "=", row.version)
              .where("category", row.category === null ? "is" : "=", row.category)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) {
              const current = await trx.selectFrom("action").select("category").where("id", "=", row.id).executeTakeFirst();
              throw new Refusal({ status: "conflict", errors: { [`actions.${a.number}`]: `decisions.staleFrom|${a.number}|${show(a.from)}|${show(current?.category)}` } });
            }
            await recordAudit(trx, {
              actor: input.actor,
              at: input.now,
              programmeId: input.programmeId,
              entityType: "action",
              entityId: row.id,
              entityLabel: `${row.number}. ${row.title}`,
              operation: "update",
              before: { category: row.category },
              after: { category: a.to },
              requestId: input.requestId ?? null,
            });
          }
          await recordAudit(trx, {
            actor: input.actor,
            at: input.now,
            programmeId: input.programmeId,
            entityType: "decision",
            entityId: decision.id,
            entityLabel: `${d.decidedOn} ${d.title}`,
            operation: "create",
            before: null,
            after: {
              decidedOn: d.decidedOn,
              kind: d.kind,
              status: d.status,
              title: d.title,
              text: d.text,
              meeting: meeting ? { id: meeting.id, heldOn: meeting.held_on, title: meeting.title } : null,
              actions: concerned.map((c, i) => ({ number: d.actions[i]!.number, from: c.category_from, to: c.category_to })),
            },
            requestId: input.requestId ?? null,
          });
          return { status: "ok", id: decision.id, version: 1, changed: changes.map((a) => a.number) };
        });
      } catch (error) {
        if (error instanceof Refusal) return error.result;
        throw error;
      }
    },

    /** Records a meeting with the organisations present. */
    async recordMeeting(input: { programmeId: number; meeting: MeetingInput; actor: Actor; requestId?: string | null; now: string }): Promise<RecordMeetingResult> {
      const m = input.meeting;
      return db.kysely.transaction().execute(async (trx): Promise<RecordMeetingResult> => {
        const orgs = m.attendees.length
          ? await trx.selectFrom("organisation").select(["id", "slug", "name"]).where("slug", "in", m.attendees).execute()
          : [];
        const missing = m.attendees.find((slug) => !orgs.some((o) => o.slug === slug));
        if (missing) return { status: "invalid", errors: { attendees: `decisions.organisationUnknownName|${missing}` } };
        const row = await trx
          .insertInto("meeting")
          .values({
            programme_id: input.programmeId,
            held_on: m.heldOn,
            title: m.title,
            agenda: m.agenda,
            minutes: m.minutes,
            created_at: input.now,
            updated_at: input.now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (orgs.length) await trx.insertInto("meeting_attendee").values(orgs.map((o) => ({ meeting_id: row.id, organisation_id: o.id }))).execute();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "meeting",
          entityId: row.id,
          entityLabel: `${m.heldOn} ${m.title}`,
          operation: "create",
          before: null,
          after: { heldOn: m.heldOn, title: m.title, agenda: m.agenda, minutes: m.minutes, attendees: orgs.map((o) => o.slug).sort() },
          requestId: input.requestId ?? null,
        });
        return { status: "ok", id: row.id, version: 1 };
      });
    },
  };
}

export type DecisionStore = ReturnType<typeof createDecisionStore>;
