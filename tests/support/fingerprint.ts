import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../app/db/database";

/** A fingerprint of every table a refused request must leave alone. */
export async function fingerprint(db: Db): Promise<string> {
  const tables =
    db.dialect === "sqlite"
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'action_fts%' ORDER BY name`.execute(db.kysely)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(db.kysely)).rows.map((r) => r.name);
  // Sessions, token use and sign-in attempts change on every request by design.
  const volatile = new Set(["session", "api_token", "auth_attempt", "kysely_migration", "kysely_migration_lock"]);
  const hash = createHash("sha256");
  for (const table of tables.filter((t) => !volatile.has(t))) {
    const rows = (await sql`SELECT * FROM ${sql.table(table)}`.execute(db.kysely)).rows;
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}:${lines.join("\n")}\n`);
  }
  return hash.digest("hex");
}
