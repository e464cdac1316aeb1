import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, redirect, useLoaderData } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { PageTitle } from "../../components/page-title";
import type { Route } from "./+types/recovery-codes";

export const handle = {
  breadcrumb: (_d: unknown, t: TFunction): Crumb[] => [
    { label: t("account.title"), to: "/account" },
    { label: t("identity.title"), to: "/account/second-factor" },
    { label: t("identity.recoveryTitle") },
  ],
};

/** The recovery codes of a new enrolment, shown this once (only their hashes stay). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const user = context.principal.user;
  if (!user || context.principal.via !== "session") throw redirect(`/sign-in?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  const codes = await context.services.secondFactors.takeRecoveryCodes(user.id);
  if (!codes) throw redirect("/account/second-factor");
  return { codes };
}

export function headers() {
  return { "Cache-Control": "no-store" };
}

export default function RecoveryCodes() {
  const { codes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="regie-narrow">
      <PageTitle title={t("identity.recoveryTitle")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("identity.recoveryTitle")}</h1>
      <p className="nl-paragraph">{t("identity.recoveryIntro")}</p>
      <ul className="regie-recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p className="nl-paragraph">
        <Link className="nl-link" to="/account">
          {t("identity.continue")}
        </Link>
      </p>
    </div>
  );
}
