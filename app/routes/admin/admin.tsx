import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import { PageTitle } from "../../components/page-title";
import { requireAdmin } from "./admin.server";
import type { Route } from "./+types/admin";

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request);
  const [accounts, outbox, history] = await Promise.all([
    context.services.users.list(),
    context.services.outbox.list({ limit: 1, offset: 0 }),
    context.services.history.count(),
  ]);
  return {
    accounts: accounts.filter((a) => a.state !== "erased").length,
    invited: accounts.filter((a) => a.state === "invited").length,
    outbox: outbox.total,
    history,
    smtp: context.services.mailer.smtpConfigured,
  };
}

export default function Admin() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("admin.title")} />
      <h1 className="nl-heading nl-heading--level-1">{t("admin.title")}</h1>
      <p className="nl-paragraph">{t("admin.intro")}</p>
      <ul className="regie-admin-links">
        <li>
          <Link className="nl-link" to="/admin/users">
            {t("admin.users")}
          </Link>
          <p className="nl-paragraph">
            {t("admin.usersSummary", { count: data.accounts, invited: data.invited })}
          </p>
        </li>
        <li>
          <Link className="nl-link" to="/admin/outbox">
            {t("admin.outbox")}
          </Link>
          <p className="nl-paragraph">
            {t("admin.outboxSummary", { count: data.outbox })}{" "}
            {data.smtp ? t("admin.smtpOn") : t("admin.smtpOff")}
          </p>
        </li>
        <li>
          <Link className="nl-link" to="/admin/history">
            {t("admin.history")}
          </Link>
          <p className="nl-paragraph">{t("admin.historySummary", { count: data.history })}</p>
        </li>
        <li>
          <Link className="nl-link" to="/admin/programme-import">
            {t("workbookPages.programmeImportTitle")}
          </Link>
        </li>
      </ul>
    </>
  );
}
