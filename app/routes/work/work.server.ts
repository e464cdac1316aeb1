import type { AppLoadContext } from "react-router";
import { can } from "../../domain/auth/permissions";
import { isProgrammeRole, type ProgrammeRole } from "../../domain/auth/roles";
import { composeWorkList, type WorkInput } from "../../domain/work/work-list";
import { today } from "../shared/as-of.server";
import { loadRollup } from "../progress/progress-views.server";

/** Reports of trouble the programme manager sees; older ones are on the action pages. */
const TROUBLE_SHOWN = 10;

/**
 * Everything the work area shows for the signed-in person: per programme they hold a role in (every
 * programme for an administrator), the lists of `composeWorkList`, read through the read models and
 * repositories. Only what each role may read is read at all.
 */
export async function loadWorkArea(context: AppLoadContext) {
  const principal = context.principal;
  const user = principal.user!;
  const day = today(context);
  const services = context.services;
  const [summaries, mine] = await Promise.all([services.programmes.list(), services.workItems.myActions(user.id)]);
  const programmes = [];
  for (const summary of summaries) {
    const programme = await services.programmes.get(summary.slug);
    if (!programme) continue;
    const roles = new Set<ProgrammeRole | "admin">(principal.roles.get(programme.id) ?? []);
    if (user.isAdmin) roles.add("admin");
    const myActions = mine.filter((a) => a.programmeSlug === programme.slug);
    if (roles.size === 0 && myActions.length === 0) continue;
    const target = { programmeId: programme.id };
    const manages = roles.has("admin") || roles.has("programme-manager");
    const steers = roles.has("steering-group");
    const readsContacts = can(principal, "contacts.read", target);

    const [submittedPlans, rounds, actions, decisions, meetings, troubleReports, rollup] = await Promise.all([
      manages || steers ? services.workItems.submittedPlans(programme.id) : [],
      manages ? services.workItems.openRounds(programme.id) : [],
      manages ? services.workItems.actionGaps(programme.id) : [],
      manages || steers ? services.decisions.list(programme.id, { status: "planned" }).then((r) => r.data) : [],
      steers ? services.decisions.meetings(programme.id) : [],
      manages ? services.workItems.troubleReports(programme.id, TROUBLE_SHOWN) : [],
      manages ? loadRollup(context, programme).then((r) => r.rollup) : null,
    ]);
    const openRounds: WorkInput["openRounds"] = await Promise.all(
      rounds.map(async (r) => ({
        ...r,
        missing: readsContacts ? await services.progressViews.unansweredRequests(r.id) : [],
      })),
    );
    const overdue = (rollup?.attention ?? []).flatMap((item) => {
      const reason = item.reasons.find((x) => x.kind === "overdue");
      return reason ? [{ number: item.number, title: item.title, milestones: reason.milestones }] : [];
    });
    const list = composeWorkList({
      roles,
      today: day,
      submittedPlans,
      openRounds,
      actions,
      overdue,
      plannedDecisions: decisions.map((d) => ({ id: d.id, decidedOn: d.decidedOn, title: d.title })),
      meetings: meetings.map((m) => ({ id: m.id, heldOn: m.heldOn, title: m.title })),
      troubleReports,
      myActions,
    });
    programmes.push({
      slug: programme.slug,
      title: programme.title,
      language: programme.language,
      roles: [...roles].filter((r) => r === "admin" || isProgrammeRole(r)),
      list,
    });
  }
  return { name: user.name, today: day, programmes };
}

export type WorkArea = Awaited<ReturnType<typeof loadWorkArea>>;
