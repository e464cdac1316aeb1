import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/databases";

describe.skipIf(!process.env.TEST_POSTGRES_URL)("PostgreSQL connections", () => {
  it("survive the server ending an idle connection: the pool replaces it instead of crashing the process", async () => {
    const t = await createTestDatabase("postgres");
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      // Leave an idle connection in the pool, then have the server end it (as a restart or failover would).
      await t.db.kysely.selectFrom("programme").select("id").execute();
      const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
      await admin.connect();
      const name = new URL(t.url).pathname.slice(1);
      const ended = await admin.query(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      await admin.end();
      expect(ended.rows.length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
      // The next query gets a fresh connection.
      expect(await t.db.kysely.selectFrom("programme").select("id").execute()).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await t.destroy();
    }
  });
});
