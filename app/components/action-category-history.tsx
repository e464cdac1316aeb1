import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ActionCategories } from "../routes/actions/action-decisions.server";
import { formatDay } from "../lib/decision-format";
import type { Language } from "../lib/i18n";
import { CategoryChangeText } from "./decision-parts";

/**
 * The decisions that set an action's category, oldest first: date, decision, from → to, and
 * "Gewijzigd bij import" for a change a re-import of the programme file made. Public.
 */
export function ActionCategoryHistory({ categories }: { categories: ActionCategories }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === "en" ? "en" : "nl";
  return (
    <section aria-labelledby="categorie-door-de-tijd">
      <h2 className="nl-heading nl-heading--level-2" id="categorie-door-de-tijd">
        {t("decisions.history")}
      </h2>
      {categories.history.length === 0 ? (
        <p className="nl-paragraph">{t("decisions.historyNone")}</p>
      ) : (
        <>
          <p className="nl-paragraph regie-muted">
            {t("decisions.historyIntro")}
            {categories.history.some((c) => c.source === "import") ? ` ${t("decisions.historyIntroImport")}` : null}
          </p>
          <ol className="regie-category-history">
            {categories.history.map((c) => (
              <li key={c.decision.id}>
                <time dateTime={c.decidedOn}>{formatDay(c.decidedOn, language)}</time>
                {": "}
                <Link className="nl-link" to={`${categories.decisionsHref}#besluit-${c.decision.id}`}>
                  <span lang={categories.language}>{c.decision.title}</span>
                </Link>
                {" · "}
                <CategoryChangeText from={c.from} to={c.to} />
                {c.source === "import" ? (
                  <>
                    {" · "}
                    <em>{t("decisions.source_import")}</em>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
