import { generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../app/cli/main";
import { PASSWORD, page, postForm, signedIn, visitor, P, type Session } from "../admin/support";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const codeAt = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
const cookieOf = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

describe.each(testDialects())("second factor (TOTP) on %s, with the requirement at its default", (dialect) => {
  let app: TestServer;
  let manager: Session;
  let secret: string;

  beforeAll(async () => {
    // undefined: the setting as an operator who never set it gets it (on for administrators and programme managers).
    app = await startTestServer(dialect, { REQUIRE_SECOND_FACTOR: undefined });
    manager = await signedIn(app, { role: "programme-manager" });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  /** Password step: the answer sends to the code step with the signed pending state. */
  async function passwordStep(email: string) {
    const guest = await visitor(app);
    const res = await postForm(app, "/sign-in", guest, { email, password: PASSWORD, next: "/account" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in/code?next=%2Faccount");
    expect(cookieOf(res.headers, "regie_session")).toBeUndefined();
    const pending = cookieOf(res.headers, "regie_pending");
    expect(pending).toBeDefined();
    return { cookie: `${guest.cookie}; ${pending}`, csrf: guest.csrf };
  }
  const codeStep = (state: { cookie: string; csrf: string }, code: string) => postForm(app, "/sign-in/code", state, { code, next: "/account" });

  async function enrolThroughServices(userId: number, email: string) {
    const { secondFactors } = app.server.services;
    const enrolment = await secondFactors.enrolment({ id: userId, email }, null);
    if ("enrolled" in enrolment) throw new Error("already enrolled");
    expect(await secondFactors.confirm({ userId, k: enrolment.k, code: codeAt(enrolment.secret), actor: { userId: null, label: "test" } })).toBe("ok");
    return enrolment.secret;
  }

  it("sends an unenrolled programme manager to enrolment and lets them do nothing else", async () => {
    for (const path of ["/account", `${P}/actions/1/edit`, "/admin"]) {
      const res = await page(app, path, manager);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe("/account/second-factor");
    }
    const api = await fetch(`${app.url}/api/v1/programmes`, { headers: { cookie: manager.cookie, "Accept-Language": "en" } });
    expect(api.status).toBe(403);
    expect(await api.text()).toContain("second factor");
    const tokenAttempt = await postForm(app, "/account", manager, { intent: "create-token", name: "x" });
    expect(tokenAttempt.status).toBe(302);
    expect(await app.server.services.auth.listTokens(manager.userId)).toEqual([]);
    // A partner is not required to have one.
    const partner = await signedIn(app, { role: "partner" });
    expect((await page(app, "/account", partner)).status).toBe(200);
  });

  it("enrols with a first code, shows ten recovery codes once, and keeps the secret encrypted", async () => {
    const enrolPage = await page(app, "/account/second-factor", manager);
    expect(enrolPage.status).toBe(200);
    const shown = /data-secret="true">([A-Z2-7 ]+)</.exec(enrolPage.body) ?? /data-secret="">([A-Z2-7 ]+)</.exec(enrolPage.body);
    expect(shown).not.toBeNull();
    secret = shown![1]!.replace(/ /g, "");
    expect(enrolPage.body).toContain(`otpauth://totp/Regie:${encodeURIComponent(manager.email)}`);
    const action = /action="(\/account\/second-factor\?k=[A-Za-z0-9_-]{22})"/.exec(enrolPage.body)![1]!;
    // Showing the page stores nothing; the same page address shows the same secret again.
    expect(await app.database.db.kysely.selectFrom("second_factor").selectAll().where("user_id", "=", manager.userId).execute()).toEqual([]);
    expect((await page(app, action, manager)).body).toContain(shown![1]!);

    const wrong = await postForm(app, action, manager, { code: "12345" });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain(shown![1]!);
    const confirmed = await postForm(app, action, manager, { code: codeAt(secret) });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/account/second-factor/recovery-codes");
    const stored = await app.database.db.kysely.selectFrom("second_factor").selectAll().where("user_id", "=", manager.userId).executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(secret);
    const codes = await page(app, "/account/second-factor/recovery-codes", manager);
    expect(codes.status).toBe(200);
    const recovery = [...codes.body.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]!);
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect((await page(app, "/account/second-factor/recovery-codes", manager)).status).toBe(302);
    const hashes = await app.database.db.kysely.selectFrom("recovery_code").select("code_hash").where("user_id", "=", manager.userId).execute();
    expect(hashes.map((h) => h.code_hash)).not.toContain(recovery[0]!.replace("-", ""));
    expect((await page(app, "/account", manager)).status).toBe(200);
    const history = await app.server.services.history.forEntity("user", manager.userId);
    expect(history.map((e) => e.operation)).toContain("second-factor-enrol");
    (globalThis as Record<string, unknown>)[`recovery-${dialect}`] = recovery;
  });

  it("asks for the code after the password, refuses a code used before, and signs in with the next one", async () => {
    // The code used to enrol is of the step just taken: offered again it is a replay.
    const state = await passwordStep(manager.email);
    const replay = await codeStep(state, codeAt(secret));
    expect(replay.status).toBe(401);
    expect(cookieOf(replay.headers, "regie_session")).toBeUndefined();
    const next = codeAt(secret, 1);
    const ok = await codeStep(state, next);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account");
    const session = cookieOf(ok.headers, "regie_session");
    expect(session).toBeDefined();
    expect((await page(app, "/account", { cookie: session! })).status).toBe(200);
    // The same code once more, on a fresh password step: refused.
    const again = await codeStep(await passwordStep(manager.email), next);
    expect(again.status).toBe(401);
  });

  it("takes a recovery code instead of a code, once", async () => {
    const recovery = (globalThis as Record<string, unknown>)[`recovery-${dialect}`] as string[];
    const first = await codeStep(await passwordStep(manager.email), recovery[3]!.toUpperCase());
    expect(first.status).toBe(302);
    expect(cookieOf(first.headers, "regie_session")).toBeDefined();
    const second = await codeStep(await passwordStep(manager.email), recovery[3]!);
    expect(second.status).toBe(401);
    expect(await app.server.services.secondFactors.unusedRecoveryCodes(manager.userId)).toBe(9);
  });

  it("refuses a code step without a valid pending state", async () => {
    const guest = await visitor(app);
    const without = await page(app, "/sign-in/code", guest);
    expect(without.status).toBe(200);
    expect(without.body).toContain('href="/sign-in?next=%2F"');
    expect(without.body).not.toContain('name="code"');
    const forged = await codeStep({ cookie: `${guest.cookie}; regie_pending=${manager.userId}.9999999999999.AAAAAAAAAAAA.${"A".repeat(43)}`, csrf: guest.csrf }, codeAt(secret));
    expect(forged.status, forged.headers.get("location") ?? forged.body.slice(0, 300)).toBe(401);
    expect(cookieOf(forged.headers, "regie_session")).toBeUndefined();
  });

  it("throttles after five wrong codes, like passwords", async () => {
    const person = await signedIn(app, { role: "programme-manager" });
    const own = await enrolThroughServices(person.userId, person.email);
    const state = await passwordStep(person.email);
    const right = codeAt(own, 1);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await codeStep(state, wrong)).status).toBe(401);
    const blocked = await codeStep(state, right);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(cookieOf(blocked.headers, "regie_session")).toBeUndefined();
  });

  it("lets an administrator reset someone's second factor, recorded in the history", async () => {
    const admin = await signedIn(app, { admin: true, name: "Ada Admin" });
    await enrolThroughServices(admin.userId, admin.email);
    const person = await signedIn(app, { role: "programme-manager" });
    await enrolThroughServices(person.userId, person.email);
    const adminPage = await page(app, `/admin/users/${person.userId}`, admin);
    expect(adminPage.status).toBe(200);
    expect(adminPage.body).toContain('value="reset-second-factor"');
    const reset = await postForm(app, `/admin/users/${person.userId}`, admin, { intent: "reset-second-factor" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toContain("done=second-factor-reset");
    expect(await app.server.services.secondFactors.isEnrolled(person.userId)).toBe(false);
    const history = await app.server.services.history.forEntity("user", person.userId);
    expect(history.find((e) => e.operation === "second-factor-reset")?.actor).toBe("Ada Admin");
    // Signing in now is a password only, then straight to enrolment.
    const guest = await visitor(app);
    const res = await postForm(app, "/sign-in", guest, { email: person.email, password: PASSWORD, next: "/account" });
    const session = cookieOf(res.headers, "regie_session");
    expect(session).toBeDefined();
    const after = await page(app, "/account", { cookie: session! });
    expect(after.headers.get("location")).toBe("/account/second-factor");
  });

  it("resets a second factor from the command line", async () => {
    const person = await signedIn(app, { role: "programme-manager" });
    await enrolThroughServices(person.userId, person.email);
    const saved = { url: process.env.DATABASE_URL, lang: process.env.REGIE_LANG };
    process.env.DATABASE_URL = app.database.url;
    process.env.REGIE_LANG = "en";
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    try {
      expect(await main(["users", "reset-second-factor", person.email], io)).toBe(0);
      expect(out.join("\n")).toContain(`The second factor of ${person.email} was removed`);
      expect(await main(["users", "reset-second-factor", "nobody@example.org"], io)).toBe(1);
      expect(await main(["users", "reset-second-factor"], io)).toBe(2);
    } finally {
      for (const [k, v] of [["DATABASE_URL", saved.url], ["REGIE_LANG", saved.lang]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(await app.server.services.secondFactors.isEnrolled(person.userId)).toBe(false);
    const history = await app.server.services.history.forEntity("user", person.userId);
    expect(history.find((e) => e.operation === "second-factor-reset")?.actor).toBe("CLI");
  });
});
