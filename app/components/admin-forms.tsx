import { useTranslation } from "react-i18next";

/** A labelled select with its hint and error, linked for assistive technology (ids as TextField: `veld-<name>`). */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  error,
  hint,
  idSuffix = "",
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  hint?: string;
  /** Distinguishes two selects with the same name on one page. */
  idSuffix?: string;
}) {
  const id = `veld-${name}${idSuffix}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="regie-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="regie-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
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

/** A checkbox with its label and error. */
export function CheckField({ name, label, error, defaultChecked }: { name: string; label: string; error?: string; defaultChecked?: boolean }) {
  const id = `veld-${name}`;
  return (
    <div>
      <div className="regie-check">
        <input type="checkbox" id={id} name={name} value="yes" defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-fout` : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
      {error ? (
        <p className="regie-field-error" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Previous/next links for a paged list (plain links: work without JavaScript). */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("admin.paging")} className="regie-pager">
      {page > 1 ? (
        <a className="nl-link" href={href(page - 1)} rel="prev">
          {t("admin.previous")}
        </a>
      ) : null}
      <span>{t("admin.pageOf", { page, pages })}</span>
      {page < pages ? (
        <a className="nl-link" href={href(page + 1)} rel="next">
          {t("admin.next")}
        </a>
      ) : null}
    </nav>
  );
}

/** A date and time in the interface's language, in Dutch time. */
export function useDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" });
  return (iso: string | null) => (iso ? format.format(new Date(iso)) : "–");
}
