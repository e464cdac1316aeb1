import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, TextField } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { useProgressFormat } from "../../components/progress-parts";
import { formFields } from "../../domain/auth/schemas";
import { periodOfDate } from "../../domain/progress/periods";
import { DEFAULT_REMINDER_OFFSETS, planRound } from "../../domain/progress/round-plan";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireProgramme } from "../shared/page-data.server";
import { todayOf } from "./progress-page.server";
import { pageAction } from "../shared/page-action.server";
import type { Route } from "./+types/rounds";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("progress.roundsTitle") },
  ],
};

const EMPTY = { period: "", dueOn: "", closesOn: "", reminders: DEFAULT_REMINDER_OFFSETS.join(", ") };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "rounds.manage", { programmeId: programme.id });
  const [rounds, reach] = await Promise.all([
    context.services.rounds.list(programme.id),
    context.services.rounds.reach(programme.id),
  ]);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    rounds,
    reach,
    values: { ...EMPTY, period: periodOfDate(todayOf(context)).code },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  const today = todayOf(context);
  return pageAction(context, request, {
    load: async () => {
      const programme = await requireProgramme(context, params.slug);
      requirePermission(context, request, "rounds.manage", { programmeId: programme.id });
      return programme;
    },
    read: (form, programme) => {
      const fields = formFields(form);
      const values = {
        period: fields.period ?? "",
        dueOn: fields.dueOn ?? "",
        closesOn: fields.closesOn ?? "",
        reminders: fields.reminders ?? "",
      };
      const planned = planRound(values, { programme: programme.period, today });
      return planned.ok ? { values, value: planned.plan } : { values, errors: planned.errors };
    },
    change: (programme, plan, { actor, requestId }) =>
      context.services.rounds.open({ programmeId: programme.id, plan, actor, now: context.services.clock.now(), today, requestId }),
    answer: (values, errors) => ({ errors, values }),
    refused: (_programme, values, _version, result) => {
      if (!result) return undefined;
      const errors: Record<string, string> = result.status === "duplicate" ? { period: t("progress.duplicate") } : { form: t("progress.noContacts") };
      return { errors, values };
    },
    done: (programme, result) => {
      // The mails go out from the job runner, right after this answer.
      context.services.jobRunner.wake();
      return redirect(`/programmes/${programme.slug}/rounds/${result.id}?done=opened&count=${result.requests}`);
    },
  });
}

export default function Rounds() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = useProgressFormat();
  const errors: Record<string, string> = result?.errors ?? {};
  const values = result?.values ?? d.values;
  const base = `/programmes/${d.programme.slug}`;
  return (
    <>
      <PageTitle title={t("progress.roundsTitle")} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("progress.roundsTitle")}</h1>
      <p className="nl-paragraph">{t("progress.roundsIntro")}</p>
      {d.rounds.length === 0 ? (
        <p className="nl-paragraph">{t("progress.noRounds")}</p>
      ) : (
        <div className="regie-table-wrap">
          <table className="regie-table">
            <caption className="regie-visually-hidden">{t("progress.roundsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("progress.colPeriod")}</th>
                <th scope="col">{t("progress.colOpened")}</th>
                <th scope="col">{t("progress.colDue")}</th>
                <th scope="col">{t("progress.colCloses")}</th>
                <th scope="col">{t("progress.colStatus")}</th>
                <th scope="col">{t("progress.colAnswered")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rounds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link className="nl-link" to={`${base}/rounds/${r.id}`}>
                      {r.period}
                    </Link>{" "}
                    <span className="regie-muted">({f.period(r.period)})</span>
                  </th>
                  <td>{f.day(r.openedOn)}</td>
                  <td>{f.day(r.dueOn)}</td>
                  <td>{f.day(r.closesOn)}</td>
                  <td>{t(`progress.roundStatus_${r.status}`)}</td>
                  <td>{t("progress.answeredOf", { answered: r.answered, actions: r.actions })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="nl-heading nl-heading--level-2" id="nieuwe-ronde">
        {t("progress.openTitle")}
      </h2>
      <p className="nl-paragraph">
        {d.reach.actions === 0
          ? t("progress.reachNone")
          : t("progress.reach", { count: d.reach.actions, requests: d.reach.requests })}
      </p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="regie-form" noValidate aria-labelledby="nieuwe-ronde">
        <CsrfField />
        <TextField
          name="period"
          label={t("progress.period")}
          hint={t("progress.roundPeriodHint")}
          defaultValue={values.period}
          error={errors.period}
        />
        <TextField
          name="dueOn"
          type="date"
          label={t("progress.dueOn")}
          hint={t("progress.dueOnHint")}
          defaultValue={values.dueOn}
          error={errors.dueOn}
        />
        <TextField
          name="closesOn"
          type="date"
          label={t("progress.closesOn")}
          hint={t("progress.closesOnHint")}
          defaultValue={values.closesOn}
          error={errors.closesOn}
        />
        <TextField
          name="reminders"
          label={t("progress.reminders")}
          hint={t("progress.remindersHint")}
          defaultValue={values.reminders}
          error={errors.reminders}
        />
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("progress.openSubmit")}
          </button>
        </div>
      </Form>
    </>
  );
}
