import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import { Pager, useDateTime } from "../../components/admin-forms";
import { PageTitle } from "../../components/page-title";
import { pageNumber, requireAdmin } from "./admin.server";
import type { Route } from "./+types/admin-outbox";

export const handle = {
  breadcrumb: (_d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("admin.title"), to: "/admin" },
    { label: t("admin.outbox") },
  ],
};

const PAGE_SIZE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request, "outbox.read");
  const page = pageNumber(new URL(request.url));
  const { data, total } = await context.services.outbox.list({
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return {
    messages: data,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    smtp: context.services.mailer.smtpConfigured,
  };
}

export default function AdminOutbox() {
  const { messages, total, page, pages, smtp } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateTime();
  return (
    <>
      <PageTitle title={t("admin.outbox")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("admin.outbox")}</h1>
      <p className="nl-paragraph">{smtp ? t("admin.smtpOn") : t("admin.smtpOff")}</p>
      {total === 0 ? (
        <p className="nl-paragraph">{t("admin.outboxEmpty")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("admin.outboxCaption", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.subject")}</th>
                <th scope="col">{t("admin.recipient")}</th>
                <th scope="col">{t("admin.purpose")}</th>
                <th scope="col">{t("admin.created")}</th>
                <th scope="col">{t("admin.mailStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link className="nl-link" to={`/admin/outbox/${m.id}`}>
                      {m.subject}
                    </Link>
                  </th>
                  <td>{m.recipient}</td>
                  <td>{t(`admin.purpose_${m.purpose}`, { defaultValue: m.purpose })}</td>
                  <td>{date(m.createdAt)}</td>
                  <td>{t(`admin.mail_${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} href={(p) => `/admin/outbox?page=${p}`} />
    </>
  );
}
