import type { ProgrammeRole } from "../../app/domain/auth/roles";
import type { TestServer } from "../support/server";

export const SLUG = "kennis-en-werk-071-2013-2015";
export const P = `/programmes/${SLUG}`;
export const API = "/api/v1";

/** Someone who can sign in: a session (cookie and its anti-forgery token) and an API token. */
export interface Editor {
  userId: number;
  name: string;
  cookie: string;
  csrf: string;
  token: string;
}

let counter = 0;

/** An account with a role in the default programme (or an administrator), with a session and an API token. */
export async function editor(
  app: TestServer,
  role: ProgrammeRole | "admin",
  name = `Redacteur ${++counter}`,
): Promise<Editor> {
  const { services } = app.server;
  const programme = (await services.programmes.get(SLUG))!;
  const created = await services.users.createUser({
    email: `editor-${++counter}-${Date.now()}@example.org`,
    name,
    organisationId: null,
    passwordHash: null,
    isAdmin: role === "admin",
    roles: role === "admin" ? [] : [{ programmeId: programme.id, role }],
    actor: { userId: null, label: "test" },
    now: new Date().toISOString(),
  });
  if (created.status !== "ok") throw new Error(created.status);
  const session = await services.auth.startSession(created.value);
  if (!session.ok) throw new Error("no session");
  const { token } = await services.auth.createApiToken(created.value, "tests");
  return {
    userId: created.value,
    name,
    cookie: `regie_session=${session.sessionToken}`,
    csrf: session.csrfToken,
    token,
  };
}

export type Credentials = { bearer: Editor } | { cookie: Editor; csrf?: boolean } | null;

/** An API request; `json` is sent as the body (a string is sent as is). */
export async function api(
  app: TestServer,
  method: string,
  path: string,
  options: { as?: Credentials; ifMatch?: string; json?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "Accept-Language": "nl", ...(options.headers ?? {}) };
  const as = options.as ?? null;
  if (as && "bearer" in as) headers.authorization = `Bearer ${as.bearer.token}`;
  if (as && "cookie" in as) {
    headers.cookie = as.cookie.cookie;
    if (as.csrf !== false) headers["x-csrf-token"] = as.cookie.csrf;
  }
  if (options.ifMatch !== undefined) headers["if-match"] = options.ifMatch;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = typeof options.json === "string" ? options.json : JSON.stringify(options.json);
  }
  const res = await fetch(app.url + API + path, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return {
    status: res.status,
    headers: res.headers,
    body: parsed as Record<string, unknown> & { errors?: Record<string, string>; detail?: string },
  };
}

/** The current ETag of a record, from its GET. */
export async function etagOf(app: TestServer, path: string): Promise<string> {
  const res = await fetch(app.url + API + path);
  await res.arrayBuffer();
  const tag = res.headers.get("etag");
  if (!tag) throw new Error(`no ETag on ${path} (${res.status})`);
  return tag;
}

/** A page, with or without a session; the body as text. */
export async function page(app: TestServer, path: string, who?: Editor | null) {
  const res = await fetch(app.url + path, {
    headers: { ...(who ? { cookie: who.cookie } : {}), "Accept-Language": "nl" },
    redirect: "manual",
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Posts a form with the session's anti-forgery token. */
export async function postForm(app: TestServer, path: string, who: Editor, fields: Record<string, string>) {
  const res = await fetch(app.url + path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "Accept-Language": "nl",
      cookie: who.cookie,
    },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    redirect: "manual",
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** HTML text without tags and with entities decoded enough to search in. */
export function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}
