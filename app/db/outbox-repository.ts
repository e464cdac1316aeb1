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

/** Reads the mail outbox that administrators see: every message Regie sent or kept. */
export function createOutboxRepository(db: Db) {
  const k = db.kysely;
  return {
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
