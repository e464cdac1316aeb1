import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { CsrfField } from "../../components/forms";
import type { PreviewView } from "./workbook.server";

/** The upload of a workbook (.xlsx) within the limits, with the errors of the one refused before. */
export function WorkbookUploadForm({ errors, limits }: { errors: string[]; limits: { mb: number; rows: number } }) {
  const { t } = useTranslation();
  return (
    <>
      {errors.length ? <WorkbookErrors errors={errors} /> : null}
      <Form method="post" encType="multipart/form-data" className="regie-form" noValidate>
        <CsrfField />
        <div className="regie-field">
          <label htmlFor="veld-file">{t("workbookPages.fileLabel")}</label>
          <span className="regie-hint" id="veld-file-hint">
            {t("workbookPages.fileHint", limits)}
          </span>
          <input
            type="file"
            id="veld-file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="veld-file-hint"
            aria-invalid={errors.length ? true : undefined}
          />
        </div>
        <div className="regie-actions-row">
          <button type="submit" className="nl-button nl-button--primary">
            {t("workbookPages.upload")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** Every error of a refused workbook, each with its sheet, row and column. */
export function WorkbookErrors({ errors }: { errors: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="regie-error-summary" role="alert" aria-labelledby="werkmapfouten" tabIndex={-1}>
      <h2 className="nl-heading nl-heading--level-2" id="werkmapfouten">
        {t("workbookPages.errorsTitle")}
      </h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

const lines = (text: string) =>
  text === "" ? "–" : text.split("\n").map((l, i, all) => (
    <span key={i}>
      {l}
      {i < all.length - 1 ? <br /> : null}
    </span>
  ));

/** What applying would change: per action, field by field; the new actions; the organisations. */
export function PreviewTables({ preview, choices }: { preview: PreviewView; choices: { slug: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="nl-paragraph">
        {preview.edits.length + preview.creates.length === 0
          ? t("workbookPages.nothing")
          : t("workbookPages.summary", { edits: preview.edits.length, fields: preview.fieldCount, creates: preview.creates.length, unchanged: preview.unchanged })}
      </p>
      {preview.organisations.length > 0 ? (
        <section aria-labelledby="wb-organisaties">
          <h2 className="nl-heading nl-heading--level-2" id="wb-organisaties">
            {t("workbookPages.organisations")}
          </h2>
          <ul>
            {preview.organisations.map((o) =>
              o.status === "matched" ? (
                <li key={o.key}>{t("workbookPages.orgMatched", { name: o.name, match: o.match })}</li>
              ) : (
                <li key={o.key}>
                  <label htmlFor={`org-${o.key}`}>{t("workbookPages.orgNew", { name: o.name })}</label>{" "}
                  <select id={`org-${o.key}`} name={`org.${o.key}`} form="wb-apply" defaultValue="new">
                    <option value="new">{t("workbookPages.orgCreate")}</option>
                    {choices.map((c) => (
                      <option key={c.slug} value={c.slug}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </li>
              ),
            )}
          </ul>
        </section>
      ) : null}
      {preview.edits.length > 0 ? (
        <section aria-labelledby="wb-gewijzigd">
          <h2 className="nl-heading nl-heading--level-2" id="wb-gewijzigd">
            {t("workbookPages.changedActions")}
          </h2>
          {preview.edits.map((e) => (
            <table className="regie-table" key={e.number}>
              <caption>{t("workbookPages.action", { number: e.number, title: e.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workbookPages.field")}</th>
                  <th scope="col">{t("workbookPages.before")}</th>
                  <th scope="col">{t("workbookPages.after")}</th>
                </tr>
              </thead>
              <tbody>
                {e.fields.map((f) => (
                  <tr key={f.label}>
                    <th scope="row">{f.label}</th>
                    <td>{lines(f.before)}</td>
                    <td>{lines(f.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
      ) : null}
      {preview.creates.length > 0 ? (
        <section aria-labelledby="wb-nieuw">
          <h2 className="nl-heading nl-heading--level-2" id="wb-nieuw">
            {t("workbookPages.newActions")}
          </h2>
          {preview.creates.map((c) => (
            <table className="regie-table" key={c.number}>
              <caption>{t("workbookPages.action", { number: c.number, title: c.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workbookPages.field")}</th>
                  <th scope="col">{t("workbookPages.after")}</th>
                </tr>
              </thead>
              <tbody>
                {c.fields.map((f) => (
                  <tr key={f.label}>
                    <th scope="row">{f.label}</th>
                    <td>{lines(f.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
      ) : null}
    </>
  );
}
