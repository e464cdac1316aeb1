import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/decision-new";
import { CategoryBadge } from "../components/category-badge";
import { useLanguage } from "../components/decision-parts";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../components/forms";
import { PageTitle } from "../components/page-title";
import { decisionErrors, decisionInputSchema, readDecisionForm, type DecisionFormValues } from "../domain/decisions/decision-input";
import { DECISION_KINDS, DECISION_STATUSES } from "../domain/decisions/types";
import { today } from "../lib/as-of.server";
import { requirePermission } from "../lib/auth/guards.server";
import { formatDay, translateDecisionErrors } from "../lib/decision-format";
import { translator } from "../lib/i18n";
import { requireProgramme } from "../lib/page-data.server";
import { timestamp } from "../lib/time";

async function load(context: Route.LoaderArgs["context"], request: Request, slug: string) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "decision.record", { programmeId: programme.id });
  return programme;
}

/** Errors on `actions.5` belong to the new-category choice of action 5 in the form. */
function formFieldsOf(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.startsWith("actions.") ? `to-${k.slice("actions.".length)}` : k, v]));
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
    programme: { slug: programme.slug, title: programme.title, language: programme.language, categories: programme.categories },
    actions: actions.data.map((a) => ({ number: a.number, title: a.title, category: a.category })),
    meetings,
    values,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const programme = await load(context, request, params.slug);
  const t = translator(context.language);
  const read = readDecisionForm(await request.formData());
  const fail = (errors: Record<string, string>, status: number, conflict = false) =>
    data({ errors: translateDecisionErrors(t, context.language, formFieldsOf(errors)), values: read.values, conflict }, { status });
  const parsed = decisionInputSchema.safeParse(read.input);
  if (Object.keys(read.errors).length > 0 || !parsed.success) {
    return fail({ ...(parsed.success ? {} : decisionErrors(parsed.error)), ...read.errors }, 400);
  }
  const user = context.principal.user!;
  const result = await context.services.decisionStore.recordDecision({
    programmeId: programme.id,
    decision: parsed.data,
    actor: { userId: user.id, label: user.name },
    requestId: context.requestId,
    now: timestamp(context.services.clock),
    today: today(context),
  });
  if (result.status === "invalid") return fail(result.errors, 400);
  if (result.status === "conflict") return fail(result.errors, 409, true);
  return redirect(`/programmes/${programme.slug}/decisions?recorded=${result.id}&changed=${result.changed.length}#besluit-${result.id}`);
}

export default function DecisionNew() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const language = useLanguage();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const base = `/programmes/${loaded.programme.slug}`;
  const lang = loaded.programme.language;
  const involved = new Set(values.involved);
  const categories = loaded.programme.categories;
  const radio = (name: string, value: string, label: string, checked: boolean) => (
    <div className="regie-check" key={value}>
      <input type="radio" id={`veld-${name}-${value}`} name={name} value={value} defaultChecked={checked} />
      <label htmlFor={`veld-${name}-${value}`}>{label}</label>
    </div>
  );
  return (
    <>
      <PageTitle title={`${t("decisions.newTitle")} – ${loaded.programme.title}`} />
      <nav aria-label={t("app.breadcrumb")} className="regie-breadcrumb">
        <ol>
          <li>
            <Link className="nl-link" to={base}>
              <span lang={lang}>{loaded.programme.title}</span>
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/decisions`}>
              {t("decisions.nav")}
            </Link>
          </li>
          <li aria-current="page">{t("decisions.newTitle")}</li>
        </ol>
      </nav>
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
      <Form method="post" className="regie-form" noValidate>
        <CsrfField />
        <TextField name="decidedOn" type="date" label={t("decisions.fieldDate")} hint={t("decisions.fieldDateHint")} defaultValue={values.decidedOn} error={errors.decidedOn} required />
        <fieldset className="regie-field regie-field--wide" id="veld-status" aria-describedby={errors.status ? "veld-status-fout" : undefined}>
          <legend>{t("decisions.fieldStatus")}</legend>
          <div className="regie-checks">{DECISION_STATUSES.map((s) => radio("status", s, t(`decisions.status_${s}`), values.status === s))}</div>
          {errors.status ? (
            <p className="regie-field-error" id="veld-status-fout">
              {errors.status}
            </p>
          ) : null}
        </fieldset>
        <div className="regie-field">
          <label htmlFor="veld-kind">{t("decisions.fieldKind")}</label>
          <select id="veld-kind" name="kind" defaultValue={values.kind} aria-invalid={errors.kind ? true : undefined} aria-describedby={errors.kind ? "veld-kind-fout" : undefined}>
            {DECISION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`decisions.kind_${k}`)}
              </option>
            ))}
          </select>
          {errors.kind ? (
            <p className="regie-field-error" id="veld-kind-fout">
              {errors.kind}
            </p>
          ) : null}
        </div>
        <div className="regie-field">
          <label htmlFor="veld-meetingId">{t("decisions.fieldMeeting")}</label>
          <select id="veld-meetingId" name="meetingId" defaultValue={values.meetingId} aria-invalid={errors.meetingId ? true : undefined} aria-describedby={errors.meetingId ? "veld-meetingId-fout" : undefined}>
            <option value="">{t("decisions.noMeeting")}</option>
            {loaded.meetings.map((m) => (
              <option key={m.id} value={m.id} lang={lang}>
                {formatDay(m.heldOn, language)}: {m.title}
              </option>
            ))}
          </select>
          {errors.meetingId ? (
            <p className="regie-field-error" id="veld-meetingId-fout">
              {errors.meetingId}
            </p>
          ) : null}
        </div>
        <TextField name="title" label={t("decisions.fieldTitle")} defaultValue={values.title} error={errors.title} required maxLength={300} />
        <TextArea name="text" label={t("decisions.fieldText")} defaultValue={values.text} error={errors.text} rows={6} />
        <fieldset className="regie-fieldset" id="veld-actions" aria-describedby={["veld-actions-hint", errors.actions ? "veld-actions-fout" : null].filter(Boolean).join(" ")}>
          <legend>{t("decisions.fieldActions")}</legend>
          <p className="regie-hint" id="veld-actions-hint">
            {t("decisions.fieldActionsHint")}
          </p>
          {errors.actions ? (
            <p className="regie-field-error" id="veld-actions-fout">
              {errors.actions}
            </p>
          ) : null}
          <div className="regie-table-wrap">
            <table className="regie-table regie-table--decision-actions">
              <caption className="regie-visually-hidden">{t("decisions.actionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("decisions.colAction")}</th>
                  <th scope="col">{t("decisions.colNow")}</th>
                  <th scope="col">{t("decisions.colInvolved")}</th>
                  <th scope="col">{t("decisions.colNew")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.actions.map((a) => {
                  const error = errors[`to-${a.number}`];
                  return (
                    <tr key={a.number}>
                      <th scope="row">
                        {a.number}. <span lang={lang}>{a.title}</span>
                      </th>
                      <td>
                        <CategoryBadge code={a.category} categories={categories} />
                      </td>
                      <td>
                        <input type="checkbox" id={`veld-action-${a.number}`} name="action" value={a.number} defaultChecked={involved.has(a.number)} />
                        <label className="regie-visually-hidden" htmlFor={`veld-action-${a.number}`}>
                          {t("decisions.involvedLabel", { number: a.number })}
                        </label>
                      </td>
                      <td>
                        <input type="hidden" name={`from-${a.number}`} value={a.category ?? ""} />
                        <label className="regie-visually-hidden" htmlFor={`veld-to-${a.number}`}>
                          {t("decisions.newCategoryLabel", { number: a.number })}
                        </label>
                        <select
                          id={`veld-to-${a.number}`}
                          name={`to-${a.number}`}
                          defaultValue={values.to[a.number] ?? ""}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `veld-to-${a.number}-fout` : undefined}
                        >
                          <option value="">{t("decisions.noChange")}</option>
                          {categories.map((c) => (
                            <option key={c.code} value={c.code}>
                              {t("decisions.categoryOption", { code: c.code, colour: t(`category.colour_${c.colour}`) })}
                            </option>
                          ))}
                        </select>
                        {error ? (
                          <p className="regie-field-error" id={`veld-to-${a.number}-fout`}>
                            {error}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div className="regie-actions-row">
          <button className="nl-button nl-button--primary" type="submit">
            {t("decisions.submit")}
          </button>
          <Link className="nl-link" to={`${base}/decisions`}>
            {t("forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
