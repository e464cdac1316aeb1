import type { Db } from "./database";

export type OutboxStatus = "sent" | "failed" | "kept";

export interface OutboxMessage {
  id: number;
  recipient: string;
  subject: string;
  purpose: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  /** sent: delivered over SMTP; failed: SMTP refused it; kept: no SMTP configured, only here. */
  status: OutboxStatus;
}

const statusOf = (r: { sent_at: string | null; error: string | null }): OutboxStatus => (r.sent_at ? "sent" : r.error ? "failed" : "kept");

/** The mail outbox: every message Regie sent or kept, as the mailer records it and administrators read it. */
export function createOutboxRepository(db: Db) {
  const k = db.kysely;
  return {
    /** Keeps a message before it is sent; its id marks the outcome later. */
    async record(mail: { recipient: string; subject: string; bodyText: string; purpose: string; createdAt: string }): Promise<number> {
      const row = await k
        .insertInto("mail_outbox")
        .values({ recipient: mail.recipient, subject: mail.subject, body_text: mail.bodyText, purpose: mail.purpose, created_at: mail.createdAt })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async markSent(id: number, sentAt: string): Promise<void> {
      await k.updateTable("mail_outbox").set({ sent_at: sentAt }).where("id", "=", id).execute();
    },

    /** Keeps why SMTP refused the message (the first 500 characters). */
    async markFailed(id: number, error: string): Promise<void> {
      await k.updateTable("mail_outbox").set({ error: error.slice(0, 500) }).where("id", "=", id).execute();
    },

    /** A page of messages, newest first. */
    async list(options: { limit: number; offset: number }): Promise<{ data: OutboxMessage[]; total: number }> {
      const [rows, total] = await Promise.all([
        k
          .selectFrom("mail_outbox")
          .select(["id", "recipient", "subject", "purpose", "created_at", "sent_at", "error"])
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(options.limit)
          .offset(options.offset)
          .execute(),
        k.selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return {
        data: rows.map((r) => ({
          id: r.id,
          recipient: r.recipient,
          subject: r.subject,
          purpose: r.purpose,
          createdAt: r.created_at,
          sentAt: r.sent_at,
          error: r.error,
          status: statusOf(r),
        })),
        total: Number(total.n),
      };
    },

    /** One message with its full text. */
    async get(id: number): Promise<(OutboxMessage & { bodyText: string }) | undefined> {
      const r = await k.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        recipient: r.recipient,
        subject: r.subject,
        purpose: r.purpose,
        createdAt: r.created_at,
        sentAt: r.sent_at,
        error: r.error,
        status: statusOf(r),
        bodyText: r.body_text,
      };
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
