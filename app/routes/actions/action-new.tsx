import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { ActionFormFields, actionFormErrors } from "../../components/action-form-fields";
import { CsrfField, ErrorSummary, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { actionChangesSchema, changeErrors } from "../../domain/actions/action-changes";
import { readActionForm, type ActionFormValues } from "../../domain/actions/action-form";
import { formFields } from "../../domain/auth/schemas";
import { readActionNumber } from "../../domain/editing/action-create";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireProgramme } from "../shared/page-data.server";
import type { Route } from "./+types/action-new";
import { message } from "../../lib/errors";
import { pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: "nl" },
    { label: t("actions.heading"), to: `/programmes/${d.programme.slug}/actions` },
    { label: t("editing.newAction") },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "action.edit", { programmeId: programme.id });
  return programme;
}

const EMPTY: ActionFormValues = {
  title: "",
  description: "",
  notes: "",
  placement: "",
  leads: "",
  partners: "",
  toInvolve: "",
  leadUnknown: false,
  intendedResults: "",
  planningText: "",
  categoryNote: "",
  related: "",
  prerequisiteFor: "",
  enables: "",
  relatedThemes: "",
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      themes: programme.themes.map((t) => ({ number: t.number, title: t.title, intentions: t.intentions })),
      groups: programme.organisationChapter?.groups ?? [],
    },
    next: await context.services.actions.nextNumber(programme.id),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const lookup = await context.services.organisations.lookup();
  return pageAction(context, request, {
    load: () => load(context, request, params.slug),
    read: (form) => {
      const fields = formFields(form);
      const read = readActionForm(fields, lookup);
      const number = readActionNumber(fields.number);
      const errors = { ...read.errors, ...(number.error ? { number: number.error } : {}) };
      return { values: { ...read.values, number: fields.number ?? "" }, input: read.changes, errors };
    },
    schema: actionChangesSchema,
    schemaErrors: changeErrors,
    fields: actionFormErrors,
    change: (programme, changes, write, _version, values) =>
      context.services.actions.create({ programmeId: programme.id, number: readActionNumber(values.number).number, changes, ...write }),
    answer: (values, errors) => ({ errors, values }),
    notFound: message("errors.programmeNotFound"),
    done: (programme, result) => redirect(`/programmes/${programme.slug}/actions/${result.number}?saved=${result.version}`),
  });
}

export default function ActionNew() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? { ...EMPTY, number: "" };
  const errors: Record<string, string> = result?.errors ?? {};
  const base = `/programmes/${loaded.programme.slug}`;
  return (
    <>
      <PageTitle title={t("editing.newAction")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("editing.newAction")}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <TextField
          name="number"
          label={t("editing.fieldNumber")}
          hint={t("editing.numberHint", { next: loaded.next })}
          defaultValue={values.number}
          error={errors.number}
          maxLength={6}
        />
        <ActionFormFields
          programme={loaded.programme}
          values={values}
          errors={errors}
          categoryInfo={t("editing.newActionIntro")}
        />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("editing.createAction")}
          </button>
          <Link className="nl-link" to={`${base}/actions`}>
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
