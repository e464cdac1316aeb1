import type { Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * The programme's yearly documents: the annual report (jaarverslag) and the annual programme
 * (jaarprogramma) of a year, with the programme manager's own texts (an introduction and a short
 * text per theme, as JSON). A finalised document keeps the assembled model as JSON (`snapshot`) and
 * shows that from then on; a draft is assembled from today's data each time it is read.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable("report"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("introduction", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("theme_texts", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("snapshot", "text")
    .addColumn("finalised_at", "text")
    .addColumn("finalised_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addUniqueConstraint("report_programme_kind_year", ["programme_id", "kind", "year"])
    .execute();
}
