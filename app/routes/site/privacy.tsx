import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "../../components/page-title";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = publicPage;

const DATA = [
  "dataAccounts",
  "dataContacts",
  "dataHistory",
  "dataOutbox",
  "dataAttempts",
  "dataSessions",
  "dataLogs",
] as const;
const WHO = ["whoPublic", "whoContacts", "whoHistory", "whoAdmins", "whoNobodyElse"] as const;
const RETENTION = [
  "keepAccounts",
  "keepContacts",
  "keepSessions",
  "keepAttempts",
  "keepHistory",
  "keepLogs",
] as const;
const RIGHTS = ["rightAccess", "rightCorrect", "rightErase", "rightObject", "rightComplain"] as const;

/** The privacy statement: what personal data Regie keeps, why, who sees it, how long, and your rights. */
export function loader() {
  return {};
}

export default function Privacy() {
  const { t } = useTranslation();
  const list = (keys: readonly string[]) => (
    <ul>
      {keys.map((k) => (
        <li key={k}>{t(`privacy.${k}`)}</li>
      ))}
    </ul>
  );
  return (
    <div className="regie-prose">
      <PageTitle title={t("privacy.title")} />
      <h1 className="nl-heading nl-heading--level-1">{t("privacy.title")}</h1>
      <p className="nl-paragraph">{t("privacy.intro")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.controllerHeading")}</h2>
      <p className="nl-paragraph">{t("privacy.controllerText")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.dataHeading")}</h2>
      {list(DATA)}
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.whyHeading")}</h2>
      <p className="nl-paragraph">{t("privacy.whyText")}</p>
      <p className="nl-paragraph">{t("privacy.basisText")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.whoHeading")}</h2>
      {list(WHO)}
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.keepHeading")}</h2>
      {list(RETENTION)}
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.rightsHeading")}</h2>
      {list(RIGHTS)}
      <p className="nl-paragraph">
        <Link className="nl-link" to="/account">
          {t("privacy.accountLink")}
        </Link>
      </p>
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.cookiesHeading")}</h2>
      <p className="nl-paragraph">{t("privacy.cookiesText")}</p>
      <h2 className="nl-heading nl-heading--level-2">{t("privacy.contactHeading")}</h2>
      <p className="nl-paragraph">{t("privacy.contactText")}</p>
      <p className="nl-paragraph regie-muted">{t("privacy.updated")}</p>
    </div>
  );
}
