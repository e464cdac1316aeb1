import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverMessagesNl } from "../../app/lib/i18n/server-messages.nl";
import { signedIn } from "../admin/support";
import { startTestServer, type TestServer } from "../support/server";

const CLIENT_ASSETS = join(
  import.meta.dirname,
  "..",
  "..",
  process.env.REGIE_BUILD_DIR ?? "build",
  "client",
  "assets",
);

function preloadedCatalogue(html: string): string | undefined {
  return /<link[^>]*\bhref="(\/i18n\/[^"]+)"[^>]*data-regie-messages/.exec(html)?.[1];
}

/** Sections every key of which is server-only (a client chunk naming one would miss its texts). */
function serverOnlySections(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (typeof value === "string") return [];
    const path = `${prefix}${key}`;
    return Object.values(value as object).every((v) => typeof v === "string") && path !== "auth"
      ? [path]
      : serverOnlySections(value as object, `${path}.`);
  });
}

describe("the browser's catalogue", () => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("is one language, named by the page, and kept for good", async () => {
    // Only pages that hydrate name it: a signed-in user's (decision 0016).
    const { cookie } = await signedIn(app);
    const paths: string[] = [];
    for (const [query, language, name] of [
      ["", "nl", "Regie"],
      ["?lang=en", "en", "Regie"],
    ] as const) {
      const page = await app.get(`/${query}`, { "accept-language": "nl", cookie });
      const path = preloadedCatalogue(await page.text());
      expect(path).toMatch(new RegExp(`^/i18n/${language}-[0-9a-f]{12}\\.json$`));
      const answer = await app.get(path!);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expect(answer.headers.get("cache-control")).toContain("immutable");
      const messages = (await answer.json()) as {
        app: { name: string; switchLanguage: string };
        cli?: unknown;
      };
      expect(messages.app.name).toBe(name);
      expect(messages.app.switchLanguage).toBe(language === "nl" ? "English" : "Nederlands");
      expect(messages.cli).toBeUndefined();
      paths.push(path!);
    }
    const stale = paths[0]!.replace(/-[0-9a-f]{12}\./, "-000000000000.");
    expect((await app.get(stale)).status).toBe(404);
  });

  it("is all the client build needs: no client chunk names a server-only text", () => {
    const code = readdirSync(CLIENT_ASSETS)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(CLIENT_ASSETS, f), "utf8"))
      .join("\n");
    expect(code).toContain("app.switchLanguage");
    for (const section of serverOnlySections(serverMessagesNl)) {
      expect(code, section).not.toMatch(new RegExp(`[\`"']${section.replace(/\./g, "\\.")}\\.`));
    }
    for (const key of Object.keys(serverMessagesNl.auth)) expect(code, key).not.toContain(`auth.${key}`);
  });
});
