import { useTranslation } from "react-i18next";
import { data, Form, redirect, useActionData } from "react-router";
import { CsrfField, ErrorSummary, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { authErrors, formFields, PASSWORD_MAX, PASSWORD_MIN, setupSchema } from "../../domain/auth/schemas";
import { sessionCookie } from "../../lib/auth/cookies.server";
import { hashSecret } from "../../lib/auth/secrets.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { timestamp } from "../../domain/time";
import type { Route } from "./+types/setup";
import { formErrors } from "../shared/page-action.server";

async function checkLink(context: Route.LoaderArgs["context"], token: string) {
  const t = translator(context.language);
  const valid =
    (await context.services.users.count()) === 0 &&
    (await context.services.auth.checkOneTimeToken("first-admin", token));
  if (!valid) throw data(t("auth.linkInvalid"), { status: 404 });
}

export async function loader({ context, params }: Route.LoaderArgs) {
  await checkLink(context, params.token);
  return {};
}

export async function action({ context, params, request }: Route.ActionArgs) {
  await checkLink(context, params.token);
  const t = translator(context.language);
  const fields = formFields(await request.formData());
  const parsed = setupSchema.safeParse(fields);
  if (!parsed.success) {
    const errors = formErrors(context, authErrors(parsed.error), { extra: () => ({ min: PASSWORD_MIN, max: PASSWORD_MAX }) });
    return data({ errors, values: { name: fields.name ?? "", email: fields.email ?? "" } }, { status: 400 });
  }
  const created = await context.services.users.createFirstAdmin({
    tokenHash: hashSecret(params.token),
    name: parsed.data.name,
    email: parsed.data.email,
    passwordHash: await context.services.auth.hashPassword(parsed.data.password),
    now: timestamp(context.services.clock),
  });
  if (created.status !== "ok") throw data(t("auth.linkInvalid"), { status: 404 });
  const session = await context.services.auth.startSession(created.value);
  if (!session.ok) throw new Error("The new administrator could not be signed in.");
  return redirect("/account?welcome=1", {
    headers: { "Set-Cookie": sessionCookie(session.sessionToken, context.secure) },
  });
}

export default function Setup() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="regie-narrow">
      <PageTitle title={t("auth.setupTitle")} />
      <h1 className="nl-heading nl-heading--level-1">{t("auth.setupTitle")}</h1>
      <p className="nl-paragraph">{t("auth.setupIntro")}</p>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <TextField
          name="name"
          label={t("auth.name")}
          autoComplete="name"
          defaultValue={result?.values.name}
          error={errors.name}
          required
          maxLength={200}
        />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="username"
          defaultValue={result?.values.email}
          error={errors.email}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
          autoComplete="new-password"
          error={errors.password}
          required
        />
        <TextField
          name="passwordRepeat"
          type="password"
          label={t("auth.passwordRepeat")}
          autoComplete="new-password"
          error={errors.passwordRepeat}
          required
        />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("auth.setupSubmit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
