import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/page-title";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

const MEASURES = [
  "measureAxe",
  "measureManual",
  "measureNoJs",
  "measureNarrow",
  "measureLanguage",
  "measureCharts",
] as const;
const LIMITS = ["limitAudit", "limitProgrammeText", "limitFiles"] as const;

/** The accessibility statement (toegankelijkheidsverklaring) in the form the Dutch government uses. */
export function loader() {
  return {};
}

export default function Accessibility() {
  const { t } = useTranslation();
  const list = (keys: readonly string[]) => (
    <ul>
      {keys.map((k) => (
        <li key={k}>{t(`accessibilityStatement.${k}`)}</li>
      ))}
    </ul>
  );
  return (
    <div className="regie-prose">
      <PageTitle title={t("accessibilityStatement.title")} />
      <h1 className="nl-heading nl-heading--level-1">{t("accessibilityStatement.title")}</h1>
      <p className="nl-paragraph">{t("accessibilityStatement.intro")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("accessibilityStatement.statusHeading")}</h2>
      <p className="nl-paragraph">{t("accessibilityStatement.statusText")}</p>
      <p className="nl-paragraph">{t("accessibilityStatement.standardText")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("accessibilityStatement.measuresHeading")}</h2>
      {list(MEASURES)}
      <h2 className="nl-heading nl-heading--level-2">{t("accessibilityStatement.limitsHeading")}</h2>
      {list(LIMITS)}
      <h2 className="nl-heading nl-heading--level-2">{t("accessibilityStatement.feedbackHeading")}</h2>
      <p className="nl-paragraph">{t("accessibilityStatement.feedbackText")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("accessibilityStatement.enforcementHeading")}</h2>
      <p className="nl-paragraph">{t("accessibilityStatement.enforcementText")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("accessibilityStatement.draftedHeading")}</h2>
      <p className="nl-paragraph">{t("accessibilityStatement.draftedText")}</p>
    </div>
  );
}
