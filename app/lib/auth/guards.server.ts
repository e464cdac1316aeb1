import { data, redirect, type AppLoadContext } from "react-router";
import { decide, type Operation, type Target } from "../../domain/auth/permissions";
import { translator } from "../i18n/catalogue.server";

/**
 * Stops a loader or action unless the visitor may perform the operation: the public is sent to
 * sign in (and back), a signed-in person without the right gets 403, and hidden operations
 * answer 404 so that their pages do not reveal they exist.
 */
export function requirePermission(context: AppLoadContext, request: Request, operation: Operation, target: Target = {}): void {
  if (context.principal.enrolmentRequired) throw redirect(SECOND_FACTOR_PAGE);
  const verdict = decide(context.principal, operation, target);
  if (verdict === "allow") return;
  const t = translator(context.language);
  if (verdict === "sign-in") {
    const url = new URL(request.url);
    throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (verdict === "not-found") throw data(t("errors.notFoundText"), { status: 404 });
  // Opening a page says plainly that the page is not for this person; a refused change says it may not be done.
  const reading = request.method === "GET" || request.method === "HEAD";
  throw data(t(reading ? "auth.noAccessPage" : "auth.forbidden"), { status: 403 });
}

/** Where a person who must enrol a second factor is sent until they have. */
export const SECOND_FACTOR_PAGE = "/account/second-factor";

/** The signed-in user, or a redirect to sign in. */
export function requireUser(context: AppLoadContext, request: Request) {
  requirePermission(context, request, "account.self");
  return context.principal.user!;
}

/** A local path to go to after signing in; anything else falls back to the home page. */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
