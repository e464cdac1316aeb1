import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer, start as startServer } from "../../server/app";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const BUILD = join(import.meta.dirname, "..", "..", process.env.REGIE_BUILD_DIR ?? "build", "server", "index.js");
const SECRET = "S3cretTokenValue_abcdefghijklmnopqrstuvwxyz0";

/** The CSP names its report address; reports are taken, limited, and logged without secrets. */
describe("content security policy reports", () => {
  const lines: string[] = [];
  let server: RunningServer;
  let database: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(BUILD)) throw new Error("No server build: run `npm run build` first.");
    const { start } = (await import(BUILD)) as { start: typeof startServer };
    database = await createTestDatabase("sqlite", { migrate: false });
    await database.db.close();
    server = await start(
      { DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", REGIE_SKIP_DEFAULT_DATA: "true", TRUST_PROXY: "1" },
      { logDestination: { write: (line: string) => lines.push(line) } },
    );
  });
  afterAll(async () => {
    await server.close();
    await database.destroy().catch(() => undefined);
  });

  const report = (type: string, body: string, address = "203.0.113.1") =>
    fetch(`${server.url}/csp-report`, { method: "POST", headers: { "content-type": type, "x-forwarded-for": address }, body });
  const reported = () => lines.map((l) => JSON.parse(l) as { msg: string; cspReport?: Record<string, unknown> }).filter((l) => l.cspReport);

  it("names the report address in the policy, with a Reporting-Endpoints header and a Permissions-Policy", async () => {
    const res = await fetch(`${server.url}/privacy`);
    await res.arrayBuffer();
    const policy = res.headers.get("content-security-policy")!;
    expect(policy).toContain("report-uri /csp-report");
    expect(policy).toContain("report-to csp");
    expect(res.headers.get("reporting-endpoints")).toBe('csp="/csp-report"');
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\).*payment=\(\)/);
  });

  it("takes both kinds of report with 204 and logs them with secrets redacted and unknown fields left out", async () => {
    const old = await report(
      "application/csp-report",
      JSON.stringify({
        "csp-report": {
          "document-uri": `http://localhost/respond/${SECRET}?email=a@example.org`,
          "blocked-uri": "inline",
          "violated-directive": "script-src-elem",
          password: "hunter2",
        },
      }),
    );
    expect(old.status).toBe(204);
    const modern = await report(
      "application/reports+json",
      JSON.stringify([{ type: "csp-violation", url: "http://localhost/", body: { documentURL: `http://localhost/password/reset/${SECRET}`, effectiveDirective: "img-src", blockedURL: "https://evil.example/x.png?c=1" } }]),
    );
    expect(modern.status).toBe(204);
    const logged = reported();
    expect(logged).toHaveLength(2);
    expect(logged[0]!.cspReport).toEqual({ "document-uri": "http://localhost/respond/[redacted]?email=[redacted]", "blocked-uri": "inline", "violated-directive": "script-src-elem" });
    expect(logged[1]!.cspReport).toEqual({ documentURL: "http://localhost/password/reset/[redacted]", effectiveDirective: "img-src", blockedURL: "https://evil.example/x.png?c=[redacted]" });
    expect(lines.join("\n")).not.toContain(SECRET);
    expect(lines.join("\n")).not.toContain("hunter2");
  });

  it("refuses other types (415), large bodies (413) and bad JSON (400), and more than 20 a minute from one address (429)", async () => {
    expect((await report("application/json", "{}", "203.0.113.2")).status).toBe(415);
    expect((await report("application/csp-report", JSON.stringify({ "csp-report": { sample: "x".repeat(20_000) } }), "203.0.113.2")).status).toBe(413);
    expect((await report("application/csp-report", "{not json", "203.0.113.2")).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < 25; i++) statuses.push((await report("application/csp-report", JSON.stringify({ "csp-report": { "blocked-uri": "eval" } }), "203.0.113.3")).status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });
});
