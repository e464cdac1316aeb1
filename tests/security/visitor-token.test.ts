import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visitor } from "../admin/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/** A visitor's anti-forgery token is one the server signed; a value the client chose is refused. */
describe.each(testDialects())("the visitor's anti-forgery token on %s", (dialect) => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app.stop();
  });

  const signIn = (cookie: string, token: string) =>
    fetch(`${app.url}/sign-in`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
      body: new URLSearchParams({ _csrf: token, email: "nobody@example.org", password: "not the password" }).toString(),
      redirect: "manual",
    });

  it("refuses a token the client chose, and answers it with a signed one of its own", async () => {
    const chosen = "A".repeat(43);
    const res = await signIn(`regie_csrf=${chosen}`, chosen);
    expect(res.status).toBe(403);
    const issued = /regie_csrf=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(issued).not.toBe(chosen);
  });

  it("refuses a signed token whose signature was changed", async () => {
    const { csrf } = await visitor(app);
    const [random, mac] = csrf.split(".") as [string, string];
    const forged = `${random}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    expect((await signIn(`regie_csrf=${forged}`, forged)).status).toBe(403);
  });

  it("takes the token it issued, with a key kept in the database for every process and restart", async () => {
    const { cookie, csrf } = await visitor(app);
    const first = await signIn(cookie, csrf);
    expect(first.status).toBe(401);
    expect(first.headers.get("set-cookie") ?? "").not.toContain("regie_csrf=");
    const key = await app.server.services.auth.visitorTokenKey();
    const other = await startTestServer(dialect);
    try {
      expect(await other.server.services.auth.visitorTokenKey()).not.toBe(key);
      expect(await other.server.services.auth.isVisitorToken(csrf)).toBe(false);
      // A second process on this database reads the same key.
      expect(await app.server.services.auth.isVisitorToken(csrf)).toBe(true);
    } finally {
      await other.stop();
    }
  });
});
