import { DOCUMENT_MEETING, documentDecisions } from "../domain/decisions/document-decisions";
import { timestamp, type Clock, systemClock } from "../domain/time";
import type { Db } from "./database";

/**
 * Records the decisions the programme document itself reports (category 1 on 18 July 2013, the
 * programme with categories 1 and 2 on 14 October 2013, categories 3 and 4 to be decided in 2014),
 * and the meeting of 14 October 2013. Only for a programme that has no decisions and no meetings
 * yet, so running it again changes nothing. The actions' categories are those already recorded;
 * they are not changed. Returns whether anything was written.
 */
export async function seedDocumentDecisions(db: Db, programmeSlug: string, options: { clock?: Clock } = {}): Promise<boolean> {
  const now = timestamp(options.clock ?? systemClock);
  return db.kysely.transaction().execute(async (trx) => {
    const programme = await trx.selectFrom("programme").select("id").where("slug", "=", programmeSlug).executeTakeFirst();
    if (!programme) return false;
    const [decision, meeting] = await Promise.all([
      trx.selectFrom("decision").select("id").where("programme_id", "=", programme.id).limit(1).executeTakeFirst(),
      trx.selectFrom("meeting").select("id").where("programme_id", "=", programme.id).limit(1).executeTakeFirst(),
    ]);
    if (decision || meeting) return false;
    const actions = await trx.selectFrom("action").select(["id", "number", "category"]).where("programme_id", "=", programme.id).execute();
    const idOf = new Map(actions.map((a) => [a.number, a.id]));

    const held = await trx
      .insertInto("meeting")
      .values({
        programme_id: programme.id,
        held_on: DOCUMENT_MEETING.heldOn,
        title: DOCUMENT_MEETING.title,
        agenda: DOCUMENT_MEETING.agenda,
        minutes: DOCUMENT_MEETING.minutes,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Those on the title page: the five municipalities and the co-authors ("Met medewerking van").
    const attendees = await trx.selectFrom("programme_organisation").select("organisation_id").where("programme_id", "=", programme.id).orderBy("position").execute();
    const unique = [...new Set(attendees.map((a) => a.organisation_id))];
    if (unique.length) await trx.insertInto("meeting_attendee").values(unique.map((organisation_id) => ({ meeting_id: held.id, organisation_id }))).execute();

    for (const d of documentDecisions(actions)) {
      const row = await trx
        .insertInto("decision")
        .values({
          programme_id: programme.id,
          meeting_id: d.atMeeting ? held.id : null,
          decided_on: d.decidedOn,
          kind: d.kind,
          status: d.status,
          title: d.title,
          text: d.text,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const concerned = d.actions.map((a) => ({ decision_id: row.id, action_id: idOf.get(a.number)!, category_from: a.from, category_to: a.to }));
      if (concerned.length) await trx.insertInto("decision_action").values(concerned).execute();
    }
    return true;
  });
}
