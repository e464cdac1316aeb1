import { z } from "zod";
import { isCalendarDate } from "../calendar";
import { recordId, text } from "../primitives";

/** The steering group's adoption of an annual programme: the day it decided, and the meeting (if any). */
export const adoptionInputSchema = z.strictObject({
  decidedOn: text({ message: "reports.adoptDateInvalid" }).trim().refine(isCalendarDate, { message: "reports.adoptDateInvalid" }),
  meetingId: recordId("reports.adoptMeetingUnknown").nullable(),
});
export type AdoptionInput = z.infer<typeof adoptionInputSchema>;

/** The adoption form's fields as the schema reads them: an empty meeting is none, anything else a number to check. */
export function readAdoptionForm(form: FormData): { values: { decidedOn: string; meetingId: string }; input: unknown } {
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const values = { decidedOn: field("decidedOn"), meetingId: field("meetingId") };
  const meetingId = values.meetingId === "" ? null : /^\d{1,10}$/.test(values.meetingId) ? Number(values.meetingId) : -1;
  return { values, input: { decidedOn: values.decidedOn, meetingId } };
}
