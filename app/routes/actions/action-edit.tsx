import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, redirect, useActionData, useLoaderData } from "react-router";
import { ACTION_FIELD_LABELS, ActionFormFields, actionFormErrors } from "../../components/action-form-fields";
import { EditForm } from "../../components/edit-form";
import { PageTitle } from "../../components/page-title";
import { actionChangesSchema, changeErrors } from "../../domain/actions/action-changes";
import { actionFormValues, readActionForm, type ActionFormValues } from "../../domain/actions/action-form";
import { formFields } from "../../domain/auth/schemas";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber, requireProgramme } from "../shared/page-data.server";
import type { Route } from "./+types/action-edit";
import { message } from "../../lib/errors";
import { pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: "nl" },
    {
      label: t("action.heading", { number: d.number }),
      to: `/programmes/${d.programme.slug}/actions/${d.number}`,
    },
    { label: t("edit.edit") },
  ],
};

async function load(
  context: Route.LoaderArgs["context"],
  request: Request,
  params: Route.LoaderArgs["params"],
) {
  const programme = await requireProgramme(context, params.slug);
  const number = requireNumber(context, params.number, "errors.actionNotFound");
  const snapshot = await context.services.actions.snapshot(programme.id, number);
  if (!snapshot)
    throw data(translator(context.language)("errors.actionNotFound", { number }), { status: 404 });
  requirePermission(context, request, "action.edit", { programmeId: programme.id, actionId: snapshot.id });
  return { programme, snapshot };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, snapshot } = await load(context, request, params);
  const lookup = await context.services.organisations.lookup();
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
  const t = translator(context.language);
  const lookup = await context.services.organisations.lookup();
  return pageAction(context, request, {
    load: () => load(context, request, params),
    read: (form) => {
      const read = readActionForm(formFields(form), lookup);
      return { values: read.values, input: read.changes, errors: read.errors };
    },
    schema: actionChangesSchema,
    schemaErrors: changeErrors,
    fields: actionFormErrors,
    change: ({ programme, snapshot }, patch, write, version) =>
      context.services.actions.update({ programmeId: programme.id, number: snapshot.number, expectedVersion: version, patch, ...write }),
    answer: (values, errors, version) => ({ errors, values, version, conflict: null }),
    notFound: message("errors.actionNotFound", { number: Number(params.number) }),
    conflict: (_loaded, result, values) => ({
      errors: { form: t("edit.conflictTitle") },
      values,
      version: result.current.version,
      conflict: actionFormValues(result.current, lookup),
    }),
    done: ({ programme, snapshot }, result) =>
      redirect(`/programmes/${programme.slug}/actions/${snapshot.number}?saved=${result.changed.length > 0 ? result.version : 0}`),
  });
}

export default function ActionEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/programmes/${loaded.programme.slug}/actions/${loaded.number}`;
  const labels = Object.fromEntries(
    (Object.keys(ACTION_FIELD_LABELS) as (keyof ActionFormValues)[]).map((k) => [
      k,
      t(ACTION_FIELD_LABELS[k]),
    ]),
  ) as Record<keyof ActionFormValues, string>;
  return (
    <>
      <PageTitle title={t("edit.editAction", { number: loaded.number })} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("edit.editAction", { number: loaded.number })}</h1>
      <EditForm
        conflict={
          result?.conflict
            ? { title: t("edit.conflictTitle"), text: t("edit.conflictText"), discardHref: `${base}/edit`, theirs: result.conflict, mine: values, labels }
            : null
        }
        errors={errors}
        version={version}
        cancelHref={base}
      >
        <ActionFormFields
          programme={loaded.programme}
          values={values}
          errors={errors}
          categoryInfo={`${t("edit.category")}: ${loaded.category ?? "–"}. ${t("edit.categoryReadOnly")}`}
        />
      </EditForm>
    </>
  );
}
