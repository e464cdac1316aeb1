import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { ConflictPanel, type ConflictPanelProps } from "./conflict-panel";
import { CsrfField, ErrorSummary } from "./forms";

export interface EditFormProps<V extends object> {
  /** What someone else saved meanwhile, compared with the form; null when there is no conflict. */
  conflict: ConflictPanelProps<V> | null;
  /** The form's errors by field, in the reader's language. */
  errors: Record<string, string>;
  /** The version the form was opened on (or, after a conflict, the one to save over). */
  version: number | string;
  /** Where "cancel" goes: the record's own page. */
  cancelHref: string;
  /** Fields side by side where there is room. */
  inline?: boolean;
  children: ReactNode;
}

/**
 * THE form of an edit page: the conflict panel (or the error summary) above it, the anti-forgery
 * field and the version it saves over, the page's own fields, and "save" ("keep mine" after a
 * conflict) beside "cancel".
 */
export function EditForm<V extends object>({ conflict, errors, version, cancelHref, inline, children }: EditFormProps<V>) {
  const { t } = useTranslation();
  return (
    <>
      {conflict ? <ConflictPanel {...conflict} /> : <ErrorSummary errors={errors} />}
      <Form method="post" className={inline ? "regie-form regie-form--inline" : "regie-form"} noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        {children}
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {conflict ? t("edit.keepMine") : t("forms.save")}
          </button>
          <Link className="nl-link" to={cancelHref}>
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

/** A field's name, label, value and error from the form's values, labels and errors: what every text field of an edit form takes. */
export function fieldsOf<V extends object>(values: V, labels: Partial<Record<keyof V & string, string>>, errors: Record<string, string>) {
  return (name: keyof V & string) => ({ name, label: labels[name] ?? name, defaultValue: String(values[name] ?? ""), error: errors[name] });
}
