import { useTranslation } from "react-i18next";
import { data, useActionData, useLoaderData } from "react-router";
import { NewPasswordForm } from "../../components/new-password-form";
import { PageTitle } from "../../components/page-title";
import { setPasswordFromLink } from "../../lib/auth/set-password.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/invite";

export async function loader({ context, params }: Route.LoaderArgs) {
  const token = await context.services.auth.checkOneTimeToken("invite", params.token);
  const user = token?.user_id ? await context.services.users.findById(token.user_id) : undefined;
  if (!user?.active) throw data(translator(context.language)("auth.linkInvalid"), { status: 404 });
  return { email: user.email };
}

export function action({ context, params, request }: Route.ActionArgs) {
  return setPasswordFromLink(context, request, "invite", params.token);
}

export default function Invite() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="regie-narrow">
      <PageTitle title={t("auth.inviteTitle")} />
      <h1 className="nl-heading nl-heading--level-1">{t("auth.inviteTitle")}</h1>
      <p className="nl-paragraph">{t("auth.inviteIntro", { email })}</p>
      <NewPasswordForm errors={result?.errors} submitLabel={t("auth.inviteSubmit")} />
    </div>
  );
}
