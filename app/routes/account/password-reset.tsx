import { useTranslation } from "react-i18next";
import { data, useActionData } from "react-router";
import { NewPasswordForm } from "../../components/new-password-form";
import { PageTitle } from "../../components/page-title";
import { setPasswordFromLink } from "../../lib/auth/set-password.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/password-reset";

export async function loader({ context, params }: Route.LoaderArgs) {
  if (!(await context.services.auth.checkOneTimeToken("password-reset", params.token))) {
    throw data(translator(context.language)("auth.linkInvalid"), { status: 404 });
  }
  return {};
}

export function action({ context, params, request }: Route.ActionArgs) {
  return setPasswordFromLink(context, request, "password-reset", params.token);
}

export default function PasswordReset() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="regie-narrow">
      <PageTitle title={t("auth.resetTitle")} />
      <h1 className="nl-heading nl-heading--level-1">{t("auth.resetTitle")}</h1>
      <NewPasswordForm errors={result?.errors} submitLabel={t("auth.resetSubmit")} />
    </div>
  );
}
