import type { Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Progress, continued: jobs name what they are about (so that a round's or a request's pending
 * mails can be cancelled together); a milestone remembers which reading of the planning text it
 * came from (so that a hand correction is not joined by the old reading when the text is read
 * again); and an action has at most one progress update per reporting period (a correction
 * changes it, with a new version and a history entry).
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  /** "round:5/request:12" for a request's mails, "round:5" for the round's own jobs; null for others. */
  await db.schema.alterTable("job").addColumn("subject", "text").execute();
  await db.schema.createIndex("job_subject").on("job").column("subject").execute();
  /** The planning reading a milestone came from (label and date phrase); null for milestones added by hand. */
  await db.schema.alterTable("milestone").addColumn("source_key", "text").execute();
  await db.schema
    .createIndex("progress_update_action_period")
    .on("progress_update")
    .columns(["action_id", "period"])
    .unique()
    .execute();
  await db.schema
    .createIndex("round_request_round_action")
    .on("round_request")
    .columns(["round_id", "action_id"])
    .execute();
}
