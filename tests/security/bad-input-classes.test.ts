import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes";
import { createApiRouter } from "../../app/api/router";
import { signedIn, type Session } from "../admin/support";
import { testDialects } from "../support/databases";
import { fingerprint } from "../support/fingerprint";
import { doc, resolved, type SchemaObject } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Classes of bad input (NUL bytes, ids out of range, wrong content types, empty bodies, impossible
 * dates, unsafe addresses) sent to every write route there is: the API's routes are read from its
 * router, the pages' from app/routes.ts and the forms those pages render, so that a new route or
 * form is covered by itself. None may answer 5xx, and none may change the database.
 */

const SLUG = "kennis-en-werk-071-2013-2015";
const NUL = "a\u0000b";
const TOO_BIG = [2147483648, 3000000000];
const TOO_BIG_TEXT = ["2147483648", "9999999999", "99999999999999999999"];
const ID_PARAM = /^(number|id|versionNo)$/;
/** Stands for a path parameter that names a record, to be filled in per value. */
const MARKER = "__id__";

type Mode = "nul" | "big" | "date" | "url";
const MODES: Mode[] = ["nul", "big", "date", "url"];
/** What a value of each class looks like, to tell a body that carries it from one that does not. */
const MARK: Record<Mode, { test(value: string): boolean }> = { nul: { test: (value) => value.includes(NUL[1]!) || value.includes("\\u0000") }, big: /2147483648|99999999999999999999/, date: /2014-02-31/, url: /javascript:/ };

/** A body for a JSON schema where every value carries the bad input of the mode its type allows. */
function sampleFor(schemaIn: unknown, mode: Mode, depth = 0): unknown {
  const schema = resolved(schemaIn as SchemaObject);
  if (depth > 6 || !schema) return null;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const options = schema[key] as unknown[] | undefined;
    if (options) {
      const first = options.map((o) => resolved(o as SchemaObject)).find((o) => o.type !== "null") ?? options[0];
      return sampleFor(first, mode, depth + 1);
    }
  }
  if (schema.enum) return (schema.enum as unknown[])[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) out[name] = sampleFor(prop, mode, depth + 1);
    return out;
  }
  if (type === "array") return [sampleFor(schema.items, mode, depth + 1)];
  if (type === "integer" || type === "number") return mode === "big" ? TOO_BIG[0] : 1;
  if (type === "boolean") return false;
  if (type === "string") {
    if (mode === "nul") return NUL;
    if (mode === "date" && (schema.format === "date" || /\\d\{4\}-/.test(typeof schema.pattern === "string" ? schema.pattern : ""))) return "2014-02-31";
    if (mode === "url" && (schema.format === "uri" || schema.format === "url")) return "javascript:alert(1)";
    if (mode === "big") return TOO_BIG_TEXT[1];
    return "x";
  }
  return null;
}

/** Every write route of the API router, with its methods, in Express's own path syntax. */
function apiWriteRoutes(services: Parameters<typeof createApiRouter>[0]): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const layer of createApiRouter(services).stack as unknown as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route || typeof layer.route.path !== "string" || layer.route.path.includes("*")) continue;
    for (const [method, on] of Object.entries(layer.route.methods))
      if (on && ["post", "put", "patch", "delete"].includes(method)) out.push({ method, path: layer.route.path });
  }
  return out;
}

/** The request body schema the OpenAPI document gives an operation, if any. */
function requestSchema(method: string, path: string): unknown {
  const documented = path.replace(/:(\w+)/g, "{$1}");
  const operation = (doc.paths as Record<string, Record<string, { requestBody?: unknown }>>)[documented]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
  const body = operation.requestBody ? (resolved(operation.requestBody as SchemaObject) as { content?: Record<string, { schema?: unknown }> }) : undefined;
  return body?.content?.["application/json"]?.schema ?? body?.content?.["application/merge-patch+json"]?.schema;
}

/** Page addresses for every route in app/routes.ts, with its parameters filled in from `sample`. */
function pagePaths(sample: (name: string) => string): string[] {
  const out: string[] = [];
  const walk = (entries: { path?: string; index?: boolean; children?: unknown[] }[]) => {
    for (const e of entries) {
      if (e.index) out.push("/");
      else if (e.path !== undefined && !e.path.includes("*")) out.push(`/${e.path.replace(/:(\w+)/g, (_, name: string) => sample(name))}`);
      if (e.children) walk(e.children as typeof entries);
    }
  };
  walk(routes);
  return out;
}

interface Field {
  name: string;
  kind: "hidden" | "text" | "number" | "date" | "url" | "choice" | "file" | "flag";
  value: string;
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, "&").replace(/&quot;/g, '"');

/** The post forms of a page: their fields and the named buttons that submit them. */
function postForms(html: string): { action: string | undefined; fields: Field[]; buttons: { name: string; value: string }[]; multipart: boolean }[] {
  const forms = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attrs, inner] = match as unknown as [string, string, string];
    if (!/method="post"/i.test(attrs)) continue;
    const fields: Field[] = [];
    const buttons: { name: string; value: string }[] = [];
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      if (!name || name === "_csrf") continue;
      const type = (attribute(tag, "type") ?? "text").toLowerCase();
      const value = attribute(tag, "value") ?? "";
      if (type === "submit") buttons.push({ name, value });
      else if (type === "hidden") fields.push({ name, kind: "hidden", value });
      else if (type === "checkbox" || type === "radio") fields.push({ name, kind: /^\d+$/.test(value) ? "choice" : "flag", value });
      else if (type === "file") fields.push({ name, kind: "file", value });
      else if (type === "number") fields.push({ name, kind: "number", value });
      else if (type === "date") fields.push({ name, kind: "date", value });
      else if (type === "url") fields.push({ name, kind: "url", value });
      else fields.push({ name, kind: "text", value });
    }
    for (const [tag] of inner.matchAll(/<textarea\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      if (name) fields.push({ name, kind: "text", value: "" });
    }
    for (const [, attrsSelect, options] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g) as unknown as [string, string, string][]) {
      const name = attribute(`<x ${attrsSelect}>`, "name");
      const first = [...options.matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((m) => m[1]!).find((v) => v !== "") ?? "";
      if (name) fields.push({ name, kind: /^\d+$/.test(first) ? "choice" : "text", value: first });
    }
    for (const [tag] of inner.matchAll(/<button\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      if (name) buttons.push({ name, value: attribute(tag, "value") ?? "" });
    }
    forms.push({ action: attribute(`<x ${attrs}>`, "action"), fields, buttons, multipart: /multipart/.test(attrs) });
  }
  return forms;
}

/** A form's values with the bad input of the mode in every field that can carry it. */
function badValue(field: Field, mode: Mode): string {
  switch (mode) {
    case "nul":
      return field.kind === "hidden" || field.kind === "choice" ? field.value : NUL;
    case "big":
      if (field.kind === "number" || field.kind === "choice" || (field.kind === "hidden" && /^\d+$/.test(field.value))) return TOO_BIG_TEXT[0]!;
      // A text field that names a record by its number; other text may well be digits.
      return field.kind === "text" && /(id|number|version)$/i.test(field.name) ? TOO_BIG_TEXT[2]! : field.value || "x";
    case "date":
      return field.kind === "date" || /date|from|until|due/i.test(field.name) ? "2014-02-31" : field.value || "x";
    case "url":
      return field.kind === "url" || /url|source|link/i.test(field.name) ? "javascript:alert(1)" : field.value || "x";
  }
}

describe.each(testDialects())("bad input of every class on every write route on %s", (dialect) => {
  let app: TestServer;
  let manager: Session;
  const samples: Record<string, string> = { slug: SLUG, number: "17", versionNo: "1", token: "x".repeat(43), indicatorId: "1", id: "1" };

  beforeAll(async () => {
    app = await startTestServer(dialect);
    manager = await signedIn(app, { admin: true, role: "programme-manager" });
    samples.id = String(manager.userId);
    // A token, so that the account page shows the form that revokes one.
    await app.server.services.auth.createApiToken(manager.userId, "probe");
  });
  afterAll(async () => {
    await app.stop();
  });

  const api = (method: string, path: string, init: { type?: string | null; body?: string; ifMatch?: string } = {}) => {
    const headers: Record<string, string> = { cookie: manager.cookie, "x-csrf-token": manager.csrf, "accept-language": "en" };
    if (init.type !== null) headers["content-type"] = init.type ?? "application/json";
    if (init.ifMatch) headers["if-match"] = init.ifMatch;
    return fetch(`${app.url}/api/v1${path}`, { method: method.toUpperCase(), headers, body: init.body, redirect: "manual" });
  };

  it("API: NUL, ids out of range, impossible dates, unsafe addresses, empty bodies and wrong types: no 5xx, nothing changed", async () => {
    const before = await fingerprint(app.server.services.db);
    const writes = apiWriteRoutes(app.server.services);
    expect(writes.length).toBeGreaterThanOrEqual(10);
    const failures: string[] = [];
    const refusedNul: string[] = [];
    const accepted: string[] = [];
    const check = async (label: string, res: Response) => {
      if (res.status >= 500) failures.push(`${label}: ${res.status} ${(await res.text()).slice(0, 120)}`);
      else if (res.status < 400) accepted.push(`${label}: ${res.status}`);
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    };
    for (const route of writes) {
      const schema = requestSchema(route.method, route.path);
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === "id" && route.path.includes("indicators") ? "werkloosheid" : samples[name] ?? "1"));
      const current = await fetch(`${app.url}/api/v1${path}`, { headers: { cookie: manager.cookie } });
      const tag = current.headers.get("etag") ?? undefined;
      await current.arrayBuffer();
      // A write without a body (a delete) is only sent bad paths below: any body would be ignored.
      for (const mode of schema ? MODES : []) {
        const body = JSON.stringify(sampleFor(schema, mode));
        if (!MARK[mode].test(body)) continue;
        const status = await check(`${route.method} ${path} ${mode}`, await api(route.method, path, { body, ifMatch: tag }));
        if (mode === "nul" && schema && status === 400) refusedNul.push(path);
      }
      // One field at a time, so that no other field's error hides the one under test.
      const full = schema ? sampleFor(schema, "nul") : undefined;
      if (full && typeof full === "object" && !Array.isArray(full))
        for (const [name, value] of Object.entries(full as Record<string, unknown>).filter(([, v]) => MARK.nul.test(JSON.stringify(v)))) {
          const big = (sampleFor(schema, "big") as Record<string, unknown>)[name];
          await check(`${route.method} ${path} ${name} nul`, await api(route.method, path, { body: JSON.stringify({ [name]: value }), ifMatch: tag }));
          if (JSON.stringify(big).includes(String(TOO_BIG[0])))
            await check(`${route.method} ${path} ${name} big`, await api(route.method, path, { body: JSON.stringify({ [name]: big }), ifMatch: tag }));
        }
      if (schema) await check(`${route.method} ${path} empty JSON`, await api(route.method, path, { body: "", ifMatch: tag }));
      if (schema) await check(`${route.method} ${path} text/plain`, await api(route.method, path, { type: "text/plain", body: "a=b", ifMatch: tag }));
      if (schema) await check(`${route.method} ${path} no type`, await api(route.method, path, { type: null, body: "{}", ifMatch: tag }));
      // Ids out of range and NUL in the path itself.
      for (const name of route.path.match(/:(\w+)/g) ?? []) {
        const values = ID_PARAM.test(name.slice(1)) ? TOO_BIG_TEXT : ["a%00b"];
        for (const value of values) {
          const bad = route.path.replace(/:(\w+)/g, (param, n: string) => (param === name ? value : samples[n] ?? "1"));
          await check(`${route.method} ${bad}`, await api(route.method, bad, { body: "{}", ifMatch: "*" }));
          await check(`GET ${bad}`, await fetch(`${app.url}/api/v1${bad}`, { headers: { cookie: manager.cookie } }));
        }
      }
    }
    expect(failures).toEqual([]);
    expect(accepted).toEqual([]);
    expect(refusedNul.length).toBeGreaterThan(0);
    expect(await fingerprint(app.server.services.db)).toBe(before);
  }, 180_000);

  it("pages: every form's fields with NUL, ids out of range, impossible dates and unsafe addresses; ids out of range in the path: no 5xx, nothing changed", async () => {
    const before = await fingerprint(app.server.services.db);
    const failures: string[] = [];
    let forms = 0;
    const accepted: string[] = [];
    const check = async (label: string, res: Response) => {
      if (res.status >= 500) failures.push(`${label}: ${res.status}`);
      // A page that took a form redirects; one that refused it shows it again with its errors.
      else if (res.status >= 300 && res.status < 400 && !label.startsWith("GET")) accepted.push(`${label}: ${res.status}`);
      await res.arrayBuffer();
    };
    const paths = pagePaths((name) => samples[name] ?? "1");
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      const res = await fetch(app.url + path, { headers: { cookie: manager.cookie, "accept-language": "nl" }, redirect: "manual" });
      const html = await res.text();
      if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("html")) continue;
      for (const form of postForms(html)) {
        const target = form.action ? new URL(form.action, app.url + path).pathname + new URL(form.action, app.url + path).search : path;
        // Signing out ends the session the rest of the run uses; it takes no input.
        if (target === "/sign-out") continue;
        // Fetching from CBS goes over the network, which answers 502 when it cannot be reached.
        if (form.fields.some((f) => f.name === "intent" && f.value === "fetch")) continue;
        const variants = (form.buttons.length > 0 ? form.buttons : [undefined]).filter((b) => b?.value !== "fetch");
        for (const button of variants) {
          for (const mode of MODES) {
            forms++;
            const data = new FormData();
            data.set("_csrf", manager.csrf);
            for (const field of form.fields) {
              if (field.kind === "file") data.set(field.name, new Blob([`naam,e-mail\n${NUL},a@example.org\n`], { type: "text/csv" }), "contacts.csv");
              else if (field.kind !== "flag" || mode === "nul") data.append(field.name, badValue(field, mode));
            }
            if (button) data.set(button.name, button.value);
            if (![...data.entries()].some(([name, value]) => name !== "_csrf" && typeof value === "string" && MARK[mode].test(value)) && !(mode === "nul" && form.multipart)) continue;
            const body = form.multipart ? data : new URLSearchParams([...data.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
            await check(`${target} ${button?.value ?? ""} ${mode}`, await fetch(app.url + target, { method: "POST", headers: { cookie: manager.cookie, "accept-language": "nl" }, body, redirect: "manual" }));
          }
        }
      }
    }
    const withIds = new Set(pagePaths((name) => (ID_PARAM.test(name) ? MARKER : samples[name] ?? "1")).filter((p) => p.includes(MARKER)));
    for (const template of withIds) {
      for (const value of TOO_BIG_TEXT) {
        const path = template.split(MARKER).join(value);
        await check(`GET ${path}`, await fetch(app.url + path, { headers: { cookie: manager.cookie }, redirect: "manual" }));
        await check(`POST ${path}`, await fetch(app.url + path, { method: "POST", headers: { cookie: manager.cookie, "content-type": "application/x-www-form-urlencoded" }, body: `_csrf=${manager.csrf}&contactId=${value}`, redirect: "manual" }));
      }
    }
    await check("GET NUL in a path", await fetch(`${app.url}/programmes/a%00b`, { headers: { cookie: manager.cookie }, redirect: "manual" }));
    await check("GET NUL in a query", await fetch(`${app.url}/programmes/${SLUG}/actions?q=a%00b`, { headers: { cookie: manager.cookie }, redirect: "manual" }));
    expect(forms).toBeGreaterThan(40);
    expect(failures).toEqual([]);
    expect(accepted).toEqual([]);
    expect(await fingerprint(app.server.services.db)).toBe(before);
  }, 300_000);
});
