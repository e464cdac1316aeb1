/** Roles a person can hold in a programme. Administrators are global and hold every right. */
export const PROGRAMME_ROLES = [
  "programme-manager",
  "steering-group",
  "coordination-group",
  "analyst",
  "action-contact",
  "partner",
] as const;
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

/** Every role the CLI and the user administration accept, "admin" included. */
export const ALL_ROLES = ["admin", ...PROGRAMME_ROLES] as const;
export type AnyRole = (typeof ALL_ROLES)[number];

export function isProgrammeRole(value: string): value is ProgrammeRole {
  return (PROGRAMME_ROLES as readonly string[]).includes(value);
}

/** Who is asking: nobody (the public), or a signed-in person with roles per programme. */
export interface Principal {
  user: {
    id: number;
    name: string;
    email: string;
    isAdmin: boolean;
    organisationId: number | null;
  } | null;
  /** Roles per programme id. */
  roles: ReadonlyMap<number, ReadonlySet<ProgrammeRole>>;
  /** Actions (ids) this person is a contact for. */
  contactActionIds: ReadonlySet<number>;
  /** How the request was authenticated. */
  via: "public" | "session" | "token";
  /**
   * Signed in, but holding a role that needs a second factor without having one: until the person
   * has enrolled, nothing but the enrolment (and signing out) is open to them.
   */
  enrolmentRequired?: boolean;
}

export const PUBLIC: Principal = { user: null, roles: new Map(), contactActionIds: new Set(), via: "public" };
