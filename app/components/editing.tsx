import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface ConflictField {
  label: string;
  theirs: string;
  mine: string;
}

/**
 * What a stale form shows: the saved version next to the user's own, field by field where they
 * differ. The form below keeps the user's input, so saving again keeps theirs; the link starts over.
 */
export function ConflictPanel({
  title,
  text,
  fields,
  discardHref,
}: {
  title: string;
  text?: string;
  fields: ConflictField[];
  discardHref: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="regie-error-summary" role="alert" aria-labelledby="conflict">
      <h2 className="nl-heading nl-heading--level-2" id="conflict">
        {title}
      </h2>
      <p className="nl-paragraph">{text ?? t("editing.conflictText")}</p>
      {fields.map((f) => (
        <div key={f.label}>
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

/** The fields whose values differ between the saved version and the user's, labelled. */
export function differingFields<V extends Record<string, unknown>>(
  theirs: V,
  mine: V,
  labels: Partial<Record<keyof V, string>>,
): ConflictField[] {
  const show = (v: unknown) =>
    typeof v === "string" ? v : Array.isArray(v) ? v.join("\n") : JSON.stringify(v);
  return (Object.keys(labels) as (keyof V)[])
    .filter((k) => show(theirs[k]) !== show(mine[k]))
    .map((k) => ({ label: labels[k]!, theirs: show(theirs[k]), mine: show(mine[k]) }));
}

/** Links to the pages that change a record, for those who may use them. */
export function EditLinks({ links, label }: { links: { href: string; text: string }[]; label?: string }) {
  const { t } = useTranslation();
  if (links.length === 0) return null;
  return (
    <nav className="regie-edit-links" aria-label={label ?? t("editing.manage")}>
      <ul>
        {links.map((l) => (
          <li key={l.href}>
            <Link className="nl-button nl-button--secondary regie-button-link" to={l.href}>
              {l.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A labelled select with its hint and error, linked for assistive technology. */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  error,
  hint,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  hint?: string;
}) {
  const id = `veld-${name}`;
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="regie-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="regie-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="regie-field-error" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
