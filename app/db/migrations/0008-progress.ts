import type { Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * Progress: milestones read from the planning text (correctable by hand), progress updates per
 * action and reporting period, update rounds with personal links per contact, and the job table
 * that runs reminders from the server process on both databases.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable("milestone"), dialect)
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("due_text", "text", (c) => c.notNull())
    .addColumn("due_start", "text", (c) => c.notNull())
    .addColumn("due_end", "text")
    .addColumn("precision", "text", (c) => c.notNull())
    /** JSON of the recurrence rule for precision "recurring", else null. */
    .addColumn("recurrence", "text")
    .addColumn("done_on", "text")
    /** 1 when a person corrected it: re-reading the planning text leaves it alone. */
    .addColumn("manual", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("milestone_action").on("milestone").columns(["action_id", "position"]).execute();
  await db.schema.createIndex("milestone_due_end").on("milestone").column("due_end").execute();

  await idColumn(db.schema.createTable("update_round"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    /** Reporting period, e.g. "2014-H1". */
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("opened_on", "text", (c) => c.notNull())
    /** The date answers are due (Europe/Amsterdam calendar date). */
    .addColumn("due_on", "text", (c) => c.notNull())
    /** Links work until the round closes (the end of the reporting period unless set otherwise). */
    .addColumn("closes_on", "text", (c) => c.notNull())
    /** JSON array of reminder offsets in days relative to due_on, e.g. [-7, 0, 7]. */
    .addColumn("reminder_offsets", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("opened_by_user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("update_round_programme_period", ["programme_id", "period"])
    .execute();

  await idColumn(db.schema.createTable("progress_update"), dialect)
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.references("update_round.id").onDelete("set null"))
    .addColumn("period", "text", (c) => c.notNull())
    /** on-track | at-risk | delayed | done | stopped */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("percent", "integer")
    .addColumn("narrative", "text", (c) => c.notNull())
    .addColumn("narrative_public", "integer", (c) => c.notNull().defaultTo(1))
    /** JSON array of milestone ids reached with this update. */
    .addColumn("milestones_reached", "text", (c) => c.notNull())
    .addColumn("author_user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("author_contact_id", "integer", (c) => c.references("contact.id").onDelete("set null"))
    .addColumn("author_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("progress_update_action").on("progress_update").columns(["action_id", "created_at"]).execute();
  await db.schema.createIndex("progress_update_round").on("progress_update").column("round_id").execute();

  await idColumn(db.schema.createTable("round_request"), dialect)
    .addColumn("round_id", "integer", (c) => c.notNull().references("update_round.id").onDelete("cascade"))
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("contact_id", "integer", (c) => c.notNull().references("contact.id").onDelete("cascade"))
    /** SHA-256 of the personal link's secret. */
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("sent_at", "text")
    .addColumn("last_reminded_at", "text")
    .addColumn("answered_at", "text")
    .addColumn("update_id", "integer", (c) => c.references("progress_update.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("round_request_unique", ["round_id", "action_id", "contact_id"])
    .execute();

  await idColumn(db.schema.createTable("job"), dialect)
    .addColumn("kind", "text", (c) => c.notNull())
    /** JSON payload. */
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    /** pending | running | done | failed | cancelled */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("job_due").on("job").columns(["status", "run_at"]).execute();
}
