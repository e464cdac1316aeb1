import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import type { Category } from "../domain/programmes/types";
import { CategoryBadge } from "./category-badge";

export interface FilterFormData {
  programme: {
    language: string;
    categories: Category[];
    themes: { number: number; title: string; intentions: { code: string; text: string }[] }[];
  };
  leads: { slug: string; name: string }[];
  partners: { slug: string; name: string }[];
  years: number[];
  /** The query as given (one value per name), for the fields' values. */
  raw: Record<string, string>;
  rawCategories: string[];
  errors: Record<string, string>;
}

/**
 * The filters of the pages that list actions (search, category, theme, intention, year, lead,
 * partner; on the action list also the date and the approved plan) as a GET form, with the same
 * names everywhere, so that a filtered address means the same on every page. `keep` adds hidden
 * fields (such as the chosen view).
 */
export function ActionFilterForm({
  d,
  action,
  keep = {},
  asOf = false,
  plan = false,
}: {
  d: FilterFormData;
  action: string;
  keep?: Record<string, string>;
  /** Also the date to read categories at (the action list). */
  asOf?: boolean;
  /** Also "only actions with an approved plan" (the action list). */
  plan?: boolean;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const lang = d.programme.language;
  const value = (name: string) => d.raw[name] ?? "";
  const errorId = (name: string) => (d.errors[name] ? `fout-${name}` : undefined);
  const fieldError = (name: string) =>
    d.errors[name] ? (
      <p className="regie-field-error" id={`fout-${name}`}>
        {d.errors[name]}
      </p>
    ) : null;
  const select = (
    name: "theme" | "intention" | "year" | "lead" | "partner",
    label: string,
    options: { value: string; text: string; lang?: string }[],
  ) => (
    <div className="regie-field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value(name)}
        aria-describedby={errorId(name)}
        aria-invalid={d.errors[name] ? true : undefined}
      >
        <option value="">{t("actions.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.text}
          </option>
        ))}
      </select>
      {fieldError(name)}
    </div>
  );
  return (
    <Form
      key={location.search}
      method="get"
      action={action}
      className="regie-filters"
      aria-labelledby="filters-kop"
    >
      <h2 className="nl-heading nl-heading--level-2" id="filters-kop">
        {t("actions.filters")}
      </h2>
      {Object.keys(d.errors).length > 0 ? (
        <div className="regie-error-summary" role="alert">
          <p className="nl-paragraph">{t("errors.invalidFilters")}</p>
          <ul>
            {Object.entries(d.errors).map(([field, message]) => (
              <li key={field}>
                <a className="nl-link" href={`#filter-${field}`}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {Object.entries(keep).map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      <div className="regie-field regie-field--wide">
        <label htmlFor="filter-q">{t("actions.search")}</label>
        <span className="regie-hint" id="filter-q-hint">
          {t("actions.searchLabel")}
        </span>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={value("q")}
          maxLength={200}
          aria-describedby={["filter-q-hint", errorId("q")].filter(Boolean).join(" ")}
          aria-invalid={d.errors.q ? true : undefined}
        />
        {fieldError("q")}
      </div>
      <fieldset
        className="regie-field regie-field--wide regie-field--categories"
        id="filter-category"
        aria-describedby={errorId("category")}
      >
        <legend>{t("actions.category")}</legend>
        <div className="regie-checks">
          {d.programme.categories.map((c) => (
            <div key={c.code} className="regie-check">
              <input
                type="checkbox"
                id={`filter-category-${c.code}`}
                name="category"
                value={c.code}
                defaultChecked={d.rawCategories.includes(String(c.code))}
              />
              <label htmlFor={`filter-category-${c.code}`}>
                <CategoryBadge code={c.code} categories={d.programme.categories} />
              </label>
            </div>
          ))}
        </div>
        {fieldError("category")}
      </fieldset>
      {select(
        "theme",
        t("actions.theme"),
        d.programme.themes.map((th) => ({
          value: String(th.number),
          text: `${th.number}. ${th.title}`,
          lang,
        })),
      )}
      {select(
        "intention",
        t("actions.intention"),
        d.programme.themes.flatMap((th) =>
          th.intentions.map((i) => ({
            value: i.code,
            text: `${i.code} ${i.text.length > 70 ? `${i.text.slice(0, 68)}…` : i.text}`,
            lang,
          })),
        ),
      )}
      {select(
        "year",
        t("actions.year"),
        d.years.map((y) => ({ value: String(y), text: String(y) })),
      )}
      {asOf ? (
        <div className="regie-field">
          <label htmlFor="filter-asOf">{t("decisions.asOfLabel")}</label>
          <span className="regie-hint" id="filter-asOf-hint">
            {t("decisions.asOfHint")}
          </span>
          <input
            id="filter-asOf"
            name="asOf"
            type="date"
            defaultValue={value("asOf")}
            aria-describedby={["filter-asOf-hint", errorId("asOf")].filter(Boolean).join(" ")}
            aria-invalid={d.errors.asOf ? true : undefined}
          />
          {fieldError("asOf")}
        </div>
      ) : null}
      {select(
        "lead",
        t("actions.lead"),
        d.leads.map((o) => ({ value: o.slug, text: o.name, lang })),
      )}
      {select(
        "partner",
        t("actions.partner"),
        d.partners.map((o) => ({ value: o.slug, text: o.name, lang })),
      )}
      {plan ? (
        <div className="regie-field regie-field--wide">
          <div className="regie-check">
            <input
              type="checkbox"
              id="filter-plan"
              name="plan"
              value="approved"
              defaultChecked={value("plan") === "approved"}
              aria-describedby={errorId("plan")}
              aria-invalid={d.errors.plan ? true : undefined}
            />
            <label htmlFor="filter-plan">{t("plans.filterLabel")}</label>
          </div>
          {fieldError("plan")}
        </div>
      ) : null}
      <div className="regie-actions-row">
        <button className="nl-button nl-button--primary" type="submit">
          {t("actions.apply")}
        </button>
        <Link className="nl-link" to={`${action}${keep.view ? `?view=${keep.view}` : ""}`}>
          {t("actions.clear")}
        </Link>
      </div>
    </Form>
  );
}
