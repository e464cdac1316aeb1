import { type AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";
import { calendarDate } from "../../domain/calendar";
import { milestoneView, type MilestoneView } from "../../domain/progress/milestone-view";
import type { MilestoneRecord, ProgressRecord } from "../../domain/progress/types";
import type { Action, Programme } from "../../domain/programmes/types";

/** Today's date in Amsterdam, by the services' clock. */
export const todayOf = (context: AppLoadContext): string => calendarDate(context.services.clock.now());

/** One progress update as a page shows it: the narrative when public (or to members, marked internal), the author to members only. */
export interface UpdateView {
  period: string;
  status: ProgressRecord["status"];
  percent: number | null;
  narrative: string | null;
  internal: boolean;
  author: string | null;
  updatedAt: string;
  reached: string[];
}

export function updateView(
  u: ProgressRecord,
  members: boolean,
  milestones: readonly MilestoneRecord[],
): UpdateView {
  return {
    period: u.period,
    status: u.status,
    percent: u.percent,
    narrative: u.narrativePublic || members ? u.narrative : null,
    internal: !u.narrativePublic,
    author: members ? u.author : null,
    updatedAt: u.updatedAt,
    reached: u.milestonesReached.flatMap((id) => {
      const m = milestones.find((x) => x.id === id);
      return m ? [m.label ?? m.due.text] : [];
    }),
  };
}

export interface ActionProgressView {
  /** The programme's language, for the document's own words. */
  language: string;
  /** Just saved (redirect-after-POST from the update form). */
  saved: boolean;
  milestones: MilestoneView[];
  latest: UpdateView | null;
  history: UpdateView[];
  links: { report: string | null; milestones: string | null; rounds: string | null };
}

/**
 * The action page's progress section: milestones and the newest update are public; narratives
 * only where public (members see the others, marked); names only to members.
 */
export async function loadActionProgress(
  context: AppLoadContext,
  programme: Programme,
  action: Action,
  request?: Request,
): Promise<ActionProgressView> {
  const target = { programmeId: programme.id, actionId: action.id };
  const p = context.principal;
  const members = can(p, "progress.readInternal", target);
  const today = todayOf(context);
  const milestones =
    action.milestones ?? (await context.services.milestones.listForAction(action.id));
  const updates = await context.services.progressUpdates.historyForAction(action.id);
  const views = updates.map((u) => updateView(u, members, milestones));
  const base = `/programmes/${programme.slug}`;
  return {
    language: programme.language,
    saved: request ? new URL(request.url).searchParams.get("progress") === "saved" : false,
    milestones: milestones.map((m) => milestoneView(m, today)),
    latest: views[0] ?? null,
    history: views.slice(1),
    links: {
      report: can(p, "progress.submit", target) ? `${base}/actions/${action.number}/progress/new` : null,
      milestones: can(p, "milestones.edit", target) ? `${base}/actions/${action.number}/milestones` : null,
      rounds: can(p, "rounds.manage", target) ? `${base}/rounds` : null,
    },
  };
}

/** What an update form starts from: the update for the period (if any), and the milestones it may tick (open ones, and those this update reached). */
export async function loadProgressForm(context: AppLoadContext, actionId: number, period: string) {
  const [current, milestones] = await Promise.all([
    context.services.progressUpdates.currentFor(actionId, period),
    context.services.milestones.listForAction(actionId),
  ]);
  const today = todayOf(context);
  const reached = new Set(current?.milestonesReached ?? []);
  return {
    current: current ?? null,
    milestones: milestones
      .filter((m) => m.doneOn === null || reached.has(m.id))
      .map((m) => milestoneView(m, today)),
    values: formValues(current ?? null),
    version: current ? String(current.version) : "",
  };
}

/** The form's fields from a stored update (or empty, narrative public by default). */
export function formValues(current: ProgressRecord | null) {
  return {
    status: current?.status ?? "",
    percent: current?.percent === null || current?.percent === undefined ? "" : String(current.percent),
    narrative: current?.narrative ?? "",
    narrativePublic: current ? current.narrativePublic : true,
    milestones: (current?.milestonesReached ?? []).map(String),
  };
}

/** The raw values of a posted update form, to show again with its errors. */
export function postedValues(fields: Record<string, string>, milestones: string[]) {
  return {
    status: fields.status ?? "",
    percent: fields.percent ?? "",
    narrative: fields.narrative ?? "",
    narrativePublic: fields.narrativePublicShown === "1" ? fields.narrativePublic === "1" : true,
    milestones,
  };
}
