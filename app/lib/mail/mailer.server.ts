import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "../logger.server";
import { timestamp, type Clock } from "../../domain/time";

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

/** Where the mailer keeps every message (the outbox repository). */
export interface MailOutbox {
  record(mail: { recipient: string; subject: string; bodyText: string; purpose: string; createdAt: string }): Promise<number>;
  markSent(id: number, sentAt: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
}

/** Mail over SMTP (SMTP_URL) with every message kept in the outbox; without SMTP only the outbox, which administrators read in the app. */
export function createMailer(options: { outbox: MailOutbox; logger: Logger; clock: Clock; smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    smtpConfigured: transport !== null,
    async send(mail) {
      const id = await options.outbox.record({
        recipient: mail.to,
        subject: mail.subject,
        bodyText: mail.text,
        purpose: mail.purpose,
        createdAt: timestamp(options.clock),
      });
      if (!transport) return { sent: false };
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        await options.outbox.markSent(id, timestamp(options.clock));
        return { sent: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.logger.warn({ err: error, outboxId: id, purpose: mail.purpose }, "mail could not be sent");
        await options.outbox.markFailed(id, message);
        return { sent: false };
      }
    },
  };
}
