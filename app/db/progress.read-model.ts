import { sql } from "kysely";
import {
  asProgressStatus,
  DEPENDENCY_TYPES,
  isDependencyType,
  type DependencyLink,
  type ProgressStatus,
} from "../domain/progress/dependencies";
import {
  PRECISIONS,
  type FuzzyDate,
  type IsoDate,
  type Precision,
  type Recurrence,
} from "../domain/progress/fuzzy-date";
import type { Milestone } from "../domain/progress/planning-milestones";
import type { LinkType } from "../domain/programmes/programme-document";
import type { Db } from "./database";
import { changeStamp, createReadCache, type ReadCache } from "./read-cache";

/**
 * Reads what the dashboard, the timeline and the dependency graphs need, per programme, in a few
 * queries each (never one per action): the tables `milestone`, `progress_update`, `update_round`
 * and `round_request` are written elsewhere (milestone and progress stores); this only reads.
 */

/** The period the dashboard reports on, and the update round it belongs to (if any). */
export interface ReportingPeriod {
  /** "2014-H1"; null when there is no round and no update yet. */
  period: string | null;
  round: {
    id: number;
    period: string;
    status: string;
    openedOn: string;
    dueOn: string;
    closesOn: string;
  } | null;
}

/** One action with what its progress rows say. */
export interface ProgressActionRow {
  id: number;
  number: number;
  title: string;
  /** Theme number; null for the organisation chapter. */
  theme: number | null;
  category: number | null;
  /** Newest update about the reporting period. */
  periodStatus: ProgressStatus | null;
  /** Newest update of any period. */
  latest: { status: ProgressStatus; period: string } | null;
}

export interface MilestoneRow extends Milestone {
  id: number;
  actionId: number;
  position: number;
}

/** A typed link between two actions of a programme, by number (related links included). */
export interface GraphLink {
  source: number;
  target: number;
  type: LinkType;
}

function isPrecision(value: string): value is Precision {
  return (PRECISIONS as readonly string[]).includes(value);
}

/** The stored recurrence rule, or undefined when it is missing or not of the expected shape. */
function readRecurrence(json: string | null): Recurrence | undefined {
  if (!json) return undefined;
  try {
    const r = JSON.parse(json) as Partial<Recurrence>;
    if (
      typeof r.everyMonths === "number" &&
      r.everyMonths >= 1 &&
      typeof r.until === "string" &&
      typeof r.occurrence === "string" &&
      isPrecision(r.occurrence)
    )
      return { everyMonths: r.everyMonths, until: r.until, occurrence: r.occurrence };
  } catch {
    // A broken rule reads as a single occurrence.
  }
  return undefined;
}

interface RawMilestone {
  id: number;
  action_id: number;
  position: number;
  label: string | null;
  due_text: string;
  due_start: string;
  due_end: string | null;
  precision: string;
  recurrence: string | null;
  done_on: string | null;
}

/**
 * An order-preserving text key of a reporting period: year, the month it ends, the month it
 * starts ("2014-Q4" → "20141210", "2014-H2" → "20141207"), so that the newest period sorts last,
 * as the progress pages order them (by end, then start). Migration 0010 indexes
 * (action_id, this expression), which makes "the newest update of an action" one index step; the
 * text must stay exactly the same here and there for the databases to use the index.
 */
export const PERIOD_KEY_SQL =
  "substr(period, 1, 4) || coalesce(case substr(period, 6, 2) when 'Q1' then '0301' when 'H1' then '0601' when 'Q2' then '0604' when 'Q3' then '0907' when 'H2' then '1207' when 'Q4' then '1210' end, '0000')";

function toMilestone(r: RawMilestone): MilestoneRow {
  const precision: Precision = isPrecision(r.precision) ? r.precision : "none";
  const due: FuzzyDate = {
    text: r.due_text,
    start: r.due_start,
    end: precision === "open" || precision === "none" ? null : r.due_end,
    precision,
  };
  const recurrence = precision === "recurring" ? readRecurrence(r.recurrence) : undefined;
  if (recurrence) due.recurrence = recurrence;
  return { id: r.id, actionId: r.action_id, position: r.position, label: r.label, due, doneOn: r.done_on };
}

/** "delayed|2014-H1" → { status, period }; null for none or anything unreadable. */
function splitLatest(value: string | null): ProgressActionRow["latest"] {
  if (!value) return null;
  const at = value.indexOf("|");
  const status = asProgressStatus(value.slice(0, Math.max(0, at)));
  return status ? { status, period: value.slice(at + 1) } : null;
}

export function createProgressReadModel(db: Db, cache: ReadCache = createReadCache(changeStamp(db))) {
  const k = db.kysely;

  /** Each action's status for one reporting period (an action has at most one update per period). */
  async function periodStatuses(
    programmeId: number,
    period: string,
    ids?: readonly number[],
  ): Promise<Map<number, ProgressStatus>> {
    let query = k
      .selectFrom("action")
      .innerJoin("progress_update as pu", (join) =>
        join.onRef("pu.action_id", "=", "action.id").on("pu.period", "=", period),
      )
      .select(["pu.action_id", "pu.status", "pu.updated_at", "pu.id"])
      .where("action.programme_id", "=", programmeId);
    if (ids) query = query.where("action.id", "in", [...ids]);
    const rows = await query.orderBy("pu.updated_at").orderBy("pu.id").execute();
    const out = new Map<number, ProgressStatus>();
    // Should a period ever hold two updates of an action, the latest change wins.
    for (const r of rows) {
      const status = asProgressStatus(r.status);
      if (status) out.set(r.action_id, status);
    }
    return out;
  }

  /** Actions of a programme (all, or those with the given ids or numbers) with their theme, category and statuses. */
  async function actionRows(
    programmeId: number,
    period: string | null,
    only: { ids?: readonly number[]; numbers?: readonly number[] } = {},
  ): Promise<ProgressActionRow[]> {
    const { ids, numbers } = only;
    if ((ids && ids.length === 0) || (numbers && numbers.length === 0)) return [];
    let query = k
      .selectFrom("action")
      .leftJoin("theme", "theme.id", "action.theme_id")
      .select([
        "action.id",
        "action.number",
        "action.title",
        "action.category",
        "theme.number as theme_number",
      ])
      .where("action.programme_id", "=", programmeId);
    if (ids) query = query.where("action.id", "in", [...ids]);
    if (numbers) query = query.where("action.number", "in", [...numbers]);
    // The newest update: the newest period (the key above), one step down the index per action;
    // an action has one update per period, so there are no ties.
    const withLatest = query.select(
      sql<
        string | null
      >`(select pu.status || '|' || pu.period from progress_update pu where pu.action_id = action.id order by ${sql.raw(PERIOD_KEY_SQL.replaceAll("period", "pu.period"))} desc limit 1)`.as(
        "latest",
      ),
    );
    const [rows, inPeriod] = await Promise.all([
      withLatest.orderBy("action.number").execute(),
      period === null
        ? Promise.resolve(new Map<number, ProgressStatus>())
        : periodStatuses(programmeId, period, ids),
    ]);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      theme: r.theme_number,
      category: r.category,
      periodStatus: inPeriod.get(r.id) ?? null,
      latest: splitLatest(r.latest),
    }));
  }

  /** Lead organisations per action id, in document order. */
  async function leads(
    programmeId: number,
    ids?: readonly number[],
  ): Promise<Map<number, { slug: string; name: string }[]>> {
    if (ids && ids.length === 0) return new Map();
    let query = k
      .selectFrom("action_organisation as ao")
      .innerJoin("organisation as o", "o.id", "ao.organisation_id")
      .innerJoin("action", "action.id", "ao.action_id")
      .select(["ao.action_id", "o.slug", "o.name"])
      .where("action.programme_id", "=", programmeId)
      .where("ao.role", "=", "lead");
    if (ids) query = query.where("ao.action_id", "in", [...ids]);
    const rows = await query.orderBy("ao.action_id").orderBy("ao.position").execute();
    const out = new Map<number, { slug: string; name: string }[]>();
    for (const r of rows) {
      const list = out.get(r.action_id) ?? [];
      list.push({ slug: r.slug, name: r.name });
      out.set(r.action_id, list);
    }
    return out;
  }

  /** Links between actions of the programme, by number; only dependency types unless `all`. */
  async function links(programmeId: number, all = false): Promise<GraphLink[]> {
    let query = k
      .selectFrom("action_link as l")
      .innerJoin("action as s", "s.id", "l.action_id")
      .innerJoin("action as t", "t.id", "l.target_action_id")
      .select(["s.number as source", "t.number as target", "l.type"])
      .where("s.programme_id", "=", programmeId);
    if (!all) query = query.where("l.type", "in", [...DEPENDENCY_TYPES]);
    const rows = await query.orderBy("s.number").orderBy("l.position").execute();
    return rows.map((r) => ({ source: r.source, target: r.target, type: r.type as LinkType }));
  }

  /** Milestones of the programme's actions (all, or the given ids), in each action's order. */
  async function milestones(programmeId: number, ids?: readonly number[]): Promise<MilestoneRow[]> {
    if (ids && ids.length === 0) return [];
    const columns = [
      "m.id",
      "m.action_id",
      "m.position",
      "m.label",
      "m.due_text",
      "m.due_start",
      "m.due_end",
      "m.precision",
      "m.recurrence",
      "m.done_on",
    ] as const;
    // Given ids are the programme's own (the caller read them for it): no join needed.
    const query = ids
      ? k
          .selectFrom("milestone as m")
          .select(columns)
          .where("m.action_id", "in", [...ids])
      : k
          .selectFrom("milestone as m")
          .innerJoin("action", "action.id", "m.action_id")
          .select(columns)
          .where("action.programme_id", "=", programmeId);
    const rows = await query.orderBy("m.action_id").orderBy("m.position").orderBy("m.id").execute();
    return rows.map(toMilestone);
  }

  async function reportingPeriod(programmeId: number): Promise<ReportingPeriod> {
    const round = await k
      .selectFrom("update_round")
      .select(["id", "period", "status", "opened_on", "due_on", "closes_on"])
      .where("programme_id", "=", programmeId)
      .orderBy("opened_on", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (round) {
      return {
        period: round.period,
        round: {
          id: round.id,
          period: round.period,
          status: round.status,
          openedOn: round.opened_on,
          dueOn: round.due_on,
          closesOn: round.closes_on,
        },
      };
    }
    // Without rounds: the period of the newest update, if any.
    const newest = await k
      .selectFrom("progress_update as pu")
      .innerJoin("action", "action.id", "pu.action_id")
      .select("pu.period")
      .where("action.programme_id", "=", programmeId)
      .orderBy("pu.created_at", "desc")
      .orderBy("pu.id", "desc")
      .limit(1)
      .executeTakeFirst();
    return { period: newest?.period ?? null, round: null };
  }

  return {
    cache,

    reportingPeriod,
    actionRows,
    leads,
    milestones,

    /** Dependency links (prerequisiteFor, enables) between the programme's actions. */
    async dependencyLinks(programmeId: number): Promise<DependencyLink[]> {
      return (await links(programmeId)).flatMap((l) =>
        isDependencyType(l.type) ? [{ source: l.source, target: l.target, type: l.type }] : [],
      );
    },

    /** Every link between two actions (related ones too), for the graphs. */
    allActionLinks: (programmeId: number) => links(programmeId, true),

    /** The first start and last end of the programme's milestones, for one axis on every page. */
    async milestoneExtent(programmeId: number): Promise<{ start: IsoDate; end: IsoDate } | null> {
      const row = await k
        .selectFrom("milestone as m")
        .innerJoin("action", "action.id", "m.action_id")
        .select((eb) => [
          eb.fn.min("m.due_start").as("first"),
          eb.fn.max(sql<string>`coalesce(m.due_end, m.due_start)`).as("last"),
        ])
        .where("action.programme_id", "=", programmeId)
        .executeTakeFirst();
      return row?.first && row.last ? { start: row.first, end: row.last } : null;
    },

    /** How many requests of a round were sent and answered. */
    async roundResponse(roundId: number): Promise<{ requested: number; answered: number }> {
      const row = await k
        .selectFrom("round_request")
        .select((eb) => [
          eb.fn.countAll<number>().as("requested"),
          eb.fn.count<number>("answered_at").as("answered"),
        ])
        .where("round_id", "=", roundId)
        .executeTakeFirst();
      return { requested: Number(row?.requested ?? 0), answered: Number(row?.answered ?? 0) };
    },

    /** Personal data, for those who may read contacts: who has not answered a round yet, per action. */
    async unansweredRequests(roundId: number): Promise<{ number: number; contact: string }[]> {
      const rows = await k
        .selectFrom("round_request as rr")
        .innerJoin("contact as c", "c.id", "rr.contact_id")
        .innerJoin("action", "action.id", "rr.action_id")
        .select(["action.number", "c.name"])
        .where("rr.round_id", "=", roundId)
        .where("rr.answered_at", "is", null)
        .orderBy("action.number")
        .orderBy("c.name")
        .execute();
      return rows.map((r) => ({ number: r.number, contact: r.name }));
    },

    /** Numbers of the actions an update round asked about (whoever was asked). */
    async askedInRound(roundId: number): Promise<number[]> {
      const rows = await k
        .selectFrom("round_request as rr")
        .innerJoin("action as a", "a.id", "rr.action_id")
        .select("a.number")
        .distinct()
        .where("rr.round_id", "=", roundId)
        .orderBy("a.number")
        .execute();
      return rows.map((r) => r.number);
    },
  };
}

export type ProgressReadModel = ReturnType<typeof createProgressReadModel>;
