import { sql, type Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Plans of approach (the table came with 0002): the database itself keeps an action to one open
 * version (draft or submitted) at a time, so that two people starting a plan at the same moment
 * cannot both succeed; and approved plans are found quickly for the overview and the filter.
 * Partial indexes work the same on SQLite and PostgreSQL.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await sql`CREATE UNIQUE INDEX plan_one_open_version ON plan_of_approach (action_id) WHERE status IN ('draft', 'submitted')`.execute(db);
  await sql`CREATE INDEX plan_approved ON plan_of_approach (action_id, version_no) WHERE status = 'approved'`.execute(db);
}
