import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RiskFlag } from "../../domain/progress/dependencies";
import { listNumbers, reasonLabel } from "./progress-text";

/**
 * "Risico door actie 10 (vertraagd)" wherever an action appears: in words with a link to the
 * blocking action, and a sign that does not depend on colour. Renders nothing without flags.
 */
export function RiskFlags({ flags, base, compact = false }: { flags: readonly RiskFlag[]; base: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <span className={compact ? "regie-risk-flags regie-risk-flags--compact" : "regie-risk-flags"}>
      {flags.map((f) => (
        <span key={f.through} className="regie-risk-flag">
          <span className="regie-risk-flag__sign" aria-hidden="true">
            !
          </span>{" "}
          {t("progressViews.flagPrefix")}{" "}
          <Link className="nl-link" to={`${base}/actions/${f.through}`}>
            {t("progressViews.flagAction", { number: f.through })}
          </Link>{" "}
          ({reasonLabel(t, f.reason)})
          {f.via.length > 0 ? <> {t("progressViews.flagVia", { list: listNumbers(f.via, i18n.language) })}</> : null}
        </span>
      ))}
    </span>
  );
}
