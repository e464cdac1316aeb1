import { useTranslation } from "react-i18next";
import type { Category } from "../domain/programmes/types";

/**
 * A category shown by colour and by text, never by colour alone: a coloured disc with the category's
 * number, then "Categorie 1 (groen)". `compact` keeps only the disc on narrow screens (the text stays
 * for screen readers), for table headers. `note` is programme text, in the programme's language.
 */
export function CategoryBadge({
  code,
  categories,
  note,
  lang,
  compact = false,
}: {
  code: number | null;
  categories: Category[];
  note?: string | null;
  lang?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const noteText = note ? (
    <span className="regie-category__note" lang={lang}>
      {" "}
      ({note})
    </span>
  ) : null;
  if (code === null) {
    return (
      <span className="regie-category regie-category--none">
        <span className="regie-category__label">{t("category.none")}</span>
        {noteText}
      </span>
    );
  }
  const category = categories.find((c) => c.code === code);
  const colour = category?.colour ?? "green";
  return (
    <span className={`regie-category regie-category--${colour}${compact ? " regie-category--compact" : ""}`}>
      <span className="regie-category__swatch" aria-hidden="true">
        {code}
      </span>
      <span className="regie-category__label">
        {t("category.withColour", { code, colour: t(`category.colour_${colour}`) })}
      </span>
      {noteText}
    </span>
  );
}
