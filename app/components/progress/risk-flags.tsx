import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RiskFlag } from "../../domain/progress/dependencies";
import { listNumbers, reasonLabel } from "./progress-text";

/**
 * "Risico door actie 10 (vertraagd)" in words with a link to the blocking action, and a sign
 * that does not depend on colour. A function, so that long lists can render many without a hook
 * each; plain links, because a page may hold hundreds and they work the same without JavaScript.
 */
export function riskFlagsContent(
  flags: readonly RiskFlag[],
  base: string,
  t: TFunction,
  language: string,
  compact = false,
) {
  if (flags.length === 0) return null;
  return (
    <span className={compact ? "regie-risk-flags regie-risk-flags--compact" : "regie-risk-flags"}>
      {flags.map((f) => (
        <span key={f.through} className="regie-risk-flag">
          <span className="regie-risk-flag__sign" aria-hidden="true">
            !
          </span>{" "}
          {t("progressViews.flagPrefix")}{" "}
          <a className="nl-link" href={`${base}/actions/${f.through}`}>
            {t("progressViews.flagAction", { number: f.through })}
          </a>{" "}
          ({reasonLabel(t, f.reason)})
          {f.via.length > 0 ? (
            <> {t("progressViews.flagVia", { list: listNumbers(f.via, language) })}</>
          ) : null}
        </span>
      ))}
    </span>
  );
}

/** The flags of one action, wherever an action appears; renders nothing without flags. */
export function RiskFlags({
  flags,
  base,
  compact = false,
}: {
  flags: readonly RiskFlag[];
  base: string;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return riskFlagsContent(flags, base, t, i18n.language, compact);
}
