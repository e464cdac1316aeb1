import type { ExpressionBuilder } from "kysely";
import type { CategoryChange } from "../domain/decisions/category-history";
import type { Decision, DecisionKind, DecisionSource, DecisionStatus, Meeting, MeetingRef, MeetingSummary } from "../domain/decisions/types";
import type { Paging } from "../domain/programmes/action-filters";
import type { OrganisationKind } from "../domain/programmes/programme-document";
import type { Db } from "./database";
import type { Database } from "./schema";

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
export function createDecisionRepository(db: Db) {
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

export type DecisionRepository = ReturnType<typeof createDecisionRepository>;
