import { data, type AppLoadContext } from "react-router";
import type { DecisionFormValues } from "../../domain/decisions/decision-input";
import type { MeetingFormValues } from "../../domain/decisions/meeting-input";
import type { Decision, Meeting } from "../../domain/decisions/types";
import { translator } from "../../lib/i18n/catalogue.server";
import { isRecordId } from "../../domain/primitives";
import { requirePermission } from "../../lib/auth/guards.server";
import { requireProgramme } from "../shared/page-data.server";


/** The decision named in the URL, or a 404 page. */
export async function requireDecision(
  context: AppLoadContext,
  programmeId: number,
  raw: string | undefined,
): Promise<Decision> {
  const decision =
    raw && isRecordId(raw) ? await context.services.decisions.get(programmeId, Number(raw)) : undefined;
  if (!decision) throw data(translator(context.language)("decisions.decisionNotFound"), { status: 404 });
  return decision;
}

/** The meeting named in the URL, or a 404 page. */
export async function requireMeeting(
  context: AppLoadContext,
  programmeId: number,
  raw: string | undefined,
): Promise<Meeting> {
  const meeting =
    raw && isRecordId(raw) ? await context.services.decisions.meeting(programmeId, Number(raw)) : undefined;
  if (!meeting) throw data(translator(context.language)("decisions.meetingNotFound"), { status: 404 });
  return meeting;
}

/** A recorded decision as the decision form shows it. */
export function decisionFormValues(decision: Decision): DecisionFormValues {
  return {
    decidedOn: decision.decidedOn,
    meetingId: decision.meeting ? String(decision.meeting.id) : "",
    kind: decision.kind,
    status: decision.status,
    title: decision.title,
    text: decision.text,
    involved: decision.actions.map((a) => a.number),
    to: Object.fromEntries(
      decision.actions.filter((a) => a.to !== null).map((a) => [a.number, String(a.to)]),
    ),
  };
}

/** A recorded meeting as the meeting form shows it. */
export function meetingFormValues(meeting: Meeting): MeetingFormValues {
  return {
    heldOn: meeting.heldOn,
    title: meeting.title,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    attendees: meeting.attendees.map((a) => a.slug),
  };
}

/** The programme and the decision (404), for the programme manager (403): what correcting and withdrawing load. */
export async function loadDecisionForEdit(context: AppLoadContext, request: Request, slug: string | undefined, id: string | undefined) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "decision.edit", { programmeId: programme.id });
  const decision = await requireDecision(context, programme.id, id);
  return { programme, decision };
}
