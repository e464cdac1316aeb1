import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PLAN_FIELDS } from "../domain/plans/plan-input";
import type { PlanStatus } from "../domain/plans/plan-lifecycle";
import type { PlanVersionView } from "../routes/plans/plan-page.server";

/** A date and time in the visitor's language, in Dutch time. */
export function usePlanDate() {
  const { i18n } = useTranslation();
  return (iso: string | null, withTime = true) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", {
          dateStyle: "long",
          ...(withTime ? { timeStyle: "short" } : {}),
          timeZone: "Europe/Amsterdam",
        }).format(new Date(iso))
      : "–";
}

/** A plan's status in words (never by colour alone). */
export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <span className={`regie-plan-status regie-plan-status--${status}`}>{t(`plans.status_${status}`)}</span>;
}

/** Facts about one version: number, status, who and when, the decision's note. */
export function PlanMeta({ plan }: { plan: PlanVersionView }) {
  const { t } = useTranslation();
  const date = usePlanDate();
  return (
    <dl className="regie-facts regie-plan-meta">
      <div>
        <dt>{t("plans.versionLabel")}</dt>
        <dd>{plan.versionNo}</dd>
      </div>
      <div>
        <dt>{t("plans.statusLabel")}</dt>
        <dd>
          <PlanStatusTag status={plan.status} />
        </dd>
      </div>
      {plan.author ? (
        <div>
          <dt>{t("plans.author")}</dt>
          <dd>{plan.author}</dd>
        </div>
      ) : null}
      {plan.submittedAt ? (
        <div>
          <dt>{t("plans.submittedAt")}</dt>
          <dd>{date(plan.submittedAt)}</dd>
        </div>
      ) : null}
      {plan.decidedAt ? (
        <div>
          <dt>{plan.status === "approved" ? t("plans.approvedAt") : t("plans.returnedAt")}</dt>
          <dd>
            {date(plan.decidedAt)}
            {plan.decidedBy ? ` (${plan.decidedBy})` : null}
          </dd>
        </div>
      ) : null}
      {plan.decisionNote ? (
        <div>
          <dt>{t("plans.decisionNote")}</dt>
          <dd className="regie-pre-line">{plan.decisionNote}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The seven parts of a plan, each under its own heading. */
export function PlanFieldsView({ plan, headingLevel = 2 }: { plan: PlanVersionView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="regie-plan">
      {PLAN_FIELDS.map((f) => (
        <section key={f} aria-labelledby={`plan-${f}`}>
          <Heading className={`nl-heading nl-heading--level-${headingLevel}`} id={`plan-${f}`}>
            {t(`plans.field_${f}`)}
          </Heading>
          {plan[f] ? <p className="nl-paragraph regie-pre-line">{plan[f]}</p> : <p className="nl-paragraph regie-muted">{t("plans.empty")}</p>}
        </section>
      ))}
    </div>
  );
}

/** Every version the visitor may see, newest first, each linking to its own page. */
export function PlanVersionList({ versions, base, current }: { versions: Pick<PlanVersionView, "versionNo" | "status" | "updatedAt" | "decidedAt">[]; base: string; current?: number }) {
  const { t } = useTranslation();
  const date = usePlanDate();
  if (versions.length === 0) return <p className="nl-paragraph">{t("plans.noVersions")}</p>;
  return (
    <ol className="regie-plan-versions" reversed>
      {versions.map((v) => (
        <li key={v.versionNo}>
          {v.versionNo === current ? (
            <span aria-current="page">{t("plans.versionN", { version: v.versionNo })}</span>
          ) : (
            <Link className="nl-link" to={`${base}/plan/versions/${v.versionNo}`}>
              {t("plans.versionN", { version: v.versionNo })}
            </Link>
          )}{" "}
          <PlanStatusTag status={v.status} /> <span className="regie-muted">{date(v.decidedAt ?? v.updatedAt, false)}</span>
        </li>
      ))}
    </ol>
  );
}
