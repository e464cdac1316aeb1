import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "react-router";
import type { RootData } from "../root";

/** The hidden anti-forgery field every form that changes something must carry. */
export function CsrfField() {
  const data = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />;
}

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "date" | "number" | "url";
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
}

/** A labelled input with its hint and error, linked for assistive technology. */
export function TextField({ name, label, error, hint, defaultValue, type = "text", autoComplete, required, maxLength }: FieldProps) {
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="regie-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="regie-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p className="regie-field-error" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextArea({ name, label, error, hint, defaultValue, rows = 5, maxLength }: Omit<FieldProps, "type" | "autoComplete"> & { rows?: number }) {
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="regie-field regie-field--wide">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="regie-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} maxLength={maxLength} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {error ? (
        <p className="regie-field-error" id={`${id}-fout`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary({ errors, title }: { errors: Record<string, string> | undefined; title?: string }) {
  const { t } = useTranslation();
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="regie-error-summary" role="alert" aria-labelledby="foutmeldingen">
      <h2 className="nl-heading nl-heading--level-2" id="foutmeldingen">
        {title ?? t("forms.errorSummary")}
      </h2>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>
            {field === "form" ? (
              message
            ) : (
              <a className="nl-link" href={`#veld-${field}`}>
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A confirmation after a change (redirect-after-POST shows it from the query string). */
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="regie-notice" role="status">
      {children}
    </div>
  );
}
