import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, signedIn, visitor } from "../admin/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Sign-in throttling holds under parallel attempts and behind a proxy: the count and the check are
 * one step, only the configured proxy hops are trusted, and an address blocked by attempts on other
 * accounts does not keep out a person with the right password.
 */
describe.each(testDialects())("sign-in throttling on %s", (dialect) => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startTestServer(dialect, { TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    await app.stop();
  });

  const signIn = async (v: { cookie: string; csrf: string }, email: string, password: string, forwardedFor: string) => {
    const res = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      headers: { cookie: v.cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor },
      body: new URLSearchParams({ _csrf: v.csrf, email, password, next: "/" }).toString(),
      redirect: "manual",
    });
    await res.arrayBuffer();
    return res.status;
  };

  it("checks the password at most 5 times for 30 parallel wrong attempts on one account", async () => {
    await signedIn(app, { email: "parallel@example.org" });
    const v = await visitor(app);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(v, "parallel@example.org", `wrong password ${i}`, `198.51.100.${i + 1}`)),
    );
    // 401 is a password that was checked and wrong; 429 one that was refused before the check.
    expect(statuses.filter((s) => s === 401).length, statuses.join(",")).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(25);
  }, 60_000);

  it("trusts one proxy hop: a forged left-most X-Forwarded-For does not change the address that is counted", async () => {
    const v = await visitor(app);
    for (let i = 0; i < 3; i++) await signIn(v, `hop-${i}@example.org`, "wrong password!", `203.0.113.${i + 7}, 192.0.2.77`);
    const { rows } = await sql<{ key: string }>`SELECT key FROM auth_attempt WHERE key LIKE ${"address:%"} AND key LIKE ${"%192.0.2.77%"}`.execute(app.server.services.db.kysely);
    expect(rows.length).toBe(3);
    const forged = await sql<{ key: string }>`SELECT key FROM auth_attempt WHERE key LIKE ${"%203.0.113.%"}`.execute(app.server.services.db.kysely);
    expect(forged.rows).toEqual([]);
  });

  it("lets the right password in from an address blocked by others' attempts, and keeps guesses out", async () => {
    await signedIn(app, { email: "colleague@example.org" });
    await signedIn(app, { email: "victim@example.org" });
    const v = await visitor(app);
    const office = "192.0.2.10";
    // 20 failures on other accounts from the office address block it.
    for (let i = 0; i < 20; i++) expect(await signIn(v, `typo-${i}@example.org`, "wrong password!", office)).toBe(401);
    expect(await signIn(v, "someone-else@example.org", "wrong password!", office)).toBe(429);
    // A colleague who has not failed from there gets in with the right password.
    expect(await signIn(v, "colleague@example.org", PASSWORD, office)).toBe(302);
    // A guess at another account from the blocked address is answered 429 like any other, and a
    // second one is not even checked.
    expect(await signIn(v, "victim@example.org", "wrong password!", office)).toBe(429);
    expect(await signIn(v, "victim@example.org", PASSWORD, office)).toBe(429);
    // From elsewhere the victim still gets in.
    expect(await signIn(v, "victim@example.org", PASSWORD, "192.0.2.11")).toBe(302);
  }, 60_000);
});
