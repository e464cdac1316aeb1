import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type Session } from "../admin/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/api/v1/programmes/${SLUG}`;

/**
 * The README promises that imports may run beside the server. Eight clients keep writing through
 * the API while `regie import-programme` and `regie import-monitor` run five times each: every
 * import succeeds and the server answers no 5xx.
 */
describe.each(testDialects())("imports beside a busy server on %s", (dialect) => {
  let app: TestServer;
  let manager: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    manager = await signedIn(app, { role: "programme-manager" });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("lets every import succeed while eight clients write, and the server answers no 5xx", async () => {
    let stop = false;
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const client = async (n: number) => {
      const number = 20 + n;
      let i = 0;
      while (!stop) {
        const current = await fetch(`${app.url}${P}/actions/${number}`, { headers: { cookie: manager.cookie } });
        count(current.status);
        const etag = current.headers.get("etag") ?? "";
        await current.arrayBuffer();
        const res = await fetch(`${app.url}${P}/actions/${number}`, {
          method: "PATCH",
          headers: { cookie: manager.cookie, "x-csrf-token": manager.csrf, "content-type": "application/json", "if-match": etag },
          body: JSON.stringify({ planningText: `Uitvoering: 2014-2015 (${n}.${i++})` }),
        });
        count(res.status);
        await res.arrayBuffer();
      }
    };
    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    const env = { ...process.env, DATABASE_URL: app.database.url, LOG_LEVEL: "silent" };
    const cli = (args: string[]) => run("node", [join(ROOT, "bin", "regie.js"), ...args], { env, cwd: ROOT, encoding: "utf8" });
    const failures: string[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        for (const args of [
          ["import-programme", join(ROOT, "data", "programmes", `${SLUG}.json`)],
          ["import-monitor", join(ROOT, "data", "monitor", "cbs", "83625NED-observations-2015-2024.json"), "--retrieved", "2025-01-15"],
        ]) {
          await cli(args).catch((error: { stderr?: string; message: string }) => failures.push(`${args[0]}: ${error.stderr ?? error.message}`));
        }
      }
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(failures).toEqual([]);
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500);
    expect(fiveHundreds).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
  }, 300_000);
});
