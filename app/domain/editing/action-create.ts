import { z } from "zod";
import { actionChangesSchema } from "../actions/action-changes";
import { message, type FieldError } from "../../lib/errors";

/**
 * A new action, as the API's POST takes it: the same fields and checks as a change, with defaults
 * for what a new action may leave empty, and optionally the number it should get (otherwise the next
 * free one). The category is not here: a steering-group decision sets it.
 */
const shape = actionChangesSchema.shape;
export const actionCreateSchema = z
  .object({
    number: z
      .number({ message: "editing.actionNumber" })
      .int({ message: "editing.actionNumber" })
      .min(1, { message: "editing.actionNumber" })
      .max(999_999, { message: "editing.actionNumber" })
      .optional()
      .describe("The number it gets; without it, the next free one. A taken number is a 400."),
    title: shape.title,
    description: shape.description.default(""),
    notes: shape.notes.default([]),
    intentionCode: shape.intentionCode.default(null),
    group: shape.group.default(null),
    leads: shape.leads.default([]),
    partners: shape.partners.default([]),
    toInvolve: shape.toInvolve.default([]),
    leadUnknown: shape.leadUnknown.default(false),
    intendedResults: shape.intendedResults.default([]),
    planningText: shape.planningText.default(""),
    categoryNote: shape.categoryNote.default(null),
    links: shape.links.default([]),
  })
  .strict();
export type ActionCreate = z.infer<typeof actionCreateSchema>;

/** Reads the optional number field of the new-action form: empty means the next free number. */
export function readActionNumber(raw: string | undefined): { number?: number; error?: FieldError } {
  const value = (raw ?? "").trim();
  if (value === "") return {};
  if (!/^[1-9]\d{0,5}$/.test(value)) return { error: message("editing.actionNumber") };
  return { number: Number(value) };
}
