// Data for the progress cases of `npm run bench`: update rounds and updates for the default programme
// (62 actions, the real size), and a generated programme of 2,000 actions with 20 updates each (the
// scaled size), written into the database of a running bench server. The programme goes in through
// the real import path (importProgrammeDocument, which also reads the milestones from the planning
// texts); rounds and updates are inserted directly, as the progress store would leave them. Runs the
// same on SQLite and PostgreSQL, and is deterministic (a seeded generator), so runs can be compared.
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase, type Db } from "../app/db/database";
import { importProgrammeDocument } from "../app/lib/programme-import.server";
import { readProgrammeFile, DEFAULT_PROGRAMME_SLUG } from "../app/lib/default-data.server";
import type { ProgressStatus } from "../app/domain/progress/dependencies";
import type { ActionDoc, ProgrammeDocument } from "../app/domain/programmes/programme-document";
import {
  fillMilestonesFromPlanning,
  insertUpdates,
  programmeId,
  type UpdateInput,
} from "../tests/support/progress-factories";

export const SCALED_SLUG = "bench-2000";
export const SCALED_ACTIONS = 2000;
export const UPDATES_PER_ACTION = 20;

/** mulberry32: a small deterministic generator. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly on track; some at risk, delayed, done or stopped. */
function pickStatus(r: number): ProgressStatus {
  if (r < 0.55) return "on-track";
  if (r < 0.7) return "at-risk";
  if (r < 0.82) return "delayed";
  if (r < 0.95) return "done";
  return "stopped";
}

/** Quarters from `fromYear` Q1, `count` of them: "2011-Q1" … */
function quarters(fromYear: number, count: number): { code: string; start: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const year = fromYear + Math.floor(i / 4);
    const q = (i % 4) + 1;
    return { code: `${year}-Q${q}`, start: `${year}-${String(q * 3 - 2).padStart(2, "0")}-01` };
  });
}

/** Half years from `fromYear` H1. */
function halves(fromYear: number, count: number): { code: string; start: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const year = fromYear + Math.floor(i / 2);
    const h = (i % 2) + 1;
    return { code: `${year}-H${h}`, start: `${year}-${h === 1 ? "01" : "07"}-01` };
  });
}

/**
 * The default programme scaled up: action n takes the text, theme, intention, organisations and
 * category of default action ((n - 1) mod 62) + 1; every tenth action is a prerequisite for the next
 * two and enables the third, so that there are chains to follow.
 */
export function scaledDocument(base: ProgrammeDocument, size = SCALED_ACTIONS): ProgrammeDocument {
  const templates = base.actions;
  const actions: ActionDoc[] = [];
  for (let n = 1; n <= size; n++) {
    const t = templates[(n - 1) % templates.length]!;
    const links: ActionDoc["links"] = [];
    if (n % 10 === 1 && n + 3 <= size) {
      links.push({
        type: "prerequisiteFor",
        target: { action: n + 1 },
        source: `Actie ${n} is randvoorwaarde voor ${n + 1} en ${n + 2}`,
      });
      links.push({
        type: "prerequisiteFor",
        target: { action: n + 2 },
        source: `Actie ${n} is randvoorwaarde voor ${n + 1} en ${n + 2}`,
      });
      links.push({
        type: "enables",
        target: { action: n + 3 },
        source: `Actie ${n} maakt ${n + 3} mogelijk`,
      });
    }
    if (n % 25 === 0 && n > 25)
      links.push({ type: "related", target: { action: n - 25 }, source: `Link met actie ${n - 25}` });
    actions.push({ ...t, number: n, title: `${t.title} (${n})`, links });
  }
  return { ...base, slug: SCALED_SLUG, title: `Benchmarkprogramma (${size} acties)`, actions };
}

async function hasRounds(db: Db, programme: number): Promise<boolean> {
  return (
    (await db.kysely
      .selectFrom("update_round")
      .select("id")
      .where("programme_id", "=", programme)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

/** One round per period (the last one open) and one update per action and period. */
async function addProgress(
  db: Db,
  programme: number,
  periods: { code: string; start: string }[],
  seed: number,
): Promise<number> {
  const rnd = random(seed);
  const now = new Date().toISOString();
  for (const [i, p] of periods.entries()) {
    const due = new Date(Date.parse(`${p.start}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await db.kysely
      .insertInto("update_round")
      .values({
        programme_id: programme,
        period: p.code,
        opened_on: p.start,
        due_on: due,
        closes_on: due,
        reminder_offsets: "[-7,0,7]",
        status: i === periods.length - 1 ? "open" : "closed",
        opened_by_user_id: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }
  const actions = await db.kysely
    .selectFrom("action")
    .select("id")
    .where("programme_id", "=", programme)
    .orderBy("number")
    .execute();
  const updates: UpdateInput[] = [];
  for (const a of actions) {
    for (const p of periods) {
      const at = `${p.start}T09:00:00.000Z`;
      updates.push({
        actionId: a.id,
        status: pickStatus(rnd()),
        period: p.code,
        createdAt: at,
        authorLabel: "Bench",
        narrative: "Voortgang volgens plan.",
      });
    }
  }
  await insertUpdates(db, updates);
  return updates.length;
}

/**
 * Fills the database behind a bench server: progress for the default programme, and the scaled
 * programme with its progress. Does nothing a second time. Returns what it did, for the report.
 */
export async function seedBenchData(databaseUrl: string, root: string): Promise<string[]> {
  const db = openDatabase(databaseUrl);
  const notes: string[] = [];
  try {
    const base = readProgrammeFile(join(root, "data", "programmes", `${DEFAULT_PROGRAMME_SLUG}.json`));
    const real = await programmeId(db, DEFAULT_PROGRAMME_SLUG);
    if (!(await hasRounds(db, real))) {
      await fillMilestonesFromPlanning(db, real, base.period);
      const n = await addProgress(db, real, halves(base.period.start, 6), 71);
      notes.push(`default programme: 6 update rounds (2013-H1 … 2015-H2), ${n} updates`);
    }
    const existing = await db.kysely
      .selectFrom("programme")
      .select("id")
      .where("slug", "=", SCALED_SLUG)
      .executeTakeFirst();
    if (!existing) {
      const t0 = performance.now();
      const doc = scaledDocument(base);
      await importProgrammeDocument(db, doc);
      const scaled = await programmeId(db, SCALED_SLUG);
      await fillMilestonesFromPlanning(db, scaled, doc.period);
      const n = await addProgress(db, scaled, quarters(2011, UPDATES_PER_ACTION), 2000);
      const milestones = await db.kysely
        .selectFrom("milestone")
        .innerJoin("action", "action.id", "milestone.action_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action.programme_id", "=", scaled)
        .executeTakeFirstOrThrow();
      notes.push(
        `${SCALED_SLUG}: ${doc.actions.length} actions, ${Number(milestones.n)} milestones, ${UPDATES_PER_ACTION} rounds (2011-Q1 … 2015-Q4), ` +
          `${n} updates, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    // Fresh statistics for the planners after the bulk load.
    await sql`ANALYZE`.execute(db.kysely);
  } finally {
    await db.close();
  }
  return notes;
}
