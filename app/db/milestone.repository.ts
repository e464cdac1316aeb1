import type { Transaction } from "kysely";
import {
  formatFuzzyDate,
  type FuzzyDate,
  type Recurrence,
} from "../domain/progress/fuzzy-date";
import type { MilestoneValues } from "../domain/progress/milestone-input";
import { parseMilestones, type Milestone } from "../domain/progress/planning-milestones";
import type { MilestoneRecord } from "../domain/progress/types";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";
import type { Database, MilestoneTable } from "./schema";
import { forUpdate } from "./write-locks";

type Trx = Transaction<Database>;
type Row = Omit<MilestoneTable, "id"> & { id: number };

/** History entries of an action's milestones: entity "action-milestones", id = the action's id. */
export const MILESTONE_ENTITY = "action-milestones";

const keyOf = (m: { label: string | null; due: { text: string } }) => JSON.stringify([m.label, m.due.text]);

function toRecord(r: Row): MilestoneRecord {
  const due: FuzzyDate = {
    text: r.due_text,
    start: r.due_start,
    end: r.due_end,
    precision: r.precision as FuzzyDate["precision"],
    ...(r.recurrence ? { recurrence: JSON.parse(r.recurrence) as Recurrence } : {}),
  };
  return {
    id: r.id,
    position: r.position,
    label: r.label,
    due,
    doneOn: r.done_on,
    manual: r.manual === 1,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

function dueColumns(due: FuzzyDate) {
  return {
    due_text: due.text,
    due_start: due.start,
    due_end: due.end,
    precision: due.precision,
    recurrence: due.recurrence ? JSON.stringify(due.recurrence) : null,
  };
}

/** What history shows of a milestone. */
function describe(m: Pick<Milestone, "label" | "due" | "doneOn">) {
  return { label: m.label, due: m.due.text, doneOn: m.doneOn };
}

/**
 * Brings an action's milestones in line with those read from its planning text, inside the caller's transaction:
 * milestones read before and read again keep their id and done date; readings that went away are
 * removed, new ones added. Milestones a person corrected or added (manual) are never touched, and
 * the reading a correction replaced is not added again. Returns whether anything changed.
 */
export async function syncMilestones(
  trx: Trx,
  input: { actionId: number; /** The milestones the domain read from the planning text. */ readings: readonly Milestone[]; now: string },
): Promise<boolean> {
  const parsed = input.readings;
  const existing = await trx
    .selectFrom("milestone")
    .selectAll()
    .where("action_id", "=", input.actionId)
    .orderBy("position")
    .execute();
  const corrected = new Set(
    existing.filter((r) => r.manual === 1 && r.source_key !== null).map((r) => r.source_key),
  );
  const automatic = existing.filter((r) => r.manual !== 1);
  const used = new Set<number>();
  let changed = false;
  for (const [position, m] of parsed.entries()) {
    const key = keyOf(m);
    if (corrected.has(key)) continue;
    const columns = { position, label: m.label, ...dueColumns(m.due), source_key: key };
    const match = automatic.find((r) => !used.has(r.id) && r.source_key === key);
    if (match) {
      used.add(match.id);
      const differs = (Object.keys(columns) as (keyof typeof columns)[]).some((c) => match[c] !== columns[c]);
      if (differs) {
        await trx
          .updateTable("milestone")
          .set({ ...columns, updated_at: input.now, version: match.version + 1 })
          .where("id", "=", match.id)
          .execute();
        changed = true;
      }
      continue;
    }
    await trx
      .insertInto("milestone")
      .values({
        action_id: input.actionId,
        ...columns,
        done_on: null,
        manual: 0,
        created_at: input.now,
        updated_at: input.now,
        version: 1,
      })
      .execute();
    changed = true;
  }
  const gone = automatic.filter((r) => !used.has(r.id)).map((r) => r.id);
  if (gone.length > 0) {
    await trx.deleteFrom("milestone").where("id", "in", gone).execute();
    changed = true;
  }
  return changed;
}

export type MilestoneChange =
  | { status: "ok"; id: number; version: number }
  | { status: "not-found" }
  | { status: "conflict"; current: MilestoneRecord };

interface ChangeContext {
  programmeId: number;
  action: { id: number; number: number; title: string };
  actor: Actor;
  now: string;
  requestId?: string;
}

/** Stored milestones: reading them per action (in batches for lists), and a person's corrections. */
export function createMilestoneRepository(db: Db) {
  const k = db.kysely;

  /** Locks the milestone (PostgreSQL) and checks that it belongs to the action and is at the version the person saw. */
  async function lockedRow(
    trx: Trx,
    actionId: number,
    id: number,
    expectedVersion: number,
  ): Promise<{ row: Row } | Exclude<MilestoneChange, { status: "ok" }>> {
    const row = await forUpdate(
      trx.selectFrom("milestone").selectAll().where("id", "=", id).where("action_id", "=", actionId),
      db.dialect,
    ).executeTakeFirst();
    if (!row) return { status: "not-found" };
    if (row.version !== expectedVersion) return { status: "conflict", current: toRecord(row) };
    return { row };
  }

  const audit = (trx: Trx, c: ChangeContext, operation: string, before: unknown, after: unknown) =>
    recordAudit(trx, {
      actor: c.actor,
      at: c.now,
      programmeId: c.programmeId,
      entityType: MILESTONE_ENTITY,
      entityId: c.action.id,
      entityLabel: `${c.action.number}. ${c.action.title}`,
      operation,
      before,
      after,
      requestId: c.requestId,
    });

  /** Milestones of many actions in one query, each list in document order. */
  async function listForActions(actionIds: readonly number[]): Promise<Map<number, MilestoneRecord[]>> {
    const out = new Map<number, MilestoneRecord[]>();
    if (actionIds.length === 0) return out;
    const rows = await k
      .selectFrom("milestone")
      .selectAll()
      .where("action_id", "in", [...actionIds])
      .orderBy("action_id")
      .orderBy("position")
      .orderBy("id")
      .execute();
    for (const r of rows) {
      const list = out.get(r.action_id) ?? [];
      list.push(toRecord(r));
      out.set(r.action_id, list);
    }
    return out;
  }

  return {
    async listForAction(actionId: number): Promise<MilestoneRecord[]> {
      return (await listForActions([actionId])).get(actionId) ?? [];
    },

    listForActions,

    /** A correction: label, date and done date; the milestone is then the person's and stays when the planning is read again. */
    async update(
      c: ChangeContext & { id: number; expectedVersion: number; values: MilestoneValues },
    ): Promise<MilestoneChange> {
      return k.transaction().execute(async (trx): Promise<MilestoneChange> => {
        const found = await lockedRow(trx, c.action.id, c.id, c.expectedVersion);
        if (!("row" in found)) return found;
        const before = toRecord(found.row);
        const after = { label: c.values.label, due: c.values.due, doneOn: c.values.doneOn };
        const same = (m: typeof after) => JSON.stringify([m.label, dueColumns(m.due), m.doneOn]);
        if (same(before) === same(after)) return { status: "ok", id: c.id, version: before.version };
        const version = before.version + 1;
        await trx
          .updateTable("milestone")
          .set({
            label: after.label,
            ...dueColumns(after.due),
            done_on: after.doneOn,
            manual: 1,
            updated_at: c.now,
            version,
          })
          .where("id", "=", c.id)
          .execute();
        await audit(trx, c, "update", describe(before), describe(after));
        return { status: "ok", id: c.id, version };
      });
    },

    /** Marks done on a day (null reopens); a milestone read from the planning stays automatic, keeping its done date across readings. */
    async setDone(
      c: ChangeContext & { id: number; expectedVersion: number; doneOn: string | null },
    ): Promise<MilestoneChange> {
      return k.transaction().execute(async (trx): Promise<MilestoneChange> => {
        const found = await lockedRow(trx, c.action.id, c.id, c.expectedVersion);
        if (!("row" in found)) return found;
        const before = toRecord(found.row);
        if (before.doneOn === c.doneOn) return { status: "ok", id: c.id, version: before.version };
        const version = before.version + 1;
        await trx
          .updateTable("milestone")
          .set({ done_on: c.doneOn, updated_at: c.now, version })
          .where("id", "=", c.id)
          .execute();
        await audit(trx, c, "update", describe(before), describe({ ...before, doneOn: c.doneOn }));
        return { status: "ok", id: c.id, version };
      });
    },

    /** Adds a milestone by hand, after the others. */
    async create(c: ChangeContext & { values: MilestoneValues }): Promise<MilestoneChange> {
      return k.transaction().execute(async (trx): Promise<MilestoneChange> => {
        await forUpdate(
          trx.selectFrom("action").select("id").where("id", "=", c.action.id),
          db.dialect,
        ).executeTakeFirstOrThrow();
        const max = await trx
          .selectFrom("milestone")
          .select((eb) => eb.fn.max("position").as("p"))
          .where("action_id", "=", c.action.id)
          .executeTakeFirst();
        const row = await trx
          .insertInto("milestone")
          .values({
            action_id: c.action.id,
            position: Number(max?.p ?? -1) + 1,
            label: c.values.label,
            ...dueColumns(c.values.due),
            done_on: c.values.doneOn,
            manual: 1,
            source_key: null,
            created_at: c.now,
            updated_at: c.now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(trx, c, "create", null, describe(c.values));
        return { status: "ok", id: row.id, version: 1 };
      });
    },

    /** Removes a milestone; one read from the planning comes back only when the planning text changes. */
    async remove(c: ChangeContext & { id: number; expectedVersion: number }): Promise<MilestoneChange> {
      return k.transaction().execute(async (trx): Promise<MilestoneChange> => {
        const found = await lockedRow(trx, c.action.id, c.id, c.expectedVersion);
        if (!("row" in found)) return found;
        await trx.deleteFrom("milestone").where("id", "=", c.id).execute();
        await audit(trx, c, "delete", describe(toRecord(found.row)), null);
        return { status: "ok", id: c.id, version: found.row.version };
      });
    },

    /**
     * Reads the milestones of every action of the programmes that have none at all yet (a database
     * made before milestones existed). Returns the number of actions read.
     */
    async backfill(now: string): Promise<number> {
      return k.transaction().execute(async (trx) => {
        const programmes = await trx
          .selectFrom("programme")
          .select(["id", "period_start", "period_end"])
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("milestone")
                  .innerJoin("action", "action.id", "milestone.action_id")
                  .select("milestone.id")
                  .whereRef("action.programme_id", "=", "programme.id"),
              ),
            ),
          )
          .execute();
        let count = 0;
        for (const p of programmes) {
          const actions = await trx
            .selectFrom("action")
            .select(["id", "planning_text"])
            .where("programme_id", "=", p.id)
            .execute();
          for (const a of actions) {
            await syncMilestones(trx, {
              actionId: a.id,
              readings: parseMilestones(a.planning_text, { period: { start: p.period_start, end: p.period_end } }).milestones,
              now,
            });
            count++;
          }
        }
        return count;
      });
    },
  };
}

export type MilestoneRepository = ReturnType<typeof createMilestoneRepository>;

/** The canonical phrase of a date, for a form field that shows what Regie read. */
export const milestoneDuePhrase = (due: FuzzyDate): string => due.text || formatFuzzyDate(due);
