import type { ProgrammeRole } from "../../app/domain/auth/roles";
import { hashPassword } from "../../app/lib/auth/passwords.server";
import type { TestServer } from "../support/server";

export const SLUG = "kennis-en-werk-071-2013-2015";
export const P = `/programmes/${SLUG}`;
export const PASSWORD = "a long enough password 123";

export interface Session {
  userId: number;
  email: string;
  cookie: string;
  csrf: string;
}

let counter = 0;

/** An account (with a password) and a session for it, made through the services the server uses. */
export async function signedIn(
  app: TestServer,
  options: { admin?: boolean; role?: ProgrammeRole; name?: string; email?: string; contactFor?: number[] } = {},
): Promise<Session> {
  const { services } = app.server;
  const programme = (await services.programmes.get(SLUG))!;
  const email = options.email ?? `person-${++counter}-${Date.now()}@example.org`;
  const actionIds = [];
  for (const n of options.contactFor ?? []) actionIds.push((await services.actions.get(programme.id, n))!.id);
  const created = await services.users.createUser({
    email,
    name: options.name ?? `Person ${counter}`,
    organisationId: null,
    passwordHash: await hashPassword(PASSWORD),
    isAdmin: options.admin ?? false,
    roles: options.role ? [{ programmeId: programme.id, role: options.role }] : [],
    contactActionIds: actionIds,
    actor: { userId: null, label: "test" },
    now: new Date().toISOString(),
  });
  if (created.status !== "ok") throw new Error(created.status);
  return sessionFor(app, created.value, email);
}

/** A new session for an existing account. */
export async function sessionFor(app: TestServer, userId: number, email = ""): Promise<Session> {
  const session = await app.server.services.auth.startSession(userId);
  if (!session.ok) throw new Error("no session");
  return { userId, email, cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken };
}

/** A visitor without a session: the anti-forgery cookie from a first visit, as a browser gets it. */
export async function visitor(app: TestServer): Promise<{ cookie: string; csrf: string }> {
  const first = await app.get("/sign-in");
  const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { cookie, csrf: cookie.split("=")[1]! };
}

/** GET with a session; the body as text. */
export async function page(app: TestServer, path: string, session?: { cookie: string } | null, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, { headers: { ...(session ? { cookie: session.cookie } : {}), "Accept-Language": "nl", ...headers }, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Posts a form (urlencoded) with the session's anti-forgery token. */
export async function postForm(app: TestServer, path: string, session: { cookie: string; csrf: string } | null, fields: Record<string, string>) {
  const res = await fetch(app.url + path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "Accept-Language": "nl",
      ...(session ? { cookie: session.cookie } : {}),
    },
    body: new URLSearchParams({ _csrf: session?.csrf ?? "", ...fields }).toString(),
    redirect: "manual",
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Posts a file in a multipart form with the session's anti-forgery token. */
export async function postFile(
  app: TestServer,
  path: string,
  session: { cookie: string; csrf: string },
  file: { name: string; content: string | Uint8Array },
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("_csrf", session.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const content = typeof file.content === "string" ? file.content : new Uint8Array(file.content);
  form.set("file", new Blob([content], { type: "text/csv" }), file.name);
  const res = await fetch(app.url + path, { method: "POST", body: form, headers: { cookie: session.cookie, "Accept-Language": "nl" }, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The text of an HTML page without tags, whitespace collapsed, entities for quotes and ampersands decoded. */
export function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");
}
