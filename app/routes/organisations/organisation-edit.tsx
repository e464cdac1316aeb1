import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, redirect, useActionData, useLoaderData } from "react-router";
import { EditForm, fieldsOf } from "../../components/edit-form";
import { SelectField } from "../../components/editing";
import { TextArea, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import { aliasLines, organisationPatchSchema } from "../../domain/editing/organisation-changes";
import { ORGANISATION_KINDS } from "../../domain/programmes/programme-document";
import type { OrganisationSnapshot } from "../../db/organisation.repository";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/organisation-edit";
import { message } from "../../lib/errors";
import { conflictAnswer, formAnswer, pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: t("organisations.heading"), to: "/organisations" },
    { label: d.name, to: `/organisations/${d.slug}` },
    { label: t("edit.edit") },
  ],
};

interface Values {
  name: string;
  kind: string;
  aliases: string;
  slug: string;
}

const valuesOf = (o: OrganisationSnapshot): Values => ({
  name: o.name,
  kind: o.kind,
  aliases: o.aliases.join("\n"),
  slug: o.slug,
});

/** The organisation, or 404; a page opened under a former slug (merged away or changed) is sent to the current one. */
async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const organisation = await context.services.organisations.snapshot(slug);
  if (!organisation) {
    const current =
      request.method === "GET" ? await context.services.organisations.currentSlugFor(slug) : undefined;
    if (current) throw redirect(`/organisations/${current}/edit`);
    throw data(translator(context.language)("errors.organisationNotFound"), { status: 404 });
  }
  requirePermission(context, request, "organisation.edit");
  return organisation;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const organisation = await load(context, request, params.slug);
  return {
    slug: organisation.slug,
    name: organisation.name,
    version: organisation.version,
    values: valuesOf(organisation),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  return pageAction(context, request, {
    load: () => load(context, request, params.slug),
    read: (form) => {
      const fields = formFields(form);
      const values: Values = { name: fields.name ?? "", kind: fields.kind ?? "", aliases: fields.aliases ?? "", slug: (fields.slug ?? "").trim() };
      return { values, input: { name: values.name, kind: values.kind, aliases: aliasLines(values.aliases), slug: values.slug } };
    },
    schema: organisationPatchSchema,
    change: (organisation, patch, write, version) =>
      context.services.organisations.update({ slug: organisation.slug, expectedVersion: version, patch, ...write }),
    answer: formAnswer,
    notFound: message("errors.organisationNotFound"),
    conflict: (_organisation, result, values) =>
      conflictAnswer(context, "editing.organisationConflictTitle", values, result.current, valuesOf(result.current)),
    done: (_organisation, result) =>
      redirect(`/organisations/${result.organisation.slug}?saved=${result.changed.length > 0 ? result.organisation.version : 0}`),
  });
}

export default function OrganisationEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/organisations/${loaded.slug}`;
  const title = t("editing.editOrganisation", { name: loaded.name });
  const labels = {
    name: t("editing.fieldName"),
    kind: t("editing.fieldKind"),
    aliases: t("editing.fieldAliases"),
    slug: t("editing.fieldSlug"),
  };
  const field = fieldsOf(values, labels, errors);
  return (
    <>
      <PageTitle title={title} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{title}</h1>
      <EditForm
        conflict={
          result?.conflict
            ? {
                title: t("editing.organisationConflictTitle"),
                discardHref: `${base}/edit`,
                theirs: result.conflict,
                mine: values,
                labels,
                format: (value, name) => (name === "kind" ? t(`kind.${value}`, { defaultValue: value }) : value),
              }
            : null
        }
        errors={errors}
        version={version}
        cancelHref={base}
        inline
      >
        <TextField {...field("name")} required maxLength={200} />
        <SelectField
          {...field("kind")}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextArea {...field("aliases")} hint={t("editing.aliasesHint")} rows={4} />
        <TextField {...field("slug")} hint={t("editing.slugHint")} required maxLength={200} />
      </EditForm>
    </>
  );
}
