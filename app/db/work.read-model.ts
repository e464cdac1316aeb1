import { sql } from "kysely";
import type { Db } from "./database";
import { PERIOD_KEY_SQL } from "./progress.read-model";

/**
 * Reads what the work area ("Mijn werk") lists, per programme or per person, in one query each:
 * plans waiting for a decision, open update rounds, actions missing a contact or a lead, recent
 * reports of trouble, and a contact's own actions with what is asked of them. It only reads; the
 * plan, round, contact and progress stores write these tables.
 */

export interface SubmittedPlanRow {
  number: number;
  title: string;
  versionNo: number;
  submittedAt: string | null;
}

export interface OpenRoundRow {
  id: number;
  period: string;
  dueOn: string;
  closesOn: string;
}

export interface ActionGapRow {
  number: number;
  title: string;
  category: number | null;
  contacts: number;
  leads: number;
  leadUnknown: boolean;
}

export interface TroubleReportRow {
  number: number;
  title: string;
  status: string;
  period: string;
  narrative: string;
  reportedAt: string;
}

export interface MyActionRow {
  programmeSlug: string;
  programmeTitle: string;
  number: number;
  title: string;
  /** Status of the newest plan of approach, null without one. */
  planStatus: string | null;
  /** The open round that asked this person about the action and was not answered yet. */
  request: { period: string; dueOn: string; closesOn: string } | null;
}

export function createWorkReadModel(db: Db) {
  const k = db.kysely;

  return {
    /** Plans of approach submitted and waiting for approval, by action number. */
    async submittedPlans(programmeId: number): Promise<SubmittedPlanRow[]> {
      const rows = await k
        .selectFrom("plan_of_approach as p")
        .innerJoin("action as a", "a.id", "p.action_id")
        .select(["a.number", "a.title", "p.version_no", "p.submitted_at"])
        .where("a.programme_id", "=", programmeId)
        .where("p.status", "=", "submitted")
        .orderBy("p.submitted_at")
        .orderBy("a.number")
        .execute();
      return rows.map((r) => ({ number: r.number, title: r.title, versionNo: r.version_no, submittedAt: r.submitted_at }));
    },

    /** Update rounds that are still open, the soonest due first. */
    async openRounds(programmeId: number): Promise<OpenRoundRow[]> {
      const rows = await k
        .selectFrom("update_round")
        .select(["id", "period", "due_on", "closes_on"])
        .where("programme_id", "=", programmeId)
        .where("status", "=", "open")
        .orderBy("due_on")
        .orderBy("id")
        .execute();
      return rows.map((r) => ({ id: r.id, period: r.period, dueOn: r.due_on, closesOn: r.closes_on }));
    },

    /** Every action with how many contacts and lead organisations it has. */
    async actionGaps(programmeId: number): Promise<ActionGapRow[]> {
      const rows = await k
        .selectFrom("action as a")
        .select([
          "a.number",
          "a.title",
          "a.category",
          "a.lead_unknown",
          sql<number>`(select count(*) from action_contact ac where ac.action_id = a.id)`.as("contacts"),
          sql<number>`(select count(*) from action_organisation ao where ao.action_id = a.id and ao.role = 'lead')`.as("leads"),
        ])
        .where("a.programme_id", "=", programmeId)
        .orderBy("a.number")
        .execute();
      return rows.map((r) => ({
        number: r.number,
        title: r.title,
        category: r.category,
        contacts: Number(r.contacts),
        leads: Number(r.leads),
        leadUnknown: r.lead_unknown === 1,
      }));
    },

    /** The newest updates that report an action at risk or delayed, newest first. */
    async troubleReports(programmeId: number, limit: number): Promise<TroubleReportRow[]> {
      const rows = await k
        .selectFrom("progress_update as pu")
        .innerJoin("action as a", "a.id", "pu.action_id")
        .select(["a.number", "a.title", "pu.status", "pu.period", "pu.narrative", "pu.created_at"])
        .where("a.programme_id", "=", programmeId)
        .where("pu.status", "in", ["at-risk", "delayed"])
        .orderBy("pu.created_at", "desc")
        .orderBy("pu.id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        number: r.number,
        title: r.title,
        status: r.status,
        period: r.period,
        narrative: r.narrative,
        reportedAt: r.created_at,
      }));
    },

    /** Each action's newest public narrative (by the period it is about, then when it was written), by number. */
    async latestPublicNarratives(programmeId: number): Promise<Map<number, { period: string; narrative: string }>> {
      const rows = await k
        .selectFrom("progress_update as pu")
        .innerJoin("action as a", "a.id", "pu.action_id")
        .select(["a.number", "pu.period", "pu.narrative"])
        .where("a.programme_id", "=", programmeId)
        .where("pu.narrative_public", "=", 1)
        .where("pu.narrative", "<>", "")
        .orderBy(sql.raw(PERIOD_KEY_SQL.replaceAll("period", "pu.period")), "desc")
        .orderBy("pu.created_at", "desc")
        .execute();
      const out = new Map<number, { period: string; narrative: string }>();
      for (const r of rows) if (!out.has(r.number)) out.set(r.number, { period: r.period, narrative: r.narrative });
      return out;
    },

    /**
     * The actions an account is contact for, in every programme, with the newest plan's status and
     * the open round request it has not answered yet (the soonest due when there are several).
     */
    async myActions(userId: number): Promise<MyActionRow[]> {
      const rows = await k
        .selectFrom("contact as c")
        .innerJoin("action_contact as ac", "ac.contact_id", "c.id")
        .innerJoin("action as a", "a.id", "ac.action_id")
        .innerJoin("programme as p", "p.id", "a.programme_id")
        .select([
          "c.id as contact_id",
          "a.id as action_id",
          "a.number",
          "a.title",
          "p.slug",
          "p.title as programme_title",
          sql<
            string | null
          >`(select pl.status from plan_of_approach pl where pl.action_id = a.id order by pl.version_no desc limit 1)`.as("plan_status"),
        ])
        .where("c.user_id", "=", userId)
        .orderBy("p.slug")
        .orderBy("a.number")
        .execute();
      if (rows.length === 0) return [];
      const requests = await k
        .selectFrom("round_request as rr")
        .innerJoin("update_round as r", "r.id", "rr.round_id")
        .select(["rr.action_id", "rr.contact_id", "r.period", "r.due_on", "r.closes_on"])
        .where("r.status", "=", "open")
        .where("rr.answered_at", "is", null)
        .where(
          "rr.contact_id",
          "in",
          [...new Set(rows.map((r) => r.contact_id))],
        )
        .orderBy("r.due_on")
        .execute();
      return rows.map((r) => {
        const asked = requests.find((q) => q.action_id === r.action_id && q.contact_id === r.contact_id);
        return {
          programmeSlug: r.slug,
          programmeTitle: r.programme_title,
          number: r.number,
          title: r.title,
          planStatus: r.plan_status,
          request: asked ? { period: asked.period, dueOn: asked.due_on, closesOn: asked.closes_on } : null,
        };
      });
    },
  };
}

export type WorkReadModel = ReturnType<typeof createWorkReadModel>;
