import type { ProgrammeRole } from "../../app/domain/auth/roles";
import type { TestServer } from "../support/server";

export const P = "/programmes/kennis-en-werk-071-2013-2015";

export interface Session {
  cookie: string;
  csrf: string;
}

let counter = 0;

/** A signed-in person with a role in the default programme (a session made through the auth service). */
export async function signInAs(app: TestServer, role: ProgrammeRole | "none"): Promise<Session> {
  const { services } = app.server;
  const programme = (await services.programmes.get("kennis-en-werk-071-2013-2015"))!;
  const email = `monitor-${role}-${++counter}-${Date.now()}@example.org`;
  const created = await services.users.createUser({
    email,
    name: `Test ${role}`,
    organisationId: null,
    passwordHash: null,
    isAdmin: false,
    roles: role === "none" ? [] : [{ programmeId: programme.id, role }],
    actor: { userId: null, label: "test" },
    now: new Date().toISOString(),
  });
  if (created.status !== "ok") throw new Error(created.status);
  const session = await services.auth.startSession(created.value);
  if (!session.ok) throw new Error("no session");
  return { cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken };
}

/** Posts the monitor's import form (multipart) with a file. */
export async function postImport(
  app: TestServer,
  session: Session | null,
  file: { name: string; content: string; type?: string } | null,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", session?.csrf ?? "");
  form.set("intent", "import");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new Blob([file.content], { type: file.type ?? "application/json" }), file.name);
  return fetch(`${app.url}${P}/monitor`, {
    method: "POST",
    body: form,
    headers: { ...(session ? { cookie: session.cookie } : {}), "Accept-Language": "nl", ...headers },
    redirect: "manual",
  });
}

/** The data table of an indicator page as region → period → stored value (from `data-value`). */
export function tableValues(html: string): Map<string, number | null> {
  const table = /<table class="regie-table regie-table--monitor"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  const out = new Map<string, number | null>();
  for (const row of table.matchAll(/<tr data-period="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)) {
    for (const cell of row[2]!.matchAll(/<td[^>]*data-region="([^"]+)"[^>]*data-value="([^"]*)"/g)) {
      out.set(`${cell[1]}|${row[1]}`, cell[2] === "" ? null : Number(cell[2]));
    }
  }
  return out;
}
