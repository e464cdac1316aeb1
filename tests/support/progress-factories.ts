import type { Db } from "../../app/db/database";
import type { ProgressStatus } from "../../app/domain/progress/dependencies";
import type { YearSpan } from "../../app/domain/progress/fuzzy-date";
import { parseMilestones, type Milestone } from "../../app/domain/progress/planning-milestones";

/**
 * Rows for the progress tables, written straight into a test database (or the bench's), until the
 * milestone and progress stores fill them through their own code. Timestamps are ISO-8601 UTC.
 */

const NOW = "2014-01-01T00:00:00.000Z";

export async function actionId(db: Db, programmeId: number, number: number): Promise<number> {
  const row = await db.kysely
    .selectFrom("action")
    .select("id")
    .where("programme_id", "=", programmeId)
    .where("number", "=", number)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function programmeId(db: Db, slug: string): Promise<number> {
  return (
    await db.kysely.selectFrom("programme").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()
  ).id;
}

/** Inserts milestones for one action, after any it already has. */
export async function insertMilestones(
  db: Db,
  action: number,
  milestones: readonly Milestone[],
  at = NOW,
): Promise<void> {
  if (milestones.length === 0) return;
  await db.kysely
    .insertInto("milestone")
    .values(
      milestones.map((m, i) => ({
        action_id: action,
        position: i + 1,
        label: m.label,
        due_text: m.due.text,
        due_start: m.due.start,
        due_end: m.due.end,
        precision: m.due.precision,
        recurrence: m.due.recurrence ? JSON.stringify(m.due.recurrence) : null,
        done_on: m.doneOn,
        manual: 0,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    )
    .execute();
}

/**
 * Reads every action's planning text into milestones (parseMilestones), for the actions of the
 * programme that have none yet; returns how many were written.
 */
export async function fillMilestonesFromPlanning(
  db: Db,
  programme: number,
  period: YearSpan,
): Promise<number> {
  const actions = await db.kysely
    .selectFrom("action")
    .select(["action.id", "action.planning_text"])
    .where("action.programme_id", "=", programme)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("milestone").select("milestone.id").whereRef("milestone.action_id", "=", "action.id"),
        ),
      ),
    )
    .execute();
  let written = 0;
  const rows = actions.flatMap((a) =>
    parseMilestones(a.planning_text, { period }).milestones.map((m, i) => ({
      action: a.id,
      m,
      position: i + 1,
    })),
  );
  // In batches, so that SQLite's limit on bound parameters is never reached.
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    await db.kysely
      .insertInto("milestone")
      .values(
        batch.map(({ action, m, position }) => ({
          action_id: action,
          position,
          label: m.label,
          due_text: m.due.text,
          due_start: m.due.start,
          due_end: m.due.end,
          precision: m.due.precision,
          recurrence: m.due.recurrence ? JSON.stringify(m.due.recurrence) : null,
          done_on: null,
          manual: 0,
          created_at: NOW,
          updated_at: NOW,
          version: 1,
        })),
      )
      .execute();
    written += batch.length;
  }
  return written;
}

export interface UpdateInput {
  actionId: number;
  status: ProgressStatus;
  period: string;
  createdAt?: string;
  roundId?: number | null;
  authorLabel?: string;
  authorContactId?: number | null;
  narrative?: string;
}

export function updateRow(u: UpdateInput) {
  const at = u.createdAt ?? NOW;
  return {
    action_id: u.actionId,
    round_id: u.roundId ?? null,
    period: u.period,
    status: u.status,
    percent: null,
    narrative: u.narrative ?? "",
    narrative_public: 1,
    milestones_reached: "[]",
    author_user_id: null,
    author_contact_id: u.authorContactId ?? null,
    author_label: u.authorLabel ?? "Test",
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

export async function insertUpdate(db: Db, u: UpdateInput): Promise<number> {
  const row = await db.kysely
    .insertInto("progress_update")
    .values(updateRow(u))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Many updates at once, in batches. */
export async function insertUpdates(db: Db, updates: readonly UpdateInput[]): Promise<void> {
  for (let i = 0; i < updates.length; i += 300) {
    await db.kysely
      .insertInto("progress_update")
      .values(updates.slice(i, i + 300).map(updateRow))
      .execute();
  }
}

export async function insertRound(
  db: Db,
  r: {
    programmeId: number;
    period: string;
    openedOn: string;
    dueOn: string;
    closesOn: string;
    status?: "open" | "closed";
  },
): Promise<number> {
  const at = `${r.openedOn}T08:00:00.000Z`;
  const row = await db.kysely
    .insertInto("update_round")
    .values({
      programme_id: r.programmeId,
      period: r.period,
      opened_on: r.openedOn,
      due_on: r.dueOn,
      closes_on: r.closesOn,
      reminder_offsets: "[-7,0,7]",
      status: r.status ?? "open",
      opened_by_user_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertContact(
  db: Db,
  c: { name: string; email: string; actionId?: number },
): Promise<number> {
  const row = await db.kysely
    .insertInto("contact")
    .values({
      name: c.name,
      email: c.email,
      organisation_id: null,
      user_id: null,
      created_at: NOW,
      updated_at: NOW,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (c.actionId !== undefined)
    await db.kysely
      .insertInto("action_contact")
      .values({ action_id: c.actionId, contact_id: row.id, created_at: NOW })
      .execute();
  return row.id;
}

export async function insertRoundRequest(
  db: Db,
  r: {
    roundId: number;
    actionId: number;
    contactId: number;
    answeredAt?: string | null;
    updateId?: number | null;
  },
): Promise<void> {
  await db.kysely
    .insertInto("round_request")
    .values({
      round_id: r.roundId,
      action_id: r.actionId,
      contact_id: r.contactId,
      token_hash: `hash-${r.roundId}-${r.actionId}-${r.contactId}`,
      sent_at: NOW,
      last_reminded_at: null,
      answered_at: r.answeredAt ?? null,
      update_id: r.updateId ?? null,
      created_at: NOW,
    })
    .execute();
}

/** Sets an action's category directly (tests that need a dropped action without a decision). */
export async function setCategory(db: Db, action: number, category: number | null): Promise<void> {
  await db.kysely.updateTable("action").set({ category }).where("id", "=", action).execute();
}
