import type { ProgrammeRole } from "../auth/roles";

/**
 * The work area ("Mijn werk"): one pure function from what the read models found to the lists a
 * person sees for one programme, chosen by the roles they hold there. The programme manager keeps
 * the programme true, the steering group decides, an action contact answers for their actions.
 */

/** Category the steering group gives to actions still to be explored (no owner or budget yet). */
export const EXPLORE_CATEGORY = 3;
/** Category of actions the steering group dropped: nothing is asked of them any more. */
const DROPPED_CATEGORY = 4;

export interface ActionRef {
  number: number;
  title: string;
}

export interface WorkInput {
  roles: ReadonlySet<ProgrammeRole | "admin">;
  today: string;
  submittedPlans: readonly (ActionRef & { versionNo: number; submittedAt: string | null })[];
  openRounds: readonly { id: number; period: string; dueOn: string; closesOn: string; missing: readonly { number: number; contact: string }[] }[];
  actions: readonly (ActionRef & { category: number | null; contacts: number; leads: number; leadUnknown: boolean })[];
  /** Open actions with milestones past their date, from the dashboard's roll-up. */
  overdue: readonly (ActionRef & { milestones: readonly { label: string | null; dueText: string }[] })[];
  plannedDecisions: readonly { id: number; decidedOn: string; title: string }[];
  meetings: readonly { id: number; heldOn: string; title: string }[];
  troubleReports: readonly (ActionRef & { status: string; period: string; narrative: string; reportedAt: string })[];
  myActions: readonly (ActionRef & { planStatus: string | null; request: { period: string; dueOn: string; closesOn: string } | null })[];
}

/** What is asked of a contact about one action. */
export type Ask =
  | { kind: "write-plan" }
  | { kind: "finish-plan" }
  | { kind: "revise-plan" }
  | { kind: "update"; period: string; dueOn: string; late: boolean };

export interface WorkList {
  /** Which of the lists below apply to this person (a list may be empty: "nothing waiting"). */
  manager: {
    submittedPlans: WorkInput["submittedPlans"];
    openRounds: WorkInput["openRounds"];
    withoutContact: ActionRef[];
    withoutLead: ActionRef[];
    exploreWithoutOwner: ActionRef[];
    overdue: WorkInput["overdue"];
    plannedDecisions: (WorkInput["plannedDecisions"][number] & { late: boolean })[];
    troubleReports: WorkInput["troubleReports"];
  } | null;
  steering: {
    plansToDecide: WorkInput["submittedPlans"];
    plannedDecisions: (WorkInput["plannedDecisions"][number] & { late: boolean })[];
    nextMeeting: WorkInput["meetings"][number] | null;
  } | null;
  contact: {
    actions: (ActionRef & { asks: Ask[] })[];
  } | null;
}

/** What a contact is asked about an action: a plan to write, finish or revise, an update due. */
export function asksFor(action: WorkInput["myActions"][number], today: string): Ask[] {
  const asks: Ask[] = [];
  if (action.planStatus === null) asks.push({ kind: "write-plan" });
  else if (action.planStatus === "draft") asks.push({ kind: "finish-plan" });
  else if (action.planStatus === "returned") asks.push({ kind: "revise-plan" });
  if (action.request)
    asks.push({ kind: "update", period: action.request.period, dueOn: action.request.dueOn, late: action.request.dueOn < today });
  return asks;
}

export function composeWorkList(input: WorkInput): WorkList {
  const has = (role: ProgrammeRole) => input.roles.has("admin") || input.roles.has(role);
  const planned = [...input.plannedDecisions]
    .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.id - b.id)
    .map((d) => ({ ...d, late: d.decidedOn < input.today }));
  const live = input.actions.filter((a) => a.category !== DROPPED_CATEGORY);
  const ref = (a: ActionRef): ActionRef => ({ number: a.number, title: a.title });
  const withoutOwner = (a: WorkInput["actions"][number]) => a.leadUnknown || a.leads === 0;

  const manager = has("programme-manager")
    ? {
        submittedPlans: input.submittedPlans,
        openRounds: input.openRounds,
        withoutContact: live.filter((a) => a.contacts === 0).map(ref),
        withoutLead: live.filter(withoutOwner).map(ref),
        exploreWithoutOwner: live.filter((a) => a.category === EXPLORE_CATEGORY && withoutOwner(a)).map(ref),
        overdue: input.overdue,
        plannedDecisions: planned,
        troubleReports: input.troubleReports,
      }
    : null;

  // Administrators see the manager's lists, which hold everything the steering group's do.
  const steering = input.roles.has("steering-group")
    ? {
        plansToDecide: input.submittedPlans,
        plannedDecisions: planned,
        nextMeeting:
          [...input.meetings].filter((m) => m.heldOn >= input.today).sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.id - b.id)[0] ??
          null,
      }
    : null;

  const contact =
    input.myActions.length > 0 || input.roles.has("action-contact")
      ? { actions: input.myActions.map((a) => ({ ...ref(a), asks: asksFor(a, input.today) })) }
      : null;

  return { manager, steering, contact };
}
