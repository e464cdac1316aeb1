import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/decision";
import { DecisionEntry } from "../../components/decision-parts";
import { Notice } from "../../components/forms";
import { HistoryList } from "../../components/history-list";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireDecision } from "./decision-pages.server";
import { requireProgramme } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts); members and managers get a fresh one. */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.nav"), to: `/programmes/${d.programme.slug}/decisions` },
    { label: d.decision.title, lang: d.programme.language },
  ],
};

/** One decision of the steering group; for members its history, for the programme manager the way to correct or withdraw it. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "decision.read", { programmeId: programme.id });
  const decision = await requireDecision(context, programme.id, params.id);
  const target = { programmeId: programme.id };
  const query = new URL(request.url).searchParams;
  const changed = query.get("changed");
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    decision,
    canEdit: decision.source !== "import" && can(context.principal, "decision.edit", target),
    history: can(context.principal, "history.read", target)
      ? await context.services.history.forEntity("decision", decision.id)
      : null,
    corrected: query.has("corrected")
      ? {
          changed: changed && /^\d+$/.test(changed) ? Number(changed) : 0,
          nothing: query.get("corrected") === "0",
        }
      : null,
  };
}

export default function DecisionPage() {
  const { programme, decision, canEdit, history, corrected } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${programme.slug}`;
  const lang = programme.language;
  return (
    <>
      <PageTitle title={`${decision.title} – ${programme.title}`} />
      <Breadcrumbs />
      {corrected ? (
        <Notice>
          {corrected.nothing
            ? t("decisions.correctedNothing")
            : corrected.changed > 0
              ? t("decisions.correctedChanged", { count: corrected.changed })
              : t("decisions.corrected")}
        </Notice>
      ) : null}
      <DecisionEntry decision={decision} base={base} lang={lang} headingLevel={1} />
      {canEdit ? (
        <ul className="regie-link-list">
          <li>
            <Link className="nl-link" to={`${base}/decisions/${decision.id}/edit`}>
              {t("decisions.correct")}
            </Link>
          </li>
          <li>
            <Link className="nl-link" to={`${base}/decisions/${decision.id}/withdraw`}>
              {t("decisions.withdraw")}
            </Link>
          </li>
        </ul>
      ) : null}
      <p className="nl-paragraph">
        <Link className="nl-link" to={`${base}/decisions#besluit-${decision.id}`}>
          {t("decisions.allDecisions")}
        </Link>
      </p>
      {history ? (
        <section aria-labelledby="geschiedenis">
          <h2 className="nl-heading nl-heading--level-2" id="geschiedenis">
            {t("decisions.decisionHistory")}
          </h2>
          <HistoryList entries={history} />
        </section>
      ) : null}
    </>
  );
}
