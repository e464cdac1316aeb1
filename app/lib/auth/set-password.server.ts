import { data, redirect, type AppLoadContext } from "react-router";
import { authErrors, formFields, newPasswordSchema, PASSWORD_MAX, PASSWORD_MIN } from "../../domain/auth/schemas";
import { translator } from "../i18n/catalogue.server";
import { timestamp } from "../../domain/time";
import { pendingCookie, sessionCookie } from "./cookies.server";
import { hashSecret } from "./secrets.server";
import { translateFieldErrors } from "../errors";

/** The shared action of the reset and invitation pages: check the link, set the password, sign in. */
export async function setPasswordFromLink(context: AppLoadContext, request: Request, purpose: "password-reset" | "invite", token: string) {
  const t = translator(context.language);
  if (!(await context.services.auth.checkOneTimeToken(purpose, token))) throw data(t("auth.linkInvalid"), { status: 404 });
  const parsed = newPasswordSchema.safeParse(formFields(await request.formData()));
  if (!parsed.success) {
    const errors = translateFieldErrors(t, authErrors(parsed.error), { extra: () => ({ min: PASSWORD_MIN, max: PASSWORD_MAX }) });
    return data({ errors }, { status: 400 });
  }
  const result = await context.services.users.setPasswordWithToken({
    purpose,
    tokenHash: hashSecret(token),
    passwordHash: await context.services.auth.hashPassword(parsed.data.password),
    now: timestamp(context.services.clock),
  });
  if (result.status !== "ok") throw data(t("auth.linkInvalid"), { status: 404 });
  const session = await context.services.auth.startSession(result.value);
  // Someone with a second factor still gives its code: a link in their mail is not enough.
  if (!session.ok && session.reason === "second-factor")
    throw redirect("/sign-in/code?next=%2Faccount", { headers: { "Set-Cookie": pendingCookie(session.pending, context.secure) } });
  if (!session.ok) throw redirect("/sign-in");
  // An invited person starts where their work is; a reset password goes back to the account.
  return redirect(purpose === "invite" ? "/work?welcome=1" : "/account?reset=1", {
    headers: { "Set-Cookie": sessionCookie(session.sessionToken, context.secure) },
  });
}
