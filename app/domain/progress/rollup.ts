import type { IsoDate } from "./fuzzy-date";
import { isOverdue, type Milestone } from "./planning-milestones";
import {
  DROPPED_CATEGORY,
  dependencyFlags,
  type DependencyLink,
  type DependencyState,
  type ProgressStatus,
  type RiskFlag,
} from "./dependencies";

/**
 * The progress dashboard's roll-up: one pure function from plain data to the counts per theme,
 * category and lead organisation, the dropped actions and the "needs attention" list. The rules are
 * exported as text keys (`ROLLUP_RULES`) so that the page states exactly what this code does.
 */

/** An action's place in the counts: a reported status, or "none" (no update for the period). */
export type DashboardStatus = ProgressStatus | "none";
export const DASHBOARD_STATUSES: readonly DashboardStatus[] = [
  "on-track",
  "at-risk",
  "delayed",
  "done",
  "stopped",
  "none",
];

/**
 * The rules in the order the page lists them (i18n keys `progressViews.rules.<key>`):
 * - period: the status of an action is that of its newest update about the reporting period;
 * - carry: an action reported done or stopped in an earlier period keeps that status until a newer update;
 * - none: otherwise it counts as "without an update";
 * - dropped: actions in category 4 (dropped by the steering group) are left out of every count and listed apart;
 * - dependency: "at risk through a dependency" is counted separately, on top of the action's own status
 *   (see dependencies.ts for when an action is at risk through another);
 * - lead: an action with several lead organisations counts for each of them; without a known lead it
 *   counts under "lead unknown"; the organisation chapter counts as a theme of its own;
 * - attention: "needs attention" lists open actions (not done, stopped or dropped) with an overdue
 *   milestone, no update in the last update round, a risk through a dependency, or reported delayed or at risk.
 */
export const ROLLUP_RULES = [
  "period",
  "carry",
  "none",
  "dropped",
  "dependency",
  "chain",
  "lead",
  "attention",
] as const;
export type RollupRule = (typeof ROLLUP_RULES)[number];

export interface RollupAction {
  number: number;
  title: string;
  /** The theme's number; null for the organisation chapter. */
  theme: number | null;
  category: number | null;
  leads: { slug: string; name: string }[];
  /** The status of the newest update about the reporting period; null when there is none. */
  periodStatus: ProgressStatus | null;
  /** The status and period of the newest update of any period; null without updates. */
  latest: { status: ProgressStatus; period: string } | null;
  milestones: Milestone[];
}

export interface RollupInput {
  actions: readonly RollupAction[];
  links: readonly DependencyLink[];
  /** The reporting period ("2014-H1"); null when nothing has been reported or asked yet. */
  period: string | null;
  /** Whether the period is that of an update round: only then is "no update" a reason for attention. */
  round: boolean;
  /**
   * The actions that round asked for an update (by number): only those count as "no update" when
   * they did not answer; an action nobody was asked about is not late. Absent: every action.
   */
  asked?: ReadonlySet<number>;
  today: IsoDate;
}

export interface CountRow {
  /** "theme:3", "chapter", "category:2", a lead organisation's slug, "lead-unknown", or "total". */
  key: string;
  counts: Record<DashboardStatus, number>;
  /** Actions counted in this row (dropped ones never are). */
  total: number;
  /** Of those, how many are at risk through a dependency (also counted under their own status). */
  atRiskThroughDependency: number;
}

export type AttentionReason =
  | { kind: "overdue"; milestones: { label: string | null; dueText: string }[] }
  | { kind: "no-update"; period: string }
  | { kind: "dependency"; flags: RiskFlag[] }
  | { kind: "reported"; status: "delayed" | "at-risk" };

export interface AttentionItem {
  number: number;
  title: string;
  status: DashboardStatus;
  reasons: AttentionReason[];
}

export interface Rollup {
  total: CountRow;
  byTheme: CountRow[];
  byCategory: CountRow[];
  /** Lead organisations by name, then "lead-unknown"; `label` is the organisation's name. */
  byLead: (CountRow & { label: string })[];
  dropped: { number: number; title: string }[];
  attention: AttentionItem[];
  /** Every counted action's status, by number. */
  statuses: Map<number, DashboardStatus>;
  flags: Map<number, RiskFlag[]>;
}

/** The status an action counts with (rules period, carry, none). */
export function actionStatus(a: Pick<RollupAction, "periodStatus" | "latest">): DashboardStatus {
  if (a.periodStatus) return a.periodStatus;
  if (a.latest && (a.latest.status === "done" || a.latest.status === "stopped")) return a.latest.status;
  return "none";
}

function emptyRow(key: string): CountRow {
  return {
    key,
    counts: { "on-track": 0, "at-risk": 0, delayed: 0, done: 0, stopped: 0, none: 0 },
    total: 0,
    atRiskThroughDependency: 0,
  };
}

function add(row: CountRow, status: DashboardStatus, atRisk: boolean): void {
  row.counts[status] += 1;
  row.total += 1;
  if (atRisk) row.atRiskThroughDependency += 1;
}

/** The dependency state of every action, for dependencyFlags: latest status of any period, category. */
export function dependencyStates(
  actions: readonly Pick<RollupAction, "number" | "category" | "latest">[],
): Map<number, DependencyState> {
  return new Map(actions.map((a) => [a.number, { category: a.category, status: a.latest?.status ?? null }]));
}

/** Rolls the programme's actions up into the dashboard's counts and lists. */
export function rollUp(input: RollupInput): Rollup {
  const flags = dependencyFlags(dependencyStates(input.actions), input.links);
  const total = emptyRow("total");
  const themes = new Map<string, CountRow>();
  const categories = new Map<string, CountRow>();
  const leads = new Map<string, CountRow & { label: string }>();
  const dropped: Rollup["dropped"] = [];
  const attention: AttentionItem[] = [];
  const statuses = new Map<number, DashboardStatus>();

  const sorted = [...input.actions].sort((a, b) => a.number - b.number);
  for (const a of sorted) {
    if (a.category === DROPPED_CATEGORY) {
      dropped.push({ number: a.number, title: a.title });
      continue;
    }
    const status = actionStatus(a);
    statuses.set(a.number, status);
    const mine = flags.get(a.number) ?? [];
    const atRisk = mine.length > 0;
    add(total, status, atRisk);

    const themeKey = a.theme === null ? "chapter" : `theme:${a.theme}`;
    if (!themes.has(themeKey)) themes.set(themeKey, emptyRow(themeKey));
    add(themes.get(themeKey)!, status, atRisk);

    const categoryKey = a.category === null ? "category:none" : `category:${a.category}`;
    if (!categories.has(categoryKey)) categories.set(categoryKey, emptyRow(categoryKey));
    add(categories.get(categoryKey)!, status, atRisk);

    const leadRefs = a.leads.length > 0 ? a.leads : [{ slug: "lead-unknown", name: "" }];
    const seen = new Set<string>();
    for (const lead of leadRefs) {
      if (seen.has(lead.slug)) continue;
      seen.add(lead.slug);
      if (!leads.has(lead.slug)) leads.set(lead.slug, { ...emptyRow(lead.slug), label: lead.name });
      add(leads.get(lead.slug)!, status, atRisk);
    }

    if (status === "done" || status === "stopped") continue;
    const reasons: AttentionReason[] = [];
    const overdue = a.milestones.filter((m) => isOverdue(m, input.today));
    if (overdue.length > 0)
      reasons.push({
        kind: "overdue",
        milestones: overdue.map((m) => ({ label: m.label, dueText: m.due.text })),
      });
    if (status === "none" && input.round && input.period !== null && (input.asked === undefined || input.asked.has(a.number)))
      reasons.push({ kind: "no-update", period: input.period });
    if (atRisk) reasons.push({ kind: "dependency", flags: mine });
    if (status === "delayed" || status === "at-risk") reasons.push({ kind: "reported", status });
    if (reasons.length > 0) attention.push({ number: a.number, title: a.title, status, reasons });
  }

  const themeOrder = (key: string) =>
    key === "chapter" ? Number.MAX_SAFE_INTEGER : Number(key.slice("theme:".length));
  const categoryOrder = (key: string) =>
    key === "category:none" ? Number.MAX_SAFE_INTEGER : Number(key.slice("category:".length));
  return {
    total,
    byTheme: [...themes.values()].sort((x, y) => themeOrder(x.key) - themeOrder(y.key)),
    byCategory: [...categories.values()].sort((x, y) => categoryOrder(x.key) - categoryOrder(y.key)),
    byLead: [...leads.values()].sort((x, y) =>
      x.key === "lead-unknown"
        ? 1
        : y.key === "lead-unknown"
          ? -1
          : x.label.localeCompare(y.label, "nl") || x.key.localeCompare(y.key),
    ),
    dropped,
    attention,
    statuses,
    flags,
  };
}
