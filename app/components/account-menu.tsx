import { useTranslation } from "react-i18next";
import { Form, Link, useLocation, useRouteLoaderData } from "react-router";
import type { RootData } from "../root";
import { CsrfField } from "./forms";

/** Sign in, or who is signed in with links to the account and sign out (a POST form: works without JavaScript). */
export function AccountMenu() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<RootData>("root");
  const location = useLocation();
  const user = data?.user;
  if (!user) {
    if (location.pathname === "/sign-in") return null;
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <Link className="nl-link regie-account-link" to={`/sign-in?next=${next}`}>
        {t("auth.signIn")}
      </Link>
    );
  }
  return (
    <div className="regie-account">
      <Link className="nl-link" to="/work">
        {t("work.nav")}
      </Link>
      <Link className="nl-link" to="/account">
        {t("auth.signedInAs", { name: user.name })}
      </Link>
      {user.isAdmin ? (
        <Link className="nl-link" to="/admin">
          {t("admin.title")}
        </Link>
      ) : null}
      <Form method="post" action="/sign-out" className="regie-inline-form">
        <CsrfField />
        <button type="submit" className="regie-link-button">
          {t("auth.signOut")}
        </button>
      </Form>
    </div>
  );
}
