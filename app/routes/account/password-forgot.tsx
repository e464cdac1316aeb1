import { useTranslation } from "react-i18next";
import { data, Form, useActionData } from "react-router";
import { CsrfField, ErrorSummary, Notice, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { authErrors, forgotSchema, formFields } from "../../domain/auth/schemas";
import { absoluteLink } from "../../lib/links.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/password-forgot";
import { formErrors } from "../shared/page-action.server";

export function loader() {
  return {};
}

export async function action({ context, request }: Route.ActionArgs) {
  const t = translator(context.language);
  const parsed = forgotSchema.safeParse(formFields(await request.formData()));
  if (!parsed.success) {
    const errors = formErrors(context, authErrors(parsed.error));
    return data({ sent: false, errors }, { status: 400 });
  }
  // The answer is the same whether or not the address has an account.
  const user = await context.services.users.findByEmail(parsed.data.email);
  if (user?.active) {
    const token = await context.services.auth.issueOneTimeToken("password-reset", user.id);
    const link = absoluteLink(context.services.links, `/password/reset/${token}`);
    await context.services.mailer.send({
      to: user.email,
      subject: t("auth.resetMailSubject"),
      text: t("auth.resetMailBody", { link }),
      purpose: "password-reset",
    });
  }
  return { sent: true, errors: {} as Record<string, string> };
}

export default function PasswordForgot() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="regie-narrow">
      <PageTitle title={t("auth.forgotTitle")} />
      <h1 className="nl-heading nl-heading--level-1">{t("auth.forgotTitle")}</h1>
      {result?.sent ? (
        <Notice>{t("auth.forgotSent")}</Notice>
      ) : (
        <>
          <p className="nl-paragraph">{t("auth.forgotIntro")}</p>
          <ErrorSummary errors={result?.errors} />
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <TextField
              name="email"
              type="email"
              label={t("auth.email")}
              autoComplete="username"
              error={result?.errors.email}
              required
            />
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit">
                {t("auth.forgotSubmit")}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
