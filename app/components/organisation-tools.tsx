import { useTranslation } from "react-i18next";
import type { OrganisationTools } from "../routes/organisations/organisation-governance.server";
import { EditLinks } from "./editing";
import { Notice } from "./forms";

/** The organisation page's parts for people who keep the register: a confirmation, edit and merge. */
export function OrganisationToolsPanel({ tools, slug }: { tools: OrganisationTools; slug: string }) {
  const { t } = useTranslation();
  const notice = tools.notice;
  return (
    <>
      {notice?.kind === "created" ? <Notice>{t("editing.created")}</Notice> : null}
      {notice?.kind === "merged" ? <Notice>{t("editing.merged")}</Notice> : null}
      {notice?.kind === "saved" ? (
        <Notice>
          {notice.version > 0
            ? t("edit.savedVersion", { version: notice.version })
            : t("edit.nothingChanged")}
        </Notice>
      ) : null}
      {tools.canEdit ? (
        <EditLinks
          links={[
            { href: `/organisations/${slug}/edit`, text: t("edit.edit") },
            { href: `/organisations/${slug}/merge`, text: t("editing.merge") },
          ]}
        />
      ) : null}
    </>
  );
}
