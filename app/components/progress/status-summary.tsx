import { useTranslation } from "react-i18next";
import { DASHBOARD_STATUSES, type DashboardStatus } from "../../domain/progress/rollup";
import { fivePercentSteps } from "../bar-widths";
import { statusLabel } from "./progress-text";

/** Actions per status, counted as the dashboard counts them (dropped actions left out). */
export type StatusCounts = { counts: Record<DashboardStatus, number>; total: number };

/**
 * Progress at a glance: a bar of square-ended, patterned segments per status (never the category's
 * round discs or its green, orange and red) with the same numbers written out beside it, so that
 * neither colour nor shape alone carries the meaning.
 */
export function StatusSummary({
  counts,
  total,
  label,
}: {
  counts: Record<DashboardStatus, number>;
  total: number;
  /** What the numbers are about, for screen readers ("Voortgang van thema 2"). */
  label: string;
}) {
  const { t } = useTranslation();
  const widths = fivePercentSteps(DASHBOARD_STATUSES.map((s) => counts[s]));
  const shown = DASHBOARD_STATUSES.filter((s) => counts[s] > 0);
  return (
    <div className="regie-status-summary">
      <div className="regie-status-bar" aria-hidden="true">
        {DASHBOARD_STATUSES.map((s, i) =>
          counts[s] ? <span key={s} className={`regie-status-bar__part regie-status-bar__part--${s} regie-w-${widths[i] ?? 0}`} /> : null,
        )}
      </div>
      <p className="nl-paragraph regie-status-summary__text">
        <span className="regie-visually-hidden">{label}: </span>
        {total === 0
          ? t("work.statusNone")
          : shown.map((s, i) => (
              // The comma stays with the item before it, so that a wrapped line never starts with one.
              <span key={s}>
                <span className="regie-status-summary__item">
                  <span className={`regie-status-key regie-status-key--${s}`} aria-hidden="true" />
                  {t("work.statusCount", { count: counts[s], status: statusLabel(t, s).toLowerCase() })}
                  {i < shown.length - 1 ? "," : ""}
                </span>
                {i < shown.length - 1 ? " " : ""}
              </span>
            ))}
      </p>
    </div>
  );
}
