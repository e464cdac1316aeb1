import type { Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Secrets the server makes for itself once and keeps beside the data (the key that signs visitors'
 * anti-forgery tokens), so that every process and every restart uses the same one.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("server_secret")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
