import type { Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * The economic monitor (action 61): indicators per theme with their regions, the figures per
 * indicator, region and period, and a record of every import (who, when, from where, under which
 * attribution). The LR071 sums are computed when read, never stored.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable("indicator"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("theme_number", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("decimals", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("good_direction", "text", (c) => c.notNull())
    .addColumn("region_aggregate", "text")
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_table", "text")
    .addColumn("source_measure", "text")
    .addColumn("source_title", "text")
    .addColumn("source_name", "text")
    .addColumn("source_url", "text")
    // JSON: {v3Keys, dimensions, equivalents} of a CBS source.
    .addColumn("source_detail", "text", (c) => c.notNull())
    .addColumn("attribution", "text", (c) => c.notNull())
    .addColumn("baseline_period", "text", (c) => c.notNull())
    .addColumn("target_value", "double precision")
    .addColumn("target_year", "integer")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("indicator_programme_slug", ["programme_id", "slug"])
    .execute();
  await db.schema.createIndex("indicator_programme_theme").on("indicator").columns(["programme_id", "theme_number"]).execute();

  await db.schema
    .createTable("indicator_region")
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_region_pk", ["indicator_id", "region"])
    .execute();

  await idColumn(db.schema.createTable("monitor_import"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("imported_at", "text", (c) => c.notNull())
    // "web", "cli", "cbs-api" or "start-up"; the account when a signed-in person imported.
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("user_account.id").onDelete("set null"))
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("table_id", "text")
    .addColumn("attribution", "text", (c) => c.notNull())
    .addColumn("retrieved_at", "text")
    .addColumn("added", "integer", (c) => c.notNull())
    .addColumn("changed", "integer", (c) => c.notNull())
    .addColumn("unchanged", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("measurement")
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("value_attribute", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("import_id", "integer", (c) => c.notNull().references("monitor_import.id"))
    .addColumn("retrieved_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("measurement_pk", ["indicator_id", "region", "period"])
    .execute();
  await db.schema.createIndex("measurement_import").on("measurement").column("import_id").execute();
}
