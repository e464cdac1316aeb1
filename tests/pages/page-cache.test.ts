import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { P, page, signedIn, visitor } from "../admin/support";
import { openDatabase } from "../../app/db/database";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

/** The nonce the Content-Security-Policy header allows. */
function policyNonce(headers: Headers): string {
  const match = /'nonce-([^']+)'/.exec(headers.get("content-security-policy") ?? "");
  if (!match) throw new Error("no nonce in the policy");
  return match[1]!;
}

/** Every nonce attribute in a page. */
function nonces(html: string): string[] {
  return [...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]!);
}

describe.each(testDialects())("pages kept for the public on %s", (dialect) => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("renders a public page once, then answers from the cache with this answer's own nonce, token and request id", async () => {
    const path = `${P}/dashboard?kept=1`;
    const first = await page(app, path);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-regie-page-cache")).toBe("miss");
    const a = await visitor(app);
    const second = await page(app, path, a);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-regie-page-cache")).toBe("hit");
    for (const answer of [first, second]) {
      const nonce = policyNonce(answer.headers);
      expect(nonces(answer.body).length).toBeGreaterThan(0);
      expect(new Set(nonces(answer.body))).toEqual(new Set([nonce]));
      expect(answer.body).not.toMatch(/pcnonce|pccsrf|pcrequest/);
    }
    // A visitor's page carries its request id only in the header now: without client scripts there
    // is no hydration data to hold it (decision 0016). Each answer still gets its own.
    expect(first.headers.get("x-request-id")).not.toBe(second.headers.get("x-request-id"));
    expect(policyNonce(first.headers)).not.toBe(policyNonce(second.headers));
    const firstCsrf = /=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")![1]!;
    // Never the first visitor's anti-forgery token. (This page has no form that posts, and without
    // client scripts no hydration data carries the token; server/page-cache.test.ts puts a token in.)
    expect(second.body).not.toContain(firstCsrf);
    // Apart from the per-answer values, the pages are the same.
    const neutral = (answer: typeof first, csrf: string) =>
      answer.body.replaceAll(policyNonce(answer.headers), "N").replaceAll(answer.headers.get("x-request-id")!, "R").replaceAll(csrf, "C");
    expect(neutral(second, a.csrf)).toBe(neutral(first, firstCsrf));
  });

  it("keeps Dutch and English apart", async () => {
    const nl = await page(app, `${P}/timeline`);
    const en = await page(app, `${P}/timeline`, null, { "Accept-Language": "en" });
    const enAgain = await page(app, `${P}/timeline`, null, { "Accept-Language": "en" });
    expect(nl.body).toContain('lang="nl"');
    expect(en.body).toContain('lang="en"');
    expect(enAgain.headers.get("x-regie-page-cache")).toBe("hit");
    expect(enAgain.body).toContain('lang="en"');
  });

  it("shows a change at once, whether this server or another process wrote it", async () => {
    const path = `${P}`;
    await page(app, path);
    expect((await page(app, path)).headers.get("x-regie-page-cache")).toBe("hit");

    // A write through this server's own connection.
    const { services } = app.server;
    await services.db.kysely.updateTable("programme").set({ ambition: "Een gewijzigde ambitie, direct zichtbaar." }).execute();
    const afterOwnWrite = await page(app, path);
    expect(afterOwnWrite.headers.get("x-regie-page-cache")).toBe("miss");
    expect(afterOwnWrite.body).toContain("Een gewijzigde ambitie, direct zichtbaar.");

    // A write by another connection (the command line, a second server).
    const other = openDatabase(app.database.url);
    try {
      await other.kysely.updateTable("programme").set({ ambition: "Door een ander proces gewijzigd." }).execute();
    } finally {
      await other.close();
    }
    const afterOtherWrite = await page(app, path);
    expect(afterOtherWrite.headers.get("x-regie-page-cache")).toBe("miss");
    expect(afterOtherWrite.body).toContain("Door een ander proces gewijzigd.");
  });

  it("never keeps what signed-in people see, nor errors, nor pages that did not ask for it", async () => {
    const manager = await signedIn(app, { role: "programme-manager", name: "Mira Manager" });
    const signed = await page(app, `${P}/dashboard`, manager);
    expect(signed.status).toBe(200);
    expect(signed.headers.get("x-regie-page-cache")).toBeNull();
    expect(signed.body).toContain("Mira Manager");
    const publicAfter = await page(app, `${P}/dashboard`);
    expect(publicAfter.body).not.toContain("Mira Manager");

    const missing = await page(app, `${P}/actions/999`);
    expect(missing.status).toBe(404);
    const missingAgain = await page(app, `${P}/actions/999`);
    expect(missingAgain.status).toBe(404);
    expect(missingAgain.headers.get("x-regie-page-cache")).toBe("miss");

    const signIn = await page(app, "/sign-in");
    expect(signIn.headers.get("x-regie-page-cache")).toBeNull();
  });
});
