import { useTranslation } from "react-i18next";
import { Link } from "react-router";

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
