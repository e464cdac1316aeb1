import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { CsrfField, ErrorSummary, Notice, TextArea } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { PlanFieldsView, PlanMeta, PlanVersionList } from "../../components/plan-view";
import { can } from "../../domain/auth/permissions";
import { formFields } from "../../domain/auth/schemas";
import { DECISION_NOTE_MAX, readPlanDecision } from "../../domain/plans/plan-input";
import { availableCommands } from "../../domain/plans/plan-lifecycle";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { planResultErrors } from "./plan-errors";
import { planUrl, planVersionView } from "./plan-page.server";
import { pageAction, requireAction } from "../shared/page-action.server";
import type { Route } from "./+types/plan";
import { message } from "../../lib/errors";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("action.heading", { number: d.action.number }), to: d.base },
    { label: t("plans.title") },
  ],
};

const DONE = ["saved", "unchanged", "submitted", "approved", "returned"] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, action, target, base } = await requireAction(context, params);
  requirePermission(context, request, "plan.readApproved", target);
  const p = context.principal;
  const canRead = can(p, "plan.read", target);
  const versions = await context.services.plans.versions(action.id);
  const head = versions[0] ?? null;
  const approved = versions.find((v) => v.status === "approved") ?? null;
  // Those who keep the programme see the newest version, whatever its state; everyone else the adopted one.
  const shown = canRead ? head : approved;
  const commands = availableCommands(head ? { versionNo: head.versionNo, status: head.status } : null);
  const done = new URL(request.url).searchParams.get("done");
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    action: { number: action.number, title: action.title },
    base,
    shown: shown ? planVersionView(shown, canRead) : null,
    /** The adopted version, when the newest one is a later draft or submission. */
    approvedVersionNo:
      approved && shown && approved.versionNo !== shown.versionNo ? approved.versionNo : null,
    versions: (canRead ? versions : versions.filter((v) => v.status === "approved")).map((v) => ({
      versionNo: v.versionNo,
      status: v.status,
      updatedAt: v.updatedAt,
      decidedAt: v.decidedAt,
    })),
    canRead,
    canWrite: can(p, "plan.write", target) && commands.includes("write"),
    canSubmit: can(p, "plan.write", target) && commands.includes("submit"),
    canDecide: can(p, "plan.decide", target) && commands.includes("approve"),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null,
    noteMax: DECISION_NOTE_MAX,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const t = translator(context.language);
  return pageAction(context, request, {
    load: async (form) => {
      const loaded = await requireAction(context, params);
      // Deciding needs plan.decide; submitting (and anything unknown) needs plan.write.
      const intent = form.get("intent");
      requirePermission(context, request, intent === "approve" || intent === "return" ? "plan.decide" : "plan.write", loaded.target);
      return loaded;
    },
    read: (form) => {
      const fields = formFields(form);
      const read = readPlanDecision(fields);
      const values = { note: fields.note ?? "", intent: fields.intent ?? "" };
      return read.ok ? { values, value: read.value } : { values, errors: read.errors };
    },
    change: ({ action: act, target, base }, { intent, versionNo, version, note }, write) => {
      const common = {
        programmeId: target.programmeId,
        number: act.number,
        title: act.title,
        ...write,
        planUrl: planUrl(context, base),
        expected: { versionNo, version },
      };
      return intent === "submit" ? context.services.plans.submit(common) : context.services.plans.decide({ ...common, decision: intent, note });
    },
    answer: (values, errors) => ({ errors, note: values.note }),
    notFound: message("errors.actionNotFound", { number: Number(params.number) }),
    refused: (_loaded, values, _version, result) => result && { errors: planResultErrors(t, result).errors, note: values.note },
    refusedStatus: (result) => (result ? planResultErrors(t, result).status : 409),
    done: ({ base }, _result, { intent }) =>
      redirect(`${base}/plan?done=${intent === "submit" ? "submitted" : intent === "approve" ? "approved" : "returned"}`),
  });
}

export default function PlanPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const lang = d.programme.language;
  const shown = d.shown;
  const title = t("plans.titleForAction", { number: d.action.number });
  return (
    <>
      <PageTitle title={`${title}: ${d.action.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{title}</span>
        <span lang={lang}>{d.action.title}</span>
      </h1>
      {d.done ? <Notice>{t(`plans.done_${d.done}`)}</Notice> : null}
      <ErrorSummary errors={result?.errors} />

      {shown ? (
        <>
          <PlanMeta plan={shown} />
          {d.approvedVersionNo !== null ? (
            <p className="nl-paragraph">
              {t("plans.approvedStillValid", { version: d.approvedVersionNo })}{" "}
              <Link className="nl-link" to={`${d.base}/plan/versions/${d.approvedVersionNo}`}>
                {t("plans.viewVersion", { version: d.approvedVersionNo })}
              </Link>
            </p>
          ) : null}
          {shown.status === "draft" ? <p className="nl-paragraph">{t("plans.draftExplained")}</p> : null}
          {shown.status === "submitted" ? (
            <p className="nl-paragraph">{t("plans.submittedExplained")}</p>
          ) : null}
          {shown.status === "returned" ? (
            <p className="nl-paragraph">{t("plans.returnedExplained")}</p>
          ) : null}
        </>
      ) : (
        <p className="nl-paragraph">{d.canRead ? t("plans.none") : t("plans.noneApproved")}</p>
      )}

      {d.canWrite || d.canSubmit ? (
        <div className="regie-actions-row">
          {d.canWrite ? (
            <Link className="nl-button nl-button--secondary regie-button-link" to={`${d.base}/plan/edit`}>
              {!shown
                ? t("plans.write")
                : shown.status === "draft"
                  ? t("plans.editDraft")
                  : t("plans.newVersion")}
            </Link>
          ) : null}
          {d.canSubmit && shown ? (
            <Form method="post" className="regie-inline-form">
              <CsrfField />
              <input type="hidden" name="versionNo" value={shown.versionNo} />
              <input type="hidden" name="version" value={shown.version} />
              <button className="nl-button nl-button--primary" type="submit" name="intent" value="submit">
                {t("plans.submit")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {d.canSubmit ? <p className="regie-hint">{t("plans.submitHint")}</p> : null}

      {shown ? <PlanFieldsView plan={shown} /> : null}

      {d.canDecide && shown ? (
        <section aria-labelledby="besluit" className="regie-plan-decision">
          <h2 className="nl-heading nl-heading--level-2" id="besluit">
            {t("plans.decide")}
          </h2>
          <p className="nl-paragraph">{t("plans.decideIntro")}</p>
          <Form method="post" className="regie-form" noValidate>
            <CsrfField />
            <input type="hidden" name="versionNo" value={shown.versionNo} />
            <input type="hidden" name="version" value={shown.version} />
            <TextArea
              name="note"
              label={t("plans.note")}
              hint={t("plans.noteHint", { max: d.noteMax })}
              defaultValue={result?.note ?? ""}
              error={result?.errors?.note}
              rows={4}
            />
            <div className="regie-actions-row">
              <button className="nl-button nl-button--primary" type="submit" name="intent" value="approve">
                {t("plans.approve")}
              </button>
              <button className="nl-button nl-button--secondary" type="submit" name="intent" value="return">
                {t("plans.return")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="versies">
        <h2 className="nl-heading nl-heading--level-2" id="versies">
          {t("plans.versions")}
        </h2>
        <PlanVersionList versions={d.versions} base={d.base} />
      </section>
    </>
  );
}
