import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { formatDay } from "../lib/decision-format";
import type { Language } from "../lib/i18n";

/** "Stand op 1 januari 2014": says the page shows an earlier state, with the way back to today. */
export function AsOfNotice({ date, todayHref }: { date: string; todayHref?: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const language: Language = i18n.language === "en" ? "en" : "nl";
  return (
    <div className="regie-as-of">
      <p className="nl-paragraph">
        <strong>{t("decisions.asOfBanner", { date: formatDay(date, language) })}</strong>. {t("decisions.asOfBannerText")}
      </p>
      <p className="nl-paragraph">
        <Link className="nl-link" to={todayHref ?? location.pathname}>
          {t("decisions.asOfToday")}
        </Link>
      </p>
    </div>
  );
}

/** A small GET form that shows the page as of a chosen date (works without JavaScript). */
export function AsOfForm({ date }: { date: string | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="get" action={location.pathname} className="regie-as-of-form" key={location.search}>
      <div className="regie-field">
        <label htmlFor="as-of-date">{t("decisions.asOfLabel")}</label>
        <span className="regie-hint" id="as-of-date-hint">
          {t("decisions.asOfHint")}
        </span>
        <input id="as-of-date" name="asOf" type="date" defaultValue={date ?? ""} aria-describedby="as-of-date-hint" />
      </div>
      <button className="nl-button nl-button--secondary" type="submit">
        {t("decisions.asOfSubmit")}
      </button>
    </Form>
  );
}
