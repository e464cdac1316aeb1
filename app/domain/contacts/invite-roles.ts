import { can } from "../auth/permissions";
import { PROGRAMME_ROLES, type Principal, type ProgrammeRole } from "../auth/roles";

/**
 * The roles someone may give a person they invite from an action's contacts page. Administrators
 * may grant any role of the programme; a programme manager only the roles of people who work on
 * actions (contact, partner): governance roles stay with the administrators.
 */
const MANAGER_GRANTS: readonly ProgrammeRole[] = ["action-contact", "partner"];

export function grantableRoles(principal: Principal, programmeId: number): readonly ProgrammeRole[] {
  if (principal.user?.isAdmin) return PROGRAMME_ROLES;
  return can(principal, "contacts.manage", { programmeId }) ? MANAGER_GRANTS : [];
}

/** The invitation the form asks for: none (""), or a role that may be granted; undefined when it may not. */
export function readInviteRole(value: string | undefined, grantable: readonly ProgrammeRole[]): ProgrammeRole | null | undefined {
  if (value === undefined || value === "") return null;
  return grantable.find((r) => r === value);
}
