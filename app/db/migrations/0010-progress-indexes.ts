import { sql, type Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Indexes for the progress dashboard, the timeline and the dependency flags at scale (thousands of
 * actions, tens of thousands of updates):
 * - the newest update of an action: (action_id, order key of its period), the key being the same
 *   expression as PERIOD_KEY_SQL in progress-read-model.ts (year, end month, start month), so that
 *   "newest period first" is one step down the index; the text must match that query exactly;
 * - dependency links by type (the flags read only prerequisiteFor and enables links).
 */
// The expression is written out here on purpose: a migration must not change when code changes.
const PERIOD_KEY =
  "substr(period, 1, 4) || coalesce(case substr(period, 6, 2) when 'Q1' then '0301' when 'H1' then '0601' when 'Q2' then '0604' when 'Q3' then '0907' when 'H2' then '1207' when 'Q4' then '1210' end, '0000')";

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`create index progress_update_latest on progress_update (action_id, (${sql.raw(PERIOD_KEY)}))`.execute(
    db,
  );
  await db.schema
    .createIndex("action_link_type_action")
    .on("action_link")
    .columns(["type", "action_id"])
    .execute();
}
