/**
 * The life of an action's plan of approach, free of storage and pages.
 *
 * An action has no plan, or a list of numbered versions. The newest version is the only one that
 * can change:
 *
 *   (none) --write--> draft --write--> draft
 *   draft --submit--> submitted          (the draft is read-only from now on)
 *   submitted --approve--> approved      (note optional)
 *   submitted --return--> returned       (note required)
 *   approved | returned --write--> a NEW draft version (version number + 1); earlier versions stay as they are
 *
 * So at most one version is open (draft or submitted) at a time. Who may use a command is the
 * permission table's business (plan.write, plan.decide), not this module's.
 */

export const PLAN_STATUSES = ["draft", "submitted", "approved", "returned"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export function isPlanStatus(value: unknown): value is PlanStatus {
  return (PLAN_STATUSES as readonly unknown[]).includes(value);
}

/** Open versions can still move: a draft is edited, a submitted one waits for a decision. */
export function isOpen(status: PlanStatus): boolean {
  return status === "draft" || status === "submitted";
}

export type PlanCommand = "write" | "submit" | "approve" | "return";

/** What the newest version of an action's plan is, or null when there is none. */
export interface PlanHead {
  versionNo: number;
  status: PlanStatus;
}

/** Why a command is refused, as a message key under `plans.`. */
export type PlanRefusal =
  /** submit, approve or return without any plan */
  | "noPlan"
  /** write on a submitted version: it waits for a decision and cannot change */
  | "submittedReadOnly"
  /** submit when there is no draft (the newest version is submitted, approved or returned) */
  | "notDraft"
  /** approve or return when nothing is submitted */
  | "notSubmitted"
  /** return without a note */
  | "noteRequired";

export type PlanTransition =
  | { ok: true; effect: "create-version"; versionNo: number; status: "draft" }
  | { ok: true; effect: "update-draft"; versionNo: number; status: "draft" }
  | { ok: true; effect: "set-status"; versionNo: number; from: PlanStatus; status: PlanStatus }
  | { ok: false; reason: PlanRefusal };

/**
 * What a command does to an action's plan, given its newest version (null: no plan yet). `note` is
 * the decision's note; it must hold text for "return".
 */
export function transition(head: PlanHead | null, command: PlanCommand, note: string | null = null): PlanTransition {
  switch (command) {
    case "write":
      if (head === null) return { ok: true, effect: "create-version", versionNo: 1, status: "draft" };
      if (head.status === "draft") return { ok: true, effect: "update-draft", versionNo: head.versionNo, status: "draft" };
      if (head.status === "submitted") return { ok: false, reason: "submittedReadOnly" };
      return { ok: true, effect: "create-version", versionNo: head.versionNo + 1, status: "draft" };
    case "submit":
      if (head === null) return { ok: false, reason: "noPlan" };
      if (head.status !== "draft") return { ok: false, reason: "notDraft" };
      return { ok: true, effect: "set-status", versionNo: head.versionNo, from: "draft", status: "submitted" };
    case "approve":
    case "return":
      if (head === null) return { ok: false, reason: "noPlan" };
      if (head.status !== "submitted") return { ok: false, reason: "notSubmitted" };
      if (command === "return" && !(note ?? "").trim()) return { ok: false, reason: "noteRequired" };
      return { ok: true, effect: "set-status", versionNo: head.versionNo, from: "submitted", status: command === "approve" ? "approved" : "returned" };
  }
}

/** The commands that would be accepted now (notes aside), for showing buttons. */
export function availableCommands(head: PlanHead | null): PlanCommand[] {
  return (["write", "submit", "approve", "return"] as const).filter((c) => transition(head, c, "x").ok);
}
