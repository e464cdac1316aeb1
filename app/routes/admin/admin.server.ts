import type { AppLoadContext } from "react-router";
import type { Operation } from "../../domain/auth/permissions";
import type { AnyRole } from "../../domain/auth/roles";
import { absoluteLink } from "../../lib/links.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";

/** Stops the request unless an administrator asks (everyone else gets a 404: these pages do not exist for them). */
export function requireAdmin(context: AppLoadContext, request: Request, operation: Operation = "users.manage") {
  requirePermission(context, request, operation);
  return context.principal.user!;
}

/** A page number from `?page=` (1 when absent or not a whole number). */
export function pageNumber(url: URL): number {
  const raw = url.searchParams.get("page");
  return raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

/**
 * Issues a seven-day invitation link for an account and mails it (over SMTP, or into the outbox
 * that administrators read). Answers whether it went out over SMTP.
 */
export async function sendInvitation(
  context: AppLoadContext,
  invitee: { userId: number; email: string },
  programmeTitle: string,
  about?: { role: AnyRole; actions: { number: number; title: string }[] },
): Promise<{ sent: boolean }> {
  const t = translator(context.language);
  const token = await context.services.auth.issueOneTimeToken("invite", invitee.userId);
  const link = absoluteLink(context.services.links, `/invite/${token}`);
  const inviter = context.principal.user?.name ?? "Regie";
  // Told what the invitation is for, the mail names the role and the actions too.
  const text = about
    ? t("auth.inviteMailBodyFor", {
        inviter,
        programme: programmeTitle,
        role: t(`role.${about.role}`),
        actions: about.actions.map((a) => t("auth.inviteMailAction", { number: a.number, title: a.title })).join("\n"),
        count: about.actions.length,
        link,
      })
    : t("auth.inviteMailBody", { inviter, programme: programmeTitle, link });
  return context.services.mailer.send({
    to: invitee.email,
    subject: t("auth.inviteMailSubject"),
    text,
    purpose: "invite",
  });
}
