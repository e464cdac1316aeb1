import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/decision-withdraw";
import { CheckField } from "../../components/admin-forms";
import { DecisionEntry } from "../../components/decision-parts";
import { CsrfField, ErrorSummary } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { today } from "../shared/as-of.server";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireDecision } from "./decision-pages.server";
import { formVersion } from "../shared/page-action.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { timestamp } from "../../domain/time";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.nav"), to: `/programmes/${d.programme.slug}/decisions` },
    {
      label: d.decision.title,
      to: `/programmes/${d.programme.slug}/decisions/${d.decision.id}`,
      lang: d.programme.language,
    },
    { label: t("decisions.withdrawTitle") },
  ],
};

/** The programme and the decision (404), for the programme manager (403). */
async function load(context: Route.LoaderArgs["context"], request: Request, slug: string, id: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "decision.edit", { programmeId: programme.id });
  const decision = await requireDecision(context, programme.id, id);
  return { programme, decision };
}

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
  const { programme, decision } = await load(context, request, params.slug, params.id);
  const t = translator(context.language);
  const form = await request.formData();
  const locked = () =>
    data({ errors: { form: t("decisions.importLocked") }, decision: null }, { status: 409 });
  if (decision.source === "import") return locked();
  if (form.get("confirm") !== "yes") {
    return data(
      { errors: { confirm: t("decisions.withdrawConfirmRequired") }, decision: null },
      { status: 400 },
    );
  }
  const user = context.principal.user!;
  const result = await context.services.decisions.withdrawDecision({
    programmeId: programme.id,
    decisionId: decision.id,
    expectedVersion: formVersion(form.get("version")),
    actor: { userId: user.id, label: user.name },
    requestId: context.requestId,
    now: timestamp(context.services.clock),
    today: today(context),
  });
  if (result.status === "not-found") throw data(t("decisions.decisionNotFound"), { status: 404 });
  if (result.status === "locked") return locked();
  if (result.status === "conflict") {
    // The page shows the decision as it is now, with its current version, to decide again.
    const current = await context.services.decisions.get(programme.id, decision.id);
    if (!current) throw data(t("decisions.decisionNotFound"), { status: 404 });
    return data({ errors: { form: t("decisions.withdrawConflict") }, decision: current }, { status: 409 });
  }
  return redirect(`/programmes/${programme.slug}/decisions?withdrawn=1&changed=${result.changed.length}`);
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
