import type { TFunction } from "i18next";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { useTranslation } from "react-i18next";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/decisions";
import { DecisionEntry } from "../../components/decision-parts";
import { Notice } from "../../components/forms";
import { PageTitle } from "../../components/page-title";
import { can } from "../../domain/auth/permissions";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireProgramme } from "../shared/page-data.server";
import { publicPage } from "../shared/route-handles";

/** The public page is kept until the data change (server/page-cache.ts). */
export const handle = {
  ...publicPage,
  breadcrumb: (d: Route.ComponentProps["loaderData"], t: TFunction): Crumb[] => [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.nav") },
  ],
};

/** The public register of the steering group's decisions: taken (newest first) and to be taken. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "decision.read", { programmeId: programme.id });
  const [taken, planned] = await Promise.all([
    context.services.decisions.list(programme.id, { status: "taken" }),
    context.services.decisions.list(programme.id, { status: "planned" }),
  ]);
  const query = new URL(request.url).searchParams;
  const recorded = query.get("recorded");
  const changed = query.get("changed");
  const changedCount = /^\d+$/.test(changed ?? "") ? Number(changed) : 0;
  return {
    programme: { slug: programme.slug, title: programme.title, language: programme.language },
    taken: taken.data,
    // Planned decisions in the order they are due.
    planned: [...planned.data].reverse(),
    canRecord: can(context.principal, "decision.record", { programmeId: programme.id }),
    recorded:
      recorded !== null && /^\d+$/.test(recorded) ? { id: Number(recorded), changed: changedCount } : null,
    withdrawn: query.has("withdrawn") ? { changed: changedCount } : null,
  };
}

export default function DecisionsPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/programmes/${d.programme.slug}`;
  const lang = d.programme.language;
  return (
    <>
      <PageTitle title={`${t("decisions.heading")} – ${d.programme.title}`} />
      <Breadcrumbs />
      <h1 className="nl-heading nl-heading--level-1">{t("decisions.heading")}</h1>
      {d.recorded ? (
        <Notice>
          {d.recorded.changed > 0
            ? t("decisions.recordedChanged", { count: d.recorded.changed })
            : t("decisions.recorded")}
        </Notice>
      ) : null}
      {d.withdrawn ? (
        <Notice>
          {d.withdrawn.changed > 0
            ? t("decisions.withdrawnChanged", { count: d.withdrawn.changed })
            : t("decisions.withdrawn")}
        </Notice>
      ) : null}
      <p className="nl-paragraph">{t("decisions.intro")}</p>
      <ul className="regie-link-list">
        <li>
          <Link className="nl-link" to={`${base}/meetings`}>
            {t("decisions.meetingsLink")}
          </Link>
        </li>
        <li>
          <a className="nl-link" href={`/api/v1/programmes/${d.programme.slug}/decisions`}>
            {t("decisions.json")}
          </a>
        </li>
      </ul>
      {d.canRecord ? (
        <p className="nl-paragraph">
          <Link className="nl-button nl-button--primary regie-button-link" to={`${base}/decisions/new`}>
            {t("decisions.record")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="genomen-besluiten">
        <h2 className="nl-heading nl-heading--level-2" id="genomen-besluiten">
          {t("decisions.taken")}
        </h2>
        {d.taken.length === 0 ? <p className="nl-paragraph">{t("decisions.noneTaken")}</p> : null}
        {d.taken.map((decision) => (
          <DecisionEntry key={decision.id} decision={decision} base={base} lang={lang} linked />
        ))}
      </section>

      <section aria-labelledby="te-nemen-besluiten">
        <h2 className="nl-heading nl-heading--level-2" id="te-nemen-besluiten">
          {t("decisions.planned")}
        </h2>
        <p className="nl-paragraph regie-muted">{t("decisions.plannedIntro")}</p>
        {d.planned.length === 0 ? <p className="nl-paragraph">{t("decisions.nonePlanned")}</p> : null}
        {d.planned.map((decision) => (
          <DecisionEntry key={decision.id} decision={decision} base={base} lang={lang} linked />
        ))}
      </section>
    </>
  );
}
