import type { Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Editing the register: slugs an organisation no longer answers to (it was merged into another,
 * or its slug was changed on purpose). Old links keep working: the page redirects, the API answers
 * 301 to the organisation that carries the slug's references now.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("organisation_former_slug")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "integer", (c) =>
      c.notNull().references("organisation.id").onDelete("cascade"),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("organisation_former_slug_org")
    .on("organisation_former_slug")
    .column("organisation_id")
    .execute();
}
