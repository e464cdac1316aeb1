import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { authErrors, formFields, signInSchema } from "../../domain/auth/schemas";
import { pendingCookie, sessionCookie } from "../../lib/auth/cookies.server";
import { safeNext } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/sign-in";
import { formErrors } from "../shared/page-action.server";

/** Where signing in leads: the page asked for, or the work area instead of the front page. */
function landing(value: string | null | undefined): string {
  const next = safeNext(value);
  return next === "/" ? "/work" : next;
}

export function loader({ context, request }: Route.LoaderArgs) {
  const next = landing(new URL(request.url).searchParams.get("next"));
  if (context.principal.user) throw redirect(next);
  return { next };
}

/** A throttled sign-in answers with Retry-After (React Router passes an action's headers on only through this). */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
}

export async function action({ context, request }: Route.ActionArgs) {
  const t = translator(context.language);
  const form = await request.formData();
  const fields = formFields(form);
  const next = landing(fields.next);
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) {
    const errors = formErrors(context, authErrors(parsed.error), { extra: () => ({ min: 12, max: 200 }) });
    return data({ errors, email: fields.email ?? "" }, { status: 400 });
  }
  const result = await context.services.auth.signIn({ ...parsed.data, address: context.clientAddress });
  if (!result.ok && result.reason === "throttled") {
    return data(
      {
        errors: { form: t("auth.throttled", { minutes: Math.ceil(result.retryAfterSeconds / 60) }) },
        email: parsed.data.email,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok && result.reason === "second-factor")
    return redirect(`/sign-in/code?next=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": pendingCookie(result.pending, context.secure) } });
  if (!result.ok)
    return data(
      { errors: { form: t("auth.invalidCredentials") }, email: parsed.data.email },
      { status: 401 },
    );
  return redirect(next, { headers: { "Set-Cookie": sessionCookie(result.sessionToken, context.secure) } });
}

export default function SignIn() {
  const { next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="regie-narrow">
      <PageTitle title={t("auth.signIn")} />
      <h1 className="nl-heading nl-heading--level-1">{t("auth.signIn")}</h1>
      <p className="nl-paragraph">{t("auth.signInIntro")}</p>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <input type="hidden" name="next" value={next} />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="username"
          defaultValue={result?.email}
          error={result?.errors && "email" in result.errors ? result.errors.email : undefined}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          error={result?.errors && "password" in result.errors ? result.errors.password : undefined}
          required
        />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("auth.submitSignIn")}
          </button>
          <Link className="nl-link" to="/password/forgot">
            {t("auth.forgotLink")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
