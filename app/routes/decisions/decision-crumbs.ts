import type { TFunction } from "i18next";
import type { Crumb } from "../../components/breadcrumbs";

interface DecisionPage {
  programme: { slug: string; title: string; language: string };
  decision: { id: number; title: string };
}

/** The trail of a page about one decision (correcting it, withdrawing it), ending in that page's own label. */
export function decisionCrumbs(d: DecisionPage, t: TFunction, last: string): Crumb[] {
  return [
    { label: d.programme.title, to: `/programmes/${d.programme.slug}`, lang: d.programme.language },
    { label: t("decisions.nav"), to: `/programmes/${d.programme.slug}/decisions` },
    { label: d.decision.title, to: `/programmes/${d.programme.slug}/decisions/${d.decision.id}`, lang: d.programme.language },
    { label: t(last) },
  ];
}
