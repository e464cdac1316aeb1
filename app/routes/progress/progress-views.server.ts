import type { AppLoadContext } from "react-router";
import {
  blockReason,
  dependencyFlags,
  isDependencyType,
  neighbourhood,
  type BlockReason,
  type ProgressStatus,
  type RiskFlag,
} from "../../domain/progress/dependencies";
import { rollUp, type DashboardStatus, type Rollup } from "../../domain/progress/rollup";
import type { ReportingPeriod } from "../../db/progress.read-model";
import type { Programme } from "../../domain/programmes/types";
import type { LinkType } from "../../domain/programmes/programme-document";
import { readRiskFlags } from "../../domain/progress/risk-flags";
import { today } from "../shared/as-of.server";
import type { StatusCounts } from "../../components/progress/status-summary";

/**
 * What the dashboard, the timeline, the dependency graphs and the risk flags on the action pages
 * read, assembled from the progress read model and the domain rules. Results are cached per
 * database change stamp (app/db/read-cache.ts), so they are never older than the data.
 */

/** Risk flags of a programme's actions, by number, for a page's loader. */
export function loadRiskFlags(
  context: AppLoadContext,
  programmeId: number,
): Promise<Map<number, RiskFlag[]>> {
  return readRiskFlags(context.services.progressViews, programmeId, context);
}

/** The flags as plain data for loaders (JSON), by action number. */
export function flagsFor(flags: Map<number, RiskFlag[]>, number: number): RiskFlag[] {
  return flags.get(number) ?? [];
}

export async function loadReportingPeriod(
  context: AppLoadContext,
  programmeId: number,
): Promise<ReportingPeriod> {
  const read = context.services.progressViews;
  return read.cache.get(`period:${programmeId}`, () => read.reportingPeriod(programmeId), context);
}

/** Everything the dashboard counts, rolled up for today. */
export async function loadRollup(
  context: AppLoadContext,
  programme: Programme,
): Promise<{ period: ReportingPeriod; rollup: Rollup; today: string }> {
  const read = context.services.progressViews;
  const day = today(context);
  const period = await loadReportingPeriod(context, programme.id);
  const rollup = await read.cache.get(
    `rollup:${programme.id}:${day}`,
    async () => {
      const [rows, leads, links, milestones, asked] = await Promise.all([
        read.actionRows(programme.id, period.period),
        read.leads(programme.id),
        read.dependencyLinks(programme.id),
        read.milestones(programme.id),
        period.round ? read.askedInRound(period.round.id) : Promise.resolve(undefined),
      ]);
      const byAction = new Map<number, typeof milestones>();
      for (const m of milestones) byAction.set(m.actionId, [...(byAction.get(m.actionId) ?? []), m]);
      return rollUp({
        actions: rows.map((r) => ({
          number: r.number,
          title: r.title,
          theme: r.theme,
          category: r.category,
          leads: leads.get(r.id) ?? [],
          periodStatus: r.periodStatus,
          latest: r.latest,
          milestones: byAction.get(r.id) ?? [],
        })),
        links,
        period: period.period,
        round: period.round !== null,
        asked: asked ? new Set(asked) : undefined,
        today: day,
      });
    },
    context,
  );
  return { period, rollup, today: day };
}

export interface GraphData {
  nodes: {
    number: number;
    title: string;
    theme: number | null;
    status: ProgressStatus | null;
    blocking: BlockReason | null;
    flags: RiskFlag[];
  }[];
  edges: { source: number; target: number; type: LinkType }[];
}

/** The programme's graph: every action that takes part in a link between actions, with its state. */
export async function loadDependencyGraph(context: AppLoadContext, programmeId: number): Promise<GraphData> {
  const read = context.services.progressViews;
  return read.cache.get(
    `graph:${programmeId}`,
    async () => {
      const edges = await read.allActionLinks(programmeId);
      const numbers = [...new Set(edges.flatMap((e) => [e.source, e.target]))];
      const rows = await read.actionRows(programmeId, null, { numbers });
      const states = new Map(
        rows.map((r) => [r.number, { category: r.category, status: r.latest?.status ?? null }]),
      );
      const flags = dependencyFlags(
        states,
        edges.flatMap((e) =>
          isDependencyType(e.type) ? [{ source: e.source, target: e.target, type: e.type }] : [],
        ),
      );
      return {
        nodes: rows.map((r) => ({
          number: r.number,
          title: r.title,
          theme: r.theme,
          status: r.latest?.status ?? null,
          blocking: blockReason(states.get(r.number)),
          flags: flags.get(r.number) ?? [],
        })),
        edges,
      };
    },
    context,
  );
}

/**
 * An action's place in the dependencies: its own risk flags, and its neighbourhood (everything up
 * and down its dependency chains, and the actions it is directly related to); null graph when the
 * action has no links to other actions.
 */
export async function loadActionDependencies(
  context: AppLoadContext,
  programme: Programme,
  number: number,
): Promise<{
  programmeSlug: string;
  language: string;
  number: number;
  flags: RiskFlag[];
  graph: GraphData | null;
}> {
  const graph = await loadDependencyGraph(context, programme.id);
  const self = graph.nodes.find((n) => n.number === number);
  if (!self)
    return { programmeSlug: programme.slug, language: programme.language, number, flags: [], graph: null };
  const chains = graph.edges.filter((e) => isDependencyType(e.type));
  const members = neighbourhood(number, chains);
  for (const e of graph.edges) {
    if (e.type !== "related") continue;
    if (e.source === number) members.add(e.target);
    if (e.target === number) members.add(e.source);
  }
  const edges = graph.edges.filter(
    (e) =>
      members.has(e.source) &&
      members.has(e.target) &&
      (e.type !== "related" || e.source === number || e.target === number),
  );
  return {
    programmeSlug: programme.slug,
    language: programme.language,
    number,
    flags: self.flags,
    graph: { nodes: graph.nodes.filter((n) => members.has(n.number)), edges },
  };
}

export type ActionDependencies = Awaited<ReturnType<typeof loadActionDependencies>>;


/** The dashboard's status counts for the whole programme and per theme (key: theme number, "chapter" for the organisation chapter). */
export async function loadStatusCounts(
  context: AppLoadContext,
  programme: Programme,
): Promise<{ total: StatusCounts; byTheme: Record<string, StatusCounts> }> {
  const { rollup } = await loadRollup(context, programme);
  const plain = (r: { counts: Record<DashboardStatus, number>; total: number }): StatusCounts => ({ counts: { ...r.counts }, total: r.total });
  return {
    total: plain(rollup.total),
    byTheme: Object.fromEntries(rollup.byTheme.map((r) => [r.key === "chapter" ? "chapter" : r.key.slice("theme:".length), plain(r)])),
  };
}
