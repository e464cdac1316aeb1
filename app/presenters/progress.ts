import type { LatestProgressBody, MilestoneBody, ProgressHistoryBody, ProgressUpdateBody } from "../api/progress/schema";
import { toApiMilestone } from "../domain/progress/planning-milestones";
import type { LatestProgress, MilestoneRecord, ProgressRecord } from "../domain/progress/types";

/** The open-data shapes of milestones and progress: no names, no internal ids, narratives only when public. */

export function presentMilestone(m: MilestoneRecord): MilestoneBody {
  return toApiMilestone(m);
}

export function presentLatestProgress(p: LatestProgress | null | undefined): LatestProgressBody | null {
  return p ? { status: p.status, percent: p.percent, period: p.period, updatedAt: p.updatedAt } : null;
}

/** One update in an action's progress history; the narrative is null when its author kept it internal. */
export function presentProgressUpdate(u: ProgressRecord, milestones: readonly MilestoneRecord[]): ProgressUpdateBody {
  return {
    period: u.period,
    status: u.status,
    percent: u.percent,
    narrative: u.narrativePublic ? u.narrative : null,
    milestonesReached: u.milestonesReached.flatMap((id) => {
      const m = milestones.find((x) => x.id === id);
      return m ? [presentMilestone(m)] : [];
    }),
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

export function presentProgressHistory(
  action: number,
  updates: readonly ProgressRecord[],
  milestones: readonly MilestoneRecord[],
): ProgressHistoryBody {
  return { action, data: updates.map((u) => presentProgressUpdate(u, milestones)) };
}
