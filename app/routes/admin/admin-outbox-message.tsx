import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, useLoaderData } from "react-router";
import { useDateTime } from "../../components/admin-forms";
import { PageTitle } from "../../components/page-title";
import { requireAdmin } from "./admin.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/admin-outbox-message";
import { isRecordId } from "../../domain/primitives";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("admin.title"), to: "/admin" },
    { label: t("admin.outbox"), to: "/admin/outbox" },
    { label: d.message.subject },
  ],
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireAdmin(context, request, "outbox.read");
  const t = translator(context.language);
  if (!isRecordId(params.id)) throw data(t("admin.messageNotFound"), { status: 404 });
  const message = await context.services.outbox.get(Number(params.id));
  if (!message) throw data(t("admin.messageNotFound"), { status: 404 });
  return { message };
}

export default function AdminOutboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateTime();
  return (
    <>
      <PageTitle title={message.subject} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{message.subject}</h1>
      <dl className="regie-facts">
        <div>
          <dt>{t("admin.recipient")}</dt>
          <dd>{message.recipient}</dd>
        </div>
        <div>
          <dt>{t("admin.purpose")}</dt>
          <dd>{t(`admin.purpose_${message.purpose}`, { defaultValue: message.purpose })}</dd>
        </div>
        <div>
          <dt>{t("admin.created")}</dt>
          <dd>{date(message.createdAt)}</dd>
        </div>
        <div>
          <dt>{t("admin.mailStatus")}</dt>
          <dd>
            {t(`admin.mail_${message.status}`)}
            {message.sentAt ? ` (${date(message.sentAt)})` : null}
          </dd>
        </div>
        {message.error ? (
          <div>
            <dt>{t("admin.mailError")}</dt>
            <dd>{message.error}</dd>
          </div>
        ) : null}
      </dl>
      <h2 className="nl-heading nl-heading--level-2">{t("admin.messageText")}</h2>
      <pre className="regie-mail-text">{message.bodyText}</pre>
    </>
  );
}
