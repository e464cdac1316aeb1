import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { ProgressFields, useProgressFormat } from "../../components/progress-parts";
import { formFields } from "../../domain/auth/schemas";
import { checkReportingPeriod, halfYearsUpTo, parsePeriod } from "../../domain/progress/periods";
import { readProgressForm } from "../../domain/progress/progress-input";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { formValues, loadProgressForm, postedValues, todayOf,  } from "./progress-page.server";
import { notFound, pageAction, requireAction } from "../shared/page-action.server";
import type { Route } from "./+types/progress-new";
import { message, translateMessage } from "../../lib/errors";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("action.heading", { number: d.action.number }), to: d.base },
    { label: t("progress.report") },
  ],
};

/** The period a form opens on: the one asked for, else the current half year (or the programme's last one once it has ended). */
function defaultPeriod(programme: { period: { start: number; end: number } }, today: string): string {
  const choices = halfYearsUpTo(programme.period, today);
  const last = `${programme.period.end}-H2`;
  return Number(today.slice(0, 4)) > programme.period.end && choices.some((p) => p.code === last)
    ? last
    : (choices[0]?.code ?? last);
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, action, target, base } = await requireAction(context, params);
  requirePermission(context, request, "progress.submit", target);
  const today = todayOf(context);
  const asked = new URL(request.url).searchParams.get("period");
  const t = translator(context.language);
  let period = defaultPeriod(programme, today);
  let periodError: string | null = null;
  if (asked !== null) {
    const check = checkReportingPeriod(asked, programme.period, today);
    if (check.ok) period = check.period.code;
    else periodError = translateMessage(t, check.error);
  }
  const form = await loadProgressForm(context, action.id, period);
  const page = {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    action: { number: action.number, title: action.title },
    base,
    period,
    periods: halfYearsUpTo(programme.period, today).map((p) => p.code),
    periodError,
    existing: form.current ? { updatedAt: form.current.updatedAt } : null,
    milestones: form.milestones,
    values: form.values,
    version: form.version,
  };
  return periodError ? data(page, { status: 400 }) : page;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  const today = todayOf(context);
  return pageAction(context, request, {
    load: async () => {
      const loaded = await requireAction(context, params);
      requirePermission(context, request, "progress.submit", loaded.target);
      return loaded;
    },
    read: (form, { programme }) => {
      const fields = formFields(form);
      const ticked = form.getAll("milestone").map(String);
      const values = { form: postedValues(fields, ticked), version: fields.version ?? "" };
      const period = checkReportingPeriod(fields.period ?? "", programme.period, today);
      const read = readProgressForm(fields, ticked);
      if (period.ok && read.ok) return { values, value: { period: period.period.code, values: read.values, expectedVersion: read.version } };
      return { values, errors: { ...(period.ok ? {} : { period: period.error }), ...(read.ok ? {} : read.errors) } };
    },
    change: ({ programme, action: act }, input, { actor, requestId, now }) =>
      context.services.progressUpdates.submit({
        programmeId: programme.id,
        action: { id: act.id, number: act.number, title: act.title },
        ...input,
        author: { userId: actor.userId, contactId: null, label: actor.label },
        now,
        today,
        requestId,
      }),
    answer: (values, errors) => ({ errors, values: values.form, version: values.version, conflict: false }),
    notFound: message("errors.actionNotFound", { number: Number(params.number) }),
    // The form now shows what is stored, with its version: saving again replaces it knowingly.
    conflict: (_loaded, { current }) => ({
      errors: { form: t("progress.conflict") },
      values: formValues(current),
      version: current ? String(current.version) : "",
      conflict: true,
    }),
    // A refusal meant for a contact's link does not concern a signed-in report: the action is not there for it.
    refused: (_loaded, _values, _version, result) => (result ? notFound(context, message("errors.actionNotFound", { number: Number(params.number) })) : undefined),
    done: ({ base }) => redirect(`${base}?progress=saved#voortgang`),
  });
}

export default function ProgressNew() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useProgressFormat();
  const lang = d.programme.language;
  const errors: Record<string, string> = result?.errors ?? (d.periodError ? { period: d.periodError } : {});
  const values = result?.values ?? d.values;
  const version = result ? result.version : d.version;
  const heading = t("progress.newTitle", { number: d.action.number });
  const period = parsePeriod(d.period)?.code ?? d.period;
  return (
    <>
      <PageTitle title={heading} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{heading}</span>
        <span lang={lang}>{d.action.title}</span>
      </h1>
      <ErrorSummary errors={errors} />
      <p className="nl-paragraph">{t("progress.formIntro")}</p>
      <Form method="get" className="regie-form regie-form--inline">
        <div className="regie-field">
          <label htmlFor="kies-periode">{t("progress.period")}</label>
          <select id="kies-periode" name="period" defaultValue={period}>
            {d.periods.map((p) => (
              <option key={p} value={p}>
                {p} · {f.period(p)}
              </option>
            ))}
          </select>
        </div>
        <button className="nl-button nl-button--secondary" type="submit">
          {t("progress.periodChoose")}
        </button>
      </Form>
      {d.existing ? (
        <p className="nl-paragraph">{t("progress.existing", { date: f.moment(d.existing.updatedAt) })}</p>
      ) : null}
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <input type="hidden" name="period" value={period} />
        <input type="hidden" name="version" value={version} />
        <h2 className="nl-heading nl-heading--level-2" id="veld-period">
          {f.period(period)} ({period})
        </h2>
        <ProgressFields values={values} errors={errors} milestones={d.milestones} lang={lang} />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("progress.submit")}
          </button>
          <Link className="nl-link" to={d.base}>
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
