import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ActionGovernance } from "../routes/actions/action-governance.server";
import { Notice } from "./forms";
import { HistoryList } from "./history-list";
import { ActionCategoryHistory } from "./action-category-history";
import { ActionContactsSummary } from "./action-contacts-summary";
import { ActionDependenciesSection } from "./progress/action-dependencies";
import { ActionProgressSection } from "./progress-parts";
import { usePlanDate } from "./plan-view";

/** The action page's parts beyond the published record: edit, the plan of approach (for everyone), history. */
export function ActionGovernancePanel({ governance, editHref }: { governance: ActionGovernance; editHref: string }) {
  const { t } = useTranslation();
  const date = usePlanDate();
  const plan = governance.plan;
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
      <section aria-labelledby="plan-van-aanpak">
        <h2 className="nl-heading nl-heading--level-2" id="plan-van-aanpak">
          {t("plans.title")}
        </h2>
        <p className="nl-paragraph">
          {plan.approved ? (
            t("plans.actionApproved", { version: plan.approved.version, date: date(`${plan.approved.approvedOn}T12:00:00Z`, false) })
          ) : (
            t("plans.noneApproved")
          )}
        </p>
        {plan.newer ? (
          <p className="nl-paragraph">
            {t(`plans.actionOpen_${plan.newer.status}`, { version: plan.newer.versionNo })}
          </p>
        ) : null}
        <p className="nl-paragraph">
          <Link className="nl-link" to={plan.href}>
            {t("plans.actionLink")}
          </Link>
        </p>
      </section>
      <ActionProgressSection progress={governance.progress} />
      <ActionCategoryHistory categories={governance.categories} />
      <ActionDependenciesSection dependencies={governance.dependencies} />
      {governance.contacts ? <ActionContactsSummary contacts={governance.contacts} /> : null}
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
