import { spawnSync } from "node:child_process";
import { existsSync, openSync, readSync, closeSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { sqliteFile } from "../db/database";
import { readEnv } from "../lib/env.server";
import { CliError, type CliContext } from "./context";

/**
 * `regie backup FILE` and `regie restore FILE`. A backup is one consistent moment of the whole
 * database while the server keeps writing: SQLite's online backup API on SQLite, `pg_dump` (one
 * snapshot, custom format) on PostgreSQL. A restore goes into an empty database only, so that it
 * never mixes with data that is there.
 */

/** PostgreSQL's client programs: PG_BIN, else Debian's PostgreSQL 15, else the PATH. */
function pgProgram(name: string): string {
  const dirs = [process.env.PG_BIN, "/usr/lib/postgresql/15/bin"].filter((d): d is string => Boolean(d));
  for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  return name;
}

function runPg(ctx: CliContext, program: string, args: string[]): void {
  const result = spawnSync(pgProgram(program), args, { encoding: "utf8" });
  if (result.error) throw new CliError(ctx.t("backup.programMissing", { program, message: result.error.message }));
  if (result.status !== 0) throw new CliError(ctx.t("backup.programFailed", { program, message: (result.stderr || "").trim().split("\n").slice(-3).join(" ") }));
}

export async function backupCommand(ctx: CliContext, options: { file: string | undefined }): Promise<number> {
  if (!options.file) throw new CliError(ctx.t("backup.missingFile"), 2);
  const target = resolve(options.file);
  if (existsSync(target)) throw new CliError(ctx.t("backup.exists", { file: target }));
  const url = readEnv().DATABASE_URL;
  if (url.startsWith("sqlite:")) {
    const file = sqliteFile(url);
    if (!existsSync(file)) throw new CliError(ctx.t("backup.noDatabase", { file }));
    const source = new SQLite(file, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      // The online backup copies page by page and starts over when another connection writes in
      // between, so the copy is the database as one transaction left it.
      await source.backup(target);
    } finally {
      source.close();
    }
  } else {
    // One snapshot for the whole dump (pg_dump's own transaction), in the custom format pg_restore reads.
    runPg(ctx, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`, `--dbname=${url}`]);
  }
  ctx.out(ctx.t("backup.done", { file: target, bytes: statSync(target).size }));
  return 0;
}

export async function restoreCommand(ctx: CliContext, options: { file: string | undefined }): Promise<number> {
  if (!options.file) throw new CliError(ctx.t("backup.missingFile"), 2);
  const source = resolve(options.file);
  if (!existsSync(source)) throw new CliError(ctx.t("backup.noFile", { file: source }));
  const url = readEnv().DATABASE_URL;
  if (url.startsWith("sqlite:")) {
    const file = sqliteFile(url);
    if (existsSync(file)) {
      const existing = new SQLite(file, { fileMustExist: true });
      const tables = existing.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      existing.close();
      if (tables.n > 0) throw new CliError(ctx.t("backup.notEmpty", { database: `sqlite:${file}`, tables: tables.n }));
    }
    const backup = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      const check = backup.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new CliError(ctx.t("backup.damaged", { file: source, message: String(check) }));
      await backup.backup(file);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(ctx.t("backup.damaged", { file: source, message: error instanceof Error ? error.message : String(error) }));
    } finally {
      backup.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) throw new CliError(ctx.t("backup.notEmpty", { database: new URL(url).pathname.slice(1), tables: n }));
    } finally {
      await client.end();
    }
    // A custom-format dump starts with "PGDMP"; anything else is taken as a plain SQL dump.
    if (isCustomDump(source)) runPg(ctx, "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, source]);
    else runPg(ctx, "psql", ["--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--single-transaction", `--dbname=${url}`, `--file=${source}`]);
  }
  ctx.out(ctx.t("backup.restored", { file: source }));
  return 0;
}

function isCustomDump(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString("latin1") === "PGDMP";
  } finally {
    closeSync(fd);
  }
}
