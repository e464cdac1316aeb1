import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/decision-new";
import { DecisionForm, formFieldsOf } from "../../components/decision-form";
import { ErrorSummary } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import {
  decisionErrors,
  decisionInputSchema,
  readDecisionForm,
  type DecisionFormValues,
} from "../../domain/decisions/decision-input";
import { today } from "../shared/as-of.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { decisionParams } from "../../lib/decision-format";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { message } from "../../lib/errors";
import { formErrors, pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.nav"), to: `/programmes/${d.programme.slug}/decisions` },
    { label: t("decisions.newTitle") },
  ],
};

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "decision.record", { programmeId: programme.id });
  return programme;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await load(context, request, params.slug);
  const [actions, meetings] = await Promise.all([
    context.services.actions.list(programme.id, { category: [] }, { limit: 500, offset: 0 }),
    context.services.decisions.meetingOptions(programme.id),
  ]);
  const meeting = new URL(request.url).searchParams.get("meeting") ?? "";
  const values: DecisionFormValues = {
    decidedOn: today(context),
    meetingId: meetings.some((m) => String(m.id) === meeting) ? meeting : "",
    kind: "categories",
    status: "taken",
    title: "",
    text: "",
    involved: [],
    to: {},
  };
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      categories: programme.categories,
    },
    actions: actions.data.map((a) => ({ number: a.number, title: a.title, category: a.category })),
    meetings,
    values,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const t = translator(context.language);
  const translate = { format: decisionParams(t, context.language) };
  return pageAction(context, request, {
    load: () => load(context, request, params.slug),
    read: (form) => readDecisionForm(form),
    schema: decisionInputSchema,
    schemaErrors: decisionErrors,
    readErrors: "with-schema",
    fields: formFieldsOf,
    translate,
    change: (programme, decision, write) =>
      context.services.decisions.recordDecision({ programmeId: programme.id, decision, ...write, today: today(context) }),
    answer: (values, errors) => ({ errors, values, conflict: false }),
    notFound: message("errors.programmeNotFound"),
    // A category changed meanwhile: the form again, with what changed by action.
    conflict: (_programme, result, values) => ({
      errors: formErrors(context, formFieldsOf(result.errors), translate),
      values,
      conflict: true,
    }),
    done: (programme, result) =>
      redirect(`/programmes/${programme.slug}/decisions?recorded=${result.id}&changed=${result.changed.length}#besluit-${result.id}`),
  });
}

export default function DecisionNew() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const base = `/programmes/${loaded.programme.slug}`;
  return (
    <>
      <PageTitle title={`${t("decisions.newTitle")} – ${loaded.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.newTitle")}</h1>
      <p className="nl-paragraph">{t("decisions.newIntro")}</p>
      {result?.conflict ? (
        <div className="regie-error-summary" role="alert" aria-labelledby="conflict">
          <h2 className="nl-heading nl-heading--level-2" id="conflict">
            {t("decisions.conflictTitle")}
          </h2>
          <p className="nl-paragraph">{t("decisions.conflictText")}</p>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                <a className="nl-link" href={`#veld-${field}`}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorSummary errors={errors} />
      )}
      <DecisionForm
        mode="record"
        programme={loaded.programme}
        actions={loaded.actions}
        meetings={loaded.meetings}
        values={values}
        errors={errors}
        submitLabel={t("decisions.submit")}
        cancelHref={`${base}/decisions`}
      />
    </>
  );
}
