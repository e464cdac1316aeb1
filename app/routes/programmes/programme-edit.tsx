import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { redirect, useActionData, useLoaderData } from "react-router";
import { EditForm, fieldsOf } from "../../components/edit-form";
import { TextArea, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import {
  programmeFormErrors,
  programmeFormValues,
  programmePatchSchema,
  readProgrammeForm,
} from "../../domain/editing/programme-changes";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireProgramme } from "../shared/page-data.server";
import type { Route } from "./+types/programme-edit";
import { message } from "../../lib/errors";
import { conflictAnswer, formAnswer, pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.title, to: `/programmes/${d.slug}`, lang: "nl" },
    { label: t("edit.edit") },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "programme.edit", { programmeId: programme.id });
  return (await context.services.programmes.programme(programme.slug))!;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  return {
    slug: programme.slug,
    title: programme.title,
    version: programme.version,
    values: programmeFormValues(programme),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  return pageAction(context, request, {
    load: () => load(context, request, params.slug),
    read: (form) => {
      const read = readProgrammeForm(formFields(form));
      return { values: read.values, input: read.changes, errors: read.errors };
    },
    schema: programmePatchSchema,
    fields: programmeFormErrors,
    change: (programme, patch, write, version) =>
      context.services.programmes.updateProgramme({ programmeId: programme.id, expectedVersion: version, patch, ...write }),
    answer: formAnswer,
    notFound: message("errors.programmeNotFound"),
    conflict: (_programme, result, values) =>
      conflictAnswer(context, "editing.programmeConflictTitle", values, result.current, programmeFormValues(result.current)),
    done: (programme, result) =>
      redirect(`/programmes/${programme.slug}?saved=${result.changed.length > 0 ? result.snapshot.version : 0}`),
  });
}

export default function ProgrammeEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/programmes/${loaded.slug}`;
  const labels = {
    title: t("editing.fieldTitle"),
    subtitle: t("editing.fieldSubtitle"),
    ambition: t("editing.fieldAmbition"),
    periodStart: t("editing.fieldPeriodStart"),
    periodEnd: t("editing.fieldPeriodEnd"),
    adoptedOn: t("editing.fieldAdoptedOn"),
    adoptedBy: t("editing.fieldAdoptedBy"),
  };
  const field = fieldsOf(values, labels, errors);
  return (
    <>
      <PageTitle title={t("editing.editProgramme")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("editing.editProgramme")}</h1>
      <EditForm
        conflict={
          result?.conflict
            ? { title: t("editing.programmeConflictTitle"), discardHref: `${base}/edit`, theirs: result.conflict, mine: values, labels }
            : null
        }
        errors={errors}
        version={version}
        cancelHref={base}
      >
        <TextField {...field("title")} required maxLength={500} />
        <TextField {...field("subtitle")} maxLength={500} />
        <TextArea {...field("ambition")} hint={t("editing.ambitionHint")} rows={8} />
        <fieldset className="regie-fieldset">
          <legend>{t("editing.fieldPeriod")}</legend>
          <p className="regie-hint">{t("editing.periodHint")}</p>
          <TextField {...field("periodStart")} required maxLength={4} />
          <TextField {...field("periodEnd")} required maxLength={4} />
        </fieldset>
        <TextField {...field("adoptedOn")} type="date" hint={t("editing.adoptedOnHint")} />
        <TextField {...field("adoptedBy")} maxLength={500} />
      </EditForm>
    </>
  );
}
