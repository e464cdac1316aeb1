import type { DecisionKind, DecisionStatus } from "../decisions/types";
import type { PlanStatus } from "../plans/plan-lifecycle";
import { DROPPED_CATEGORY } from "../progress/dependencies";
import { dueDate, type IsoDate } from "../progress/fuzzy-date";
import type { Milestone } from "../progress/planning-milestones";
import type { ProgressStatus } from "../progress/progress-input";
import { newestUpdate } from "./annual-report";

/**
 * The steering group's meeting pack: the agenda, what is up for decision, what changed since the
 * previous meeting and which actions need attention, assembled from read inputs for one meeting.
 * Once the meeting has been held, the decisions recorded against it are part of the pack.
 */

export interface MeetingPackInput {
  programme: { slug: string; title: string; subtitle: string; categories: { code: number; label: string }[] };
  meeting: { id: number; heldOn: IsoDate; title: string; agenda: string };
  /** The day of the meeting before this one; null for the first. */
  previousOn: IsoDate | null;
  today: IsoDate;
  actions: readonly { number: number; title: string; category: number | null; milestones: readonly Milestone[] }[];
  decisions: readonly {
    id: number;
    decidedOn: IsoDate;
    kind: DecisionKind;
    status: DecisionStatus;
    title: string;
    meeting: { id: number } | null;
    actions: readonly { number: number; from: number | null; to: number | null }[];
  }[];
  updates: readonly { action: number; period: string; status: ProgressStatus; updatedAt: string }[];
  plans: readonly { action: number; versionNo: number; status: PlanStatus; submittedAt: string | null }[];
  /** Years whose annual programme is proposed for adoption. */
  proposedProgrammes: readonly number[];
}

export interface MeetingPack {
  kind: "meeting-pack";
  programme: { slug: string; title: string; subtitle: string };
  meeting: { id: number; heldOn: IsoDate; title: string };
  previousOn: IsoDate | null;
  generatedOn: IsoDate;
  agenda: string[];
  toDecide: {
    /** Actions of planned category decisions: their category now, and the one proposed when the decision names it. */
    categoryChanges: { decision: string; number: number; title: string; from: number | null; to: number | null }[];
    plans: { number: number; title: string; versionNo: number; submittedOn: IsoDate | null }[];
    annualProgrammes: number[];
  };
  changes: {
    updates: { number: number; title: string; period: string; status: ProgressStatus; on: IsoDate }[];
    statusChanges: { number: number; title: string; from: ProgressStatus; to: ProgressStatus }[];
    milestonesMet: { number: number; title: string; label: string; doneOn: IsoDate }[];
    milestonesMissed: { number: number; title: string; label: string; due: IsoDate }[];
    decisions: { id: number; decidedOn: IsoDate; title: string }[];
  };
  attention: { number: number; title: string; reasons: ("delayed" | "at-risk" | "overdue-milestone")[] }[];
  /** Decisions taken at this meeting, as recorded against it; planned ones are among those to take. */
  taken: { id: number; decidedOn: IsoDate; title: string; status: DecisionStatus }[];
}

export function assembleMeetingPack(input: MeetingPackInput): MeetingPack {
  const { meeting, previousOn } = input;
  const since = (day: string) => (previousOn === null || day > previousOn) && day <= meeting.heldOn;
  const titleOf = new Map(input.actions.map((a) => [a.number, a.title]));
  const title = (n: number) => titleOf.get(n) ?? "";

  // Up for decision: what is planned (for this meeting or none in particular) and not yet taken.
  const planned = input.decisions.filter((d) => d.status === "planned" && (d.meeting === null || d.meeting.id === meeting.id));
  const categoryChanges = planned
    .filter((d) => d.kind === "categories")
    .flatMap((d) => d.actions.map((a) => ({ decision: d.title, number: a.number, title: title(a.number), from: a.from, to: a.to })));
  const newestPlan = new Map<number, MeetingPackInput["plans"][number]>();
  for (const p of input.plans) if ((newestPlan.get(p.action)?.versionNo ?? 0) < p.versionNo) newestPlan.set(p.action, p);
  const plans = [...newestPlan.values()]
    .filter((p) => p.status === "submitted")
    .sort((a, b) => a.action - b.action)
    .map((p) => ({ number: p.action, title: title(p.action), versionNo: p.versionNo, submittedOn: p.submittedAt?.slice(0, 10) ?? null }));

  const recent = input.updates.filter((u) => since(u.updatedAt.slice(0, 10)));
  const updates = [...recent]
    .sort((a, b) => a.action - b.action || (a.updatedAt < b.updatedAt ? -1 : 1))
    .map((u) => ({ number: u.action, title: title(u.action), period: u.period, status: u.status, on: u.updatedAt.slice(0, 10) }));
  const statusChanges: MeetingPack["changes"]["statusChanges"] = [];
  for (const a of input.actions) {
    const own = input.updates.filter((u) => u.action === a.number);
    const before = newestUpdate(own.filter((u) => previousOn !== null && u.updatedAt.slice(0, 10) <= previousOn));
    const now = newestUpdate(own.filter((u) => u.updatedAt.slice(0, 10) <= meeting.heldOn));
    if (before && now && before.status !== now.status) statusChanges.push({ number: a.number, title: a.title, from: before.status, to: now.status });
  }
  const milestonesMet: MeetingPack["changes"]["milestonesMet"] = [];
  const milestonesMissed: MeetingPack["changes"]["milestonesMissed"] = [];
  const overdue = new Set<number>();
  for (const a of input.actions) {
    for (const m of a.milestones) {
      if (m.due.precision === "recurring") continue;
      const due = dueDate(m.due);
      const label = m.label ?? m.due.text;
      if (m.doneOn !== null && since(m.doneOn)) milestonesMet.push({ number: a.number, title: a.title, label, doneOn: m.doneOn });
      if (due !== null && m.doneOn === null && due < meeting.heldOn) {
        if (since(due)) milestonesMissed.push({ number: a.number, title: a.title, label, due });
        overdue.add(a.number);
      }
    }
  }
  const latest = new Map(input.actions.map((a) => [a.number, newestUpdate(input.updates.filter((u) => u.action === a.number && u.updatedAt.slice(0, 10) <= meeting.heldOn))]));
  const attention = input.actions.flatMap((a) => {
    if (a.category === DROPPED_CATEGORY) return [];
    const status = latest.get(a.number)?.status ?? null;
    const reasons: MeetingPack["attention"][number]["reasons"] = [];
    if (status === "delayed") reasons.push("delayed");
    if (status === "at-risk") reasons.push("at-risk");
    if (overdue.has(a.number) && status !== "done" && status !== "stopped") reasons.push("overdue-milestone");
    return reasons.length > 0 ? [{ number: a.number, title: a.title, reasons }] : [];
  });
  const byDay = <T extends { decidedOn: string; id: number }>(a: T, b: T) => (a.decidedOn === b.decidedOn ? a.id - b.id : a.decidedOn < b.decidedOn ? -1 : 1);
  return {
    kind: "meeting-pack",
    programme: { slug: input.programme.slug, title: input.programme.title, subtitle: input.programme.subtitle },
    meeting: { id: meeting.id, heldOn: meeting.heldOn, title: meeting.title },
    previousOn,
    generatedOn: input.today,
    agenda: meeting.agenda.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ""),
    toDecide: { categoryChanges, plans, annualProgrammes: [...input.proposedProgrammes].sort((a, b) => a - b) },
    changes: {
      updates,
      statusChanges,
      milestonesMet: milestonesMet.sort((a, b) => (a.doneOn < b.doneOn ? -1 : a.doneOn > b.doneOn ? 1 : a.number - b.number)),
      milestonesMissed: milestonesMissed.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.number - b.number)),
      decisions: input.decisions
        .filter((d) => d.status === "taken" && since(d.decidedOn))
        .sort(byDay)
        .map((d) => ({ id: d.id, decidedOn: d.decidedOn, title: d.title })),
    },
    attention,
    taken: input.decisions
      .filter((d) => d.status === "taken" && d.meeting?.id === meeting.id)
      .sort(byDay)
      .map((d) => ({ id: d.id, decidedOn: d.decidedOn, title: d.title, status: d.status })),
  };
}
