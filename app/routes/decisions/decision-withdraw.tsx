import type { TFunction } from "i18next";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { decisionCrumbs } from "./decision-crumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/decision-withdraw";
import { CheckField } from "../../components/admin-forms";
import { DecisionEntry } from "../../components/decision-parts";
import { CsrfField, ErrorSummary } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { today } from "../shared/as-of.server";
import { loadDecisionForEdit } from "./decision-pages.server";
import { notFound, pageAction } from "../shared/page-action.server";
import { message } from "../../lib/errors";
import { translator } from "../../lib/i18n/catalogue.server";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction) => decisionCrumbs(d, t, "decisions.withdrawTitle"),
};

const load = loadDecisionForEdit;

/** The decision as it is now, and a confirmation before it is withdrawn. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { programme, decision } = await load(context, request, params.slug, params.id);
  const page = {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    decision,
    // A decision a re-import recorded is not the steering group's: it is not withdrawn by hand (409).
    locked: decision.source === "import",
  };
  return page.locked ? data(page, { status: 409 }) : page;
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: () => load(context, request, params.slug, params.id),
    read: (form) =>
      form.get("confirm") === "yes"
        ? { values: null, value: true }
        : { values: null, errors: { confirm: message("decisions.withdrawConfirmRequired") } },
    // A decision of a re-import is withdrawn by importing again, not here.
    refused: ({ decision }, _values, _version, result?: { status: string }) =>
      decision.source === "import" || result?.status === "locked" ? { errors: { form: t("decisions.importLocked") }, decision: null } : undefined,
    change: ({ programme, decision }, _confirmed, write, version) =>
      context.services.decisions.withdrawDecision({
        programmeId: programme.id,
        decisionId: decision.id,
        expectedVersion: version,
        ...write,
        today: today(context),
      }),
    answer: (_values, errors) => ({ errors, decision: null }),
    notFound: message("decisions.decisionNotFound"),
    // The page shows the decision as it is now, with its current version, to decide again.
    async conflict({ programme, decision }) {
      const current = await context.services.decisions.get(programme.id, decision.id);
      if (!current) notFound(context, message("decisions.decisionNotFound"));
      return { errors: { form: t("decisions.withdrawConflict") }, decision: current };
    },
    done: ({ programme }, result) => redirect(`/programmes/${programme.slug}/decisions?withdrawn=1&changed=${result.changed.length}`),
  });
}

export default function DecisionWithdraw() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const programme = loaded.programme;
  const decision = result?.decision ?? loaded.decision;
  const errors: Record<string, string> = result?.errors ?? {};
  const base = `/programmes/${programme.slug}`;
  const page = `${base}/decisions/${decision.id}`;
  const lang = programme.language;
  return (
    <>
      <PageTitle title={`${t("decisions.withdrawTitle")}: ${decision.title} – ${programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.withdrawTitle")}</h1>
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
          <p className="nl-paragraph">{t("decisions.withdrawIntro")}</p>
          <ErrorSummary errors={errors} />
          <DecisionEntry decision={decision} base={base} lang={lang} headingLevel={2} />
          <Form method="post" className="regie-form regie-form--inline" noValidate>
            <CsrfField />
            <input type="hidden" name="version" value={decision.version} />
            <CheckField name="confirm" label={t("decisions.withdrawConfirm")} error={errors.confirm} />
            <div className="regie-actions-row">
              <button type="submit" className="nl-button nl-button--secondary regie-button-danger">
                {t("decisions.withdrawSubmit")}
              </button>
              <Link className="nl-link" to={page}>
                {t("forms.cancel")}
              </Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
