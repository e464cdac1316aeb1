import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../app/db/database";
import { signedIn, type Session } from "../admin/support";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const P = "/api/v1/programmes/kennis-en-werk-071-2013-2015";
const WRITTEN = [20, 21, 22, 23];

/** Every row of every table, as sorted JSON lines per table. */
async function tables(db: Db): Promise<Map<string, string[]>> {
  const names =
    db.dialect === "sqlite"
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'action_fts_%' ORDER BY name`.execute(db.kysely)).rows
      : (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(db.kysely)).rows;
  const out = new Map<string, string[]>();
  for (const { name } of names) {
    const rows = (await sql`SELECT * FROM ${sql.table(name)}`.execute(db.kysely)).rows;
    out.set(name, rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

/**
 * `regie backup` while eight clients write through the API, `regie restore` into a new, empty
 * database: the copy is one moment of the database (each write there whole, with its history entry,
 * and every history entry as the source has it); after the writers stop, a second backup restores to
 * a database equal to the source in every row of every table. A database that is not empty is refused.
 */
describe.each(testDialects())("backup and restore on %s", (dialect) => {
  let app: TestServer;
  let manager: Session;
  let dir: string;
  const restored: TestDatabase[] = [];

  beforeAll(async () => {
    app = await startTestServer(dialect);
    manager = await signedIn(app, { role: "programme-manager" });
    dir = mkdtempSync(join(tmpdir(), "regie-backup-"));
  });
  afterAll(async () => {
    await app.stop();
    for (const db of restored) await db.destroy().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], databaseUrl: string) =>
    run("node", [join(ROOT, "bin", "regie.js"), ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", REGIE_LANG: "en" }, cwd: ROOT, encoding: "utf8" });

  /** A new, empty database of the dialect; for SQLite a file that does not exist yet. */
  async function emptyDatabase(): Promise<{ url: string; open(): Db }> {
    if (dialect === "sqlite") {
      const url = `sqlite:${join(dir, `restored-${restored.length}-${Date.now()}.sqlite`)}`;
      return { url, open: () => openDatabase(url) };
    }
    const database = await createTestDatabase("postgres", { migrate: false });
    await database.db.close();
    restored.push(database);
    return { url: database.url, open: () => openDatabase(database.url) };
  }

  it("backs up a consistent moment under a write load and restores it whole; refuses a database that is not empty", async () => {
    let stop = false;
    const statuses: number[] = [];
    const client = async (n: number) => {
      const number = WRITTEN[n % WRITTEN.length]!;
      let i = 0;
      while (!stop) {
        const res = await fetch(`${app.url}${P}/actions/${number}`, {
          method: "PATCH",
          headers: { cookie: manager.cookie, "x-csrf-token": manager.csrf, "content-type": "application/json", "if-match": "*" },
          body: JSON.stringify({ title: `Backup load ${n}.${i++}` }),
        });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
    };
    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    const underLoad = join(dir, "under-load.backup");
    try {
      await new Promise((r) => setTimeout(r, 300));
      await cli(["backup", underLoad], app.database.url);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);

    const first = await emptyDatabase();
    await cli(["restore", underLoad], first.url);
    const copy = first.open();
    const source = app.server.services.db;
    try {
      const copied = await tables(copy);
      const now = await tables(source);
      expect([...copied.keys()]).toEqual([...now.keys()]);
      // Every history entry in the copy is the source's, unchanged.
      const sourceAudit = new Set(now.get("audit_event"));
      const copiedAudit = copied.get("audit_event")!;
      expect(copiedAudit.filter((row) => !sourceAudit.has(row))).toEqual([]);
      // The copy holds some but not all of the load: it was taken while the writers wrote.
      const loadEntries = (rows: string[]) => rows.filter((r) => r.includes("Backup load")).length;
      expect(loadEntries(copiedAudit)).toBeGreaterThan(0);
      expect(loadEntries(copiedAudit)).toBeLessThan(loadEntries(now.get("audit_event")!));
      // Each written action in the copy is exactly what its last history entry in the copy says, and
      // its version counts the entries: no write is there without its entry, nor the other way.
      for (const number of WRITTEN) {
        const row = await copy.kysely.selectFrom("action").select(["id", "title", "version"]).where("number", "=", number).executeTakeFirstOrThrow();
        const entries = await copy.kysely
          .selectFrom("audit_event")
          .select(["id", "after_json"])
          .where("entity_type", "=", "action")
          .where("entity_id", "=", row.id)
          .where("after_json", "like", "%Backup load%")
          .orderBy("id")
          .execute();
        if (entries.length === 0) continue;
        expect(entries.at(-1)!.after_json).toContain(JSON.stringify(row.title));
        const original = await app.server.services.db.kysely.selectFrom("action").select("version").where("id", "=", row.id).executeTakeFirstOrThrow();
        const later = await source.kysely.selectFrom("audit_event").select((eb) => eb.fn.countAll<number>().as("n")).where("entity_type", "=", "action").where("entity_id", "=", row.id).where("after_json", "like", "%Backup load%").executeTakeFirstOrThrow();
        expect(original.version - Number(later.n)).toBe(row.version - entries.length);
      }
    } finally {
      await copy.close();
    }

    // Quiet now: a second backup restores to a database equal to the source in every row.
    const quiet = join(dir, "quiet.backup");
    await cli(["backup", quiet], app.database.url);
    const second = await emptyDatabase();
    await cli(["restore", quiet], second.url);
    const again = second.open();
    try {
      const a = await tables(again);
      const b = await tables(source);
      for (const [name, rows] of b) expect(a.get(name), name).toEqual(rows);
      expect(a.size).toBe(b.size);
    } finally {
      await again.close();
    }

    // Restoring into a database that holds data is refused, and changes nothing there.
    const before = await tables(source);
    const refused = await cli(["restore", quiet], app.database.url).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty \(\d+ tables\)\. A backup is only restored into an empty database/);
    expect(await tables(source)).toEqual(before);
  }, 180_000);
});
