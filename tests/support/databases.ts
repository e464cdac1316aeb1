import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Db, type Dialect } from "../../app/db/database";
import { migrateToLatest } from "../../app/db/migrate";

export interface TestDatabase {
  dialect: Dialect;
  url: string;
  db: Db;
  /** Closes the connection and drops the database. */
  destroy(): Promise<void>;
}

/**
 * The engines every database test runs on. PostgreSQL comes from TEST_POSTGRES_URL, which
 * `npm test` sets after starting its own cluster; a bare `vitest` run without it is SQLite only.
 */
export function testDialects(): Dialect[] {
  return process.env.TEST_POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A new, empty, migrated database of the given dialect, private to the caller. */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "regie-test-"));
    const url = `sqlite:${join(dir, "regie.sqlite")}`;
    const db = openDatabase(url);
    if (migrate) await migrateToLatest(db);
    return {
      dialect,
      url,
      db,
      destroy: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error("TEST_POSTGRES_URL is not set: run the suite with `npm test`.");
  const name = `regie_t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString(), { poolSize: 5 });
  if (migrate) await migrateToLatest(db);
  return {
    dialect,
    url: url.toString(),
    db,
    destroy: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
