import type { AppLoadContext } from "react-router";
import { requirePermission } from "../../lib/auth/guards.server";
import { meetingPackDocument, readMeetingPack } from "../../lib/reports/meeting-pack.server";
import { requireMeeting } from "../decisions/decision-pages.server";
import { requireProgramme } from "../shared/page-data.server";

/** A meeting's pack in the visitor's language, for members of the programme (it shows drafts and today's data). */
export async function loadMeetingPack(context: AppLoadContext, request: Request, slug: string | undefined, id: string | undefined) {
  const programme = await requireProgramme(context, slug);
  requirePermission(context, request, "report.readDraft", { programmeId: programme.id });
  const meeting = await requireMeeting(context, programme.id, id);
  const pack = await readMeetingPack(context.services, programme, meeting);
  return { programme, meeting, pack, document: meetingPackDocument(pack, context.language, programme) };
}
