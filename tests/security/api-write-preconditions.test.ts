import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { API, P, editor, type Editor } from "../editing/support";

/**
 * The API's write preconditions behave the same on both databases: a body announced as JSON but
 * empty is refused, and `If-Match: *` (whatever version is current) lets every one of many parallel
 * writers through, one after the other, on SQLite as on PostgreSQL.
 */
describe.each(testDialects())("API write preconditions on %s", (dialect) => {
  let app: TestServer;
  let pm: Editor;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    pm = await editor(app, "programme-manager");
  });
  afterAll(async () => {
    await app.stop();
  });

  const send = (method: string, path: string, init: { body?: string; ifMatch?: string; type?: string } = {}) =>
    fetch(app.url + API + path, {
      method,
      headers: {
        authorization: `Bearer ${pm.token}`,
        "content-type": init.type ?? "application/json",
        "accept-language": "en",
        ...(init.ifMatch ? { "if-match": init.ifMatch } : {}),
      },
      body: init.body,
    });

  it("refuses a PATCH whose JSON body is empty with 400, and leaves the record alone", async () => {
    for (const path of [P, `${P}/actions/17`, `${P}/themes/1`]) {
      const before = await fetch(app.url + API + path);
      const tag = before.headers.get("etag")!;
      await before.arrayBuffer();
      for (const type of ["application/json", "application/merge-patch+json"]) {
        const res = await send("PATCH", path, { body: "", ifMatch: tag, type });
        const problem = (await res.json()) as { detail: string };
        expect(res.status, `${path} ${type}`).toBe(400);
        expect(problem.detail).toBe("Send a JSON object.");
      }
      const after = await fetch(app.url + API + path);
      expect(after.headers.get("etag")).toBe(tag);
      await after.arrayBuffer();
    }
  });

  it("lets 50 parallel writers with If-Match: * all through, one after the other, each a new version", async () => {
    const path = `${P}/actions/17`;
    const start = await fetch(app.url + API + path);
    const first = Number(/-v(\d+)"$/.exec(start.headers.get("etag")!)![1]);
    await start.arrayBuffer();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send("PATCH", path, { body: JSON.stringify({ title: `Parallel title ${i}` }), ifMatch: "*" })),
    );
    const statuses = answers.map((r) => r.status);
    const versions = answers.map((r) => Number(/-v(\d+)"$/.exec(r.headers.get("etag") ?? "")?.[1]));
    await Promise.all(answers.map((r) => r.arrayBuffer()));
    expect(statuses.filter((s) => s === 200).length, statuses.join(",")).toBe(50);
    expect(new Set(versions).size).toBe(50);
    expect(Math.max(...versions)).toBe(first + 50);
    const end = await fetch(app.url + API + path);
    expect(end.headers.get("etag")).toBe(`"action-${/"action-(\d+)-/.exec(start.headers.get("etag")!)![1]}-v${first + 50}"`);
    await end.arrayBuffer();
  }, 60_000);

  it("still answers a named version that is stale with 412, also beside writers with If-Match: *", async () => {
    const path = `${P}/actions/18`;
    const start = await fetch(app.url + API + path);
    const tag = start.headers.get("etag")!;
    await start.arrayBuffer();
    expect((await send("PATCH", path, { body: JSON.stringify({ title: "First" }), ifMatch: "*" })).status).toBe(200);
    const stale = await send("PATCH", path, { body: JSON.stringify({ title: "Second" }), ifMatch: tag });
    expect(stale.status).toBe(412);
  });
});
