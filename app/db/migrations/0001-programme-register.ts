import { sql, type Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/** The programme register: programmes, themes, intentions, organisations, actions and their links. */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable("organisation"), dialect)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("organisation_alias")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("alias", "text", (c) => c.notNull())
    .addColumn("normalised", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_alias_pk", ["organisation_id", "normalised"])
    .execute();
  await db.schema.createIndex("organisation_alias_normalised").on("organisation_alias").column("normalised").execute();

  await idColumn(db.schema.createTable("programme"), dialect)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("subtitle", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("period_start", "integer", (c) => c.notNull())
    .addColumn("period_end", "integer", (c) => c.notNull())
    .addColumn("adopted_on", "text")
    .addColumn("adopted_by", "text")
    .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ambition", "text", (c) => c.notNull())
    .addColumn("revision_interval_years", "integer")
    .addColumn("introduction", "text", (c) => c.notNull())
    .addColumn("organisation_chapter", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("programme_organisation")
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("programme_organisation_pk", ["programme_id", "role", "organisation_id"])
    .execute();

  await db.schema
    .createTable("category")
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("code", "integer", (c) => c.notNull())
    .addColumn("colour", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("category_pk", ["programme_id", "code"])
    .execute();

  await idColumn(db.schema.createTable("theme"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("goal", "text", (c) => c.notNull())
    .addColumn("intentions_intro", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("theme_programme_number", ["programme_id", "number"])
    .execute();

  await idColumn(db.schema.createTable("intention"), dialect)
    .addColumn("theme_id", "integer", (c) => c.notNull().references("theme.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("intention_theme_code", ["theme_id", "code"])
    .execute();

  await db.schema
    .createTable("theme_participation")
    .addColumn("theme_id", "integer", (c) => c.notNull().references("theme.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addPrimaryKeyConstraint("theme_participation_pk", ["theme_id", "organisation_id"])
    .execute();

  await idColumn(db.schema.createTable("action"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("theme_id", "integer", (c) => c.references("theme.id"))
    .addColumn("intention_id", "integer", (c) => c.references("intention.id"))
    .addColumn("group_name", "text")
    .addColumn("lead_unknown", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("intended_results", "text", (c) => c.notNull())
    .addColumn("planning_text", "text", (c) => c.notNull())
    .addColumn("category", "integer")
    .addColumn("category_note", "text")
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("action_programme_number", ["programme_id", "number"])
    .execute();
  await db.schema.createIndex("action_theme").on("action").column("theme_id").execute();
  await db.schema.createIndex("action_programme_category").on("action").columns(["programme_id", "category"]).execute();

  await db.schema
    .createTable("action_organisation")
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("qualifier", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("action_organisation_pk", ["action_id", "role", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("action_organisation_org")
    .on("action_organisation")
    .columns(["organisation_id", "role"])
    .execute();

  await idColumn(db.schema.createTable("action_link"), dialect)
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("target_action_id", "integer", (c) => c.references("action.id").onDelete("cascade"))
    .addColumn("target_theme_id", "integer", (c) => c.references("theme.id").onDelete("cascade"))
    .addColumn("source_text", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_link_action").on("action_link").column("action_id").execute();
  await db.schema.createIndex("action_link_target_action").on("action_link").column("target_action_id").execute();

  await db.schema
    .createTable("action_year")
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("action_year_pk", ["action_id", "year"])
    .execute();
  await db.schema.createIndex("action_year_year").on("action_year").column("year").execute();

  // Full-text search is the one place the dialects differ: PostgreSQL stems Dutch with its
  // `dutch` configuration; SQLite uses FTS5 (prefix matching, accents folded) kept in step by triggers.
  if (dialect === "postgres") {
    await sql`ALTER TABLE action ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('dutch', coalesce(title, '')), 'A') ||
      setweight(to_tsvector('dutch', coalesce(search_text, '')), 'B')) STORED`.execute(db);
    await sql`CREATE INDEX action_search_vector ON action USING GIN (search_vector)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE action_fts USING fts5(
      title, search_text, content='action', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`.execute(db);
    await sql`CREATE TRIGGER action_fts_insert AFTER INSERT ON action BEGIN
      INSERT INTO action_fts(rowid, title, search_text) VALUES (new.id, new.title, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER action_fts_delete AFTER DELETE ON action BEGIN
      INSERT INTO action_fts(action_fts, rowid, title, search_text) VALUES ('delete', old.id, old.title, old.search_text); END`.execute(db);
    await sql`CREATE TRIGGER action_fts_update AFTER UPDATE OF title, search_text ON action BEGIN
      INSERT INTO action_fts(action_fts, rowid, title, search_text) VALUES ('delete', old.id, old.title, old.search_text);
      INSERT INTO action_fts(rowid, title, search_text) VALUES (new.id, new.title, new.search_text); END`.execute(db);
  }
}
