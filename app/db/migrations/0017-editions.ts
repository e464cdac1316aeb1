import type { Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * Editions of a programme. Every two years the programme is revised: the next edition starts as a
 * draft (`status`), names the edition it follows (`previous_id`) and becomes the default only when the
 * steering group adopts it. What became of each action of the old edition is kept as lineage rows, so
 * that both editions can say where an action came from and where it went.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("programme")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("adopted"))
    .execute();
  await db.schema
    .alterTable("programme")
    .addColumn("previous_id", "integer", (c) => c.references("programme.id").onDelete("set null"))
    .execute();
  await idColumn(db.schema.createTable("action_lineage"), dialect)
    .addColumn("from_action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("to_action_id", "integer", (c) => c.references("action.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_lineage_from").on("action_lineage").column("from_action_id").execute();
  await db.schema.createIndex("action_lineage_to").on("action_lineage").column("to_action_id").execute();
}
