import { useTranslation } from "react-i18next";
import type { Category } from "../domain/programmes/types";

/** A category shown by colour and by text, never by colour alone. */
export function CategoryBadge({ code, categories, note }: { code: number | null; categories: Category[]; note?: string | null }) {
  const { t } = useTranslation();
  if (code === null) return <span className="regie-category regie-category--none">{t("category.none")}</span>;
  const category = categories.find((c) => c.code === code);
  const colour = category?.colour ?? "green";
  return (
    <span className={`regie-category regie-category--${colour}`}>
      <span className="regie-category__swatch" aria-hidden="true" />
      {t("category.withColour", { code, colour: t(`category.colour_${colour}`) })}
      {note ? <span className="regie-category__note"> ({note})</span> : null}
    </span>
  );
}
