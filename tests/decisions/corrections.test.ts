import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeRole } from "../../app/domain/auth/roles";
import { exportProgrammeDocument } from "../../app/db/programme-export";
import { importProgrammeDocument } from "../../app/lib/programme-import.server";
import { text } from "../admin/support";
import { testDialects } from "../support/databases";
import { responseSchema, validate, type SchemaObject } from "../support/openapi";
import { startTestServer, type TestServer } from "../support/server";

const SLUG = "kennis-en-werk-071-2013-2015";
const P = `/programmes/${SLUG}`;
const API = `/api/v1${P}`;

interface Session {
  userId: number;
  cookie: string;
  csrf: string;
}

let counter = 0;

async function signInAs(app: TestServer, role: ProgrammeRole): Promise<Session> {
  const s = app.server.services;
  const programme = (await s.programmes.get(SLUG))!;
  const created = await s.users.createUser({
    email: `corrections-${role}-${++counter}@example.org`,
    name: `Correctie ${role} ${counter}`,
    organisationId: null,
    passwordHash: null,
    isAdmin: false,
    roles: [{ programmeId: programme.id, role }],
    actor: { userId: null, label: "test" },
    now: new Date().toISOString(),
  });
  if (created.status !== "ok") throw new Error(created.status);
  const session = await s.auth.startSession(created.value);
  if (!session.ok) throw new Error("no session");
  return { userId: created.value, cookie: `regie_session=${session.sessionToken}`, csrf: session.csrfToken };
}

/** The documented schema of an operation's answer with this status. */
function answerSchema(path: string, method: "get" | "put" | "delete", status: string): SchemaObject {
  return responseSchema(method, path, Number(status));
}

describe.each(testDialects())("correcting and withdrawing decisions, correcting meetings (%s)", (dialect) => {
  let app: TestServer;
  let manager: Session;
  let steering: Session;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    manager = await signInAs(app, "programme-manager");
    steering = await signInAs(app, "steering-group");
  });
  afterAll(async () => {
    await app?.stop();
  });

  const page = async (path: string, session: Session | null = manager, language = "nl") => {
    const res = await fetch(app.url + path, {
      headers: { "Accept-Language": language, ...(session ? { cookie: session.cookie } : {}) },
      redirect: "manual",
    });
    return { status: res.status, body: await res.text() };
  };
  const postForm = async (
    path: string,
    fields: Record<string, string | string[]>,
    session: Session = manager,
    language = "nl",
  ) => {
    const body = new URLSearchParams();
    body.append("_csrf", session.csrf);
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
    const res = await fetch(app.url + path, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "Accept-Language": language,
        cookie: session.cookie,
      },
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  };
  const api = (
    method: string,
    path: string,
    options: { body?: unknown; ifMatch?: string; session?: Session | null; csrf?: boolean } = {},
  ) => {
    const session = options.session === undefined ? manager : options.session;
    const headers: Record<string, string> = { "Accept-Language": "nl" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch) headers["if-match"] = options.ifMatch;
    if (session) {
      headers.cookie = session.cookie;
      if (options.csrf !== false) headers["x-csrf-token"] = session.csrf;
    }
    return fetch(`${app.url}${API}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  };
  const category = async (number: number, asOf?: string) =>
    (
      (await (await fetch(`${app.url}${API}/actions/${number}${asOf ? `?asOf=${asOf}` : ""}`)).json()) as {
        category: { code: number } | null;
      }
    ).category?.code ?? null;
  const decision = async (id: number) => {
    const res = await fetch(`${app.url}${API}/decisions/${id}`);
    return {
      status: res.status,
      etag: res.headers.get("etag"),
      body:
        res.status === 200
          ? ((await res.json()) as {
              version?: number;
              title: string;
              decidedOn: string;
              actions: { number: number; from: number | null; to: number | null }[];
            })
          : null,
    };
  };
  const record = async (body: Record<string, unknown>) => {
    const res = await api("POST", "/decisions", { body });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };
  const history = async (type: string, id: number) => app.server.services.history.forEntity(type, id);

  it("corrects the newest decision about an action through the form: its current category follows; older categories keep", async () => {
    expect(await category(5)).toBe(3);
    const id = await record({
      decidedOn: "2014-03-01",
      kind: "categories",
      title: "Actie 5 naar categorie 2",
      actions: [{ number: 5, from: 3, to: 2 }],
    });
    expect(await category(5)).toBe(2);

    // The form is the recording form, filled in, with the version it shows.
    const form = await page(`${P}/decisions/${id}/edit`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('value="2014-03-01"');
    expect(form.body).toContain('value="Actie 5 naar categorie 2"');
    expect(form.body).toMatch(/name="to-5"[^>]*>[\s\S]*?<option value="2" selected=""/);
    expect(form.body).not.toContain('name="from-5"');

    const res = await postForm(`${P}/decisions/${id}/edit`, {
      version: "1",
      decidedOn: "2014-03-01",
      status: "taken",
      kind: "categories",
      meetingId: "1",
      title: "Actie 5 naar categorie 4",
      text: "Gecorrigeerd: het was categorie 4.",
      action: "5",
      "to-5": "4",
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${P}/decisions/${id}?corrected=1&changed=1`);
    expect(await category(5)).toBe(4);
    expect(await category(5, "2014-02-28")).toBe(3);
    expect(await category(5, "2014-03-01")).toBe(4);
    const after = await decision(id);
    expect(after.etag).toBe(`"decision-${id}-v2"`);
    expect(after.body).toMatchObject({
      title: "Actie 5 naar categorie 4",
      meeting: { id: 1 },
      actions: [{ number: 5, from: 3, to: 4 }],
    });

    // The record's page says so and shows its history: the correction, by whom, from what to what.
    const shown = text((await page(res.location!)).body);
    expect(shown).toContain("Het besluit is gecorrigeerd; de huidige categorie van 1 actie is veranderd.");
    expect(shown).toContain("Geschiedenis van dit besluit");
    expect(shown).toMatch(/gewijzigd · Correctie programme-manager \d+/);
    expect(shown).toContain("Actie 5 naar categorie 2");
    const [entry] = await history("decision", id);
    expect(entry).toMatchObject({
      operation: "update",
      before: { title: "Actie 5 naar categorie 2", meeting: null, actions: [{ number: 5, from: 3, to: 2 }] },
      after: {
        title: "Actie 5 naar categorie 4",
        meeting: { id: 1, heldOn: "2013-10-14" },
        actions: [{ number: 5, from: 3, to: 4 }],
      },
    });
    expect(Object.keys(entry!.after!).sort()).toEqual(["actions", "meeting", "text", "title"]);
    const five = (await app.server.services.actions.get(
      (await app.server.services.programmes.get(SLUG))!.id,
      5,
    ))!;
    expect((await history("action", five.id))[0]).toMatchObject({
      operation: "update",
      before: { category: 2 },
      after: { category: 4 },
    });
    // Members see the history; the public sees the decision without it, and no way to correct it.
    const publicPage = await page(`${P}/decisions/${id}`, null);
    expect(publicPage.status).toBe(200);
    expect(publicPage.body).not.toContain("Geschiedenis van dit besluit");
    expect(publicPage.body).not.toContain(`${P}/decisions/${id}/edit`);
    expect((await page(`${P}/decisions/${id}`)).body).toContain(`${P}/decisions/${id}/withdraw`);

    // Saving the same again changes nothing and writes nothing.
    const count = await app.server.services.history.count();
    const same = await postForm(`${P}/decisions/${id}/edit`, {
      version: "2",
      decidedOn: "2014-03-01",
      status: "taken",
      kind: "categories",
      meetingId: "1",
      title: "Actie 5 naar categorie 4",
      text: "Gecorrigeerd: het was categorie 4.",
      action: "5",
      "to-5": "4",
    });
    expect(same.location).toBe(`${P}/decisions/${id}?corrected=0`);
    expect(await app.server.services.history.count()).toBe(count);
    expect((await decision(id)).etag).toBe(`"decision-${id}-v2"`);
  });

  it("corrects an older decision without touching the current category; moving it after the newer one makes it count", async () => {
    const older = (
      await app.server.services.decisions.list((await app.server.services.programmes.get(SLUG))!.id)
    ).data.find((d) => d.title === "Actie 5 naar categorie 4")!.id;
    const newer = await record({
      decidedOn: "2014-06-01",
      kind: "categories",
      title: "Actie 5 naar categorie 1",
      actions: [{ number: 5, from: 4, to: 1 }],
    });
    expect(await category(5)).toBe(1);

    const body = {
      decidedOn: "2014-03-01",
      kind: "categories",
      meetingId: 1,
      title: "Actie 5 naar categorie 2",
      text: "",
      actions: [{ number: 5, to: 2 }],
    };
    const res = await api("PUT", `/decisions/${older}`, { body, ifMatch: `"decision-${older}-v2"` });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"decision-${older}-v3"`);
    const answer: unknown = await res.json();
    expect(validate(answerSchema("/programmes/{slug}/decisions/{id}", "put", "200"), answer)).toEqual(
      [],
    );
    // The older decision now says 3 → 2; the newer one still decides today's category.
    expect(await category(5)).toBe(1);
    expect(await category(5, "2014-03-15")).toBe(2);
    expect(await category(5, "2014-06-01")).toBe(1);
    expect(
      (
        await history(
          "action",
          (await app.server.services.actions.get((await app.server.services.programmes.get(SLUG))!.id, 5))!
            .id,
        )
      )[0],
    ).toMatchObject({ after: { category: 1 } });

    // Moved after the newer one, it is the newest: the action takes its category, from the one before.
    const moved = await api("PUT", `/decisions/${older}`, {
      body: { ...body, decidedOn: "2014-09-01" },
      ifMatch: "*",
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { actions: unknown[] }).actions).toEqual([
      { number: 5, title: expect.any(String) as string, from: 1, to: 2 },
    ]);
    expect(await category(5)).toBe(2);
    expect(await category(5, "2014-08-31")).toBe(1);

    // Withdrawing the newest (now the moved one) gives back the category of the one before it.
    const withdrawn = await api("DELETE", `/decisions/${older}`, { ifMatch: `"decision-${older}-v4"` });
    expect(withdrawn.status).toBe(204);
    expect((await decision(older)).status).toBe(404);
    expect(await category(5)).toBe(1);
    const [gone] = await history("decision", older);
    expect(gone).toMatchObject({
      operation: "delete",
      before: { title: "Actie 5 naar categorie 2", decidedOn: "2014-09-01" },
      after: null,
    });
    // And withdrawing the last one by hand takes action 5 back to the document's category.
    expect((await api("DELETE", `/decisions/${newer}`, { ifMatch: "*" })).status).toBe(204);
    expect(await category(5)).toBe(3);
  });

  it("takes an action back to its category before any decision when its only decision is withdrawn, through the confirmation page", async () => {
    const created = await api("POST", "/actions", {
      body: { title: "Correctieactie", intentionCode: "2.3" },
    });
    expect(created.status).toBe(201);
    const number = ((await created.json()) as { number: number }).number;
    expect(await category(number)).toBeNull();
    const id = await record({
      decidedOn: "2014-04-01",
      kind: "categories",
      title: `Actie ${number} naar categorie 2`,
      actions: [{ number, from: null, to: 2 }],
    });
    expect(await category(number)).toBe(2);

    const confirm = await page(`${P}/decisions/${id}/withdraw`);
    expect(confirm.status).toBe(200);
    expect(text(confirm.body)).toContain("Ja, ik wil dit besluit intrekken");
    expect(confirm.body).toContain('name="version" value="1"');
    // Without the box ticked: nothing happens.
    const unticked = await postForm(`${P}/decisions/${id}/withdraw`, { version: "1" });
    expect(unticked.status).toBe(400);
    expect(text(unticked.body)).toContain("Vink aan dat u dit besluit wilt intrekken.");
    // With a version the decision no longer has: nothing happens, the page shows it as it is.
    const stale = await postForm(`${P}/decisions/${id}/withdraw`, { version: "7", confirm: "yes" });
    expect(stale.status).toBe(409);
    expect(text(stale.body)).toContain(
      "Het besluit is veranderd sinds u deze pagina opende. Er is niets ingetrokken.",
    );
    expect((await decision(id)).status).toBe(200);
    expect(await category(number)).toBe(2);

    const done = await postForm(`${P}/decisions/${id}/withdraw`, { version: "1", confirm: "yes" });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${P}/decisions?withdrawn=1&changed=1`);
    expect(text((await page(done.location!)).body)).toContain(
      "Het besluit is ingetrokken; de huidige categorie van 1 actie is veranderd.",
    );
    expect((await decision(id)).status).toBe(404);
    expect(await category(number)).toBeNull();
    expect((await page(`${P}/decisions/${id}`)).status).toBe(404);
    expect((await page(`${P}/decisions/${id}/withdraw`)).status).toBe(404);
  });

  it("refuses bad input with clear messages in Dutch and English, and a stale version with the conflict, writing nothing", async () => {
    const id = await record({
      decidedOn: "2014-07-15",
      kind: "categories",
      title: "Actie 11 naar 2",
      actions: [{ number: 11, from: 3, to: 2 }],
    });
    const valid = {
      version: "1",
      decidedOn: "2014-07-15",
      status: "taken",
      kind: "categories",
      meetingId: "",
      title: "Actie 11 naar 2",
      text: "",
      action: "11",
      "to-11": "2",
    };
    const count = await app.server.services.history.count();
    for (const [fields, status, message, language] of [
      [{ ...valid, decidedOn: "2014-02-30" }, 400, "Geef een bestaande datum op (JJJJ-MM-DD).", "nl"],
      [{ ...valid, decidedOn: "2014-02-30" }, 400, "Give a date that exists (YYYY-MM-DD).", "en"],
      [{ ...valid, title: "  " }, 400, "Vul een titel in.", "nl"],
      [{ ...valid, title: "" }, 400, "Enter a title.", "en"],
      [{ ...valid, "to-11": "7" }, 400, "Kies categorie 1, 2, 3 of 4.", "nl"],
      [{ ...valid, "to-11": "0" }, 400, "Choose category 1, 2, 3 or 4.", "en"],
      [{ ...valid, action: ["11", "999999"] }, 400, "Actie 999999 bestaat niet in dit programma.", "nl"],
      [{ ...valid, action: ["11", "999999"] }, 400, "Action 999999 does not exist in this programme.", "en"],
      [{ ...valid, action: "abc" }, 400, "Een actienummer is een positief geheel getal.", "nl"],
      [{ ...valid, "to-11": "3" }, 400, "Actie 11 heeft die categorie al.", "nl"],
      [{ ...valid, decidedOn: "2999-01-01" }, 400, "Een genomen besluit kan niet na vandaag vallen.", "nl"],
      [{ ...valid, meetingId: "999" }, 400, "Deze vergadering bestaat niet in dit programma.", "nl"],
      [{ ...valid, version: "" }, 409, "Iemand anders heeft dit besluit intussen veranderd", "nl"],
      [{ ...valid, version: "0" }, 409, "Someone else has changed this decision in the meantime", "en"],
    ] as const) {
      const res = await postForm(
        `${P}/decisions/${id}/edit`,
        fields as Record<string, string | string[]>,
        manager,
        language,
      );
      expect(res.status, message).toBe(status);
      expect(text(res.body), message).toContain(message);
    }
    expect(await app.server.services.history.count()).toBe(count);
    expect((await decision(id)).etag).toBe(`"decision-${id}-v1"`);
    expect(await category(11)).toBe(2);

    // Someone else corrects it meanwhile: the stale form shows both versions and keeps the user's input.
    expect(
      (
        await api("PUT", `/decisions/${id}`, {
          body: {
            decidedOn: "2014-07-15",
            kind: "categories",
            title: "Actie 11 naar 1",
            actions: [{ number: 11, to: 1 }],
          },
          ifMatch: "*",
        })
      ).status,
    ).toBe(200);
    expect(await category(11)).toBe(1);
    const stale = await postForm(`${P}/decisions/${id}/edit`, {
      ...valid,
      title: "Actie 11 naar categorie 2 (mijn versie)",
    });
    expect(stale.status).toBe(409);
    const body = text(stale.body);
    expect(body).toContain("Iemand anders heeft dit besluit intussen veranderd");
    expect(body).toContain("Opgeslagen versie Actie 11 naar 1");
    expect(body).toContain("Uw versie Actie 11 naar categorie 2 (mijn versie)");
    expect(body).toContain("Actie 11: naar categorie 1");
    expect(stale.body).toContain('name="version" value="2"');
    expect(stale.body).toContain('value="Actie 11 naar categorie 2 (mijn versie)"');
    expect(await category(11)).toBe(1);
    // Saving again keeps the user's version.
    const again = await postForm(`${P}/decisions/${id}/edit`, {
      ...valid,
      version: "2",
      title: "Actie 11 naar categorie 2 (mijn versie)",
    });
    expect(again.status).toBe(302);
    expect(await category(11)).toBe(2);

    // The pages read in English too.
    const english = text((await page(`${P}/decisions/${id}/edit`, manager, "en")).body);
    expect(english).toContain("Correct a decision");
    expect(english).toContain("Save the correction");
    expect(text((await page(`${P}/decisions/${id}/withdraw`, manager, "en")).body)).toContain(
      "Yes, I want to withdraw this decision",
    );
  });

  it("answers the API in the order 401, 404, 403, 409, 428, 412, 400, and its problems fit the document", async () => {
    const id = await record({ decidedOn: "2014-08-01", kind: "general", title: "Algemeen besluit" });
    const body = { decidedOn: "2014-08-01", kind: "general", title: "Algemeen besluit (gecorrigeerd)" };
    const problemOf = async (res: Response, status: number, method: "put" | "delete") => {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const json = (await res.json()) as { errors?: Record<string, string> };
      expect(
        validate(answerSchema("/programmes/{slug}/decisions/{id}", method, String(status)), json),
      ).toEqual([]);
      return json;
    };
    for (const method of ["PUT", "DELETE"] as const) {
      const m = method.toLowerCase() as "put" | "delete";
      const b = method === "PUT" ? body : undefined;
      await problemOf(
        await api(method, `/decisions/${id}`, { body: b, session: null, ifMatch: "*" }),
        401,
        m,
      );
      expect(
        (
          await fetch(`${app.url}/api/v1/programmes/nope/decisions/${id}`, {
            method,
            headers: { cookie: manager.cookie, "x-csrf-token": manager.csrf, "if-match": "*" },
          })
        ).status,
      ).toBe(404);
      await problemOf(await api(method, "/decisions/999999", { body: b, ifMatch: "*" }), 404, m);
      await problemOf(
        await api(method, `/decisions/${id}`, { body: b, session: steering, ifMatch: "*" }),
        403,
        m,
      );
      await problemOf(await api(method, `/decisions/${id}`, { body: b, csrf: false, ifMatch: "*" }), 403, m);
      await problemOf(await api(method, `/decisions/${id}`, { body: b }), 428, m);
      const stale = await api(method, `/decisions/${id}`, { body: b, ifMatch: `"decision-${id}-v9"` });
      expect(stale.headers.get("etag")).toBe(`"decision-${id}-v1"`);
      await problemOf(stale, 412, m);
    }
    expect((await api("PUT", "/decisions/abc", { body, ifMatch: "*" })).status).toBe(400);
    const invalid = await problemOf(
      await api("PUT", `/decisions/${id}`, {
        body: {
          decidedOn: "2014-02-30",
          kind: "categories",
          title: "",
          actions: [
            { number: 5, from: 3, to: 2 },
            { number: 6, to: 9 },
          ],
        },
        ifMatch: "*",
      }),
      400,
      "put",
    );
    expect(invalid.errors).toMatchObject({
      decidedOn: "Geef een bestaande datum op (JJJJ-MM-DD).",
      title: "Vul een titel in.",
    });
    expect(invalid.errors!.actions ?? invalid.errors!.form).toBeDefined();
    const unknown = await problemOf(
      await api("PUT", `/decisions/${id}`, {
        body: { ...body, kind: "categories", actions: [{ number: 999999, to: 2 }] },
        ifMatch: "*",
      }),
      400,
      "put",
    );
    expect(unknown.errors).toEqual({ "actions.999999": "Actie 999999 bestaat niet in dit programma." });
    expect((await decision(id)).body).toMatchObject({ title: "Algemeen besluit" });

    // A Bearer token needs no anti-forgery token.
    const token = await app.server.services.auth.createApiToken(manager.userId, "test");
    const ok = await fetch(`${app.url}${API}/decisions/${id}`, {
      method: "PUT",
      body: JSON.stringify(body),
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token.token}`,
        "if-match": `"decision-${id}-v1"`,
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect((await decision(id)).body).toMatchObject({ title: "Algemeen besluit (gecorrigeerd)" });
  });

  it("does not let a decision a re-import recorded be corrected or withdrawn, on pages or in the API", async () => {
    const db = app.server.services.db;
    const exported = (await exportProgrammeDocument(db, SLUG))!;
    const a20 = exported.actions.find((a) => a.number === 20)!;
    a20.category = a20.category === 1 ? 2 : 1;
    const report = await importProgrammeDocument(db, exported, { file: "programma.json" });
    const id = report.decision!.id!;
    expect((await page(`${P}/decisions/${id}/edit`)).status).toBe(409);
    expect(text((await page(`${P}/decisions/${id}/withdraw`)).body)).toContain(
      "kan hier niet worden gecorrigeerd of ingetrokken",
    );
    expect((await postForm(`${P}/decisions/${id}/withdraw`, { version: "1", confirm: "yes" })).status).toBe(
      409,
    );
    const put = await api("PUT", `/decisions/${id}`, {
      body: { decidedOn: "2014-01-01", kind: "general", title: "x" },
      ifMatch: "*",
    });
    expect(put.status).toBe(409);
    expect(
      validate(answerSchema("/programmes/{slug}/decisions/{id}", "put", "409"), await put.json()),
    ).toEqual([]);
    expect((await api("DELETE", `/decisions/${id}`, { ifMatch: "*" })).status).toBe(409);
    const shown = await page(`${P}/decisions/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toContain(`/decisions/${id}/edit`);
    expect((await decision(id)).status).toBe(200);
  });

  it("lets only the programme manager correct: the steering group records but does not correct", async () => {
    expect((await page(`${P}/decisions/1/edit`, steering)).status).toBe(403);
    expect((await page(`${P}/decisions/1/withdraw`, steering)).status).toBe(403);
    expect((await page(`${P}/meetings/1/edit`, steering)).status).toBe(403);
    expect(
      (await postForm(`${P}/decisions/1/withdraw`, { version: "1", confirm: "yes" }, steering)).status,
    ).toBe(403);
    const anonymous = await page(`${P}/decisions/1/edit`, null);
    expect(anonymous.status).toBe(302);
    expect((await page(`${P}/decisions/1`, steering)).body).not.toContain(`${P}/decisions/1/edit`);
    expect((await page(`${P}/decisions/abc/edit`)).status).toBe(404);
    expect((await page(`${P}/decisions/999999/edit`)).status).toBe(404);
    expect((await decision(1)).etag).toBe('"decision-1-v1"');
  });

  it("corrects a meeting: versioned, in its history, with the conflict for a stale form", async () => {
    const form = await page(`${P}/meetings/1/edit`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('value="2013-10-14"');
    expect(form.body).toMatch(/id="veld-attendee-gemeente-leiden"[^>]*checked=""/);
    const fields = {
      version: "1",
      heldOn: "2013-10-14",
      title: "Stuurgroep Economische agenda",
      attendee: ["gemeente-leiden", "gemeente-oegstgeest"],
      agenda: "Vaststelling van het programma.",
      minutes: "Het programma is vastgesteld.",
    };

    const bad = await postForm(`${P}/meetings/1/edit`, { ...fields, heldOn: "2013-02-30", title: "" });
    expect(bad.status).toBe(400);
    expect(text(bad.body)).toContain("Geef een bestaande datum op (JJJJ-MM-DD).");
    expect(text(bad.body)).toContain("Vul een titel in.");
    const unknown = await postForm(`${P}/meetings/1/edit`, { ...fields, attendee: "bestaat-niet" });
    expect(unknown.status).toBe(400);
    expect(text(unknown.body)).toContain("Onbekende organisatie: „bestaat-niet”.");

    const res = await postForm(`${P}/meetings/1/edit`, fields);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${P}/meetings/1?saved=1`);
    const shown = text((await page(res.location!)).body);
    expect(shown).toContain("De vergadering is bijgewerkt.");
    expect(shown).toContain("Het programma is vastgesteld.");
    expect(shown).toContain("Geschiedenis van deze vergadering");
    expect(shown).toContain("Gemeente Oegstgeest");
    expect(shown).not.toContain("Gemeente Zoeterwoude");
    const [entry] = await history("meeting", 1);
    expect(entry).toMatchObject({
      operation: "update",
      before: { minutes: expect.stringContaining("Uit het programmadocument") as string },
      after: {
        minutes: "Het programma is vastgesteld.",
        attendees: ["gemeente-leiden", "gemeente-oegstgeest"],
      },
    });
    expect(Object.keys(entry!.after!).sort()).toEqual(["agenda", "attendees", "minutes"]);
    expect(
      await app.server.services.decisions.meeting((await app.server.services.programmes.get(SLUG))!.id, 1),
    ).toMatchObject({ version: 2 });

    // The same form again is stale: both versions, nothing written.
    const count = await app.server.services.history.count();
    const stale = await postForm(`${P}/meetings/1/edit`, { ...fields, minutes: "Mijn verslag." });
    expect(stale.status).toBe(409);
    const body = text(stale.body);
    expect(body).toContain("Iemand anders heeft deze vergadering intussen veranderd");
    expect(body).toContain("Opgeslagen versie Het programma is vastgesteld.");
    expect(body).toContain("Uw versie Mijn verslag.");
    expect(stale.body).toContain('name="version" value="2"');
    expect(await app.server.services.history.count()).toBe(count);
    // English.
    expect(text((await page(`${P}/meetings/1/edit`, manager, "en")).body)).toContain("Correct the meeting");
    expect(text((await page(`${P}/meetings/1`, manager, "en")).body)).toContain("History of this meeting");
  });
});
