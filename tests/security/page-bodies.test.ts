import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { signedIn, text, type Session } from "../admin/support";
import { testDialects } from "../support/databases";
import { fingerprint } from "../support/fingerprint";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const SAMPLE: Record<string, string> = { slug: SLUG, number: "17", id: "1", versionNo: "1", indicatorId: "1", token: "x".repeat(43) };

/** A concrete path for every page route in app/routes.ts, so that a new route is covered by itself. */
function pagePaths(): string[] {
  const out: string[] = [];
  const walk = (entries: { path?: string; index?: boolean; children?: unknown[] }[]) => {
    for (const e of entries) {
      if (e.index) out.push("/");
      else if (e.path !== undefined)
        out.push(`/${e.path.replace(/:(\w+)/g, (_, name: string) => SAMPLE[name] ?? "1").replace("*", "no/such/page")}`);
      if (e.children) walk(e.children as typeof entries);
    }
  };
  walk(routes);
  return out;
}

/** Bodies that are not a form, each with what it must be answered with. */
const BAD_BODIES: { name: string; type: string | null; body: string; status: number }[] = [
  { name: "JSON", type: "application/json", body: "{}", status: 415 },
  { name: "plain text", type: "text/plain", body: "email=a@example.org", status: 415 },
  { name: "no content type", type: null, body: "email=a@example.org", status: 415 },
  { name: "multipart without a boundary", type: "multipart/form-data", body: "--x\r\n\r\n", status: 400 },
  { name: "multipart with a boundary that is not there", type: "multipart/form-data; boundary=zzz", body: "not multipart", status: 400 },
];

describe.each(testDialects())("page routes refuse bodies that are not forms on %s", (dialect) => {
  let app: TestServer;
  let manager: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    manager = await signedIn(app, { admin: true, role: "programme-manager" });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("covers every page route", () => {
    expect(pagePaths().length).toBeGreaterThan(50);
  });

  it("answers 415 or 400 in the visitor's language, with a valid anti-forgery token, and changes nothing", async () => {
    const before = await fingerprint(app.server.services.db);
    const wrong: string[] = [];
    for (const path of pagePaths()) {
      for (const bad of BAD_BODIES) {
        for (const language of ["nl", "en"] as const) {
          const headers: Record<string, string> = { cookie: manager.cookie, "x-csrf-token": manager.csrf, "accept-language": language };
          if (bad.type) headers["content-type"] = bad.type;
          const res = await fetch(app.url + path, { method: "POST", headers, body: bad.body, redirect: "manual" });
          const body = text(await res.text());
          const expected =
            bad.status === 415
              ? language === "nl" ? "Deze pagina neemt alleen een ingevuld formulier aan." : "This page only accepts a filled-in form."
              : language === "nl" ? "Het verzonden formulier kon niet worden gelezen." : "The form sent could not be read.";
          if (res.status !== bad.status || !body.includes(expected)) wrong.push(`${path} ${bad.name} ${language}: ${res.status} ${body.slice(0, 80)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint(app.server.services.db)).toBe(before);
  });

  it("still refuses a body without the anti-forgery token with 403, whatever its type", async () => {
    const res = await fetch(`${app.url}/sign-in`, {
      method: "POST",
      headers: { cookie: manager.cookie, "content-type": "application/json", "accept-language": "nl" },
      body: "{}",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });
});
