import { useTranslation } from "react-i18next";
import type { ActionFormValues } from "../domain/actions/action-form";
import type { Intention } from "../domain/programmes/types";
import { TextArea, TextField } from "./forms";

export interface ActionFormProgramme {
  themes: { number: number; title: string; intentions: Intention[] }[];
  groups: string[];
}

/** The labels of the action form's fields, for error summaries and conflict views. */
export const ACTION_FIELD_LABELS: Record<keyof ActionFormValues, string> = {
  title: "edit.fieldTitle",
  description: "edit.fieldDescription",
  notes: "edit.fieldNotes",
  placement: "edit.fieldPlacement",
  leads: "edit.fieldLeads",
  partners: "edit.fieldPartners",
  toInvolve: "edit.fieldToInvolve",
  leadUnknown: "edit.fieldLeadUnknown",
  intendedResults: "edit.fieldIntendedResults",
  planningText: "edit.fieldPlanning",
  categoryNote: "edit.fieldCategoryNote",
  related: "edit.fieldRelated",
  prerequisiteFor: "edit.fieldPrerequisiteFor",
  enables: "edit.fieldEnables",
  relatedThemes: "edit.fieldRelatedThemes",
};

/** Maps errors on change fields (intentionCode, group, links) to the form fields that edit them. */
export function actionFormErrors<T>(errors: Record<string, T>): Record<string, T> {
  const map: Record<string, string> = { intentionCode: "placement", group: "placement", links: "related" };
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [map[k] ?? k, v]));
}

/**
 * Every field of an action as the edit and new-action forms show them: texts, placement under an
 * intention or a group of the organisation chapter, organisations per role, planning, links.
 * `categoryInfo` is shown where the category would be (it is not edited here).
 */
export function ActionFormFields({
  programme,
  values,
  errors,
  categoryInfo,
}: {
  programme: ActionFormProgramme;
  values: ActionFormValues;
  errors: Record<string, string>;
  categoryInfo: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        name="title"
        label={t("edit.fieldTitle")}
        defaultValue={values.title}
        error={errors.title}
        required
        maxLength={500}
      />
      <TextArea
        name="description"
        label={t("edit.fieldDescription")}
        defaultValue={values.description}
        error={errors.description}
        rows={8}
      />
      <TextArea
        name="notes"
        label={t("edit.fieldNotes")}
        hint={t("edit.linesHint")}
        defaultValue={values.notes}
        error={errors.notes}
        rows={3}
      />
      <div className="regie-field">
        <label htmlFor="veld-placement">{t("edit.fieldPlacement")}</label>
        <select
          id="veld-placement"
          name="placement"
          defaultValue={values.placement}
          aria-invalid={errors.placement ? true : undefined}
          aria-describedby={errors.placement ? "veld-placement-fout" : undefined}
        >
          {values.placement === "" ? <option value="">{t("editing.choosePlacement")}</option> : null}
          {programme.themes.map((theme) => (
            <optgroup key={theme.number} label={`${theme.number}. ${theme.title}`}>
              {theme.intentions.map((i) => (
                <option key={i.code} value={`intention:${i.code}`}>
                  {i.code} {i.text.length > 80 ? `${i.text.slice(0, 78)}…` : i.text}
                </option>
              ))}
            </optgroup>
          ))}
          {programme.groups.length > 0 ? (
            <optgroup label={t("actions.organisationChapter")}>
              {programme.groups.map((g) => (
                <option key={g} value={`group:${g}`}>
                  {g}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        {errors.placement ? (
          <p className="regie-field-error" id="veld-placement-fout">
            {errors.placement}
          </p>
        ) : null}
      </div>
      <fieldset className="regie-fieldset">
        <legend>{t("edit.organisations")}</legend>
        <p className="regie-hint">{t("edit.organisationsHint")}</p>
        <TextArea
          name="leads"
          label={t("edit.fieldLeads")}
          defaultValue={values.leads}
          error={errors.leads}
          rows={3}
        />
        <div className="regie-check">
          <input
            type="checkbox"
            id="veld-leadUnknown"
            name="leadUnknown"
            defaultChecked={values.leadUnknown}
            aria-describedby={errors.leadUnknown ? "veld-leadUnknown-fout" : undefined}
          />
          <label htmlFor="veld-leadUnknown">{t("edit.fieldLeadUnknown")}</label>
        </div>
        {errors.leadUnknown ? (
          <p className="regie-field-error" id="veld-leadUnknown-fout">
            {errors.leadUnknown}
          </p>
        ) : null}
        <TextArea
          name="partners"
          label={t("edit.fieldPartners")}
          defaultValue={values.partners}
          error={errors.partners}
          rows={4}
        />
        <TextArea
          name="toInvolve"
          label={t("edit.fieldToInvolve")}
          defaultValue={values.toInvolve}
          error={errors.toInvolve}
          rows={2}
        />
      </fieldset>
      <TextArea
        name="intendedResults"
        label={t("edit.fieldIntendedResults")}
        hint={t("edit.linesHint")}
        defaultValue={values.intendedResults}
        error={errors.intendedResults}
        rows={3}
      />
      <TextArea
        name="planningText"
        label={t("edit.fieldPlanning")}
        defaultValue={values.planningText}
        error={errors.planningText}
        rows={2}
      />
      <p className="nl-paragraph">{categoryInfo}</p>
      <TextField
        name="categoryNote"
        label={t("edit.fieldCategoryNote")}
        defaultValue={values.categoryNote}
        error={errors.categoryNote}
        maxLength={1000}
      />
      <fieldset className="regie-fieldset">
        <legend>{t("edit.links")}</legend>
        <p className="regie-hint">{t("edit.numbersHint")}</p>
        <TextField
          name="related"
          label={t("edit.fieldRelated")}
          defaultValue={values.related}
          error={errors.related}
        />
        <TextField
          name="prerequisiteFor"
          label={t("edit.fieldPrerequisiteFor")}
          defaultValue={values.prerequisiteFor}
          error={errors.prerequisiteFor}
        />
        <TextField
          name="enables"
          label={t("edit.fieldEnables")}
          defaultValue={values.enables}
          error={errors.enables}
        />
        <TextField
          name="relatedThemes"
          label={t("edit.fieldRelatedThemes")}
          defaultValue={values.relatedThemes}
          error={errors.relatedThemes}
        />
      </fieldset>
    </>
  );
}
