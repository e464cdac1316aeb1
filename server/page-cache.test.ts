import { describe, expect, it } from "vitest";
import type { ServerBuild } from "react-router";
import { createPageCache, type Rendered } from "./page-cache";

type Routes = ServerBuild["routes"];

/** A route manifest like React Router's: root, an index page, a kept page with a parameter, a private page. */
const routes = {
  root: { id: "root", path: "", module: {} },
  "routes/home": {
    id: "routes/home",
    parentId: "root",
    index: true,
    module: { handle: { publicCache: true } },
  },
  "routes/dashboard": {
    id: "routes/dashboard",
    parentId: "root",
    path: "programmes/:slug/dashboard",
    module: { handle: { publicCache: true } },
  },
  "routes/account": { id: "routes/account", parentId: "root", path: "account", module: {} },
  "routes/not-found": { id: "routes/not-found", parentId: "root", path: "*", module: {} },
} as unknown as Routes;

const page = (body: string, keep = true): Rendered => ({
  page: { status: 200, statusText: "OK", headers: [], body },
  keep,
});

describe("the page cache", () => {
  it("keeps only the pages whose route asks for it", () => {
    const cache = createPageCache({ routes }, 1024 * 1024);
    expect(cache.allows("/")).toBe(true);
    expect(cache.allows("/programmes/x/dashboard")).toBe(true);
    expect(cache.allows("/programmes/x/dashboard.data")).toBe(false);
    expect(cache.allows("/account")).toBe(false);
    expect(cache.allows("/nowhere")).toBe(false);
    expect(createPageCache({ routes }, 0).allows("/")).toBe(false);
  });

  it("renders once for requests that ask at the same time, and again after the data changed", async () => {
    const cache = createPageCache({ routes }, 1024 * 1024);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 5));
      return page(`body ${renders}`);
    };
    const answers = await Promise.all([
      cache.get("k", "s1", render),
      cache.get("k", "s1", render),
      cache.get("k", "s1", render),
    ]);
    expect(renders).toBe(1);
    expect(answers.map((a) => a.hit)).toEqual([false, true, true]);
    expect((await cache.get("k", "s1", render)).page.body).toBe("body 1");
    expect((await cache.get("k", "s2", render)).page.body).toBe("body 2");
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 3, misses: 2 });
  });

  it("does not keep what it is told not to keep, nor a failed render", async () => {
    const cache = createPageCache({ routes }, 1024 * 1024);
    await cache.get("k", "s", () => Promise.resolve(page("not kept", false)));
    expect((await cache.get("k", "s", () => Promise.resolve(page("kept")))).hit).toBe(false);
    await expect(cache.get("e", "s", () => Promise.reject(new Error("database down")))).rejects.toThrow(
      "database down",
    );
    expect((await cache.get("e", "s", () => Promise.resolve(page("recovered")))).page.body).toBe("recovered");
  });

  it("drops the least recently used pages beyond its size", async () => {
    const cache = createPageCache({ routes }, 100);
    const body = "x".repeat(40);
    await cache.get("a", "s", () => Promise.resolve(page(body)));
    await cache.get("b", "s", () => Promise.resolve(page(body)));
    await cache.get("a", "s", () => Promise.resolve(page(body))); // a is now the most recently used
    await cache.get("c", "s", () => Promise.resolve(page(body))); // over 100 bytes: b goes
    expect(cache.stats().entries).toBe(2);
    expect((await cache.get("a", "s", () => Promise.resolve(page(body)))).hit).toBe(true);
    expect((await cache.get("b", "s", () => Promise.resolve(page(body)))).hit).toBe(false);
    // A page larger than the whole cache is answered, not kept.
    expect(
      (await cache.get("big", "s", () => Promise.resolve(page("y".repeat(200))))).page.body,
    ).toHaveLength(200);
    expect(cache.stats().bytes).toBeLessThanOrEqual(100);
  });

  it("puts each answer's own values in place of the placeholders", () => {
    const cache = createPageCache({ routes }, 1024);
    const { nonce, csrfToken, requestId } = cache.placeholders;
    expect(`${nonce}${csrfToken}${requestId}`).toMatch(/^[a-z0-9]+$/);
    const body = `<script nonce="${nonce}">{"csrfToken":"${csrfToken}","requestId":"${requestId}"}</script><p nonce="${nonce}">`;
    const stored = { status: 200, statusText: "OK", headers: [], body };
    expect(String(cache.personalise(stored, { nonce: "N+/=", csrfToken: "C_-", requestId: "R1" }))).toBe(
      '<script nonce="N+/=">{"csrfToken":"C_-","requestId":"R1"}</script><p nonce="N+/=">',
    );
    expect(String(cache.personalise(stored, { nonce: "M", csrfToken: "D", requestId: "R2" }))).toBe(
      '<script nonce="M">{"csrfToken":"D","requestId":"R2"}</script><p nonce="M">',
    );
    const plain = cache.personalise(
      { ...stored, body: "no placeholders, één" },
      { nonce: "M", csrfToken: "D", requestId: "R2" },
    );
    expect(String(plain)).toBe("no placeholders, één");
  });
});
