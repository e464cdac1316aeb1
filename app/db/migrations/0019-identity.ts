import type { Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * The second factor: one authenticator secret per person (encrypted; confirmed once the person
 * typed a first code) with the last time step used, so that a code cannot be used twice, and the
 * recovery codes (hashed, each usable once).
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("second_factor")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("user_account.id"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_step", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pending_codes", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await idColumn(db.schema.createTable("recovery_code"), dialect)
    .addColumn("user_id", "integer", (c) => c.notNull().references("user_account.id"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_code_user").on("recovery_code").column("user_id").execute();
}
