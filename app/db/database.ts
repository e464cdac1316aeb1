import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** A readable description without credentials, for logs. */
  description: string;
  close(): Promise<void>;
}

/** The file a `sqlite:` DATABASE_URL names (relative paths from `cwd`), or ":memory:". */
export function sqliteFile(url: string, cwd = process.cwd()): string {
  const raw = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
  return raw === ":memory:" ? raw : isAbsolute(raw) ? raw : resolve(cwd, raw);
}

/** Opens the database named by a DATABASE_URL (`sqlite:path` or `postgres://…`). */
export function openDatabase(url: string, options: { cwd?: string; poolSize?: number } = {}): Db {
  if (url.startsWith("sqlite:")) {
    const file = sqliteFile(url, options.cwd);
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    // WAL and a busy timeout let the CLI work while the server holds the same file.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    return {
      kysely,
      dialect: "sqlite",
      description: `sqlite:${file}`,
      close: () => kysely.destroy(),
    };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    // int8 (COUNT(*)) comes back as a string by default; counts here stay far below 2^53.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // When the server ends an idle connection (a restart, a failover, idle_session_timeout) the pool
    // drops it and opens a new one on the next query. Without a listener the pool's "error" event
    // would be an uncaught exception that stops the whole process; a database that is really gone
    // shows in the next query's error instead.
    pool.on("error", () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const safe = new URL(url);
    safe.password = safe.password ? "***" : "";
    return {
      kysely,
      dialect: "postgres",
      description: safe.toString(),
      close: () => kysely.destroy(),
    };
  }
  throw new Error("DATABASE_URL must start with sqlite:, postgres:// or postgresql://");
}

/**
 * SQLite transactions that take the write lock when they begin (`BEGIN IMMEDIATE`). A deferred
 * transaction reads first and asks for the write lock later; when another process (the server, or
 * the CLI beside it) has committed in between, SQLite cannot wait for it and fails at once with
 * "database is locked". Taking the lock at the start lets the busy timeout do its work: the
 * transaction waits its turn instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
