import { data, type AppLoadContext } from "react-router";
import type { DecisionFormValues } from "../../domain/decisions/decision-input";
import type { MeetingFormValues } from "../../domain/decisions/meeting-input";
import type { Decision, Meeting } from "../../domain/decisions/types";
import { translator } from "../../lib/i18n/catalogue.server";
import { isRecordId } from "../../domain/primitives";


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
