import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { signedIn } from "../admin/support";
import { testDialects } from "../support/databases";

const P = "/programmes/kennis-en-werk-071-2013-2015";

describe.each(testDialects())("pages on %s", (dialect) => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app.stop();
  });

  const html = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.get(path, headers);
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  it("serves the default programme's overview at / in Dutch, without a redirect", async () => {
    const page = await html("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain("Kennis &amp; Werk #071");
    expect(page.body).toContain("Ambitie");
    expect(page.body).toContain("De Leidse regio wil een duurzame plek zijn in de top van Europese kennisregio");
    // Counts per category, by text next to the colour.
    expect(page.body).toMatch(/Categorie 1 \(groen\)/);
    expect(page.body).toMatch(/Categorie 4 \(rood\)/);
  });

  it("follows Accept-Language, and an explicit choice that a cookie keeps", async () => {
    const english = await html("/", { "Accept-Language": "en-GB,en;q=0.9,nl;q=0.5" });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain("Ambition");
    // The programme's own text stays Dutch, marked as such.
    expect(english.body).toContain('lang="nl"');

    const chosen = await app.get("/?lang=en", { "Accept-Language": "nl" });
    expect(await chosen.text()).toContain('<html lang="en">');
    const cookie = chosen.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/regie_lang=en/);
    const next = await html(`${P}/actions`, { cookie: cookie.split(";")[0]!, "Accept-Language": "nl" });
    expect(next.body).toContain('<html lang="en">');
    expect(next.body).toContain("Actions");
  });

  it("shows every field of an action, and links in both directions", async () => {
    const ten = await html(`${P}/actions/10`);
    expect(ten.status).toBe(200);
    expect(ten.body).toContain("Inventarisatie onderwijsprogramma");
    expect(ten.body).toContain("is randvoorwaarde voor");
    expect(ten.body).toContain(`href="${P}/actions/11"`);
    expect(ten.body).toContain(`href="${P}/actions/12"`);
    expect(ten.body).toContain('href="/organisations/gemeente-leiden"');
    const eleven = await html(`${P}/actions/11`);
    expect(eleven.body).toContain(`href="${P}/actions/10"`);
    expect(eleven.body).toContain("is randvoorwaarde voor");
  });

  it("filters the action list from the address, and explains a bad filter with a 400", async () => {
    const filtered = await html(`${P}/actions?theme=2&category=1`);
    expect(filtered.status).toBe(200);
    expect(filtered.body).toContain("2 acties gevonden");
    const bad = await html(`${P}/actions?year=twenty&category=7`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Een of meer filters zijn ongeldig.");
    expect(bad.body).toContain("Geef een jaartal op");
    expect(bad.body).toContain("Kies categorie 1, 2, 3 of 4.");
  });

  it("answers unknown things with a readable 404 page", async () => {
    for (const path of [`${P}/actions/999`, `${P}/actions/abc`, `${P}/themes/9`, "/programmes/nope", "/organisations/nope", "/no/such/page"]) {
      const page = await html(path);
      expect(page.status, path).toBe(404);
      expect(page.body, path).toContain("Pagina niet gevonden");
    }
  });

  it("sends security headers, a nonce on every script, and a request id", async () => {
    // Signed in, because only then does a page have scripts (decision 0016).
    const { cookie } = await signedIn(app);
    const res = await app.get("/", { "X-Request-Id": "test-request-0001", cookie });
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toBe("test-request-0001");
    const body = await res.text();
    const scripts = body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(body).not.toMatch(/\sstyle="/);
  });

  it("reports health", async () => {
    const res = await app.get("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: dialect });
  });
});

describe("when the database fails", () => {
  it("shows an error page with the request id and no internals", async () => {
    const app = await startTestServer("sqlite");
    try {
      await app.server.services.db.close();
      const res = await app.get("/", { "X-Request-Id": "failing-request-42" });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).toContain("Er ging iets mis");
      expect(body).toContain("failing-request-42");
      expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(body).not.toMatch(/kysely|sqlite|SqliteError/i);
      const health = await app.get("/health");
      expect(health.status).toBe(503);
      const api = await app.get("/api/v1/programmes");
      expect(api.status).toBe(500);
      expect(api.headers.get("content-type")).toContain("application/problem+json");
    } finally {
      await app.server.close().catch(() => undefined);
      await app.database.destroy().catch(() => undefined);
    }
  });
});
