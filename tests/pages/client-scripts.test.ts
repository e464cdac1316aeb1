import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { P, page, signedIn } from "../admin/support";
import { startTestServer, type TestServer } from "../support/server";

/** What makes a browser download and run React Router's client: scripts, module preloads, the catalogue. */
function clientCode(html: string) {
  return {
    scripts: (html.match(/<script\b/g) ?? []).length,
    modulePreloads: (html.match(/rel="modulepreload"/g) ?? []).length,
    catalogue: /data-regie-messages/.test(html),
  };
}

// Visitors get pages without client scripts; signed-in users get them everywhere (decision 0016).
describe("client scripts", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await app?.stop();
  });

  const pages = ["/", "/?lang=en", `${P}/actions`, `${P}/actions/10`, `${P}/dashboard`, "/sign-in", "/does-not-exist"];

  it("are not sent to a visitor, whether the page is rendered or kept", async () => {
    for (const path of pages) {
      for (const attempt of ["first", "again"]) {
        const answer = await page(app, path);
        expect(answer.status, path).toBeLessThan(500);
        expect(clientCode(answer.body), `${path} (${attempt})`).toEqual({ scripts: 0, modulePreloads: 0, catalogue: false });
        // The stylesheet is still linked, with the answer's nonce.
        expect(answer.body, path).toMatch(/<link\b(?=[^>]*\brel="stylesheet")[^>]*\bnonce="[^"]+"/);
      }
    }
  });

  it("are sent to a signed-in user, with the nonce the policy allows", async () => {
    const session = await signedIn(app);
    for (const path of pages.filter((p) => p !== "/sign-in")) {
      const answer = await page(app, path, session);
      const code = clientCode(answer.body);
      expect(code.scripts, path).toBeGreaterThan(0);
      expect(code.modulePreloads, path).toBeGreaterThan(0);
      expect(code.catalogue, path).toBe(true);
      const nonce = /'nonce-([^']+)'/.exec(answer.headers.get("content-security-policy") ?? "")![1]!;
      for (const [tag] of answer.body.matchAll(/<script\b[^>]*>/g)) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });
});
