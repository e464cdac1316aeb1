import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../components/forms";
import { PageTitle } from "../components/page-title";
import { actionChangesSchema, changeErrors } from "../domain/actions/action-changes";
import { actionFormValues, readActionForm, type ActionFormValues } from "../domain/actions/action-form";
import { formFields } from "../domain/auth/schemas";
import { loadOrganisationLookup } from "../db/organisation-lookup";
import { requirePermission } from "../lib/auth/guards.server";
import { translator } from "../lib/i18n";
import { translateErrors } from "../lib/messages";
import { requireNumber, requireProgramme } from "../lib/page-data.server";
import { timestamp } from "../lib/time";
import type { Route } from "./+types/action-edit";

async function load(context: Route.LoaderArgs["context"], request: Request, params: Route.LoaderArgs["params"]) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.actionNotFound");
  const snapshot = await context.services.actionStore.snapshot(programme.id, number);
  if (!snapshot) throw data(translator(context.language)("errors.actionNotFound", { number }), { status: 404 });
  requirePermission(context, request, "action.edit", { programmeId: programme.id, actionId: snapshot.id });
  return { programme, snapshot };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, snapshot } = await load(context, request, params);
  const lookup = await loadOrganisationLookup(context.services.db);
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      categories: programme.categories,
      themes: programme.themes.map((t) => ({ number: t.number, title: t.title, intentions: t.intentions })),
      groups: programme.organisationChapter?.groups ?? [],
    },
    number: snapshot.number,
    category: snapshot.category,
    version: snapshot.version,
    values: actionFormValues(snapshot, lookup),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { programme, snapshot } = await load(context, request, params);
  const t = translator(context.language);
  const lookup = await loadOrganisationLookup(context.services.db);
  const fields = formFields(await request.formData());
  const version = /^\d+$/.test(fields.version ?? "") ? Number(fields.version) : -1;
  const read = readActionForm(fields, lookup);
  const fail = (errors: Record<string, string>, status = 400) =>
    data({ errors: translateErrors(t, errors), values: read.values, version, conflict: null }, { status });
  if (Object.keys(read.errors).length > 0) return fail(read.errors);
  const parsed = actionChangesSchema.safeParse(read.changes);
  if (!parsed.success) return fail(formFieldsOf(changeErrors(parsed.error)));
  const user = context.principal.user!;
  const result = await context.services.actionStore.update({
    programmeId: programme.id,
    number: snapshot.number,
    expectedVersion: version,
    patch: parsed.data,
    actor: { userId: user.id, label: user.name },
    requestId: context.requestId,
    now: timestamp(context.services.clock),
  });
  if (result.status === "not-found") throw data(t("errors.actionNotFound", { number: snapshot.number }), { status: 404 });
  if (result.status === "invalid") return fail(formFieldsOf(result.errors));
  if (result.status === "conflict") {
    const theirs = actionFormValues(result.current, lookup);
    return data(
      { errors: { form: t("edit.conflictTitle") }, values: read.values, version: result.current.version, conflict: theirs },
      { status: 409 },
    );
  }
  return redirect(`/programmes/${programme.slug}/actions/${snapshot.number}?saved=${result.changed.length > 0 ? result.version : 0}`);
}

/** Maps errors on change fields to the form field that edits them. */
function formFieldsOf(errors: Record<string, string>): Record<string, string> {
  const map: Record<string, string> = { intentionCode: "placement", group: "placement", links: "related" };
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [map[k] ?? k, v]));
}

const FIELD_LABELS: Record<keyof ActionFormValues, string> = {
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

export default function ActionEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/programmes/${loaded.programme.slug}/actions/${loaded.number}`;
  const differing = result?.conflict
    ? (Object.keys(FIELD_LABELS) as (keyof ActionFormValues)[]).filter((k) => String(result.conflict![k]) !== String(values[k]))
    : [];
  return (
    <>
      <PageTitle title={t("edit.editAction", { number: loaded.number })} />
      <nav aria-label={t("app.breadcrumb")} className="regie-breadcrumb">
        <ol>
          <li>
            <Link className="nl-link" to={`/programmes/${loaded.programme.slug}`}>
              <span lang="nl">{loaded.programme.title}</span>
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={base}>
              {t("action.heading", { number: loaded.number })}
            </Link>
          </li>
          <li aria-current="page">{t("edit.edit")}</li>
        </ol>
      </nav>
      <h1 className="nl-heading nl-heading--level-1">{t("edit.editAction", { number: loaded.number })}</h1>
      {result?.conflict ? (
        <section className="regie-error-summary" role="alert" aria-labelledby="conflict">
          <h2 className="nl-heading nl-heading--level-2" id="conflict">
            {t("edit.conflictTitle")}
          </h2>
          <p className="nl-paragraph">{t("edit.conflictText")}</p>
          {differing.map((k) => (
            <div key={k}>
              <h3 className="nl-heading nl-heading--level-3">{t(FIELD_LABELS[k])}</h3>
              <div className="regie-conflict">
                <div>
                  <p className="nl-paragraph">
                    <strong>{t("edit.conflictTheirs")}</strong>
                  </p>
                  <p className="nl-paragraph regie-pre-line">{String(result.conflict![k]) || "–"}</p>
                </div>
                <div>
                  <p className="nl-paragraph">
                    <strong>{t("edit.conflictMine")}</strong>
                  </p>
                  <p className="nl-paragraph regie-pre-line">{String(values[k]) || "–"}</p>
                </div>
              </div>
            </div>
          ))}
          <p className="nl-paragraph">
            <a className="nl-link" href={`${base}/edit`}>
              {t("edit.conflictDiscard")}
            </a>
          </p>
        </section>
      ) : (
        <ErrorSummary errors={errors} />
      )}
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        <TextField name="title" label={t("edit.fieldTitle")} defaultValue={values.title} error={errors.title} required maxLength={500} />
        <TextArea name="description" label={t("edit.fieldDescription")} defaultValue={values.description} error={errors.description} rows={8} />
        <TextArea name="notes" label={t("edit.fieldNotes")} hint={t("edit.linesHint")} defaultValue={values.notes} error={errors.notes} rows={3} />
        <div className="regie-field">
          <label htmlFor="veld-placement">{t("edit.fieldPlacement")}</label>
          <select id="veld-placement" name="placement" defaultValue={values.placement} aria-invalid={errors.placement ? true : undefined} aria-describedby={errors.placement ? "veld-placement-fout" : undefined}>
            {loaded.programme.themes.map((theme) => (
              <optgroup key={theme.number} label={`${theme.number}. ${theme.title}`}>
                {theme.intentions.map((i) => (
                  <option key={i.code} value={`intention:${i.code}`}>
                    {i.code} {i.text.length > 80 ? `${i.text.slice(0, 78)}…` : i.text}
                  </option>
                ))}
              </optgroup>
            ))}
            {loaded.programme.groups.length > 0 ? (
              <optgroup label={t("actions.organisationChapter")}>
                {loaded.programme.groups.map((g) => (
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
          <TextArea name="leads" label={t("edit.fieldLeads")} defaultValue={values.leads} error={errors.leads} rows={3} />
          <div className="regie-check">
            <input type="checkbox" id="veld-leadUnknown" name="leadUnknown" defaultChecked={values.leadUnknown} aria-describedby={errors.leadUnknown ? "veld-leadUnknown-fout" : undefined} />
            <label htmlFor="veld-leadUnknown">{t("edit.fieldLeadUnknown")}</label>
          </div>
          {errors.leadUnknown ? (
            <p className="regie-field-error" id="veld-leadUnknown-fout">
              {errors.leadUnknown}
            </p>
          ) : null}
          <TextArea name="partners" label={t("edit.fieldPartners")} defaultValue={values.partners} error={errors.partners} rows={4} />
          <TextArea name="toInvolve" label={t("edit.fieldToInvolve")} defaultValue={values.toInvolve} error={errors.toInvolve} rows={2} />
        </fieldset>
        <TextArea name="intendedResults" label={t("edit.fieldIntendedResults")} hint={t("edit.linesHint")} defaultValue={values.intendedResults} error={errors.intendedResults} rows={3} />
        <TextArea name="planningText" label={t("edit.fieldPlanning")} defaultValue={values.planningText} error={errors.planningText} rows={2} />
        <p className="nl-paragraph">
          {t("edit.category")}: {loaded.category ?? "–"}. {t("edit.categoryReadOnly")}
        </p>
        <TextField name="categoryNote" label={t("edit.fieldCategoryNote")} defaultValue={values.categoryNote} error={errors.categoryNote} maxLength={1000} />
        <fieldset className="regie-fieldset">
          <legend>{t("edit.links")}</legend>
          <p className="regie-hint">{t("edit.numbersHint")}</p>
          <TextField name="related" label={t("edit.fieldRelated")} defaultValue={values.related} error={errors.related} />
          <TextField name="prerequisiteFor" label={t("edit.fieldPrerequisiteFor")} defaultValue={values.prerequisiteFor} error={errors.prerequisiteFor} />
          <TextField name="enables" label={t("edit.fieldEnables")} defaultValue={values.enables} error={errors.enables} />
          <TextField name="relatedThemes" label={t("edit.fieldRelatedThemes")} defaultValue={values.relatedThemes} error={errors.relatedThemes} />
        </fieldset>
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {result?.conflict ? t("edit.keepMine") : t("forms.save")}
          </button>
          <Link className="nl-link" to={base}>
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
