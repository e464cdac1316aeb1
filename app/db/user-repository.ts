import type { Principal, ProgrammeRole } from "../domain/auth/roles";
import type { Db } from "./database";

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  organisationId: number | null;
  organisation: { slug: string; name: string } | null;
  passwordHash: string | null;
  isAdmin: boolean;
  active: boolean;
  version: number;
  createdAt: string;
}

export interface RoleRecord {
  programmeId: number;
  programmeSlug: string;
  role: ProgrammeRole;
}

/** Accounts, their roles, and the actions they are contact for. */
export function createUserRepository(db: Db) {
  const k = db.kysely;

  const select = () =>
    k
      .selectFrom("user_account")
      .leftJoin("organisation", "organisation.id", "user_account.organisation_id")
      .select([
        "user_account.id",
        "user_account.email",
        "user_account.name",
        "user_account.organisation_id",
        "user_account.password_hash",
        "user_account.is_admin",
        "user_account.active",
        "user_account.version",
        "user_account.created_at",
        "organisation.slug as organisation_slug",
        "organisation.name as organisation_name",
      ]);

  type Row = Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>;
  const toRecord = (r: Row): UserRecord => ({
    id: r.id,
    email: r.email,
    name: r.name,
    organisationId: r.organisation_id,
    organisation: r.organisation_slug ? { slug: r.organisation_slug, name: r.organisation_name ?? "" } : null,
    passwordHash: r.password_hash,
    isAdmin: r.is_admin === 1,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
  });

  return {
    async count(): Promise<number> {
      const row = await k.selectFrom("user_account").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findByEmail(email: string): Promise<UserRecord | undefined> {
      const row = await select().where("user_account.email", "=", email.trim().toLowerCase()).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async findById(id: number): Promise<UserRecord | undefined> {
      const row = await select().where("user_account.id", "=", id).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async list(): Promise<(UserRecord & { roles: RoleRecord[] })[]> {
      const rows = await select().orderBy("user_account.name").execute();
      const roles = await k
        .selectFrom("role_assignment")
        .innerJoin("programme", "programme.id", "role_assignment.programme_id")
        .select(["role_assignment.user_id", "role_assignment.role", "programme.id as programme_id", "programme.slug"])
        .orderBy("programme.slug")
        .orderBy("role_assignment.role")
        .execute();
      return rows.map((r) => ({
        ...toRecord(r),
        roles: roles
          .filter((x) => x.user_id === r.id)
          .map((x) => ({ programmeId: x.programme_id, programmeSlug: x.slug, role: x.role as ProgrammeRole })),
      }));
    },

    async roles(userId: number): Promise<RoleRecord[]> {
      const rows = await k
        .selectFrom("role_assignment")
        .innerJoin("programme", "programme.id", "role_assignment.programme_id")
        .select(["role_assignment.role", "programme.id as programme_id", "programme.slug"])
        .where("role_assignment.user_id", "=", userId)
        .execute();
      return rows.map((x) => ({ programmeId: x.programme_id, programmeSlug: x.slug, role: x.role as ProgrammeRole }));
    },

    /** The principal for a signed-in, active user: roles per programme and contact actions. */
    async principal(userId: number, via: Principal["via"]): Promise<Principal | undefined> {
      const user = await select().where("user_account.id", "=", userId).where("user_account.active", "=", 1).executeTakeFirst();
      if (!user) return undefined;
      const [roles, contactActions] = await Promise.all([
        k.selectFrom("role_assignment").select(["programme_id", "role"]).where("user_id", "=", userId).execute(),
        k
          .selectFrom("action_contact")
          .innerJoin("contact", "contact.id", "action_contact.contact_id")
          .select("action_contact.action_id")
          .where("contact.user_id", "=", userId)
          .execute(),
      ]);
      const byProgramme = new Map<number, Set<ProgrammeRole>>();
      for (const r of roles) {
        const set = byProgramme.get(r.programme_id) ?? new Set<ProgrammeRole>();
        set.add(r.role as ProgrammeRole);
        byProgramme.set(r.programme_id, set);
      }
      return {
        user: { id: user.id, name: user.name, email: user.email, isAdmin: user.is_admin === 1, organisationId: user.organisation_id },
        roles: byProgramme,
        contactActionIds: new Set(contactActions.map((c) => c.action_id)),
        via,
      };
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
