import { message, type FieldErrors } from "../lib/errors";
import type { ExpressionBuilder, Transaction } from "kysely";
import type { CategoryChange } from "../domain/decisions/category-history";
import type { Decision, DecisionKind, DecisionSource, DecisionStatus, Meeting, MeetingRef, MeetingSummary } from "../domain/decisions/types";
import type { Paging } from "../domain/programmes/action-filters";
import type { OrganisationKind } from "../domain/programmes/programme-document";
import type { Db } from "./database";
import type { Database } from "./schema";
import { type ChainLink, baselineOf, categoryBefore, categoryOn } from "../domain/decisions/corrections";
import type { DecisionEdit, DecisionInput } from "../domain/decisions/decision-input";
import type { MeetingInput } from "../domain/decisions/meeting-input";
import { type Actor, recordAudit } from "./audit";
import { forUpdate } from "./write-locks";

/**
 * An action's category at the end of a day, for use inside a query on `action`: the `category_to` of
 * the latest decision taken on or before the date that changed it (by date, then by the order
 * recorded); null before any. The same rule as `categoryAsOf` in app/domain/decisions.
 */
export function categoryAsOfQuery(eb: ExpressionBuilder<Database, "action">, asOf: string) {
  return eb
    .selectFrom("decision_action")
    .innerJoin("decision", "decision.id", "decision_action.decision_id")
    .select("decision_action.category_to")
    .whereRef("decision_action.action_id", "=", "action.id")
    .where("decision.status", "=", "taken")
    .where("decision_action.category_to", "is not", null)
    .where("decision.decided_on", "<=", asOf)
    .orderBy("decision.decided_on", "desc")
    .orderBy("decision.id", "desc")
    .limit(1)
    .$asScalar();
}

interface DecisionRow {
  id: number;
  decided_on: string;
  kind: string;
  status: string;
  title: string;
  text: string;
  source: string;
  meeting_id: number | null;
  meeting_held_on: string | null;
  meeting_title: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Reads the steering group's decisions and meetings. */
function decisionReads(db: Db) {
  const k = db.kysely;

  const decisions = () =>
    k
      .selectFrom("decision")
      .leftJoin("meeting", "meeting.id", "decision.meeting_id")
      .select([
        "decision.id",
        "decision.decided_on",
        "decision.kind",
        "decision.status",
        "decision.title",
        "decision.text",
        "decision.source",
        "decision.meeting_id",
        "meeting.held_on as meeting_held_on",
        "meeting.title as meeting_title",
        "decision.created_at",
        "decision.updated_at",
        "decision.version",
      ]);

  async function hydrate(rows: DecisionRow[]): Promise<Decision[]> {
    if (rows.length === 0) return [];
    const concerned = await k
      .selectFrom("decision_action")
      .innerJoin("action", "action.id", "decision_action.action_id")
      .select(["decision_action.decision_id", "action.number", "action.title", "decision_action.category_from", "decision_action.category_to"])
      .where(
        "decision_action.decision_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("action.number")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      decidedOn: r.decided_on,
      kind: r.kind as DecisionKind,
      status: r.status as DecisionStatus,
      title: r.title,
      text: r.text,
      source: r.source as DecisionSource,
      meeting: r.meeting_id !== null ? { id: r.meeting_id, heldOn: r.meeting_held_on ?? "", title: r.meeting_title ?? "" } : null,
      actions: concerned
        .filter((c) => c.decision_id === r.id)
        .map((c) => ({ number: c.number, title: c.title, from: c.category_from, to: c.category_to })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }));
  }

  return {
    /** A programme's decisions, newest first (by date, then the latest recorded); optionally of one status. */
    async list(programmeId: number, options: { status?: DecisionStatus; paging?: Paging } = {}): Promise<{ data: Decision[]; total: number }> {
      let base = k.selectFrom("decision").where("decision.programme_id", "=", programmeId);
      if (options.status) base = base.where("decision.status", "=", options.status);
      const totalRow = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      let q = decisions().where("decision.programme_id", "=", programmeId);
      if (options.status) q = q.where("decision.status", "=", options.status);
      q = q.orderBy("decision.decided_on", "desc").orderBy("decision.id", "desc");
      if (options.paging) q = q.limit(options.paging.limit).offset(options.paging.offset);
      return { data: await hydrate(await q.execute()), total: Number(totalRow.n) };
    },

    async get(programmeId: number, id: number): Promise<Decision | undefined> {
      const rows = await decisions().where("decision.programme_id", "=", programmeId).where("decision.id", "=", id).execute();
      return (await hydrate(rows))[0];
    },

    /** The category changes of one action by decisions taken (and re-imports), oldest first. */
    async categoryHistory(actionId: number): Promise<CategoryChange[]> {
      const rows = await k
        .selectFrom("decision_action")
        .innerJoin("decision", "decision.id", "decision_action.decision_id")
        .select(["decision.id", "decision.title", "decision.decided_on", "decision.source", "decision_action.category_from", "decision_action.category_to"])
        .where("decision_action.action_id", "=", actionId)
        .where("decision.status", "=", "taken")
        .where("decision_action.category_to", "is not", null)
        .orderBy("decision.decided_on")
        .orderBy("decision.id")
        .execute();
      return rows.map((r) => ({
        decidedOn: r.decided_on,
        decision: { id: r.id, title: r.title },
        from: r.category_from,
        to: r.category_to!,
        source: r.source as DecisionSource,
      }));
    },

    /** A programme's meetings, newest first, with how many organisations attended and decisions were taken. */
    async meetings(programmeId: number): Promise<MeetingSummary[]> {
      const rows = await k
        .selectFrom("meeting")
        .select((eb) => [
          "meeting.id",
          "meeting.held_on",
          "meeting.title",
          eb
            .selectFrom("meeting_attendee")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("meeting_attendee.meeting_id", "=", "meeting.id")
            .as("attendees"),
          eb
            .selectFrom("decision")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("decision.meeting_id", "=", "meeting.id")
            .as("decisions"),
        ])
        .where("meeting.programme_id", "=", programmeId)
        .orderBy("meeting.held_on", "desc")
        .orderBy("meeting.id", "desc")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        heldOn: r.held_on,
        title: r.title,
        attendeeCount: Number(r.attendees ?? 0),
        decisionCount: Number(r.decisions ?? 0),
      }));
    },

    /** Meetings to choose from when recording a decision, newest first. */
    async meetingOptions(programmeId: number): Promise<MeetingRef[]> {
      const rows = await k
        .selectFrom("meeting")
        .select(["id", "held_on", "title"])
        .where("programme_id", "=", programmeId)
        .orderBy("held_on", "desc")
        .orderBy("id", "desc")
        .execute();
      return rows.map((r) => ({ id: r.id, heldOn: r.held_on, title: r.title }));
    },

    async meeting(programmeId: number, id: number): Promise<Meeting | undefined> {
      const m = await k.selectFrom("meeting").selectAll().where("programme_id", "=", programmeId).where("id", "=", id).executeTakeFirst();
      if (!m) return undefined;
      const [attendees, taken] = await Promise.all([
        k
          .selectFrom("meeting_attendee")
          .innerJoin("organisation", "organisation.id", "meeting_attendee.organisation_id")
          .select(["organisation.slug", "organisation.name", "organisation.kind"])
          .where("meeting_attendee.meeting_id", "=", id)
          .orderBy("organisation.name")
          .execute(),
        k
          .selectFrom("decision")
          .select(["id", "decided_on", "title", "status", "kind"])
          .where("meeting_id", "=", id)
          .orderBy("decided_on")
          .orderBy("id")
          .execute(),
      ]);
      return {
        id: m.id,
        heldOn: m.held_on,
        title: m.title,
        agenda: m.agenda,
        minutes: m.minutes,
        attendees: attendees.map((a) => ({ slug: a.slug, name: a.name, kind: a.kind as OrganisationKind })),
        decisions: taken.map((d) => ({ id: d.id, decidedOn: d.decided_on, title: d.title, status: d.status as DecisionStatus, kind: d.kind as DecisionKind })),
        createdAt: m.created_at,
        updatedAt: m.updated_at,
        version: m.version,
      };
    },
  };
}

/**
 * Errors are message keys with parameters after bars: "decisions.staleFrom|5|3|2" (see
 * app/lib/decision-messages.ts); errors about one action are keyed `actions.<number>`.
 */
export type RecordDecisionResult =
  | { status: "ok"; id: number; version: number; changed: number[] }
  | { status: "invalid"; errors: FieldErrors }
  /** An action's category is no longer the `from` the decider saw: someone changed it meanwhile. */
  | { status: "conflict"; errors: FieldErrors };

export type RecordMeetingResult = { status: "ok"; id: number; version: number } | { status: "invalid"; errors: FieldErrors };

/** Why a correction or withdrawal did not go through (nothing was written). */
type ChangeRefusal =
  | { status: "not-found" }
  /** The decision was recorded by a re-import of the programme document: it is corrected by importing again. */
  | { status: "locked" }
  /** The decision (or meeting) is no longer at the version the editor saw. */
  | { status: "conflict"; current: { version: number } };

export type CorrectDecisionResult =
  /** `changed`: the actions whose current category the correction changed, by number. */
  | { status: "ok"; id: number; version: number; changed: number[]; fields: string[] }
  | ChangeRefusal
  | { status: "invalid"; errors: FieldErrors };

export type WithdrawDecisionResult = { status: "ok"; changed: number[] } | ChangeRefusal;

export type UpdateMeetingResult =
  | { status: "ok"; id: number; version: number; fields: string[] }
  | Exclude<ChangeRefusal, { status: "locked" }>
  | { status: "invalid"; errors: FieldErrors };

type Trx = Transaction<Database>;

/** An action whose category a correction may change, as locked for it. */
interface ActionRow {
  id: number;
  number: number;
  title: string;
  category: number | null;
  version: number;
}

/** A decision as its history entries show it. */
interface DecisionSnapshot {
  decidedOn: string;
  kind: string;
  status: string;
  title: string;
  text: string;
  meeting: { id: number; heldOn: string; title: string } | null;
  actions: { number: number; from: number | null; to: number | null }[];
}

/** The fields whose values differ, and the values on each side. */
function differences<T extends object>(before: T, after: T): { fields: string[]; before: Partial<T>; after: Partial<T> } {
  const fields = (Object.keys(after) as (keyof T & string)[]).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  return {
    fields,
    before: Object.fromEntries(fields.map((f) => [f, before[f]])) as Partial<T>,
    after: Object.fromEntries(fields.map((f) => [f, after[f]])) as Partial<T>,
  };
}

/**
 * The category chains of some actions: every decision taken that set their category, with a
 * re-import's changes (which may also clear a category). Decisions that are only planned, or that
 * concern an action without changing its category, are no links.
 */
async function chainsOf(trx: Trx, actionIds: readonly number[]): Promise<Map<number, ChainLink[]>> {
  const out = new Map<number, ChainLink[]>(actionIds.map((id) => [id, []]));
  if (actionIds.length === 0) return out;
  const rows = await trx
    .selectFrom("decision_action")
    .innerJoin("decision", "decision.id", "decision_action.decision_id")
    .select(["decision_action.action_id", "decision.id", "decision.decided_on", "decision_action.category_from", "decision_action.category_to"])
    .where("decision_action.action_id", "in", [...actionIds])
    .where("decision.status", "=", "taken")
    .where((eb) => eb.or([eb("decision_action.category_to", "is not", null), eb("decision.source", "=", "import")]))
    .execute();
  for (const r of rows) out.get(r.action_id)?.push({ decisionId: r.id, decidedOn: r.decided_on, from: r.category_from, to: r.category_to });
  return out;
}

/** Locks the actions (in id order, so that two corrections cannot wait on each other) and reads them. */
async function lockActions(trx: Trx, db: Db, ids: readonly number[]): Promise<ActionRow[]> {
  if (ids.length === 0) return [];
  return forUpdate(
    trx.selectFrom("action").select(["id", "number", "title", "category", "version"]).where("id", "in", [...ids]).orderBy("id"),
    db.dialect,
  ).execute();
}

/**
 * Gives each action the category its chain says it has today (see app/domain/decisions/corrections.ts),
 * with a new version and a history entry where that differs from the category it has. Returns the
 * numbers of the actions whose category changed.
 */
async function settleCategories(
  trx: Trx,
  input: {
    programmeId: number;
    actions: readonly ActionRow[];
    chains: ReadonlyMap<number, ChainLink[]>;
    baselines: ReadonlyMap<number, number | null>;
    today: string;
    actor: Actor;
    now: string;
    requestId: string | null;
  },
): Promise<number[]> {
  const changed: number[] = [];
  for (const a of input.actions) {
    const next = categoryOn(input.chains.get(a.id) ?? [], input.today, input.baselines.get(a.id) ?? null);
    if (next === a.category) continue;
    await trx.updateTable("action").set({ category: next, version: a.version + 1, updated_at: input.now }).where("id", "=", a.id).execute();
    await recordAudit(trx, {
      actor: input.actor,
      at: input.now,
      programmeId: input.programmeId,
      entityType: "action",
      entityId: a.id,
      entityLabel: `${a.number}. ${a.title}`,
      operation: "update",
      before: { category: a.category },
      after: { category: next },
      requestId: input.requestId,
    });
    changed.push(a.number);
  }
  return changed.sort((x, y) => x - y);
}

/** A decision's meeting as history shows it. */
async function meetingRef(trx: Trx, programmeId: number, id: number | null): Promise<{ id: number; heldOn: string; title: string } | null | undefined> {
  if (id === null) return null;
  const m = await trx.selectFrom("meeting").select(["id", "held_on", "title"]).where("programme_id", "=", programmeId).where("id", "=", id).executeTakeFirst();
  return m ? { id: m.id, heldOn: m.held_on, title: m.title } : undefined;
}

/** A recorded decision, locked, with the actions it concerns. */
async function lockDecision(trx: Trx, db: Db, programmeId: number, id: number) {
  const row = await forUpdate(trx.selectFrom("decision").selectAll().where("programme_id", "=", programmeId).where("id", "=", id), db.dialect).executeTakeFirst();
  if (!row) return undefined;
  const concerned = await trx
    .selectFrom("decision_action")
    .innerJoin("action", "action.id", "decision_action.action_id")
    .select(["decision_action.action_id", "action.number", "decision_action.category_from", "decision_action.category_to"])
    .where("decision_action.decision_id", "=", id)
    .orderBy("action.number")
    .execute();
  const meeting = (await meetingRef(trx, programmeId, row.meeting_id)) ?? null;
  const snapshot: DecisionSnapshot = {
    decidedOn: row.decided_on,
    kind: row.kind,
    status: row.status,
    title: row.title,
    text: row.text,
    meeting,
    actions: concerned.map((c) => ({ number: c.number, from: c.category_from, to: c.category_to })),
  };
  return { row, concerned, snapshot };
}

/** Thrown inside a transaction to roll it back with an answer for the caller. */
class Refusal extends Error {
  constructor(readonly result: RecordDecisionResult) {
    super(result.status);
  }
}

const show = (c: number | null | undefined) => (c === null || c === undefined ? "–" : String(c));

/** Records the steering group's decisions and meetings, each in one transaction with its history. */
function decisionChanges(db: Db) {
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
          const errors: FieldErrors = {};
          if (d.status === "taken" && d.decidedOn > input.today) errors.decidedOn = message("decisions.takenInFuture");
          let meeting: { id: number; held_on: string; title: string } | undefined;
          if (d.meetingId !== null) {
            meeting = await trx
              .selectFrom("meeting")
              .select(["id", "held_on", "title"])
              .where("programme_id", "=", input.programmeId)
              .where("id", "=", d.meetingId)
              .executeTakeFirst();
            if (!meeting) errors.meetingId = message("decisions.meetingUnknown");
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
              errors[`actions.${a.number}`] = message("decisions.actionUnknown", { p0: a.number });
              continue;
            }
            if (a.to === undefined) continue;
            if (!codes.has(a.to)) errors[`actions.${a.number}`] = message("decisions.categoryUnknown", { p0: a.number, p1: a.to });
            const last = latest.find((l) => l.action_id === row.id)?.latest;
            if (last && String(last) > d.decidedOn) errors[`actions.${a.number}`] ??= message("decisions.beforeLatest", { p0: a.number, p1: String(last) });
          }
          if (Object.keys(errors).length > 0) return { status: "invalid", errors };

          const conflicts: FieldErrors = {};
          for (const a of changes) {
            const row = byNumber.get(a.number)!;
            if ((a.from ?? null) !== row.category) conflicts[`actions.${a.number}`] = message("decisions.staleFrom", { p0: a.number, p1: show(a.from), p2: show(row.category) });
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
              source: "steering-group",
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
              throw new Refusal({ status: "conflict", errors: { [`actions.${a.number}`]: message("decisions.staleFrom", { p0: a.number, p1: show(a.from), p2: show(current?.category) }) } });
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
        if (missing) return { status: "invalid", errors: { attendees: message("decisions.organisationUnknownName", { param: missing }) } };
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

    /**
     * Corrects a recorded decision (date, status, kind, title, text, meeting, the actions concerned
     * and their new categories) if it is still at the version the editor saw. Each action's `from`
     * becomes the category it had just before the decision; afterwards every action the decision
     * concerned before or after gets the category its decisions give it today (see
     * app/domain/decisions/corrections.ts). One transaction, with history entries for the decision
     * and for each action whose category changed; a correction that changes nothing writes nothing.
     */
    async correctDecision(input: {
      programmeId: number;
      decisionId: number;
      expectedVersion: number;
      decision: DecisionEdit;
      actor: Actor;
      requestId?: string | null;
      now: string;
      /** Today's calendar date: a decision taken cannot lie after it, and categories are settled as of it. */
      today: string;
    }): Promise<CorrectDecisionResult> {
      const d = input.decision;
      return db.kysely.transaction().execute(async (trx): Promise<CorrectDecisionResult> => {
        const found = await lockDecision(trx, db, input.programmeId, input.decisionId);
        if (!found) return { status: "not-found" };
        const { row, concerned, snapshot } = found;
        if (row.source === "import") return { status: "locked" };
        if (row.version !== input.expectedVersion) return { status: "conflict", current: { version: row.version } };

        const errors: FieldErrors = {};
        if (d.status === "taken" && d.decidedOn > input.today) errors.decidedOn = message("decisions.takenInFuture");
        const meeting = await meetingRef(trx, input.programmeId, d.meetingId);
        if (meeting === undefined) errors.meetingId = message("decisions.meetingUnknown");
        const numbers = d.actions.map((a) => a.number);
        const rows = numbers.length
          ? await trx.selectFrom("action").select(["id", "number"]).where("programme_id", "=", input.programmeId).where("number", "in", numbers).execute()
          : [];
        const idOf = new Map(rows.map((r) => [r.number, r.id]));
        const codes = new Set(
          (await trx.selectFrom("category").select("code").where("programme_id", "=", input.programmeId).execute()).map((c) => c.code),
        );
        for (const a of d.actions) {
          if (!idOf.has(a.number)) errors[`actions.${a.number}`] = message("decisions.actionUnknown", { p0: a.number });
          else if (a.to !== undefined && !codes.has(a.to)) errors[`actions.${a.number}`] = message("decisions.categoryUnknown", { p0: a.number, p1: a.to });
        }
        if (Object.keys(errors).length > 0) return { status: "invalid", errors };

        const affected = [...new Set([...concerned.map((c) => c.action_id), ...rows.map((r) => r.id)])];
        const actions = await lockActions(trx, db, affected);
        const chains = await chainsOf(trx, affected);
        const baselines = new Map(actions.map((a) => [a.id, baselineOf(chains.get(a.id) ?? [], a.category)]));
        // Each chain without this decision: what the decision's `from` is read from, and what the corrected one joins.
        for (const [id, links] of chains) chains.set(id, links.filter((l) => l.decisionId !== row.id));
        const at = { decidedOn: d.decidedOn, decisionId: row.id };
        const next = d.actions
          .map((a) => {
            const id = idOf.get(a.number)!;
            return { actionId: id, number: a.number, from: categoryBefore(chains.get(id) ?? [], at, baselines.get(id) ?? null), to: a.to ?? null };
          })
          .sort((x, y) => x.number - y.number);
        for (const a of next) if (a.to !== null && a.to === a.from) errors[`actions.${a.number}`] = message("decisions.sameCategory", { param: a.number });
        if (Object.keys(errors).length > 0) return { status: "invalid", errors };

        const after: DecisionSnapshot = {
          decidedOn: d.decidedOn,
          kind: d.kind,
          status: d.status,
          title: d.title,
          text: d.text,
          meeting: meeting ?? null,
          actions: next.map((a) => ({ number: a.number, from: a.from, to: a.to })),
        };
        const diff = differences(snapshot, after);
        if (diff.fields.length === 0) return { status: "ok", id: row.id, version: row.version, changed: [], fields: [] };

        const version = row.version + 1;
        await trx
          .updateTable("decision")
          .set({
            decided_on: d.decidedOn,
            kind: d.kind,
            status: d.status,
            title: d.title,
            text: d.text,
            meeting_id: meeting?.id ?? null,
            updated_at: input.now,
            version,
          })
          .where("id", "=", row.id)
          .where("version", "=", row.version)
          .execute();
        if (diff.fields.includes("actions")) {
          await trx.deleteFrom("decision_action").where("decision_id", "=", row.id).execute();
          if (next.length) {
            await trx
              .insertInto("decision_action")
              .values(next.map((a) => ({ decision_id: row.id, action_id: a.actionId, category_from: a.from, category_to: a.to })))
              .execute();
          }
        }
        if (d.status === "taken") {
          for (const a of next) if (a.to !== null) chains.get(a.actionId)?.push({ decisionId: row.id, decidedOn: d.decidedOn, from: a.from, to: a.to });
        }
        const changed = await settleCategories(trx, {
          programmeId: input.programmeId,
          actions,
          chains,
          baselines,
          today: input.today,
          actor: input.actor,
          now: input.now,
          requestId: input.requestId ?? null,
        });
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "decision",
          entityId: row.id,
          entityLabel: `${d.decidedOn} ${d.title}`,
          operation: "update",
          before: diff.before,
          after: diff.after,
          requestId: input.requestId ?? null,
        });
        return { status: "ok", id: row.id, version, changed, fields: diff.fields };
      });
    },

    /**
     * Withdraws a decision recorded by mistake, if it is still at the version the withdrawer saw:
     * the decision and the actions it concerned go, each of those actions gets the category its
     * remaining decisions give it today, and history keeps the decision as it was. One transaction.
     */
    async withdrawDecision(input: {
      programmeId: number;
      decisionId: number;
      expectedVersion: number;
      actor: Actor;
      requestId?: string | null;
      now: string;
      today: string;
    }): Promise<WithdrawDecisionResult> {
      return db.kysely.transaction().execute(async (trx): Promise<WithdrawDecisionResult> => {
        const found = await lockDecision(trx, db, input.programmeId, input.decisionId);
        if (!found) return { status: "not-found" };
        const { row, concerned, snapshot } = found;
        if (row.source === "import") return { status: "locked" };
        if (row.version !== input.expectedVersion) return { status: "conflict", current: { version: row.version } };

        const affected = concerned.map((c) => c.action_id);
        const actions = await lockActions(trx, db, affected);
        const chains = await chainsOf(trx, affected);
        const baselines = new Map(actions.map((a) => [a.id, baselineOf(chains.get(a.id) ?? [], a.category)]));
        for (const [id, links] of chains) chains.set(id, links.filter((l) => l.decisionId !== row.id));

        await trx.deleteFrom("decision_action").where("decision_id", "=", row.id).execute();
        await trx.deleteFrom("decision").where("id", "=", row.id).where("version", "=", row.version).execute();
        const changed = await settleCategories(trx, {
          programmeId: input.programmeId,
          actions,
          chains,
          baselines,
          today: input.today,
          actor: input.actor,
          now: input.now,
          requestId: input.requestId ?? null,
        });
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "decision",
          entityId: row.id,
          entityLabel: `${row.decided_on} ${row.title}`,
          operation: "delete",
          before: snapshot,
          after: null,
          requestId: input.requestId ?? null,
        });
        return { status: "ok", changed };
      });
    },

    /** Corrects a meeting (date, title, agenda, minutes, organisations present) if it is still at the version the editor saw. */
    async updateMeeting(input: {
      programmeId: number;
      meetingId: number;
      expectedVersion: number;
      meeting: MeetingInput;
      actor: Actor;
      requestId?: string | null;
      now: string;
    }): Promise<UpdateMeetingResult> {
      const m = input.meeting;
      return db.kysely.transaction().execute(async (trx): Promise<UpdateMeetingResult> => {
        const row = await forUpdate(
          trx.selectFrom("meeting").selectAll().where("programme_id", "=", input.programmeId).where("id", "=", input.meetingId),
          db.dialect,
        ).executeTakeFirst();
        if (!row) return { status: "not-found" };
        if (row.version !== input.expectedVersion) return { status: "conflict", current: { version: row.version } };
        const orgs = m.attendees.length
          ? await trx.selectFrom("organisation").select(["id", "slug"]).where("slug", "in", m.attendees).execute()
          : [];
        const missing = m.attendees.find((slug) => !orgs.some((o) => o.slug === slug));
        if (missing) return { status: "invalid", errors: { attendees: message("decisions.organisationUnknownName", { param: missing }) } };
        const present = await trx
          .selectFrom("meeting_attendee")
          .innerJoin("organisation", "organisation.id", "meeting_attendee.organisation_id")
          .select("organisation.slug")
          .where("meeting_attendee.meeting_id", "=", row.id)
          .execute();
        const before = { heldOn: row.held_on, title: row.title, agenda: row.agenda, minutes: row.minutes, attendees: present.map((p) => p.slug).sort() };
        const after = { heldOn: m.heldOn, title: m.title, agenda: m.agenda, minutes: m.minutes, attendees: orgs.map((o) => o.slug).sort() };
        const diff = differences(before, after);
        if (diff.fields.length === 0) return { status: "ok", id: row.id, version: row.version, fields: [] };
        const version = row.version + 1;
        await trx
          .updateTable("meeting")
          .set({ held_on: m.heldOn, title: m.title, agenda: m.agenda, minutes: m.minutes, updated_at: input.now, version })
          .where("id", "=", row.id)
          .where("version", "=", row.version)
          .execute();
        if (diff.fields.includes("attendees")) {
          await trx.deleteFrom("meeting_attendee").where("meeting_id", "=", row.id).execute();
          if (orgs.length) await trx.insertInto("meeting_attendee").values(orgs.map((o) => ({ meeting_id: row.id, organisation_id: o.id }))).execute();
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "meeting",
          entityId: row.id,
          entityLabel: `${m.heldOn} ${m.title}`,
          operation: "update",
          before: diff.before,
          after: diff.after,
          requestId: input.requestId ?? null,
        });
        return { status: "ok", id: row.id, version, fields: diff.fields };
      });
    },
  };
}

/** Every decision's SQL: decisions, meetings and category history; recording, correcting and withdrawing decisions and meetings. */
export function createDecisionRepository(db: Db) {
  return { ...decisionReads(db), ...decisionChanges(db) };
}

export type DecisionRepository = ReturnType<typeof createDecisionRepository>;

/**
 * Records a steering-group decision taken inside another aggregate's transaction (the adoption of
 * an annual programme, the budget's allocations and mandates), so that the decision and what it
 * decides are written together and the decision shows in the register like any other. The actions
 * it names are concerned without a category change. Undefined when the meeting named is not one of
 * the programme's.
 */
export async function recordDecisionWithin(
  trx: Trx,
  input: {
    programmeId: number;
    kind?: DecisionKind;
    decidedOn: string;
    meetingId: number | null;
    title: string;
    text: string;
    actions?: readonly { id: number; number: number; category: number | null }[];
    actor: Actor;
    now: string;
    requestId?: string | null;
  },
): Promise<{ id: number; decidedOn: string; title: string } | undefined> {
  const meeting = (await meetingRef(trx, input.programmeId, input.meetingId)) ?? null;
  if (input.meetingId !== null && !meeting) return undefined;
  const kind = input.kind ?? "general";
  const actions = input.actions ?? [];
  const decision = await trx
    .insertInto("decision")
    .values({
      programme_id: input.programmeId,
      meeting_id: meeting?.id ?? null,
      decided_on: input.decidedOn,
      kind,
      status: "taken",
      source: "steering-group",
      title: input.title,
      text: input.text,
      created_at: input.now,
      updated_at: input.now,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (actions.length) {
    await trx
      .insertInto("decision_action")
      .values(actions.map((a) => ({ decision_id: decision.id, action_id: a.id, category_from: a.category, category_to: null })))
      .execute();
  }
  await recordAudit(trx, {
    actor: input.actor,
    at: input.now,
    programmeId: input.programmeId,
    entityType: "decision",
    entityId: decision.id,
    entityLabel: `${input.decidedOn} ${input.title}`,
    operation: "create",
    before: null,
    after: {
      decidedOn: input.decidedOn,
      kind,
      status: "taken",
      title: input.title,
      text: input.text,
      meeting,
      actions: actions.map((a) => ({ number: a.number, from: a.category, to: null })),
    },
    requestId: input.requestId ?? null,
  });
  return { id: decision.id, decidedOn: input.decidedOn, title: input.title };
}
