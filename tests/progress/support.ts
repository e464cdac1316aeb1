import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Db } from "../../app/db/database";
import { readEnv } from "../../app/lib/env.server";
import { createLogger } from "../../app/lib/logger.server";
import { createServices, type Services } from "../../app/lib/services.server";
import type { Clock } from "../../app/domain/time";

/** A message as the SMTP server received it, with the subject and body decoded. */
export interface Received {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

export interface Smtp {
  port: number;
  url: string;
  received: Received[];
  /** Addresses whose mail the server refuses (550), to test retries. */
  refuse: Set<string>;
  close(): Promise<void>;
}

/** Decodes RFC 2047 encoded words ("=?UTF-8?Q?…?=", "=?UTF-8?B?…?="). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => {
      if (enc.toUpperCase() === "B") return Buffer.from(data, "base64").toString("utf8");
      const bytes = data
        .replace(/_/g, " ")
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    });
}

/** A header of a raw message, unfolded and decoded. */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : "";
}

/** The body of a plain-text message, decoded from quoted-printable or base64. */
function bodyOf(raw: string): string {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8").replace(/\r\n/g, "\n");
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export async function startSmtp(): Promise<Smtp> {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
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
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: header(raw, "Subject"),
          text: bodyOf(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The personal link's secret in a mail text. */
export function tokenIn(text: string): string {
  const m = /\/respond\/([A-Za-z0-9_-]{43})\b/.exec(text);
  if (!m) throw new Error(`no personal link in:\n${text}`);
  return m[1]!;
}

/** A clock the test moves by hand. */
export function fakeClock(startIso: string): Clock & { set(iso: string): Date; advance(ms: number): Date } {
  let at = new Date(startIso);
  return {
    now: () => new Date(at),
    set(iso: string) {
      at = new Date(iso);
      return new Date(at);
    },
    advance(ms: number) {
      at = new Date(at.getTime() + ms);
      return new Date(at);
    },
  };
}

/** The services on a test database with a fake clock, mailing through `smtpUrl` when given. */
export function servicesFor(db: Db, clock: Clock, smtpUrl?: string): Services {
  const env = readEnv({
    LOG_LEVEL: "silent",
    ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
    MAIL_FROM: "Regie <regie@example.org>",
    PUBLIC_URL: "https://regie.example.org",
  });
  return createServices(env, createLogger("silent"), db, clock);
}

/** Adds a contact (no account) to actions of a programme, directly in the tables. */
export async function addContact(
  db: Db,
  programmeId: number,
  numbers: number[],
  person: { name: string; email: string; organisation?: string },
): Promise<number> {
  const now = new Date().toISOString();
  const organisation = person.organisation
    ? await db.kysely
        .selectFrom("organisation")
        .select("id")
        .where("slug", "=", person.organisation)
        .executeTakeFirstOrThrow()
    : null;
  const contact = await db.kysely
    .insertInto("contact")
    .values({
      name: person.name,
      email: person.email,
      organisation_id: organisation?.id ?? null,
      user_id: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const n of numbers) {
    const action = await db.kysely
      .selectFrom("action")
      .select("id")
      .where("programme_id", "=", programmeId)
      .where("number", "=", n)
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto("action_contact")
      .values({ action_id: action.id, contact_id: contact.id, created_at: now })
      .execute();
  }
  return contact.id;
}

/** Waits until a condition holds (mail sent by the server's own runner), or fails after a few seconds. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
