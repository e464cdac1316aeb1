import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { readSecondFactorCode } from "../../domain/auth/second-factor";
import { clearPendingCookie, PENDING_COOKIE, readCookie, sessionCookie } from "../../lib/auth/cookies.server";
import { safeNext } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/sign-in-code";

const pendingOf = (request: Request) => readCookie(request.headers.get("cookie"), PENDING_COOKIE);

export async function loader({ context, request }: Route.LoaderArgs) {
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (context.principal.user) throw redirect(next);
  // Without a pending state (none, forged or too old) the page says so and points back to the password.
  return { next, expired: (await context.services.secondFactors.pendingUser(pendingOf(request))) === null };
}

/** A throttled code answers with Retry-After, like a throttled password. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
}

// The second step of signing in, for a visitor who has no session yet: like the password step it is
// not a change by a signed-in person, so it does not go through pageAction.
export async function action({ context, request }: Route.ActionArgs) {
  const t = translator(context.language);
  const fields = formFields(await request.formData());
  const next = safeNext(fields.next);
  const code = readSecondFactorCode(fields.code);
  if (!code) return data({ errors: { code: t("identity.codeFormat") } }, { status: 400 });
  const result = await context.services.secondFactors.check({ pending: pendingOf(request), code });
  if (!result.ok && result.reason === "expired")
    return data({ errors: { form: t("identity.pendingExpired") }, expired: true }, { status: 401, headers: { "Set-Cookie": clearPendingCookie(context.secure) } });
  if (!result.ok && result.reason === "throttled")
    return data(
      { errors: { form: t("auth.throttled", { minutes: Math.ceil(result.retryAfterSeconds / 60) }) } },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  if (!result.ok) return data({ errors: { code: t("identity.codeWrong") } }, { status: 401 });
  const session = await context.services.auth.startSessionAfterSecondFactor(result.userId);
  if (!session.ok) return data({ errors: { form: t("auth.invalidCredentials") } }, { status: 401 });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(session.sessionToken, context.secure));
  headers.append("Set-Cookie", clearPendingCookie(context.secure));
  return redirect(next, { headers });
}

export default function SignInCode() {
  const { next, expired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="regie-narrow">
      <PageTitle title={t("identity.codeTitle")} />
      <h1 className="nl-heading nl-heading--level-1">{t("identity.codeTitle")}</h1>
      <p className="nl-paragraph">{t("identity.codeIntro")}</p>
      <ErrorSummary errors={result?.errors ?? (expired ? { form: t("identity.pendingExpired") } : undefined)} />
      {expired || (result && "expired" in result) ? (
        <p className="nl-paragraph">
          <Link className="nl-link" to={`/sign-in?next=${encodeURIComponent(next)}`}>
            {t("identity.signInAgain")}
          </Link>
        </p>
      ) : (
        <Form method="post" className="regie-form" noValidate>
          <CsrfField />
          <input type="hidden" name="next" value={next} />
          <TextField name="code" label={t("identity.code")} hint={t("identity.codeHint")} autoComplete="one-time-code" error={errors.code} required />
          <div className="regie-actions-row">
            <button className="nl-button nl-button--primary" type="submit">
              {t("identity.codeSubmit")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
