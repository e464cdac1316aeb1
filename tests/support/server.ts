import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RunningServer } from "../../server/app";
import { createTestDatabase, type TestDatabase } from "./databases";
import type { Dialect } from "../../app/db/database";

const BUILD = join(import.meta.dirname, "..", "..", process.env.REGIE_BUILD_DIR ?? "build", "server", "index.js");

export interface TestServer {
  url: string;
  server: RunningServer;
  database: TestDatabase;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts the built server (what `npm start` runs) on a free port with its own new database of
 * the given dialect, loaded with the default programme. `npm test` builds before it runs tests.
 */
export async function startTestServer(dialect: Dialect, env: Record<string, string | undefined> = {}): Promise<TestServer> {
  if (!existsSync(BUILD)) throw new Error("No server build: run `npm run build` (npm test does this) before these tests.");
  const { start } = (await import(BUILD)) as { start: (o: Record<string, string>) => Promise<RunningServer> };
  const database = await createTestDatabase(dialect, { migrate: false });
  await database.db.close();
  // Tests that sign in as administrator or programme manager test their own subject, not the second
  // factor: the requirement is off unless a test asks for it (tests/identity/ runs with the default,
  // by passing REQUIRE_SECOND_FACTOR: undefined).
  const server = await start({ DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", REQUIRE_SECOND_FACTOR: "none", ...env });
  return {
    url: server.url,
    server,
    database,
    get: (path, headers = {}) => fetch(server.url + path, { headers, redirect: "manual" }),
    stop: async () => {
      await server.close();
      await database.destroy().catch(() => undefined);
    },
  };
}
