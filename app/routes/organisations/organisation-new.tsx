import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData } from "react-router";
import { SelectField } from "../../components/editing";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { aliasLines, organisationCreateSchema } from "../../domain/editing/organisation-changes";
import { ORGANISATION_KINDS } from "../../domain/programmes/programme-document";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { timestamp } from "../../domain/time";
import type { Route } from "./+types/organisation-new";
import { storeFieldErrors, translateFieldErrors, zodFieldErrors, type FieldErrors } from "../../lib/errors";

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
  requirePermission(context, request, "organisation.edit");
  const t = translator(context.language);
  const fields = formFields(await request.formData());
  const values = { name: fields.name ?? "", kind: fields.kind ?? "", aliases: fields.aliases ?? "" };
  const fail = (errors: FieldErrors) =>
    data({ errors: translateFieldErrors(t, errors), values }, { status: 400 });
  const parsed = organisationCreateSchema.safeParse({
    name: values.name,
    kind: values.kind,
    aliases: aliasLines(values.aliases),
  });
  if (!parsed.success) return fail(zodFieldErrors(parsed.error));
  const user = context.principal.user!;
  const result = await context.services.organisations.create({
    changes: parsed.data,
    actor: { userId: user.id, label: user.name },
    requestId: context.requestId,
    now: timestamp(context.services.clock),
  });
  if (result.status === "invalid") return fail(storeFieldErrors(result.errors));
  return redirect(`/organisations/${result.organisation.slug}?created=1`);
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
