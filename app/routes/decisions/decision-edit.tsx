import type { TFunction } from "i18next";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { decisionCrumbs } from "./decision-crumbs";
import { useTranslation } from "react-i18next";
import { data, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/decision-edit";
import { ConflictPanel } from "../../components/conflict-panel";
import { DecisionForm, formFieldsOf } from "../../components/decision-form";
import { useLanguage } from "../../components/decision-parts";
import { ErrorSummary } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import {
  decisionEditSchema,
  decisionErrors,
  readDecisionForm,
  type DecisionFormValues,
} from "../../domain/decisions/decision-input";
import { today } from "../shared/as-of.server";
import { decisionParams, formatDay } from "../../lib/decision-format";
import { decisionFormValues, loadDecisionForEdit } from "./decision-pages.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { message } from "../../lib/errors";
import { conflictAnswer, formAnswer, notFound, pageAction } from "../shared/page-action.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction) => decisionCrumbs(d, t, "decisions.editTitle"),
};

const load = loadDecisionForEdit;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { programme, decision } = await load(context, request, params.slug, params.id);
  const [actions, meetings] = await Promise.all([
    context.services.actions.list(programme.id, { category: [] }, { limit: 500, offset: 0 }),
    context.services.decisions.meetingOptions(programme.id),
  ]);
  const page = {
    programme: {
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      categories: programme.categories,
    },
    decision: { id: decision.id, title: decision.title },
    // A decision a re-import recorded is not the steering group's: it is not corrected by hand (409).
    locked: decision.source === "import",
    actions: actions.data.map((a) => ({ number: a.number, title: a.title, category: a.category })),
    meetings,
    values: decisionFormValues(decision),
    version: decision.version,
  };
  return page.locked ? data(page, { status: 409 }) : page;
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params.slug, params.id),
    read: (form) => readDecisionForm(form, { withFrom: false }),
    schema: decisionEditSchema,
    schemaErrors: decisionErrors,
    readErrors: "with-schema",
    fields: formFieldsOf,
    translate: { format: decisionParams(t, context.language) },
    // A decision of a re-import is corrected by importing again, not here.
    refused: ({ decision }, values, version, result?: { status: string }) =>
      decision.source === "import" || result?.status === "locked"
        ? { errors: { form: t("decisions.importLocked") }, values, version, conflict: null }
        : undefined,
    change: ({ programme, decision }, input, write, version) =>
      context.services.decisions.correctDecision({
        programmeId: programme.id,
        decisionId: decision.id,
        expectedVersion: version,
        decision: input,
        ...write,
        today: today(context),
      }),
    answer: formAnswer,
    notFound: message("decisions.decisionNotFound"),
    async conflict({ programme, decision }, _result, values) {
      const current = await context.services.decisions.get(programme.id, decision.id);
      if (!current) notFound(context, message("decisions.decisionNotFound"));
      return conflictAnswer(context, "decisions.editConflictTitle", values, current, decisionFormValues(current));
    },
    done: ({ programme, decision }, result) =>
      redirect(`/programmes/${programme.slug}/decisions/${decision.id}?${result.fields.length === 0 ? "corrected=0" : `corrected=1&changed=${result.changed.length}`}`),
  });
}

/** The fields a conflict compares, as text: choices by their label, the actions one a line. */
function useConflictView(meetings: { id: number; heldOn: string; title: string }[]) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (v: DecisionFormValues) => {
    const meeting = meetings.find((m) => String(m.id) === v.meetingId);
    return {
      decidedOn: v.decidedOn,
      status: v.status ? t(`decisions.status_${v.status}`, { defaultValue: v.status }) : "",
      kind: v.kind ? t(`decisions.kind_${v.kind}`, { defaultValue: v.kind }) : "",
      meetingId: meeting
        ? `${formatDay(meeting.heldOn, language)}: ${meeting.title}`
        : t("decisions.noMeeting"),
      title: v.title,
      text: v.text,
      actions: [...v.involved]
        .sort((a, b) => a - b)
        .map((n) =>
          v.to[n]
            ? t("decisions.conflictActionTo", { number: n, code: v.to[n] })
            : t("decisions.actionLink", { number: n }),
        )
        .join("\n"),
    };
  };
}

export default function DecisionEdit() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const view = useConflictView(loaded.meetings);
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const version = result?.version ?? loaded.version;
  const base = `/programmes/${loaded.programme.slug}`;
  const page = `${base}/decisions/${loaded.decision.id}`;
  return (
    <>
      <PageTitle
        title={`${t("decisions.editTitle")}: ${loaded.decision.title} – ${loaded.programme.title}`}
      />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.editTitle")}</h1>
      {loaded.locked ? (
        <>
          <p className="nl-paragraph">{t("decisions.importLocked")}</p>
          <p className="nl-paragraph">
            <Link className="nl-link" to={page}>
              {t("decisions.decisionLink")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="nl-paragraph">{t("decisions.editIntro")}</p>
          {result?.conflict ? (
            <ConflictPanel
              title={t("decisions.editConflictTitle")}
              text={t("decisions.editConflictText")}
              discardHref={`${page}/edit`}
              theirs={view(result.conflict)}
              mine={view(values)}
              labels={{
                decidedOn: t("decisions.fieldDate"),
                status: t("decisions.fieldStatus"),
                kind: t("decisions.fieldKind"),
                meetingId: t("decisions.fieldMeeting"),
                title: t("decisions.fieldTitle"),
                text: t("decisions.fieldText"),
                actions: t("decisions.conflictActions"),
              }}
            />
          ) : (
            <ErrorSummary errors={errors} />
          )}
          <DecisionForm
            mode="correct"
            programme={loaded.programme}
            actions={loaded.actions}
            meetings={loaded.meetings}
            values={values}
            errors={errors}
            version={version}
            submitLabel={result?.conflict ? t("edit.keepMine") : t("decisions.submitCorrection")}
            cancelHref={page}
          />
        </>
      )}
    </>
  );
}
