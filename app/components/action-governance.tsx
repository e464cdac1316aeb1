import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ActionGovernance } from "../lib/action-governance.server";
import { Notice } from "./forms";
import { HistoryList } from "./history-list";

/** The action page's parts for people who keep the programme: edit, history. */
export function ActionGovernancePanel({ governance, editHref }: { governance: ActionGovernance; editHref: string }) {
  const { t } = useTranslation();
  return (
    <>
      {governance.saved !== null ? (
        <Notice>{governance.saved > 0 ? t("edit.savedVersion", { version: governance.saved }) : t("edit.nothingChanged")}</Notice>
      ) : null}
      {governance.canEdit ? (
        <p className="nl-paragraph">
          <Link className="nl-button nl-button--secondary regie-button-link" to={editHref}>
            {t("edit.edit")}
          </Link>
        </p>
      ) : null}
      {governance.history ? (
        <section aria-labelledby="geschiedenis">
          <h2 className="nl-heading nl-heading--level-2" id="geschiedenis">
            {t("edit.history")}
          </h2>
          <HistoryList entries={governance.history} />
        </section>
      ) : null}
    </>
  );
}
