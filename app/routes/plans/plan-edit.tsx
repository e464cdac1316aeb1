import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { ConflictPanel } from "../../components/conflict-panel";
import { CsrfField, ErrorSummary, TextArea } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { formFields } from "../../domain/auth/schemas";
import {
  EMPTY_PLAN,
  PLAN_FIELD_MAX,
  PLAN_FIELDS,
  readPlanForm,
  type PlanBase,
  type PlanFields,
} from "../../domain/plans/plan-input";
import { transition } from "../../domain/plans/plan-lifecycle";
import type { PlanVersion } from "../../domain/plans/plan-types";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { planResultErrors } from "./plan-errors";

import { pageAction, requireAction } from "../shared/page-action.server";
import type { Route } from "./+types/plan-edit";
import { message } from "../../lib/errors";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("action.heading", { number: d.action.number }), to: d.href },
    { label: t("plans.title"), to: `${d.href}/plan` },
    { label: d.isNew ? t("plans.write") : t("plans.editDraft") },
  ],
};

const fieldsOf = (p: PlanFields): PlanFields =>
  Object.fromEntries(PLAN_FIELDS.map((f) => [f, p[f]])) as PlanFields;

/** The form's starting point: the open draft, or a new version that starts from the newest one. */
function startingPoint(head: PlanVersion | null) {
  const step = transition(head ? { versionNo: head.versionNo, status: head.status } : null, "write");
  if (!step.ok)
    return {
      writable: false as const,
      versionNo: head?.versionNo ?? 0,
      base: null,
      values: head ? fieldsOf(head) : EMPTY_PLAN,
    };
  const base: PlanBase =
    step.effect === "update-draft" && head ? { versionNo: head.versionNo, version: head.version } : null;
  return {
    writable: true as const,
    versionNo: step.versionNo,
    base,
    values: head ? fieldsOf(head) : EMPTY_PLAN,
  };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, action, target, base: href } = await requireAction(context, params);
  requirePermission(context, request, "plan.write", target);
  const versions = await context.services.plans.versions(action.id);
  const start = startingPoint(versions[0] ?? null);
  const page = {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    action: { number: action.number, title: action.title },
    href,
    ...start,
    isNew: start.base === null,
  };
  // A submitted plan waits for a decision: there is nothing to edit until then.
  return start.writable ? page : data(page, { status: 409 });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: async () => {
      const loaded = await requireAction(context, params);
      requirePermission(context, request, "plan.write", loaded.target);
      return loaded;
    },
    read: (form) => {
      const raw = formFields(form);
      const read = readPlanForm(raw);
      // The form shows what was typed when it is refused, and the text as read when the store refuses.
      const fields = read.ok ? read.value.fields : (Object.fromEntries(PLAN_FIELDS.map((f) => [f, raw[f] ?? ""])) as PlanFields);
      const values = { fields, base: { versionNo: raw.versionNo ?? "", version: raw.version ?? "" } };
      return read.ok ? { values, value: read.value } : { values, errors: read.errors };
    },
    change: ({ action: act, target }, input, write) =>
      context.services.plans.write({ programmeId: target.programmeId, number: act.number, base: input.base, fields: input.fields, ...write }),
    answer: (values, errors) => ({ errors, values: values.fields, base: values.base, conflict: null }),
    notFound: message("errors.actionNotFound", { number: Number(params.number) }),
    conflict: (_loaded, { current }, values) => ({
      errors: { form: t("plans.conflictTitle") },
      values: values.fields,
      // Saving again keeps this person's text: against the current draft, or as a new version when none is open.
      base:
        current && current.status === "draft"
          ? { versionNo: String(current.versionNo), version: String(current.version) }
          : { versionNo: "", version: "" },
      conflict: current ? { versionNo: current.versionNo, fields: fieldsOf(current) } : null,
    }),
    refused: (_loaded, values, _version, result) =>
      result && { errors: planResultErrors(t, result).errors, values: values.fields, base: values.base, conflict: null },
    refusedStatus: (result) => (result ? planResultErrors(t, result).status : 409),
    done: ({ base }, result) => redirect(`${base}/plan?done=${result.changed ? "saved" : "unchanged"}`),
  });
}

export default function PlanEdit() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "nl-NL";
  const values: PlanFields = result?.values ?? d.values;
  const errors: Record<string, string> = result?.errors ?? {};
  const base = result?.base ?? {
    versionNo: d.base ? String(d.base.versionNo) : "",
    version: d.base ? String(d.base.version) : "",
  };
  const heading = d.isNew
    ? t("plans.writeVersion", { number: d.action.number, version: d.versionNo })
    : t("plans.editVersion", { number: d.action.number, version: d.versionNo });
  const conflict = result?.conflict ?? null;
  const labels = Object.fromEntries(PLAN_FIELDS.map((f) => [f, t(`plans.field_${f}`)])) as Record<
    keyof PlanFields,
    string
  >;
  return (
    <>
      <PageTitle title={heading} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{heading}</h1>
      {!d.writable ? (
        <>
          <div className="regie-error-summary" role="alert">
            <p className="nl-paragraph">{t("plans.submittedReadOnly")}</p>
          </div>
          <p className="nl-paragraph">
            <Link className="nl-link" to={`${d.href}/plan`}>
              {t("plans.backToPlan")}
            </Link>
          </p>
        </>
      ) : (
        <>
          {conflict ? (
            <ConflictPanel
              title={t("plans.conflictTitle")}
              text={t("plans.conflictText", { version: conflict.versionNo })}
              discardHref={`${d.href}/plan/edit`}
              theirs={conflict.fields}
              mine={values}
              labels={labels}
            />
          ) : (
            <ErrorSummary errors={errors} />
          )}
          <p className="nl-paragraph">
            {d.isNew && d.versionNo > 1
              ? t("plans.newVersionIntro", { previous: d.versionNo - 1 })
              : t("plans.editIntro")}
          </p>
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <input type="hidden" name="versionNo" value={base.versionNo} />
            <input type="hidden" name="version" value={base.version} />
            {PLAN_FIELDS.map((f) => (
              <TextArea
                key={f}
                name={f}
                label={t(`plans.field_${f}`)}
                hint={`${t(`plans.hint_${f}`)} ${t("plans.maxChars", { max: PLAN_FIELD_MAX[f].toLocaleString(locale) })}`}
                defaultValue={values[f]}
                error={errors[f]}
                rows={f === "approach" ? 10 : 5}
              />
            ))}
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit">
                {conflict ? t("edit.keepMine") : t("plans.saveDraft")}
              </button>
              <Link className="nl-link" to={`${d.href}/plan`}>
                {t("forms.cancel")}
              </Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
