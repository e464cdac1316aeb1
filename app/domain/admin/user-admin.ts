import { z } from "zod";
import { MAX_RECORD_ID, text } from "../primitives";
import { ALL_ROLES } from "../auth/roles";
import { contactEmailSchema, parseActionNumbers } from "../contacts/contacts";

/**
 * The administrator's forms for accounts. Messages are i18n keys; a parameter travels after a bar.
 * A role other than "admin" needs a programme; "action-contact" also needs action numbers.
 */
const name = text({ message: "auth.nameRequired" })
  .trim()
  .min(1, { message: "auth.nameRequired" })
  .max(200, { message: "admin.fieldTooLong" });

const organisation = text()
  .trim()
  .regex(/^$|^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "admin.organisationUnknown" })
  .optional()
  .transform((v) => (v ? v : null));

const programme = text()
  .trim()
  .regex(/^$|^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "admin.programmeRequired" })
  .optional()
  .transform((v) => (v ? v : null));

const roleFields = z.object({
  role: z.enum(ALL_ROLES, { message: "admin.roleInvalid" }),
  programme,
  actions: text()
    .max(2000, { message: "admin.actionsInvalid" })
    .optional()
    .transform((v, ctx) => {
      const numbers = parseActionNumbers(v ?? "");
      if (!numbers) {
        ctx.addIssue({ code: "custom", message: "admin.actionsInvalid" });
        return z.NEVER;
      }
      return numbers;
    }),
});

function checkRole(v: z.infer<typeof roleFields>, ctx: z.RefinementCtx) {
  if (v.role !== "admin" && !v.programme) ctx.addIssue({ code: "custom", message: "admin.programmeRequired", path: ["programme"] });
  if (v.role === "action-contact" && v.actions.length === 0) ctx.addIssue({ code: "custom", message: "admin.actionsRequired", path: ["actions"] });
  if (v.role !== "action-contact" && v.actions.length > 0) ctx.addIssue({ code: "custom", message: "admin.actionsOnlyForContacts", path: ["actions"] });
}

export const inviteSchema = z
  .object({ name, email: contactEmailSchema, organisation, ...roleFields.shape })
  .superRefine(checkRole);
export type InviteForm = z.infer<typeof inviteSchema>;

export const profileSchema = z.object({
  name,
  organisation,
  version: z.coerce.number({ message: "admin.versionInvalid" }).int().positive({ message: "admin.versionInvalid" }).max(MAX_RECORD_ID, { message: "admin.versionInvalid" }),
});

export const addRoleSchema = roleFields.superRefine(checkRole);

export const eraseSchema = z.object({ confirm: z.literal("yes", { message: "admin.eraseConfirmRequired" }) });

export const removeRoleSchema = z.object({
  role: z.enum(ALL_ROLES, { message: "admin.roleInvalid" }),
  programme,
});

/** The form that sets which actions of one programme an account is contact for. */
export const contactActionsSchema = z.object({
  contactProgramme: text({ message: "admin.programmeRequired" }).trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "admin.programmeRequired" }),
  contactActions: text({ message: "admin.actionsInvalid" })
    .max(2000, { message: "admin.actionsInvalid" })
    .transform((v, ctx) => {
      const numbers = parseActionNumbers(v);
      if (!numbers) {
        ctx.addIssue({ code: "custom", message: "admin.actionsInvalid" });
        return z.NEVER;
      }
      return numbers;
    }),
});

/** How an erased person is shown from now on: no trace of who they were, only their account number. */
export function pseudonymFor(userId: number): { name: string; email: string } {
  return { name: `Verwijderde gebruiker ${userId}`, email: `erased-${userId}@invalid` };
}
