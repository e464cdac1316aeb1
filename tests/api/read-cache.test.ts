import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../admin/support";
import { openDatabase } from "../../app/db/database";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const API = "/api/v1/programmes/kennis-en-werk-071-2013-2015";

describe.each(testDialects())("public API reads kept until the data change, on %s", (dialect) => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers a repeated read from memory, with the same body, headers and ETag", async () => {
    const first = await app.get(`${API}/actions?theme=2`);
    const second = await app.get(`${API}/actions?theme=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-regie-page-cache")).toBe("miss");
    expect(second.headers.get("x-regie-page-cache")).toBe("hit");
    const [a, b] = [await first.text(), await second.text()];
    expect(b).toBe(a);
    expect((JSON.parse(b) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    for (const name of ["content-type", "cache-control", "access-control-allow-origin", "etag"]) {
      expect(second.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    const conditional = await app.get(`${API}/actions?theme=2`, { "If-None-Match": first.headers.get("etag")!, "Cache-Control": "max-age=0" });
    expect(conditional.status).toBe(304);
  });

  it("keeps CSV downloads with their type and file name", async () => {
    const first = await app.get(`${API}/actions.csv`);
    const second = await app.get(`${API}/actions.csv`);
    expect(second.headers.get("x-regie-page-cache")).toBe("hit");
    expect(second.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(second.headers.get("content-disposition")).toBe(first.headers.get("content-disposition"));
    expect(await second.text()).toBe(await first.text());
  });

  it("shows a change at once, by this server or another process", async () => {
    const path = `${API}/actions/10`;
    await app.get(path);
    expect((await app.get(path)).headers.get("x-regie-page-cache")).toBe("hit");
    const other = openDatabase(app.database.url);
    try {
      await other.kysely.updateTable("action").set({ title: "Een nieuwe titel voor actie tien" }).where("number", "=", 10).execute();
    } finally {
      await other.close();
    }
    const after = await app.get(path);
    expect(after.headers.get("x-regie-page-cache")).toBe("miss");
    expect(((await after.json()) as { title: string }).title).toBe("Een nieuwe titel voor actie tien");
  });

  it("never keeps problems, and never answers tokens from memory", async () => {
    const bad = await app.get(`${API}/actions?year=abc`, { "Accept-Language": "en" });
    const badAgain = await app.get(`${API}/actions?year=abc`, { "Accept-Language": "en" });
    expect(bad.status).toBe(400);
    expect(badAgain.status).toBe(400);
    expect(badAgain.headers.get("x-regie-page-cache")).toBe("miss");
    const problem = (await badAgain.json()) as { detail: string };
    expect(problem.detail).not.toContain(bad.headers.get("x-request-id")!);

    const person = await signedIn(app, { role: "analyst" });
    const { token } = await app.server.services.auth.createApiToken(person.userId, "integration");
    const withToken = await app.get(`${API}/actions?theme=2`, { authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("x-regie-page-cache")).toBeNull();
    expect(withToken.headers.get("cache-control")).toContain("private");
  });
});
