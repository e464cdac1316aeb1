import { useTranslation } from "react-i18next";

/** The fields a conflict compares, in the order shown, each with its label. */
export type ConflictLabels<V> = Partial<Record<keyof V & string, string>>;

/** A field's value as text for the comparison; lines are kept. */
export type ConflictFormat<V> = (value: V[keyof V & string], field: keyof V & string) => string;

export interface ConflictPanelProps<V extends object> {
  /** The heading: what someone else changed in the meantime. */
  title: string;
  /** The explanation under the heading; the general editing text when left out. */
  text?: string;
  labels: ConflictLabels<V>;
  /** The version saved in the meantime. */
  theirs: V;
  /** The user's own version, still in the form below. */
  mine: V;
  /** How a value reads; texts as they are, lists one item a line, anything else as JSON when left out. */
  format?: ConflictFormat<V>;
  /** The edit page itself, to start again from the saved version. */
  discardHref: string;
}

/** A value as plain text: texts as they are, lists one item a line, anything else as JSON. */
export function conflictText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join("\n");
  return JSON.stringify(value);
}

/** The labelled fields whose text differs between the two versions, in the order of the labels. */
export function differingFields<V extends object>(
  theirs: V,
  mine: V,
  labels: ConflictLabels<V>,
  format: ConflictFormat<V> = conflictText,
): { field: keyof V & string; label: string; theirs: string; mine: string }[] {
  return (Object.keys(labels) as (keyof V & string)[])
    .map((field) => ({
      field,
      label: labels[field] ?? field,
      theirs: format(theirs[field], field),
      mine: format(mine[field], field),
    }))
    .filter((f) => f.theirs !== f.mine);
}

/**
 * What a stale form shows: the version saved in the meantime next to the user's own, field by field
 * where they differ. The form below keeps the user's input, so saving again keeps theirs; the link
 * starts over from the saved version.
 */
export function ConflictPanel<V extends object>({
  title,
  text,
  labels,
  theirs,
  mine,
  format,
  discardHref,
}: ConflictPanelProps<V>) {
  const { t } = useTranslation();
  return (
    <section className="regie-error-summary" role="alert" aria-labelledby="conflict">
      <h2 className="nl-heading nl-heading--level-2" id="conflict">
        {title}
      </h2>
      <p className="nl-paragraph">{text ?? t("editing.conflictText")}</p>
      {differingFields(theirs, mine, labels, format).map((f) => (
        <div key={f.field}>
          <h3 className="nl-heading nl-heading--level-3">{f.label}</h3>
          <div className="regie-conflict">
            <div>
              <p className="nl-paragraph">
                <strong>{t("edit.conflictTheirs")}</strong>
              </p>
              <p className="nl-paragraph regie-pre-line">{f.theirs || "–"}</p>
            </div>
            <div>
              <p className="nl-paragraph">
                <strong>{t("edit.conflictMine")}</strong>
              </p>
              <p className="nl-paragraph regie-pre-line">{f.mine || "–"}</p>
            </div>
          </div>
        </div>
      ))}
      <p className="nl-paragraph">
        <a className="nl-link" href={discardHref}>
          {t("edit.conflictDiscard")}
        </a>
      </p>
    </section>
  );
}
