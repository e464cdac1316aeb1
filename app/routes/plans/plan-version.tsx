import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { data, useLoaderData } from "react-router";
import { HistoryList } from "../../components/history-list";
import { PageTitle } from "../../components/page-title";
import { PlanFieldsView, PlanMeta, PlanVersionList } from "../../components/plan-view";
import { can } from "../../domain/auth/permissions";
import { requirePermission } from "../../lib/auth/guards.server";
import { translator } from "../../lib/i18n/catalogue.server";
import { requireNumber } from "../shared/page-data.server";
import { planVersionView } from "./plan-page.server";
import { requireAction } from "../shared/page-action.server";
import type { Route } from "./+types/plan-version";

export const handle = {
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("action.heading", { number: d.action.number }), to: d.base },
    { label: t("plans.title"), to: `${d.base}/plan` },
    { label: t("plans.versionN", { version: d.plan.versionNo }) },
  ],
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { programme, action, target, base } = await requireAction(context, params);
  const versionNo = requireNumber(context, params.versionNo, "plans.versionNotFound");
  const versions = await context.services.plans.versions(action.id);
  const version = versions.find((v) => v.versionNo === versionNo);
  // Approved versions are public. For anything else, whether the version exists is only told to
  // those who may read open plans: the others are asked to sign in (or refused) either way.
  requirePermission(
    context,
    request,
    version?.status === "approved" ? "plan.readApproved" : "plan.read",
    target,
  );
  if (!version)
    throw data(translator(context.language)("plans.versionNotFound", { number: versionNo }), { status: 404 });
  const canRead = can(context.principal, "plan.read", target);
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    action: { number: action.number, title: action.title },
    base,
    plan: planVersionView(version, canRead),
    // Who changed what in this version: for members of the programme, like an action's history.
    history: can(context.principal, "history.read", target)
      ? await context.services.history.forEntity("plan", version.id)
      : null,
    isNewest: versions[0]?.versionNo === versionNo,
    versions: (canRead ? versions : versions.filter((v) => v.status === "approved")).map((v) => ({
      versionNo: v.versionNo,
      status: v.status,
      updatedAt: v.updatedAt,
      decidedAt: v.decidedAt,
    })),
  };
}

export default function PlanVersionPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = d.programme.language;
  const heading = t("plans.versionOf", { number: d.action.number, version: d.plan.versionNo });
  return (
    <>
      <PageTitle title={`${heading}: ${d.action.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">
        <span className="regie-kicker">{heading}</span>
        <span lang={lang}>{d.action.title}</span>
      </h1>
      {!d.isNewest ? <p className="nl-paragraph">{t("plans.olderVersion")}</p> : null}
      <PlanMeta plan={d.plan} />
      <PlanFieldsView plan={d.plan} />
      <section aria-labelledby="versies">
        <h2 className="nl-heading nl-heading--level-2" id="versies">
          {t("plans.versions")}
        </h2>
        <PlanVersionList versions={d.versions} base={d.base} current={d.plan.versionNo} />
      </section>
      {d.history ? (
        <section aria-labelledby="geschiedenis">
          <h2 className="nl-heading nl-heading--level-2" id="geschiedenis">
            {t("edit.history")}
          </h2>
          <HistoryList entries={d.history} />
        </section>
      ) : null}
    </>
  );
}
