import type { Action, Category } from "../domain/programmes/types";
import type { CategoryChange } from "../domain/decisions/category-history";
import type { RiskFlag } from "../domain/progress/dependencies";
import type { ActionBody, ActionDetailBody } from "../api/actions/schema";
import type { DependencyRiskBody } from "../api/progress/schema";
import { toCsv } from "./csv";
import { presentCategoryHistory } from "./decision";
import { presentCategory } from "./programme";
import { presentLatestProgress, presentMilestone } from "./progress";

/** Per action number, the risk flags it carries through its dependencies (see dependencies.ts). */
export type RiskFlags = ReadonlyMap<number, readonly RiskFlag[]>;

/** The actions that put this one at risk (delayed, stopped or dropped), by number, nearest chain first. */
export function presentRisk(flags: readonly RiskFlag[] | undefined): DependencyRiskBody[] {
  return (flags ?? []).map((f) => ({ number: f.through, reason: f.reason }));
}

/**
 * The open-data shape of an action; no personal data, no internal ids. `risk` holds the flags of
 * the whole programme (one computation for a page of actions).
 */
export function presentAction(a: Action, categories: Category[], risk: RiskFlags): ActionBody {
  return {
    number: a.number,
    title: a.title,
    description: a.description,
    notes: a.notes,
    theme: a.theme,
    intention: a.intention,
    group: a.group,
    leads: a.leads.map(presentRef),
    partners: a.partners.map(presentRef),
    toInvolve: a.toInvolve.map(presentRef),
    leadUnknown: a.leadUnknown,
    intendedResults: a.intendedResults,
    planningText: a.planningText,
    planningYears: a.planningYears,
    category: presentCategory(a.category, categories),
    categoryNote: a.categoryNote,
    links: a.links.map((l) => ({
      type: l.type,
      target: "action" in l.target ? { action: l.target.action } : { theme: l.target.theme },
    })),
    linkedFrom: a.linkedFrom.map((l) => ({ type: l.type, source: { action: l.source.action } })),
    updatedAt: a.updatedAt,
    // The adopted plan of approach only; open versions are at …/plan for those who may read them.
    plan: a.plan ? { status: a.plan.status, version: a.plan.version, approvedOn: a.plan.approvedOn } : null,
    // Milestones read from the planning (due at the end of their period) and the newest progress, without names.
    milestones: (a.milestones ?? []).map(presentMilestone),
    progress: presentLatestProgress(a.progress),
    // At risk through a dependency: as the programme stands now (the latest progress, the current category).
    atRiskThrough: presentRisk(risk.get(a.number)),
  };
}

/** One action on its own: the list shape plus its category history (the decisions that set it, oldest first). */
export function presentActionDetail(
  a: Action,
  categories: Category[],
  history: readonly CategoryChange[],
  risk: RiskFlags,
): ActionDetailBody {
  return { ...presentAction(a, categories, risk), categoryHistory: presentCategoryHistory(history) };
}

function presentRef(r: Action["leads"][number]) {
  return { name: r.name, slug: r.slug, kind: r.kind, qualifier: r.qualifier };
}

export const ACTION_CSV_HEADERS = [
  "number",
  "title",
  "description",
  "notes",
  "theme",
  "intention",
  "group",
  "leads",
  "partners",
  "toInvolve",
  "leadUnknown",
  "intendedResults",
  "planningText",
  "category",
  "categoryNote",
  "links",
  "linkedFrom",
  "atRiskThrough",
] as const;

const LIST_SEPARATOR = " | ";

/** Actions as CSV with the JSON field names as headers; lists joined by " | " (atRiskThrough: the actions' numbers). */
export function actionsToCsv(actions: Action[], categories: Category[], risk: RiskFlags): string {
  const names = (refs: Action["leads"]) => refs.map((r) => (r.qualifier ? `${r.name} (${r.qualifier})` : r.name)).join(LIST_SEPARATOR);
  const rows = actions.map((a) => [
    a.number,
    a.title,
    a.description,
    a.notes.join(LIST_SEPARATOR),
    a.theme ? a.theme.number : null,
    a.intention ? a.intention.code : null,
    a.group,
    names(a.leads),
    names(a.partners),
    names(a.toInvolve),
    a.leadUnknown,
    a.intendedResults.join(LIST_SEPARATOR),
    a.planningText,
    presentCategory(a.category, categories)?.code ?? null,
    a.categoryNote,
    a.links.map((l) => `${l.type}:${"action" in l.target ? `action ${l.target.action}` : `theme ${l.target.theme}`}`).join(LIST_SEPARATOR),
    a.linkedFrom.map((l) => `${l.type}:action ${l.source.action}`).join(LIST_SEPARATOR),
    presentRisk(risk.get(a.number))
      .map((r) => r.number)
      .join(LIST_SEPARATOR),
  ]);
  return toCsv(ACTION_CSV_HEADERS, rows);
}
