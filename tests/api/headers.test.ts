import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { DEFAULT_PROGRAMME_SLUG } from "../support/default-programme";
import { startTestServer, type TestServer } from "../support/server";
import { signedIn } from "../admin/support";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: string | null): Map<string, string[]> {
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe.each(testDialects())("headers and health (%s)", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const paths = [
    "/api/v1/programmes",
    `/api/v1/programmes/${DEFAULT_PROGRAMME_SLUG}/actions?year=abc`, // a problem
    "/api/v1/nope", // a 404 problem
    "/health",
    "/",
  ];

  it.each(paths)("%s gets a request id, kept when a well-formed one is sent", async (path) => {
    const fresh = await server.get(path);
    expect(fresh.headers.get("x-request-id")).toMatch(UUID);
    const other = await server.get(path);
    expect(other.headers.get("x-request-id")).not.toBe(fresh.headers.get("x-request-id"));

    const kept = await server.get(path, { "X-Request-Id": "proxy-1234.abc:XYZ_9" });
    expect(kept.headers.get("x-request-id")).toBe("proxy-1234.abc:XYZ_9");
    for (const bad of ["short", "has space in it", "<script>alert(1)</script>", "x".repeat(129)]) {
      const replaced = await server.get(path, { "X-Request-Id": bad });
      expect(replaced.headers.get("x-request-id"), bad).toMatch(UUID);
    }
  });

  it.each(paths)("%s gets a strict Content-Security-Policy with a fresh nonce", async (path) => {
    const res = await server.get(path);
    const header = res.headers.get("content-security-policy");
    const policy = csp(header);
    const scripts = policy.get("script-src")!;
    expect(scripts).toContain("'self'");
    const nonces = scripts.filter((s) => /^'nonce-[A-Za-z0-9+/]{22}==?'$/.test(s));
    expect(nonces).toHaveLength(1);
    expect(header).not.toContain("unsafe-inline");
    expect(header).not.toContain("unsafe-eval");
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();
    const again = csp((await server.get(path)).headers.get("content-security-policy")).get("script-src")!;
    expect(again.find((s) => s.startsWith("'nonce-"))).not.toBe(nonces[0]);
  });

  it("every script of a page carries the nonce of its policy", async () => {
    // Signed in, because only then does a page have scripts (decision 0016).
    const { cookie } = await signedIn(server);
    const res = await server.get("/", { cookie });
    expect(res.status).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("the API is open to any origin, cacheable for a minute and varies by language", async () => {
    const res = await server.get("/api/v1/programmes");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(res.headers.get("vary")).toMatch(/Accept-Language/i);
  });

  it("/health answers 200 JSON naming the database, never cached", async () => {
    const res = await server.get("/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", database: dialect });
  });
});
