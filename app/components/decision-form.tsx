import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { DecisionFormValues } from "../domain/decisions/decision-input";
import { DECISION_KINDS, DECISION_STATUSES } from "../domain/decisions/types";
import type { Category } from "../domain/programmes/types";
import { formatDay } from "../lib/decision-format";
import { CategoryBadge } from "./category-badge";
import { useLanguage } from "./decision-parts";
import { CsrfField, TextArea, TextField } from "./forms";

export interface DecisionFormProps {
  /** Recording a new decision sends the category each action showed (`from-N`); a correction sends its version instead. */
  mode: "record" | "correct";
  programme: { language: string; categories: Category[] };
  actions: { number: number; title: string; category: number | null }[];
  meetings: { id: number; heldOn: string; title: string }[];
  values: DecisionFormValues;
  /** Field errors, translated; a new category's error under `to-N`. */
  errors: Record<string, string>;
  /** The version of the decision the form shows (corrections only). */
  version?: number;
  submitLabel: string;
  cancelHref: string;
}

/**
 * The decision form, for recording a decision and for correcting one: date, status, kind, meeting,
 * title, text, and per action whether it is concerned and its new category. Works without JavaScript.
 */
export function DecisionForm({
  mode,
  programme,
  actions,
  meetings,
  values,
  errors,
  version,
  submitLabel,
  cancelHref,
}: DecisionFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lang = programme.language;
  const involved = new Set(values.involved);
  const categories = programme.categories;
  const radio = (name: string, value: string, label: string, checked: boolean) => (
    <div className="regie-check" key={value}>
      <input type="radio" id={`veld-${name}-${value}`} name={name} value={value} defaultChecked={checked} />
      <label htmlFor={`veld-${name}-${value}`}>{label}</label>
    </div>
  );
  return (
    <Form method="post" className="regie-form" noValidate>
      <CsrfField />
      {mode === "correct" ? <input type="hidden" name="version" value={version ?? ""} /> : null}
      <TextField
        name="decidedOn"
        type="date"
        label={t("decisions.fieldDate")}
        hint={t("decisions.fieldDateHint")}
        defaultValue={values.decidedOn}
        error={errors.decidedOn}
        required
      />
      <fieldset
        className="regie-field regie-field--wide"
        id="veld-status"
        aria-describedby={errors.status ? "veld-status-fout" : undefined}
      >
        <legend>{t("decisions.fieldStatus")}</legend>
        <div className="regie-checks">
          {DECISION_STATUSES.map((s) => radio("status", s, t(`decisions.status_${s}`), values.status === s))}
        </div>
        {errors.status ? (
          <p className="regie-field-error" id="veld-status-fout">
            {errors.status}
          </p>
        ) : null}
      </fieldset>
      <div className="regie-field">
        <label htmlFor="veld-kind">{t("decisions.fieldKind")}</label>
        <select
          id="veld-kind"
          name="kind"
          defaultValue={values.kind}
          aria-invalid={errors.kind ? true : undefined}
          aria-describedby={errors.kind ? "veld-kind-fout" : undefined}
        >
          {DECISION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`decisions.kind_${k}`)}
            </option>
          ))}
        </select>
        {errors.kind ? (
          <p className="regie-field-error" id="veld-kind-fout">
            {errors.kind}
          </p>
        ) : null}
      </div>
      <div className="regie-field">
        <label htmlFor="veld-meetingId">{t("decisions.fieldMeeting")}</label>
        <select
          id="veld-meetingId"
          name="meetingId"
          defaultValue={values.meetingId}
          aria-invalid={errors.meetingId ? true : undefined}
          aria-describedby={errors.meetingId ? "veld-meetingId-fout" : undefined}
        >
          <option value="">{t("decisions.noMeeting")}</option>
          {meetings.map((m) => (
            <option key={m.id} value={m.id} lang={lang}>
              {formatDay(m.heldOn, language)}: {m.title}
            </option>
          ))}
        </select>
        {errors.meetingId ? (
          <p className="regie-field-error" id="veld-meetingId-fout">
            {errors.meetingId}
          </p>
        ) : null}
      </div>
      <TextField
        name="title"
        label={t("decisions.fieldTitle")}
        defaultValue={values.title}
        error={errors.title}
        required
        maxLength={300}
      />
      <TextArea
        name="text"
        label={t("decisions.fieldText")}
        defaultValue={values.text}
        error={errors.text}
        rows={6}
      />
      <fieldset
        className="regie-fieldset"
        id="veld-actions"
        aria-describedby={["veld-actions-hint", errors.actions ? "veld-actions-fout" : null]
          .filter(Boolean)
          .join(" ")}
      >
        <legend>{t("decisions.fieldActions")}</legend>
        <p className="regie-hint" id="veld-actions-hint">
          {mode === "correct" ? t("decisions.editActionsHint") : t("decisions.fieldActionsHint")}
        </p>
        {errors.actions ? (
          <p className="regie-field-error" id="veld-actions-fout">
            {errors.actions}
          </p>
        ) : null}
        <div className="regie-table-wrap">
          <table className="regie-table regie-table--decision-actions">
            <caption className="regie-visually-hidden">{t("decisions.actionsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("decisions.colAction")}</th>
                <th scope="col">{t("decisions.colNow")}</th>
                <th scope="col">{t("decisions.colInvolved")}</th>
                <th scope="col">{t("decisions.colNew")}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => {
                const error = errors[`to-${a.number}`];
                return (
                  <tr key={a.number}>
                    <th scope="row">
                      {a.number}. <span lang={lang}>{a.title}</span>
                    </th>
                    <td>
                      <CategoryBadge code={a.category} categories={categories} />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        id={`veld-action-${a.number}`}
                        name="action"
                        value={a.number}
                        defaultChecked={involved.has(a.number)}
                      />
                      <label className="regie-visually-hidden" htmlFor={`veld-action-${a.number}`}>
                        {t("decisions.involvedLabel", { number: a.number })}
                      </label>
                    </td>
                    <td>
                      {mode === "record" ? (
                        <input type="hidden" name={`from-${a.number}`} value={a.category ?? ""} />
                      ) : null}
                      <label className="regie-visually-hidden" htmlFor={`veld-to-${a.number}`}>
                        {t("decisions.newCategoryLabel", { number: a.number })}
                      </label>
                      <select
                        id={`veld-to-${a.number}`}
                        name={`to-${a.number}`}
                        defaultValue={values.to[a.number] ?? ""}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `veld-to-${a.number}-fout` : undefined}
                      >
                        <option value="">{t("decisions.noChange")}</option>
                        {categories.map((c) => (
                          <option key={c.code} value={c.code}>
                            {t("decisions.categoryOption", {
                              code: c.code,
                              colour: t(`category.colour_${c.colour}`),
                            })}
                          </option>
                        ))}
                      </select>
                      {error ? (
                        <p className="regie-field-error" id={`veld-to-${a.number}-fout`}>
                          {error}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <div className="regie-actions-row">
        <button className="nl-button nl-button--primary" type="submit">
          {submitLabel}
        </button>
        <Link className="nl-link" to={cancelHref}>
          {t("forms.cancel")}
        </Link>
      </div>
    </Form>
  );
}

/** Errors on `actions.5` belong to the new-category choice of action 5 in the form. */
export function formFieldsOf<T>(errors: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [
      k.startsWith("actions.") ? `to-${k.slice("actions.".length)}` : k,
      v,
    ]),
  );
}
