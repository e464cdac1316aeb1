import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { page, PASSWORD, postForm, signedIn, text, visitor, type Session } from "./support";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives; it refuses mail to refused@example.org. */
async function startSmtp(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === "refused@example.org") {
        const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The body of a plain-text message, quoted-printable decoded when it is encoded that way. */
function bodyOf(raw: string): string {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

describe.each(testDialects())("mail over a real SMTP server on %s", (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: TestServer;
  let admin: Session;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestServer(dialect, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Regie <regie@example.org>" });
    admin = await signedIn(app, { admin: true });
  });
  afterAll(async () => {
    await app.stop();
    await smtp.close();
  });

  it("delivers a password-reset link that works, and marks the outbox message sent", async () => {
    const person = await signedIn(app, { name: "Mail Person", email: "mail.person@example.org" });
    const res = await postForm(app, "/password/forgot", await visitor(app), { email: "mail.person@example.org" });
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain("Als er een account bij dit adres hoort, is er nu een e-mail met een link onderweg.");

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe("regie@example.org");
    expect(mail.to).toEqual(["mail.person@example.org"]);
    expect(mail.raw).toMatch(/^Subject: Regie: nieuw wachtwoord kiezen\r?$/m);
    const link = /http:\/\/127\.0\.0\.1:\d+\/password\/reset\/[A-Za-z0-9_-]+/.exec(bodyOf(mail.raw));
    expect(link).not.toBeNull();

    const row = await app.server.services.db.kysely.selectFrom("mail_outbox").selectAll().where("recipient", "=", "mail.person@example.org").executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.error).toBeNull();
    expect(row.body_text).toContain(link![0]);

    // The link from the mail lets the person choose a new password.
    const path = new URL(link![0]).pathname;
    expect((await page(app, path, null)).status).toBe(200);
    const chosen = await postForm(app, path, await visitor(app), { password: "another long password 456", passwordRepeat: "another long password 456" });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/account?reset=1");
    expect(person.userId).toBeGreaterThan(0);

    const outbox = text((await page(app, "/admin/outbox", admin)).body);
    expect(outbox).toContain("E-mail gaat via SMTP naar de ontvangers");
    expect(outbox).toContain("Regie: nieuw wachtwoord kiezen mail.person@example.org Nieuw wachtwoord");
    expect(outbox).toContain("Verstuurd");
  });

  it("keeps a message the SMTP server refuses as failed, with the reason, and answers the visitor the same", async () => {
    await signedIn(app, { email: "refused@example.org" });
    const res = await postForm(app, "/password/forgot", await visitor(app), { email: "refused@example.org" });
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain("Als er een account bij dit adres hoort");
    const row = await app.server.services.db.kysely.selectFrom("mail_outbox").selectAll().where("recipient", "=", "refused@example.org").executeTakeFirstOrThrow();
    expect(row.sent_at).toBeNull();
    expect(row.error).toMatch(/550/);
    const message = text((await page(app, `/admin/outbox/${row.id}`, admin)).body);
    expect(message).toContain("Status Mislukt");
    expect(message).toMatch(/Foutmelding .*550/);
    // An invitation goes out over SMTP too, and the administrator is told so.
    const invited = await postForm(app, "/admin/users", admin, { name: "Smtp Invitee", email: "smtp.invitee@example.org", role: "partner", programme: "kennis-en-werk-071-2013-2015" });
    expect(invited.headers.get("location")).toMatch(/\?done=invited&mail=sent$/);
    expect(smtp.received.at(-1)!.to).toEqual(["smtp.invitee@example.org"]);
    expect(bodyOf(smtp.received.at(-1)!.raw)).toMatch(/\/invite\/[A-Za-z0-9_-]+/);
  });
});

describe.each(testDialects())("sign-in throttling over HTTP on %s", (dialect) => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startTestServer(dialect);
  });
  afterAll(async () => {
    await app.stop();
  });

  it("sets a fresh session at sign-in, never one the visitor brought (no fixation), and ends it at sign-out", async () => {
    await signedIn(app, { email: "fixation@example.org" });
    const v = await visitor(app);
    const planted = "planted-session-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const res = await postForm(app, "/sign-in", { cookie: `${v.cookie}; regie_session=${planted}`, csrf: v.csrf }, { email: "fixation@example.org", password: PASSWORD, next: "/account" });
    expect(res.status).toBe(302);
    // The planted cookie is cleared, and a new session set.
    const cookies = res.headers.getSetCookie().filter((c) => c.startsWith("regie_session="));
    expect(cookies[0]).toMatch(/^regie_session=; .*Max-Age=0/);
    const cookie = cookies.at(-1)!;
    const token = cookie.split(";")[0]!.split("=")[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(token).not.toBe(planted);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = { cookie: `regie_session=${token}` };
    expect((await page(app, "/account", session)).status).toBe(200);
    expect((await page(app, "/account", { cookie: `regie_session=${planted}` })).status).toBe(302);
    // Sign-out ends it on the server, not only in the browser.
    const account = await page(app, "/account", session);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account.body)![1]!;
    expect((await postForm(app, "/sign-out", { cookie: session.cookie, csrf }, {})).status).toBe(302);
    expect((await page(app, "/account", session)).status).toBe(302);
  });

  it("answers 429 with Retry-After after 5 failures per account and 20 per address, the same for unknown accounts", async () => {
    await signedIn(app, { email: "known@example.org" });
    const v = await visitor(app);
    const attempt = async (email: string, password = "wrong password!") => {
      const res = await postForm(app, "/sign-in", v, { email, password, next: "/" });
      const message = /<div class="regie-error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? "";
      return { status: res.status, retryAfter: res.headers.get("retry-after"), message: text(message).trim() };
    };
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) known.push(await attempt("known@example.org"));
    for (let i = 0; i < 6; i++) unknown.push(await attempt("unknown@example.org"));
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown.map((a) => a.status)).toEqual(known.map((a) => a.status));
    expect(unknown.map((a) => a.message)).toEqual(known.map((a) => a.message));
    expect(known[0]!.message).toContain("Dit e-mailadres en wachtwoord horen niet bij elkaar, of het account is niet actief.");
    expect(known[5]!.message).toContain("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
    for (const a of [known[5]!, unknown[5]!]) {
      expect(Number(a.retryAfter)).toBeGreaterThan(880);
      expect(Number(a.retryAfter)).toBeLessThanOrEqual(900);
    }
    expect(known[0]!.retryAfter).toBeNull();
    // Even the right password is refused while the account is throttled.
    expect((await attempt("known@example.org", PASSWORD)).status).toBe(429);

    // 10 failures so far from this address; 10 more on other accounts reach the limit of 20.
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}@example.org`)).status).toBe(401);
    const blocked = await attempt("someone-new@example.org");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
  });
});
