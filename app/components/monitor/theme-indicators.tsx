import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface ThemeIndicatorItem {
  id: string;
  name: string;
  latest: string | null;
}

/** The theme page's short list of the monitor's indicators for that theme, with the latest figure. */
export function ThemeIndicators({ programme, items, lang }: { programme: string; items: ThemeIndicatorItem[]; lang: string }) {
  const { t } = useTranslation();
  const base = `/programmes/${programme}/monitor`;
  return (
    <section aria-labelledby="monitor">
      <h2 className="nl-heading nl-heading--level-2" id="monitor">
        {t("monitor.themeSection")}
      </h2>
      {items.length === 0 ? (
        <p className="nl-paragraph">{t("monitor.themeSectionNone")}</p>
      ) : (
        <>
          <p className="nl-paragraph">{t("monitor.themeSectionIntro")}</p>
          <ul className="regie-action-links">
            {items.map((i) => (
              <li key={i.id}>
                <Link className="nl-link" to={`${base}/${i.id}`}>
                  <span lang={lang}>{i.name}</span>
                </Link>
                <span className="regie-muted regie-action-links__leads">{i.latest ?? t("monitor.noData")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="nl-paragraph">
        <Link className="nl-link" to={base}>
          {t("monitor.themeSectionLink")}
        </Link>
      </p>
    </section>
  );
}
