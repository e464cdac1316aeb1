import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { PASSWORD_MIN } from "../domain/auth/schemas";
import { CsrfField, ErrorSummary, TextField } from "./forms";

/** Choose a password twice; used by the reset and invitation pages. */
export function NewPasswordForm({ errors, submitLabel }: { errors?: Record<string, string>; submitLabel: string }) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <TextField name="password" type="password" label={t("auth.password")} hint={t("auth.passwordHint", { min: PASSWORD_MIN })} autoComplete="new-password" error={errors?.password} required />
        <TextField name="passwordRepeat" type="password" label={t("auth.passwordRepeat")} autoComplete="new-password" error={errors?.passwordRepeat} required />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
