import type { Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Uploaded workbooks waiting for their preview to be applied. The preview is a page of its own
 * (it works without JavaScript), so the file is kept between the upload and the choice to apply,
 * under a random id, for the person who uploaded it; applying or a day's age removes it.
 * The file is kept as base64 text so the same column works on both databases.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("workbook_upload")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** "edits" (changes to a programme's actions) | "programme" (a new programme from the template) */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("programme_id", "integer", (c) => c.references("programme.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("user_account.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("workbook_upload_created").on("workbook_upload").column("created_at").execute();
}
