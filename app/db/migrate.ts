import { Migrator, type Migration, type MigrationProvider } from "kysely";
import type { Db } from "./database";
import * as m0001 from "./migrations/0001-programme-register";
import * as m0002 from "./migrations/0002-governance";
import * as m0003 from "./migrations/0003-economic-monitor";
import * as m0005 from "./migrations/0005-plans";
import * as m0007 from "./migrations/0007-editing";
import * as m0008 from "./migrations/0008-progress";
import * as m0009 from "./migrations/0009-progress-more";
import * as m0010 from "./migrations/0010-progress-indexes";
import * as m0011 from "./migrations/0011-decision-source";
import * as m0012 from "./migrations/0012-dutch-stems";
import * as m0013 from "./migrations/0013-server-secret";
import * as m0014 from "./migrations/0014-workbook-upload";
import * as m0015 from "./migrations/0015-reports";
import * as m0017 from "./migrations/0017-editions";
import * as m0019 from "./migrations/0019-identity";
import * as m0016 from "./migrations/0016-budget";

// Migrations are listed here, in order, so that they travel inside the server bundle as well as
// the CLI. A landed migration is never edited; a change is a new file.
const MIGRATIONS = [
  ["0001-programme-register", m0001],
  ["0002-governance", m0002],
  ["0003-economic-monitor", m0003],
  ["0005-plans", m0005],
  ["0007-editing", m0007],
  ["0008-progress", m0008],
  ["0009-progress-more", m0009],
  ["0010-progress-indexes", m0010],
  ["0011-decision-source", m0011],
  ["0012-dutch-stems", m0012],
  ["0013-server-secret", m0013],
  ["0014-workbook-upload", m0014],
  ["0015-reports", m0015],
  ["0017-editions", m0017],
  ["0019-identity", m0019],
  ["0016-budget", m0016],
] as const;

class StaticProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, module] of MIGRATIONS) {
      out[name] = { up: (k) => module.up(k, this.db.dialect) };
    }
    return Promise.resolve(out);
  }
}

/** Applies every pending migration; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(db) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
