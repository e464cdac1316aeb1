import type { Actor } from "../../db/audit";
import type { PlanRecipient, PlanResult, PlanSeen, PlanRepository } from "../../db/plan.repository";
import type { PlanBase, PlanFields } from "../../domain/plans/plan-input";
import type { PlanVersion } from "../../domain/plans/plan-types";
import { type Language } from "../i18n";
import { translator } from "../i18n/catalogue.server";
import type { Logger } from "../logger.server";
import type { Mailer } from "../mail/mailer.server";

interface Transition {
  programmeId: number;
  /** The action's number and title, for the mail. */
  number: number;
  title: string;
  actor: Actor;
  requestId?: string;
  now: string;
  /** Where the plan page lives, absolute (see app/lib/links.server.ts), for the mail. */
  planUrl: string;
}

/**
 * The mail's language. Dutch comes first in Regie: a recipient who chose a language for their
 * account gets the mail in that language only; everyone else gets it in Dutch followed by the
 * same text in English, so that nobody depends on the sender's language.
 */
export function mailLanguages(language: string | null): Language[] {
  if (language === "en") return ["en"];
  if (language === "nl") return ["nl"];
  return ["nl", "en"];
}

/** The subject and body of a plan mail in the recipient's language(s). */
export function planMail(kind: "submitted" | "approved" | "returned", recipient: PlanRecipient, values: Record<string, string | number>) {
  const languages = mailLanguages(recipient.language);
  const parts = languages.map((lang) => {
    const t = translator(lang);
    const note = String(values.note ?? "");
    const params = { ...values, name: recipient.name, noteBlock: note ? `\n\n${t("plans.mail.noteLabel")}:\n${note}` : "" };
    return { subject: t(`plans.mail.${kind}Subject`, params), body: t(`plans.mail.${kind}Body`, params) };
  });
  const subject = parts.map((p) => p.subject).join(" / ");
  const text = parts.length === 1 ? parts[0]!.body : parts.map((p, i) => (i === 0 ? p.body : `----\n\n${p.body}`)).join("\n\n");
  return { to: recipient.email, subject, text, purpose: `plan-${kind}` };
}

/**
 * Plans of approach with their notifications: the store makes each transition in one transaction;
 * after it is committed, the programme managers hear of a submitted plan and the author of a
 * decision (nobody is mailed about what they did themselves). A mail that cannot be recorded or
 * sent is logged; it never undoes or fails the transition.
 */
export function createPlanService(deps: { store: PlanRepository; mailer: Mailer; logger: Logger }) {
  const { store, mailer, logger } = deps;

  async function notify(mails: ReturnType<typeof planMail>[]) {
    for (const mail of mails) {
      try {
        await mailer.send(mail);
      } catch (error) {
        logger.warn({ err: error, purpose: mail.purpose }, "plan notification could not be recorded");
      }
    }
  }

  const values = (input: Transition, plan: PlanVersion, note: string | null = null) => ({
    number: input.number,
    title: input.title,
    version: plan.versionNo,
    actor: input.actor.label,
    link: input.planUrl,
    note: note ?? "",
  });

  return {
    versions: (actionId: number) => store.versions(actionId),
    version: (actionId: number, versionNo: number) => store.version(actionId, versionNo),
    approvedRefs: (actionIds: number[]) => store.approvedRefs(actionIds),
    approvedCount: (programmeId: number) => store.approvedCount(programmeId),

    write: (input: Omit<Transition, "title" | "planUrl"> & { base: PlanBase; fields: PlanFields; seen?: PlanSeen }): Promise<PlanResult> =>
      store.write(input),

    async submit(input: Transition & { expected: { versionNo: number; version: number } }): Promise<PlanResult> {
      const result = await store.submit(input);
      if (result.status === "ok") {
        const managers = (await store.programmeManagers(input.programmeId)).filter((m) => m.userId !== input.actor.userId);
        await notify(managers.map((m) => planMail("submitted", m, values(input, result.plan))));
      }
      return result;
    },

    async decide(
      input: Transition & { expected: { versionNo: number; version: number }; decision: "approve" | "return"; note: string | null },
    ): Promise<PlanResult> {
      const result = await store.decide(input);
      if (result.status === "ok") {
        const authorId = result.plan.author?.id;
        const author = authorId !== undefined && authorId !== input.actor.userId ? await store.recipient(authorId) : undefined;
        if (author) {
          const kind = input.decision === "approve" ? "approved" : "returned";
          await notify([planMail(kind, author, values(input, result.plan, result.plan.decisionNote))]);
        }
      }
      return result;
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
