import type { Router } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { createApiRouter } from "../../app/api/router";
import { decide, type Verdict } from "../../app/domain/auth/permissions";
import type { Principal, ProgrammeRole } from "../../app/domain/auth/roles";
import { PUBLIC } from "../../app/domain/auth/roles";
import { testDialects } from "../support/databases";
import { fingerprint } from "../support/fingerprint";
import { startTestServer, type TestServer } from "../support/server";
import { ROUTE_TABLE, type RouteCase } from "./route-table";

const SLUG = "kennis-en-werk-071-2013-2015";
const CONTACT_ACTION = 17;

interface Persona {
  name: string;
  role: ProgrammeRole | "admin" | "public" | "no-role";
  userId?: number;
  cookie?: string;
  csrf?: string;
  principal: Principal;
}

/** Every page route file declared in app/routes.ts, recursively. */
function pageRouteFiles(): string[] {
  const out: string[] = [];
  const walk = (entries: { file: string; children?: unknown[] }[]) => {
    for (const e of entries) {
      out.push(e.file.replace(/^\.\//, ""));
      if (e.children) walk(e.children as { file: string; children?: unknown[] }[]);
    }
  };
  walk(routes);
  return out;
}

/** Every API route the Express router declares, as "api METHOD /path". */
function apiRoutes(router: Router): string[] {
  const out: string[] = [];
  for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== "_all") out.push(`api ${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return out.filter((r) => !r.includes("{*rest}"));
}

function expectedStatuses(c: RouteCase, verdict: Verdict | "open"): number[] {
  const api = c.route.startsWith("api ");
  if (verdict === "allow" || verdict === "open") return c.allowed ?? (c.method === "GET" ? [200] : [200, 201, 204, 302, 303]);
  if (verdict === "sign-in") return api ? [401] : [302];
  if (verdict === "forbidden") return [403];
  return [404];
}

describe.each(testDialects())("the permission matrix on %s", (dialect) => {
  let app: TestServer;
  let programmeId: number;
  let actionId: number;
  const personas: Persona[] = [];

  beforeAll(async () => {
    app = await startTestServer(dialect);
    const s = app.server.services;
    const programme = (await s.programmes.get(SLUG))!;
    programmeId = programme.id;
    actionId = (await s.actions.get(programmeId, CONTACT_ACTION))!.id;
    const leiden = await s.db.kysely.selectFrom("organisation").select("id").where("slug", "=", "gemeente-leiden").executeTakeFirstOrThrow();
    const other = await s.db.kysely.selectFrom("organisation").select("id").where("slug", "=", "universiteit-leiden").executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const roles: Persona["role"][] = ["admin", "programme-manager", "steering-group", "coordination-group", "analyst", "action-contact", "partner", "no-role"];
    personas.push({ name: "public", role: "public", principal: PUBLIC });
    for (const role of roles) {
      const created = await s.users.createUser({
        email: `${role}@matrix.test`,
        name: `Matrix ${role}`,
        organisationId: role === "no-role" ? other.id : leiden.id,
        passwordHash: null,
        isAdmin: role === "admin",
        roles: role === "admin" || role === "no-role" || role === "public" ? [] : [{ programmeId, role }],
        contactActionIds: role === "action-contact" ? [actionId] : [],
        actor: { userId: null, label: "test" },
        now,
      });
      if (created.status !== "ok") throw new Error(`could not create ${role}`);
      const session = await s.auth.startSession(created.value);
      if (!session.ok) throw new Error("no session");
      personas.push({ name: role, role, userId: created.value, cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken, principal: session.principal });
    }
    // The public gets its anti-forgery cookie from a first visit, like a browser.
    const first = await app.get("/sign-in");
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    personas[0]!.cookie = cookie;
    personas[0]!.csrf = cookie.split("=")[1];
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("lists every page route and API operation in the table", () => {
    const listed = new Set(ROUTE_TABLE.map((c) => `${c.route}`));
    const pages = pageRouteFiles().filter((f) => !listed.has(f));
    const api = apiRoutes(createApiRouter(app.server.services)).filter((r) => !listed.has(r));
    expect({ unlistedPages: pages, unlistedApi: api }).toEqual({ unlistedPages: [], unlistedApi: [] });
  });

  for (const c of ROUTE_TABLE) {
    it(`${c.method} ${c.sample.path} (${c.route}) answers every role as the table says`, async () => {
      const problems: string[] = [];
      // A fresh session per case: signing out (allowed for everyone) must not spoil the next case.
      for (const persona of personas) {
        if (persona.userId === undefined) continue;
        const session = await app.server.services.auth.startSession(persona.userId);
        if (!session.ok) throw new Error("no session");
        persona.cookie = `regie_session=${session.sessionToken}`;
        persona.csrf = session.csrfToken;
      }
      for (const persona of personas) {
        const target = c.target === "action" ? { programmeId, actionId } : c.target === "programme" ? { programmeId } : {};
        const verdict: Verdict | "open" = c.operation === null ? "open" : decide(persona.principal, c.operation, target);
        const headers: Record<string, string> = { ...(c.sample.headers ?? {}) };
        if (persona.cookie) headers.cookie = persona.cookie;
        let body: string | undefined;
        if (c.sample.form) {
          headers["content-type"] = "application/x-www-form-urlencoded";
          body = new URLSearchParams({ ...c.sample.form, _csrf: persona.csrf ?? "" }).toString();
        } else if (c.sample.json !== undefined) {
          headers["content-type"] = "application/json";
          if (persona.csrf && persona.role !== "public") headers["x-csrf-token"] = persona.csrf;
          body = JSON.stringify(c.sample.json);
        } else if (c.route.startsWith("api ") && c.method !== "GET" && persona.csrf && persona.role !== "public") {
          // An API write without a body (DELETE) still carries the session's anti-forgery token.
          headers["x-csrf-token"] = persona.csrf;
        }
        const before = c.method !== "GET" ? await fingerprint(app.server.services.db) : "";
        const res = await fetch(app.url + c.sample.path, { method: c.method, headers, body, redirect: "manual" });
        const answer = await res.text();
        const expected = expectedStatuses(c, verdict);
        if (!expected.includes(res.status)) problems.push(`${persona.name}: ${res.status}, expected ${expected.join("/")} (${verdict})`);
        // A page someone may not see says so plainly, in words about the page.
        if (c.method === "GET" && !c.route.startsWith("api ") && res.status === 403 && !answer.replace(/<script[\s\S]*?<\/script>/g, "").includes("U heeft geen toegang tot deze pagina."))
          problems.push(`${persona.name}: 403 without "no access to this page"`);
        if (verdict === "sign-in" && !c.route.startsWith("api ") && res.status === 302) {
          const location = res.headers.get("location") ?? "";
          if (!location.startsWith("/sign-in")) problems.push(`${persona.name}: redirected to ${location}, expected sign-in`);
        }
        if (c.method !== "GET" && verdict !== "allow" && verdict !== "open") {
          const after = await fingerprint(app.server.services.db);
          if (after !== before) problems.push(`${persona.name}: a refused ${c.method} changed the database`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
