import { chronological, type CategoryChange } from "../decisions/category-history";
import type { DecisionKind, DecisionStatus } from "../decisions/types";
import { buildSeries, headlineRegion, latestFigure, type SeriesModel } from "../monitor/analysis";
import { regionName } from "../monitor/regions";
import type { IndicatorWithMeasurements } from "../monitor/types";
import type { PlanStatus } from "../plans/plan-lifecycle";
import { dependencyFlags, DROPPED_CATEGORY, type DependencyLink, type DependencyState, type RiskFlag } from "../progress/dependencies";
import { dueDate, expandOccurrences, parseFuzzyDate, type IsoDate } from "../progress/fuzzy-date";
import type { Milestone } from "../progress/planning-milestones";
import { parsePeriod, comparePeriodsDesc } from "../progress/periods";
import { PROGRESS_STATUSES, type ProgressStatus } from "../progress/progress-input";

/**
 * The annual report (jaarverslag) of a programme for one calendar year, assembled from what the
 * register holds: a pure function of read inputs, so that the web page, Word, PDF, the API and a
 * finalised snapshot all show the same figures. Everything in the model is public: organisations,
 * categories, statuses, decisions, and only those narratives their authors marked public.
 */

export interface ReportActionInput {
  number: number;
  title: string;
  theme: { number: number; title: string } | null;
  intention: { code: string; text: string } | null;
  group: string | null;
  leads: { slug: string; name: string }[];
  /** The category at the end of the year (or today, when the year has not ended). */
  category: number | null;
  planningYears: number[];
  milestones: Milestone[];
}

export interface ReportUpdateInput {
  action: number;
  period: string;
  status: ProgressStatus;
  percent: number | null;
  narrative: string;
  narrativePublic: boolean;
  updatedAt: string;
}

export interface ReportPlanInput {
  action: number;
  versionNo: number;
  status: PlanStatus;
  submittedAt: string | null;
  decidedAt: string | null;
}

export interface ReportDecisionInput {
  id: number;
  decidedOn: string;
  kind: DecisionKind;
  status: DecisionStatus;
  title: string;
  text: string;
  meeting: { id: number; heldOn: string; title: string } | null;
  actions: { number: number; title: string; from: number | null; to: number | null }[];
}

export interface ReportTexts {
  introduction: string;
  /** A short text per theme, by theme number ("chapter" for the organisation chapter). */
  themes: Record<string, string>;
}

export interface AnnualReportInput {
  programme: {
    slug: string;
    title: string;
    subtitle: string;
    categories: { code: number; label: string; colour: string }[];
    themes: { number: number; title: string; intentions: { code: string; text: string }[] }[];
    organisationChapter: { number: number; title: string } | null;
  };
  year: number;
  today: IsoDate;
  actions: readonly ReportActionInput[];
  /** Category changes by decisions taken (and re-imports), per action number. */
  categoryChanges: ReadonlyMap<number, readonly CategoryChange[]>;
  /** Progress updates about periods of the year. */
  updates: readonly ReportUpdateInput[];
  /** Plan-of-approach versions, any year. */
  plans: readonly ReportPlanInput[];
  links: readonly DependencyLink[];
  /** The programme's decisions (any year; the report keeps the year's). */
  decisions: readonly ReportDecisionInput[];
  meetings: readonly { id: number; heldOn: string; title: string }[];
  /** Periods of the update rounds opened in the year: only then is "no update received" a reason for attention. */
  roundPeriods: readonly string[];
  indicators: readonly IndicatorWithMeasurements[];
  texts: ReportTexts;
  /** Date changes of milestones, oldest first; absent where nobody moved one. */
  milestoneMoves?: readonly MilestoneMove[];
}

/** "moved": due in the year once, its date changed to another year since (read from the milestone history). */
export type MilestoneOutcome = "met" | "late" | "missed" | "open" | "moved";

export interface ReportMilestone {
  label: string | null;
  dueText: string;
  due: IsoDate;
  doneOn: IsoDate | null;
  outcome: MilestoneOutcome;
  /** The date a moved milestone got instead, in the planning's words; null otherwise. */
  movedTo: string | null;
}

/** A change of a milestone's date, from its history. */
export interface MilestoneMove {
  action: number;
  label: string | null;
  fromText: string;
  toText: string;
  at: string;
}

export interface ReportAction {
  number: number;
  title: string;
  leads: string[];
  category: number | null;
  changes: { decidedOn: string; decision: string; from: number | null; to: number }[];
  status: ProgressStatus | null;
  percent: number | null;
  period: string | null;
  narrative: string | null;
  milestones: ReportMilestone[];
  plan: PlanStatus | null;
  risks: RiskFlag[];
}

export interface ReportIntention {
  code: string | null;
  text: string | null;
  actions: ReportAction[];
}

export interface ReportTheme {
  /** The theme number; null for the organisation chapter. */
  number: number | null;
  title: string;
  text: string;
  intentions: ReportIntention[];
  counts: { total: number; byCategory: { category: number | null; count: number }[] };
}

export type AttentionReason = "delayed" | "at-risk" | "no-update" | "overdue-milestone" | "dependency";

export interface ReportIndicator {
  id: string;
  theme: number;
  name: string;
  unit: string;
  decimals: number;
  region: string | null;
  regionName: string | null;
  baseline: { period: string; value: number; substitute: boolean } | null;
  latest: { period: string; value: number; provisional: boolean } | null;
  /** Latest minus baseline, in the indicator's unit; null without both. */
  change: number | null;
  changePercent: number | null;
  attribution: string;
  series: SeriesModel | null;
}

export const REPORT_STATUSES = [...PROGRESS_STATUSES, "none"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface AnnualReport {
  kind: "annual-report";
  programme: { slug: string; title: string; subtitle: string };
  year: number;
  /** The day the figures are read at: the year's last day, or today while the year runs. */
  asOf: IsoDate;
  generatedOn: IsoDate;
  introduction: string;
  categories: { code: number; label: string; colour: string }[];
  counts: {
    total: number;
    byCategory: { category: number | null; count: number }[];
    byStatus: { status: ReportStatus; count: number }[];
    byTheme: { theme: number | null; title: string; total: number; byCategory: { category: number | null; count: number }[] }[];
  };
  themes: ReportTheme[];
  decisions: {
    id: number;
    decidedOn: string;
    kind: DecisionKind;
    title: string;
    text: string;
    meeting: string | null;
    actions: { number: number; title: string; from: number | null; to: number | null }[];
  }[];
  meetings: { id: number; heldOn: string; title: string }[];
  indicators: ReportIndicator[];
  attention: { number: number; title: string; reasons: AttentionReason[] }[];
}

/** Counts per category in the order of the programme's categories, "none" (null) last; only categories that occur or are defined. */
export function countByCategory(
  categories: readonly { code: number }[],
  values: readonly (number | null)[],
): { category: number | null; count: number }[] {
  const counts = new Map<number | null, number>();
  for (const c of categories) counts.set(c.code, 0);
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([key, n]) => n > 0 || key !== null)
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([category, count]) => ({ category, count }));
}

/** The newest of some updates: by period (latest end, then latest start), then the latest change. */
export function newestUpdate<T extends { period: string; updatedAt: string }>(updates: readonly T[]): T | null {
  let best: T | null = null;
  for (const u of updates) {
    if (!best) {
      best = u;
      continue;
    }
    const a = parsePeriod(u.period);
    const b = parsePeriod(best.period);
    const order = a && b ? comparePeriodsDesc(a, b) : 0;
    if (order < 0 || (order === 0 && u.updatedAt > best.updatedAt)) best = u;
  }
  return best;
}

/** The milestones due in the year, each occurrence of a recurring one apart, with how they turned out by `on`. */
export function milestonesInYear(milestones: readonly Milestone[], year: number, on: IsoDate): ReportMilestone[] {
  const out: ReportMilestone[] = [];
  for (const m of milestones) {
    const occurrences = m.due.precision === "recurring" ? expandOccurrences(m.due, { start: year, end: year }) : [m.due];
    for (const o of occurrences) {
      const due = dueDate(o);
      if (due === null || Number(due.slice(0, 4)) !== year) continue;
      // A recurring milestone counts as done for an occurrence when it was marked done in or after it.
      const doneOn = m.doneOn !== null && (m.due.precision !== "recurring" || m.doneOn >= o.start) ? m.doneOn : null;
      const outcome: MilestoneOutcome = doneOn !== null ? (doneOn <= due ? "met" : "late") : due < on ? "missed" : "open";
      out.push({ label: m.label, dueText: m.due.precision === "recurring" ? `${m.due.text} (${o.text})` : m.due.text, due, doneOn, outcome, movedTo: null });
    }
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** The plan-of-approach status at a day: that of the newest version that existed by then. */
export function planStatusOn(versions: readonly ReportPlanInput[], on: IsoDate): PlanStatus | null {
  const seen = versions.filter((v) => (v.submittedAt ?? v.decidedAt ?? "").slice(0, 10) <= on || v.status === "draft");
  const newest = [...seen].sort((a, b) => b.versionNo - a.versionNo)[0];
  if (!newest) return null;
  // A decision after the day was still awaited on it.
  if ((newest.status === "approved" || newest.status === "returned") && (newest.decidedAt ?? "").slice(0, 10) > on) return "submitted";
  return newest.status;
}

/**
 * The milestones of an action that were due in the year and whose date was changed to another year
 * by the day the report is read at: the last such change of each, unless a milestone of that label
 * is due in the year again.
 */
export function movedOutOf(action: ReportActionInput, moves: readonly MilestoneMove[], year: number, on: IsoDate): ReportMilestone[] {
  const context = { period: { start: year - 10, end: year + 10 }, year };
  const dueIn = (text: string) => {
    const parsed = parseFuzzyDate(text, context);
    const due = parsed && parsed.precision !== "recurring" ? dueDate(parsed) : null;
    return due;
  };
  const stillDue = new Set(milestonesInYear(action.milestones, year, on).map((m) => m.label ?? m.dueText));
  const last = new Map<string, { move: MilestoneMove; due: IsoDate }>();
  for (const move of moves) {
    if (move.action !== action.number || move.at.slice(0, 10) > on) continue;
    const from = dueIn(move.fromText);
    const to = dueIn(move.toText);
    const key = move.label ?? move.fromText;
    if (from !== null && from.slice(0, 4) === String(year) && (to === null || to.slice(0, 4) !== String(year))) last.set(key, { move, due: from });
    else if (to !== null && to.slice(0, 4) === String(year)) last.delete(key);
  }
  return [...last.entries()]
    .filter(([key]) => !stillDue.has(key))
    .map(([, { move, due }]) => ({ label: move.label, dueText: move.fromText, due, doneOn: null, outcome: "moved" as const, movedTo: move.toText }));
}

function indicatorOf(indicator: IndicatorWithMeasurements, language: "nl" | "en"): ReportIndicator {
  const region = headlineRegion(indicator, indicator.measurements) ?? null;
  const base: ReportIndicator = {
    id: indicator.id,
    theme: indicator.theme,
    name: indicator.name,
    unit: indicator.unit,
    decimals: indicator.decimals,
    region,
    regionName: region ? regionName(region, language) : null,
    baseline: null,
    latest: null,
    change: null,
    changePercent: null,
    attribution: indicator.attribution,
    series: null,
  };
  if (!region) return base;
  const series = buildSeries(indicator, indicator.measurements, { view: "values", language, regions: [region] });
  const at = series.baseline.period
    ? indicator.measurements.find((m) => m.region === region && m.period === series.baseline.period && m.value !== null)
    : undefined;
  const latest = latestFigure(indicator.measurements, region);
  const baseline = at && at.value !== null ? { period: at.period, value: at.value, substitute: series.baseline.substitute } : null;
  const last = latest && latest.value !== null ? { period: latest.period, value: latest.value, provisional: latest.status !== "final" } : null;
  const change = baseline && last ? last.value - baseline.value : null;
  return {
    ...base,
    series,
    baseline,
    latest: last,
    change,
    changePercent: change !== null && baseline && baseline.value !== 0 ? Math.round((change / Math.abs(baseline.value)) * 1000) / 10 : null,
  };
}

/** Assembles the annual report of one year. `language` names regions and periods in the charts' data. */
export function assembleAnnualReport(input: AnnualReportInput, language: "nl" | "en" = "nl"): AnnualReport {
  const { year, today } = input;
  const yearEnd = `${year}-12-31`;
  const asOf = yearEnd < today ? yearEnd : today;
  const inYear = (date: string) => date.slice(0, 4) === String(year);

  const updatesOf = new Map<number, ReportUpdateInput[]>();
  for (const u of input.updates) {
    if (!u.period.startsWith(`${year}-`)) continue;
    const list = updatesOf.get(u.action) ?? [];
    list.push(u);
    updatesOf.set(u.action, list);
  }
  const plansOf = new Map<number, ReportPlanInput[]>();
  for (const p of input.plans) plansOf.set(p.action, [...(plansOf.get(p.action) ?? []), p]);

  const latestOf = new Map(input.actions.map((a) => [a.number, newestUpdate(updatesOf.get(a.number) ?? [])]));
  const states = new Map<number, DependencyState>(
    input.actions.map((a) => [a.number, { category: a.category, status: latestOf.get(a.number)?.status ?? null }]),
  );
  const flags = dependencyFlags(states, input.links);

  const reportAction = (a: ReportActionInput): ReportAction => {
    const latest = latestOf.get(a.number) ?? null;
    const changes = chronological(input.categoryChanges.get(a.number) ?? []).filter((c) => inYear(c.decidedOn) && c.decidedOn <= asOf);
    return {
      number: a.number,
      title: a.title,
      leads: a.leads.map((l) => l.name),
      category: a.category,
      changes: changes.map((c) => ({ decidedOn: c.decidedOn, decision: c.decision.title, from: c.from, to: c.to })),
      status: latest?.status ?? null,
      percent: latest?.percent ?? null,
      period: latest?.period ?? null,
      narrative: latest && latest.narrativePublic && latest.narrative.trim() !== "" ? latest.narrative : null,
      milestones: [...milestonesInYear(a.milestones, year, asOf), ...movedOutOf(a, input.milestoneMoves ?? [], year, asOf)].sort((x, y) =>
        x.due < y.due ? -1 : x.due > y.due ? 1 : 0,
      ),
      plan: planStatusOn(plansOf.get(a.number) ?? [], asOf),
      risks: flags.get(a.number) ?? [],
    };
  };

  const all = input.actions.map(reportAction);
  const byNumber = new Map(all.map((a) => [a.number, a]));
  const sections: ReportTheme[] = [];
  const themed = (key: number | null) => input.actions.filter((a) => (a.theme?.number ?? null) === key);
  const counts = (list: readonly ReportActionInput[]) => ({
    total: list.length,
    byCategory: countByCategory(input.programme.categories, list.map((a) => a.category)),
  });
  for (const theme of input.programme.themes) {
    const own = themed(theme.number);
    const intentions: ReportIntention[] = theme.intentions.map((i) => ({
      code: i.code,
      text: i.text,
      actions: own.filter((a) => a.intention?.code === i.code).map((a) => byNumber.get(a.number)!),
    }));
    const loose = own.filter((a) => !a.intention || !theme.intentions.some((i) => i.code === a.intention!.code));
    if (loose.length > 0) intentions.push({ code: null, text: null, actions: loose.map((a) => byNumber.get(a.number)!) });
    sections.push({
      number: theme.number,
      title: theme.title,
      text: input.texts.themes[String(theme.number)] ?? "",
      intentions: intentions.filter((i) => i.actions.length > 0),
      counts: counts(own),
    });
  }
  const chapter = themed(null);
  if (chapter.length > 0) {
    const groups = [...new Set(chapter.map((a) => a.group))];
    sections.push({
      number: null,
      title: input.programme.organisationChapter?.title ?? "",
      text: input.texts.themes.chapter ?? "",
      intentions: groups.map((g) => ({ code: null, text: g, actions: chapter.filter((a) => a.group === g).map((a) => byNumber.get(a.number)!) })),
      counts: counts(chapter),
    });
  }

  const statusCounts = new Map<ReportStatus, number>(REPORT_STATUSES.map((s) => [s, 0]));
  for (const a of all) statusCounts.set(a.status ?? "none", statusCounts.get(a.status ?? "none")! + 1);

  const asked = input.roundPeriods.some((p) => p.startsWith(`${year}-`));
  const attention = all.flatMap((a) => {
    if (a.category === DROPPED_CATEGORY || a.status === "done" || a.status === "stopped") return [];
    const reasons: AttentionReason[] = [];
    if (a.status === "delayed") reasons.push("delayed");
    if (a.status === "at-risk") reasons.push("at-risk");
    if (asked && a.status === null) reasons.push("no-update");
    if (a.milestones.some((m) => m.outcome === "missed")) reasons.push("overdue-milestone");
    if (a.risks.length > 0) reasons.push("dependency");
    return reasons.length > 0 ? [{ number: a.number, title: a.title, reasons }] : [];
  });

  return {
    kind: "annual-report",
    programme: { slug: input.programme.slug, title: input.programme.title, subtitle: input.programme.subtitle },
    year,
    asOf,
    generatedOn: today,
    introduction: input.texts.introduction,
    categories: input.programme.categories.map((c) => ({ code: c.code, label: c.label, colour: c.colour })),
    counts: {
      total: all.length,
      byCategory: countByCategory(input.programme.categories, all.map((a) => a.category)),
      byStatus: REPORT_STATUSES.map((status) => ({ status, count: statusCounts.get(status)! })),
      byTheme: sections.map((s) => ({ theme: s.number, title: s.title, ...s.counts })),
    },
    themes: sections,
    decisions: input.decisions
      .filter((d) => d.status === "taken" && inYear(d.decidedOn) && d.decidedOn <= asOf)
      .sort((a, b) => (a.decidedOn === b.decidedOn ? a.id - b.id : a.decidedOn < b.decidedOn ? -1 : 1))
      .map((d) => ({ id: d.id, decidedOn: d.decidedOn, kind: d.kind, title: d.title, text: d.text, meeting: d.meeting?.title ?? null, actions: d.actions })),
    meetings: input.meetings
      .filter((m) => inYear(m.heldOn) && m.heldOn <= asOf)
      .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.id - b.id))
      .map((m) => ({ id: m.id, heldOn: m.heldOn, title: m.title })),
    indicators: input.indicators
      .filter((i) => input.programme.themes.some((t) => t.number === i.theme))
      .sort((a, b) => a.theme - b.theme || a.position - b.position)
      .map((i) => indicatorOf(i, language)),
    attention,
  };
}
