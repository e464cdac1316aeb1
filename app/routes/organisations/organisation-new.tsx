import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData } from "react-router";
import { SelectField } from "../../components/editing";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { aliasLines, organisationCreateSchema } from "../../domain/editing/organisation-changes";
import { ORGANISATION_KINDS } from "../../domain/programmes/programme-document";
import { requirePermission } from "../../lib/auth/guards.server";
import type { Route } from "./+types/organisation-new";
import { message } from "../../lib/errors";
import { pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (_d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("organisations.heading"), to: "/organisations" },
    { label: t("editing.newOrganisation") },
  ],
};

export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "organisation.edit");
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  return pageAction(context, request, {
    load: () => Promise.resolve(requirePermission(context, request, "organisation.edit")),
    read: (form) => {
      const fields = formFields(form);
      const values = { name: fields.name ?? "", kind: fields.kind ?? "", aliases: fields.aliases ?? "" };
      return { values, input: { name: values.name, kind: values.kind, aliases: aliasLines(values.aliases) } };
    },
    schema: organisationCreateSchema,
    change: (_none, changes, write) => context.services.organisations.create({ changes, ...write }),
    answer: (values, errors) => ({ errors, values }),
    notFound: message("errors.organisationNotFound"),
    done: (_none, result) => redirect(`/organisations/${result.organisation.slug}?created=1`),
  });
}

export default function OrganisationNew() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? { name: "", kind: "other", aliases: "" };
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <PageTitle title={t("editing.newOrganisation")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("editing.newOrganisation")}</h1>
      <p className="nl-paragraph">{t("editing.newOrganisationIntro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="regie-form regie-form--inline" noValidate>
        <CsrfField />
        <TextField
          name="name"
          label={t("editing.fieldName")}
          defaultValue={values.name}
          error={errors.name}
          required
          maxLength={200}
        />
        <SelectField
          name="kind"
          label={t("editing.fieldKind")}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          defaultValue={values.kind}
          error={errors.kind}
        />
        <TextArea
          name="aliases"
          label={t("editing.fieldAliases")}
          hint={t("editing.aliasesHint")}
          defaultValue={values.aliases}
          error={errors.aliases}
          rows={3}
        />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("editing.createOrganisation")}
          </button>
          <Link className="nl-link" to="/organisations">
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
