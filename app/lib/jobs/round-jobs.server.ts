import { z } from "zod";
import {
  JOB_CLOSE,
  JOB_REMINDER,
  JOB_REQUEST,
  type LinkContext,
  type RoundRepository,
} from "../../db/round.repository";
import { calendarDate } from "../../domain/calendar";
import { parsePeriod } from "../../domain/progress/periods";
import { roundIsOpen } from "../../domain/progress/round-rules";
import { hashSecret } from "../auth/secrets.server";
import type { Language } from "../i18n";
import { translator } from "../i18n/catalogue.server";
import { absoluteLink, type PublicLinks } from "../links.server";
import type { Mailer, OutgoingMail } from "../mail/mailer.server";
import { PermanentJobError, type JobHandler } from "./job-runner.server";

/** "maandag 30 juni 2014" / "Monday 30 June 2014": a calendar date written out. */
export function longDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "nl-NL", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

/** "eerste helft van 2014" / "first half of 2014". */
export function periodLabel(code: string, language: Language): string {
  const p = parsePeriod(code);
  if (!p) return code;
  return translator(language)(`progress.period_${p.kind === "half" ? "H" : "Q"}${p.index}`, { year: p.year });
}

/** The personal link of a request. */
export const respondUrl = (links: PublicLinks, token: string) => absoluteLink(links, `/respond/${token}`);

export type RoundMailKind = "request" | "reminder-before" | "reminder-day" | "reminder-after";

/** Which reminder text an offset (days relative to the due date) gets. */
export const reminderKind = (offset: number): RoundMailKind =>
  offset < 0 ? "reminder-before" : offset === 0 ? "reminder-day" : "reminder-after";

/**
 * A request or reminder of an update round: Dutch first, then the same in English; a subject that
 * names the action and the period, the due date written out, and the personal link.
 */
export function roundMail(kind: RoundMailKind, ctx: LinkContext, link: string): OutgoingMail {
  const parts = (language: Language) => {
    const t = translator(language);
    const values = {
      name: ctx.contact.name,
      programme: ctx.programme.title,
      number: ctx.action.number,
      title: ctx.action.title,
      period: periodLabel(ctx.round.period, language),
      due: longDate(ctx.round.dueOn, language),
      closes: longDate(ctx.round.closesOn, language),
    };
    const key = {
      request: "requestIntro",
      "reminder-before": "reminderBefore",
      "reminder-day": "reminderDay",
      "reminder-after": "reminderAfter",
    }[kind];
    return {
      t,
      intro: t(`progress.mail.${key}`, values),
      call: t("progress.mail.call", values),
      rules: t("progress.mail.rules", values),
    };
  };
  const nl = parts("nl");
  const en = parts("en");
  const subjectValues = { number: ctx.action.number, title: ctx.action.title, period: ctx.round.period };
  const subject = nl.t(
    kind === "request" ? "progress.mail.requestSubject" : "progress.mail.reminderSubject",
    subjectValues,
  );
  const text = [
    nl.t("progress.mail.greeting", { name: ctx.contact.name }),
    nl.intro,
    `${nl.call}\n${link}`,
    nl.rules,
    nl.t("progress.mail.signature"),
    "----",
    `${en.t("progress.mail.inEnglish")} ${en.intro} ${en.call}\n${link}\n${en.rules}`,
  ].join("\n\n");
  return {
    to: ctx.contact.email,
    subject,
    text,
    purpose: kind === "request" ? "round-request" : "round-reminder",
  };
}

const requestPayload = z.object({
  requestId: z.number().int().positive(),
  token: z.string().min(20),
  offset: z.number().int().optional(),
});
const closePayload = z.object({ roundId: z.number().int().positive() });

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("malformed payload");
  return parsed.data;
}

/**
 * The jobs of update rounds. A request or reminder whose link was replaced (resent) or whose round
 * closed does nothing; a reminder also does nothing once the action has answered. A delivery that
 * fails over SMTP throws, so that the runner tries again later. Once sent, the link's secret is
 * dropped from the job.
 */
export function roundJobHandlers(deps: { rounds: RoundRepository; mailer: Mailer; links: PublicLinks }): Record<string, JobHandler> {
  const { rounds, mailer, links } = deps;

  async function deliver(mail: OutgoingMail) {
    const result = await mailer.send(mail);
    if (mailer.smtpConfigured && !result.sent) throw new Error("the mail could not be delivered over SMTP");
  }

  const mailJob =
    (reminder: boolean): JobHandler =>
    async (payload, { now }) => {
      const p = parse(requestPayload, payload);
      const kept = { requestId: p.requestId, ...(p.offset === undefined ? {} : { offset: p.offset }) };
      const ctx = await rounds.requestForMail(p.requestId);
      const today = calendarDate(now);
      if (!ctx || ctx.request.tokenHash !== hashSecret(p.token) || !roundIsOpen(ctx.round, today))
        return { payload: { ...kept, skipped: "link-replaced-or-round-closed" } };
      if (reminder && (await rounds.answered(ctx.action.id, ctx.round.period)))
        return { payload: { ...kept, skipped: "answered" } };
      await deliver(
        roundMail(reminder ? reminderKind(p.offset ?? 0) : "request", ctx, respondUrl(links, p.token)),
      );
      const at = now.toISOString();
      if (reminder) await rounds.markReminded(ctx.request.id, ctx.request.tokenHash, at);
      else await rounds.markSent(ctx.request.id, ctx.request.tokenHash, at);
      return { payload: kept };
    };

  return {
    [JOB_REQUEST]: mailJob(false),
    [JOB_REMINDER]: mailJob(true),
    [JOB_CLOSE]: async (payload, { now }) => {
      const p = parse(closePayload, payload);
      await rounds.closeWhenDue(p.roundId, now.toISOString());
    },
  };
}
