import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggableUrl } from "../../app/lib/logger.server";
import type { RunningServer, start as startServer } from "../../server/app";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";

const BUILD = join(import.meta.dirname, "..", "..", process.env.REGIE_BUILD_DIR ?? "build", "server", "index.js");
const SECRET = "S3cretTokenValue_abcdefghijklmnopqrstuvwxyz0";

describe("log lines carry no secrets", () => {
  it("redacts the secret segment of personal, reset, invitation and set-up links, and every query value", () => {
    expect(loggableUrl(`/respond/${SECRET}`)).toBe("/respond/[redacted]");
    expect(loggableUrl(`/respond/${SECRET}.data`)).toBe("/respond/[redacted]");
    expect(loggableUrl(`/password/reset/${SECRET}?lang=en`)).toBe("/password/reset/[redacted]?lang=[redacted]");
    expect(loggableUrl(`/invite/${SECRET}`)).toBe("/invite/[redacted]");
    expect(loggableUrl(`/setup/${SECRET}`)).toBe("/setup/[redacted]");
    expect(loggableUrl(`/programmes/x/actions?q=${SECRET}&theme=2&flag`)).toBe("/programmes/x/actions?q=[redacted]&theme=[redacted]&flag");
    expect(loggableUrl("/programmes/kennis-en-werk-071-2013-2015/actions/17")).toBe("/programmes/kennis-en-werk-071-2013-2015/actions/17");
  });
});

describe.each(testDialects())("the server's log on %s", (dialect) => {
  const lines: string[] = [];
  let server: RunningServer;
  let database: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(BUILD)) throw new Error("No server build: run `npm run build` first.");
    const { start } = (await import(BUILD)) as { start: typeof startServer };
    database = await createTestDatabase(dialect, { migrate: false });
    await database.db.close();
    server = await start(
      { DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" },
      { logDestination: { write: (line: string) => lines.push(line) } },
    );
  });
  afterAll(async () => {
    await server.close();
    await database.destroy().catch(() => undefined);
  });

  it("logs requests of secret links without the secret", async () => {
    for (const path of [`/respond/${SECRET}`, `/password/reset/${SECRET}`, `/invite/${SECRET}`, `/setup/${SECRET}`, `/programmes?token=${SECRET}`])
      await (await fetch(server.url + path)).text();
    await (
      await fetch(`${server.url}/respond/${SECRET}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=b" })
    ).text();
    const requests = lines.filter((l) => l.includes('"msg":"request"'));
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(requests.some((l) => l.includes('"path":"/respond/[redacted]"'))).toBe(true);
    expect(lines.join("\n")).not.toContain(SECRET);
  });
});
