import type { AppLoadContext } from "react-router";
import type { ProgrammeRole } from "../../domain/auth/roles";
import { timestamp } from "../../domain/time";
import { actorOf } from "../shared/page-action.server";
import { sendInvitation } from "../admin/admin.server";

/**
 * Gives a contact just added to an action an account in the same step: the chosen role in the
 * programme, contact of this action, and an invitation mail that names the programme, the role and
 * the action. A person who already has an account is only linked (the contact store did that).
 */
export async function inviteContact(
  context: AppLoadContext,
  input: {
    programme: { id: number; title: string };
    action: { id: number; number: number; title: string };
    contact: { name: string; email: string; organisation: string | null };
    role: ProgrammeRole;
  },
): Promise<"invited" | "exists"> {
  const { services } = context;
  if (await services.users.findByEmail(input.contact.email)) return "exists";
  const organisation = input.contact.organisation ? await services.organisations.get(input.contact.organisation) : null;
  const created = await services.users.createUser({
    email: input.contact.email,
    name: input.contact.name,
    organisationId: organisation?.id ?? null,
    passwordHash: null,
    isAdmin: false,
    roles: [{ programmeId: input.programme.id, role: input.role }],
    contactActionIds: [input.action.id],
    actor: actorOf(context),
    now: timestamp(services.clock),
  });
  // Someone made the account between the look-up and now: it is theirs, and linked already.
  if (created.status !== "ok") return "exists";
  await sendInvitation(context, { userId: created.value, email: input.contact.email }, input.programme.title, {
    role: input.role,
    actions: [{ number: input.action.number, title: input.action.title }],
  });
  return "invited";
}
