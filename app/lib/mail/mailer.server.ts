import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../../db/database";
import type { Logger } from "../logger.server";
import { timestamp, type Clock } from "../time";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What the mail is for ("password-reset", "invite", "update-request"…), for the outbox. */
  purpose: string;
}

export interface Mailer {
  /** Records the mail in the outbox and, when SMTP is configured, sends it. Never throws for a delivery failure. */
  send(mail: OutgoingMail): Promise<{ sent: boolean }>;
  readonly smtpConfigured: boolean;
}

/** Mail over SMTP (SMTP_URL) with every message kept in the outbox; without SMTP only the outbox, which administrators read in the app. */
export function createMailer(options: { db: Db; logger: Logger; clock: Clock; smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    smtpConfigured: transport !== null,
    async send(mail) {
      const row = await options.db.kysely
        .insertInto("mail_outbox")
        .values({
          recipient: mail.to,
          subject: mail.subject,
          body_text: mail.text,
          purpose: mail.purpose,
          created_at: timestamp(options.clock),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (!transport) return { sent: false };
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        await options.db.kysely.updateTable("mail_outbox").set({ sent_at: timestamp(options.clock) }).where("id", "=", row.id).execute();
        return { sent: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.logger.warn({ err: error, outboxId: row.id, purpose: mail.purpose }, "mail could not be sent");
        await options.db.kysely.updateTable("mail_outbox").set({ error: message.slice(0, 500) }).where("id", "=", row.id).execute();
        return { sent: false };
      }
    },
  };
}
