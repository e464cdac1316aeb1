import { sql, type Kysely } from "kysely";
import { actionSearchIndex } from "../../domain/programmes/programme-import";
import type { Dialect } from "../database";

/**
 * Dutch search the same on both engines: actions keep the stems Regie computes of their title
 * (`search_title`, new) and of their other texts (`search_text`, which held the plain text), and
 * both PostgreSQL's tsvector and SQLite's FTS5 index only those, no longer stemming (PostgreSQL) or
 * not stemming (SQLite) on their own. Existing actions are indexed anew here.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") {
    await sql`DROP INDEX IF EXISTS action_search_vector`.execute(db);
    await sql`ALTER TABLE action DROP COLUMN search_vector`.execute(db);
  } else {
    for (const trigger of ["action_fts_insert", "action_fts_delete", "action_fts_update"])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)}`.execute(db);
    await sql`DROP TABLE IF EXISTS action_fts`.execute(db);
  }
  await db.schema
    .alterTable("action")
    .addColumn("search_title", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  const rows = (await db
    .selectFrom("action")
    .select(["id", "title", "description", "intended_results", "notes"])
    .execute()) as {
    id: number;
    title: string;
    description: string;
    intended_results: string;
    notes: string;
  }[];
  for (const row of rows) {
    const index = actionSearchIndex({
      title: row.title,
      description: row.description,
      intendedResults: JSON.parse(row.intended_results) as string[],
      notes: JSON.parse(row.notes) as string[],
    });
    await db
      .updateTable("action")
      .set({ search_title: index.title, search_text: index.body })
      .where("id", "=", row.id)
      .execute();
  }

  if (dialect === "postgres") {
    // Stems are lower-case words of letters and digits: the `simple` configuration keeps each as it is
    // (with its position, for ranking), and queries name them as tsquery lexemes directly.
    await sql`ALTER TABLE action ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', search_title), 'A') ||
      setweight(to_tsvector('simple', search_text), 'B')) STORED`.execute(db);
    await sql`CREATE INDEX action_search_vector ON action USING GIN (search_vector)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE action_fts USING fts5(
      search_title, search_text, content='action', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`.execute(db);
    await sql`CREATE TRIGGER action_fts_insert AFTER INSERT ON action BEGIN
      INSERT INTO action_fts(rowid, search_title, search_text) VALUES (new.id, new.search_title, new.search_text); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER action_fts_delete AFTER DELETE ON action BEGIN
      INSERT INTO action_fts(action_fts, rowid, search_title, search_text) VALUES ('delete', old.id, old.search_title, old.search_text); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER action_fts_update AFTER UPDATE OF search_title, search_text ON action BEGIN
      INSERT INTO action_fts(action_fts, rowid, search_title, search_text) VALUES ('delete', old.id, old.search_title, old.search_text);
      INSERT INTO action_fts(rowid, search_title, search_text) VALUES (new.id, new.search_title, new.search_text); END`.execute(
      db,
    );
    await sql`INSERT INTO action_fts(action_fts) VALUES ('rebuild')`.execute(db);
  }
}
