import { useTranslation } from "react-i18next";
import { NavLink, useLocation, useParams, useRouteLoaderData } from "react-router";
import type { RootData } from "../root";
import type { Language } from "../lib/i18n";
import { AccountMenu } from "./account-menu";

/** The link that shows the same page in the other language (a plain link: works without JavaScript). */
function LanguageSwitch({ language }: { language: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Language = language === "nl" ? "en" : "nl";
  const params = new URLSearchParams(location.search);
  params.set("lang", other);
  return (
    <a
      className="nl-link regie-language-switch"
      href={`${location.pathname}?${params.toString()}`}
      hrefLang={other}
      lang={other}
    >
      <span aria-hidden="true">{other.toUpperCase()} · </span>
      {t("app.switchLanguage")}
    </a>
  );
}

export function SiteHeader({
  language,
  defaultProgramme,
}: {
  language: Language;
  defaultProgramme: string | null;
}) {
  const { t } = useTranslation();
  const params = useParams();
  const location = useLocation();
  const programme =
    (location.pathname.startsWith("/programmes/") ? params.slug : undefined) ?? defaultProgramme;
  // The default programme lives at "/"; another programme's overview at its own address.
  const overview = programme && programme !== defaultProgramme ? `/programmes/${programme}` : "/";
  // Update rounds and meetings are offered where the signed-in person may use them.
  const work = useRouteLoaderData<RootData>("root")?.workNavigation;
  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? "nl-link regie-nav__link is-active" : "nl-link regie-nav__link";
  // An active item is "the current page" only on that page itself; on a page below it, "current section".
  const current = (to: string) => (location.pathname === to ? "page" : "true");
  return (
    <header className="regie-header">
      <a className="nl-skip-link" href="#inhoud">
        {t("app.skipToContent")}
      </a>
      <div className="regie-header__bar">
        <a className="regie-brand" href="/">
          {t("app.name")}
        </a>
        <div className="regie-header__tools">
          <LanguageSwitch language={language} />
          <AccountMenu />
        </div>
      </div>
      <nav aria-label={t("app.mainNavigation")} className="regie-nav">
        <ul>
          <li>
            <NavLink className={navClass} to={overview} end>
              {t("nav.overview")}
            </NavLink>
          </li>
          {programme ? (
            <li>
              <NavLink
                className={navClass}
                to={`/programmes/${programme}/actions`}
                aria-current={current(`/programmes/${programme}/actions`)}
              >
                {t("nav.actions")}
              </NavLink>
            </li>
          ) : null}
          {programme ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/dashboard`} aria-current={current(`/programmes/${programme}/dashboard`)}>
                {t("progressViews.dashboard.nav")}
              </NavLink>
            </li>
          ) : null}
          {programme ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/timeline`} aria-current={current(`/programmes/${programme}/timeline`)}>
                {t("progressViews.timeline.nav")}
              </NavLink>
            </li>
          ) : null}
          {programme ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/monitor`} aria-current={current(`/programmes/${programme}/monitor`)}>
                {t("monitor.nav")}
              </NavLink>
            </li>
          ) : null}
          {programme ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/decisions`} aria-current={current(`/programmes/${programme}/decisions`)}>
                {t("decisions.nav")}
              </NavLink>
            </li>
          ) : null}
          {programme ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/reports`} aria-current={current(`/programmes/${programme}/reports`)}>
                {t("reports.listTitle")}
              </NavLink>
            </li>
          ) : null}
          {programme && work?.rounds.includes(programme) ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/rounds`} aria-current={current(`/programmes/${programme}/rounds`)}>
                {t("progress.roundsTitle")}
              </NavLink>
            </li>
          ) : null}
          {programme && work?.meetings.includes(programme) ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/meetings`} aria-current={current(`/programmes/${programme}/meetings`)}>
                {t("work.navMeetings")}
              </NavLink>
            </li>
          ) : null}
          {programme ? (
            <li>
              <NavLink className={navClass} to={`/programmes/${programme}/budget`} aria-current={current(`/programmes/${programme}/budget`)}>
                {t("budget.nav")}
              </NavLink>
            </li>
          ) : null}
          <li>
            <NavLink className={navClass} to="/organisations" aria-current={current("/organisations")}>
              {t("nav.organisations")}
            </NavLink>
          </li>
          <li>
            <NavLink className={navClass} to="/programmes" end>
              {t("nav.programmes")}
            </NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="regie-footer">
      <div className="regie-footer__inner">
        <p className="nl-paragraph">{t("app.footer")}</p>
        <p className="nl-paragraph">
          <a className="nl-link" href="/api/v1/openapi.json">
            {t("app.openData")}
          </a>
        </p>
        <p className="nl-paragraph regie-footer__links">
          <a className="nl-link" href="/privacy">
            {t("privacy.title")}
          </a>
          <a className="nl-link" href="/accessibility">
            {t("accessibilityStatement.title")}
          </a>
        </p>
      </div>
    </footer>
  );
}
