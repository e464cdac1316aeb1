import { z } from "zod";
import { text } from "../primitives";
import { zodFieldErrors, type FieldErrors } from "../../lib/errors";
import { isCalendarDate } from "../calendar";

/** A meeting of the steering group, as its form gives it. Messages are i18n keys. */
export const meetingInputSchema = z
  .object({
    heldOn: text({ message: "decisions.dateInvalid" }).trim().refine(isCalendarDate, { message: "decisions.dateInvalid" }),
    title: text({ message: "decisions.titleRequired" }).trim().min(1, { message: "decisions.titleRequired" }).max(300, { message: "edit.tooLong" }),
    agenda: text({ message: "edit.invalid" }).trim().max(20_000, { message: "edit.tooLong" }).default(""),
    minutes: text({ message: "edit.invalid" }).trim().max(50_000, { message: "edit.tooLong" }).default(""),
    /** Slugs of the organisations present. */
    attendees: z
      .array(text().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "decisions.organisationUnknown" }).max(200, { message: "decisions.organisationUnknown" }))
      .max(200, { message: "edit.tooMany" })
      .default([]),
  })
  .strict();

export type MeetingInput = z.infer<typeof meetingInputSchema>;

export interface MeetingFormValues {
  heldOn: string;
  title: string;
  agenda: string;
  minutes: string;
  attendees: string[];
}

/** Reads the meeting form (attendees are ticked boxes named `attendee`). */
export function readMeetingForm(form: FormData): { values: MeetingFormValues; input: MeetingFormValues } {
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const values: MeetingFormValues = {
    heldOn: field("heldOn").trim(),
    title: field("title"),
    agenda: field("agenda"),
    minutes: field("minutes"),
    attendees: [...new Set(form.getAll("attendee").filter((v): v is string => typeof v === "string"))],
  };
  return { values, input: values };
}

/** Field errors, the first per field. */
export function meetingErrors(error: z.ZodError): FieldErrors {
  return zodFieldErrors(error, { accept: /^(decisions|edit)\./ });
}
