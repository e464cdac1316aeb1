import { z } from "zod";
import { recordId, text as textField } from "../primitives";
import { zodFieldErrors, type FieldErrors } from "../../lib/errors";
import { LINK_TYPES } from "../programmes/programme-document";

/** What editing may change on an action. The category is not here: it changes through steering-group decisions. */
const text = (max: number) => textField().max(max, { message: "edit.tooLong" });
const slug = textField().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "edit.organisationUnknown" });
const ref = z
  .object({
    organisation: slug.describe("The organisation's slug."),
    qualifier: text(500).trim().nullable().default(null).describe('A remark on the role, such as "tot eind 2013".'),
  })
  .strict()
  .describe("An organisation in one of an action's roles.");

export const actionChangesSchema = z
  .object({
    title: textField().trim().min(1, { message: "edit.required" }).max(500, { message: "edit.tooLong" }),
    description: text(20000).describe("Paragraphs separated by a blank line."),
    notes: z.array(textField().trim().min(1).max(5000, { message: "edit.tooLong" })).max(50, { message: "edit.tooMany" }).describe('The "N.B." remarks.'),
    intentionCode: textField()
      .regex(/^\d+\.\d+$/, { message: "edit.intentionUnknown" })
      .nullable()
      .describe("The intention the action sits under (e.g. `2.3`); null for an action of the organisation chapter, which has a `group`."),
    group: text(200).trim().nullable().describe("The group heading of the organisation chapter; ignored when `intentionCode` is given."),
    leads: z.array(ref).max(50, { message: "edit.tooMany" }),
    partners: z.array(ref).max(100, { message: "edit.tooMany" }),
    toInvolve: z.array(ref).max(100, { message: "edit.tooMany" }),
    leadUnknown: z.boolean({ message: "edit.boolean" }).describe("The lead is not known yet; not together with leads."),
    intendedResults: z.array(textField().trim().min(1).max(2000, { message: "edit.tooLong" })).max(50, { message: "edit.tooMany" }),
    planningText: text(2000).describe("The planning in words; the years it names become the action's planning years."),
    categoryNote: text(1000).trim().nullable().describe("A remark on the category. The category itself changes only through a decision."),
    links: z
      .array(
        z
          .object({
            type: z.enum(LINK_TYPES, { message: "edit.linkType" }),
            target: z.union([
              z.object({ action: recordId("edit.linkTarget") }).strict(),
              z.object({ theme: recordId("edit.linkTarget") }).strict(),
            ], { message: "edit.linkTarget" }),
          })
          .strict(),
      )
      .max(100, { message: "edit.tooMany" }),
  })
  .strict();

export type ActionChanges = z.infer<typeof actionChangesSchema>;

/** A partial change, as the API's PATCH takes it: any subset of the fields. */
export const actionPatchSchema = actionChangesSchema.partial().strict();
export type ActionPatch = z.infer<typeof actionPatchSchema>;

/** Field errors of a refused change: keys of the edit section, anything else `edit.invalid`. */
export function changeErrors(error: z.ZodError): FieldErrors {
  return zodFieldErrors(error, { accept: /^edit\./ });
}
