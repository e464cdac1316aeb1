import { type AnyRole, type Principal, type ProgrammeRole, isProgrammeRole } from "../domain/auth/roles";
import type { Db } from "./database";
import { type Transaction, sql } from "kysely";
import { type Actor, recordAudit } from "./audit";
import { askAddedContactsIn } from "./round.repository";
import type { Database } from "./schema";
import { pseudonymFor } from "../domain/admin/user-admin";
import { setAccountActionsIn } from "./contact.repository";

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
function userReads(db: Db) {
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

    async listWithRoles(): Promise<(UserRecord & { roles: RoleRecord[] })[]> {
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

export type AccountResult<T> = { status: "ok"; value: T } | { status: "token-invalid" | "email-taken" | "not-found" | "setup-done" };

const publicUser = (u: { id: number; email: string; name: string; is_admin: number; active: number; organisation_id: number | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isAdmin: u.is_admin === 1,
  active: u.active === 1,
  organisationId: u.organisation_id,
});

/** Changes to accounts and roles, each in one transaction with its history entry. */
function accountChanges(db: Db) {
  const k = db.kysely;

  async function useToken(trx: Transaction<Database>, purpose: string, tokenHash: string, now: string) {
    const row = await trx
      .selectFrom("one_time_token")
      .selectAll()
      .where("purpose", "=", purpose)
      .where("token_hash", "=", tokenHash)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!row) return undefined;
    const used = await trx.updateTable("one_time_token").set({ used_at: now }).where("id", "=", row.id).where("used_at", "is", null).executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? row : undefined;
  }

  return {
    /** Creates the first administrator with a first-admin link; refused once any account exists. */
    async createFirstAdmin(input: { tokenHash: string; name: string; email: string; passwordHash: string; now: string }): Promise<AccountResult<number>> {
      return k.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom("user_account").select("id").limit(1).executeTakeFirst();
        if (existing) return { status: "setup-done" } as const;
        const token = await useToken(trx, "first-admin", input.tokenHash, input.now);
        if (!token) return { status: "token-invalid" } as const;
        const row = await trx
          .insertInto("user_account")
          .values({ email: input.email, name: input.name, password_hash: input.passwordHash, is_admin: 1, active: 1, created_at: input.now, updated_at: input.now, version: 1 })
          .returning(["id", "email", "name", "is_admin", "active", "organisation_id"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: { userId: row.id, label: row.name },
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: row.id,
          entityLabel: row.email,
          operation: "create",
          before: null,
          after: publicUser(row),
        });
        return { status: "ok", value: row.id } as const;
      });
    },

    /** Sets a password through a reset or invitation link, used once; ends the user's other sessions. */
    async setPasswordWithToken(input: { purpose: "password-reset" | "invite"; tokenHash: string; passwordHash: string; now: string }): Promise<AccountResult<number>> {
      return k.transaction().execute(async (trx) => {
        const token = await useToken(trx, input.purpose, input.tokenHash, input.now);
        if (!token?.user_id) return { status: "token-invalid" } as const;
        const user = await trx.selectFrom("user_account").select(["id", "active", "version", "email"]).where("id", "=", token.user_id).executeTakeFirst();
        if (!user || user.active !== 1) return { status: "token-invalid" } as const;
        await trx
          .updateTable("user_account")
          .set({ password_hash: input.passwordHash, updated_at: input.now, version: user.version + 1 })
          .where("id", "=", user.id)
          .execute();
        await trx.deleteFrom("session").where("user_id", "=", user.id).execute();
        await recordAudit(trx, {
          actor: { userId: user.id, label: user.email },
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: user.id,
          entityLabel: user.email,
          operation: input.purpose === "invite" ? "accept-invitation" : "reset-password",
          before: null,
          after: null,
        });
        return { status: "ok", value: user.id } as const;
      });
    },

    /** Creates an account (without a password when it is to be set through an invitation) with roles. */
    async createUser(input: {
      email: string;
      name: string;
      organisationId: number | null;
      passwordHash: string | null;
      isAdmin: boolean;
      roles: { programmeId: number; role: ProgrammeRole }[];
      contactActionIds?: number[];
      actor: Actor;
      now: string;
      /** When true, the new contact is asked in open update rounds for actions not asked yet. */
      askOpenRounds?: boolean;
    }): Promise<AccountResult<number>> {
      return k.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom("user_account").select("id").where("email", "=", input.email).executeTakeFirst();
        if (taken) return { status: "email-taken" } as const;
        const row = await trx
          .insertInto("user_account")
          .values({
            email: input.email,
            name: input.name,
            organisation_id: input.organisationId,
            password_hash: input.passwordHash,
            is_admin: input.isAdmin ? 1 : 0,
            active: 1,
            created_at: input.now,
            updated_at: input.now,
            version: 1,
          })
          .returning(["id", "email", "name", "is_admin", "active", "organisation_id"])
          .executeTakeFirstOrThrow();
        for (const r of input.roles) {
          await trx.insertInto("role_assignment").values({ user_id: row.id, programme_id: r.programmeId, role: r.role, created_at: input.now }).execute();
        }
        if (input.contactActionIds && input.contactActionIds.length > 0) {
          let contact = await trx.selectFrom("contact").select("id").where("email", "=", input.email).executeTakeFirst();
          if (contact) {
            await trx.updateTable("contact").set({ user_id: row.id, updated_at: input.now }).where("id", "=", contact.id).execute();
          } else {
            contact = await trx
              .insertInto("contact")
              .values({ name: input.name, email: input.email, organisation_id: input.organisationId, user_id: row.id, created_at: input.now, updated_at: input.now, version: 1 })
              .returning("id")
              .executeTakeFirstOrThrow();
          }
          const linked: { actionId: number; contactId: number }[] = [];
          for (const actionId of input.contactActionIds) {
            const inserted = await trx
              .insertInto("action_contact")
              .values({ action_id: actionId, contact_id: contact.id, created_at: input.now })
              .onConflict((oc) => oc.doNothing())
              .executeTakeFirst();
            if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) linked.push({ actionId, contactId: contact.id });
          }
          if (input.askOpenRounds) await askAddedContactsIn(trx, linked, { dialect: db.dialect, actor: input.actor, now: input.now });
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.roles[0]?.programmeId ?? null,
          entityType: "user",
          entityId: row.id,
          entityLabel: row.email,
          operation: "create",
          before: null,
          after: { ...publicUser(row), roles: input.roles, contactActionIds: input.contactActionIds ?? [] },
        });
        return { status: "ok", value: row.id } as const;
      });
    },
  };
}

export type AccountState = "active" | "invited" | "inactive" | "erased";

export interface AccountRole {
  programmeId: number;
  programmeSlug: string;
  programmeTitle: string;
  role: ProgrammeRole;
}

export interface AccountSummary {
  id: number;
  name: string;
  email: string;
  organisation: { slug: string; name: string } | null;
  isAdmin: boolean;
  state: AccountState;
  roles: AccountRole[];
}

export interface AccountDetail extends AccountSummary {
  version: number;
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
}

export type AdminResult<T = null> =
  | { status: "ok"; value: T }
  | {
      status: "not-found" | "conflict" | "last-admin" | "self" | "organisation-unknown" | "programme-unknown" | "role-exists" | "role-missing" | "erased" | "no-invitation" | "actions-unknown";
      /** Action numbers that do not exist (actions-unknown). */
      missing?: number[];
    };

/** Why the administration's change did not go through. */
export type AdminRefusal = Exclude<AdminResult<never>, { status: "ok" }>;

interface ChangeInput {
  userId: number;
  actor: Actor;
  now: string;
  requestId?: string | null;
  /** When true, actions given to an action contact in an open update round are asked in it. */
  askOpenRounds?: boolean;
}

type Trx = Transaction<Database>;

/** Ends a transaction without writing anything, carrying the refusal. */
class Refused extends Error {
  constructor(readonly result: AdminRefusal) {
    super(result.status);
  }
}

const stateOf = (r: { active: number; password_hash: string | null; erased_at: string | null }): AccountState =>
  r.erased_at ? "erased" : r.active !== 1 ? "inactive" : r.password_hash === null ? "invited" : "active";

/** Escapes a text for use inside a LIKE pattern with `\` as the escape character. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Replaces a person's name and email in a stored text or JSON value: email addresses wherever they
 * occur, a full name (two words or more) wherever it occurs, a single-word name only as a whole value.
 */
export function scrubText(text: string, terms: ScrubTerms): string {
  let out = text;
  for (const email of terms.emails) out = out.replace(new RegExp(escapeRegExp(email), "gi"), terms.pseudonym.email);
  for (const name of terms.names) {
    if (/\s/.test(name.trim()) && name.trim().length >= 5) out = out.replace(new RegExp(escapeRegExp(name.trim()), "gi"), terms.pseudonym.name);
    else if (out.trim().toLowerCase() === name.trim().toLowerCase()) out = terms.pseudonym.name;
  }
  return out;
}

function scrubJson(json: string | null, terms: ScrubTerms): string | null {
  if (json === null) return null;
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return scrubText(value, terms);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  try {
    return JSON.stringify(walk(JSON.parse(json)));
  } catch {
    return scrubText(json, terms);
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface ScrubTerms {
  names: string[];
  emails: string[];
  pseudonym: { name: string; email: string };
}

/** The administrator's changes to accounts: profile, roles, (de)activation, invitations, erasure. Each in one transaction with history. */
function userAdministration(db: Db) {
  const k = db.kysely;

  const selectAccounts = () =>
    k
      .selectFrom("user_account")
      .leftJoin("organisation", "organisation.id", "user_account.organisation_id")
      .select([
        "user_account.id",
        "user_account.name",
        "user_account.email",
        "user_account.is_admin",
        "user_account.active",
        "user_account.password_hash",
        "user_account.erased_at",
        "user_account.version",
        "user_account.created_at",
        "user_account.updated_at",
        "organisation.slug as organisation_slug",
        "organisation.name as organisation_name",
      ]);

  async function rolesOf(userIds: number[]): Promise<(AccountRole & { userId: number })[]> {
    if (userIds.length === 0) return [];
    const rows = await k
      .selectFrom("role_assignment")
      .innerJoin("programme", "programme.id", "role_assignment.programme_id")
      .select(["role_assignment.user_id", "role_assignment.role", "programme.id as programme_id", "programme.slug", "programme.title"])
      .where("role_assignment.user_id", "in", userIds)
      .orderBy("programme.slug")
      .orderBy("role_assignment.role")
      .execute();
    return rows.map((r) => ({ userId: r.user_id, programmeId: r.programme_id, programmeSlug: r.slug, programmeTitle: r.title, role: r.role as ProgrammeRole }));
  }

  /** Whether another active administrator than this user remains. */
  async function otherActiveAdmin(trx: Trx, userId: number): Promise<boolean> {
    const row = await trx
      .selectFrom("user_account")
      .select("id")
      .where("is_admin", "=", 1)
      .where("active", "=", 1)
      .where("erased_at", "is", null)
      .where("id", "<>", userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async function loadForChange(trx: Trx, userId: number) {
    return trx
      .selectFrom("user_account")
      .select(["id", "name", "email", "is_admin", "active", "organisation_id", "version", "erased_at", "password_hash"])
      .where("id", "=", userId)
      .executeTakeFirst();
  }

  async function programmeBySlug(trx: Trx, slug: string | null) {
    if (!slug) return undefined;
    return trx.selectFrom("programme").select(["id", "slug"]).where("slug", "=", slug).executeTakeFirst();
  }

  async function addRoleIn(trx: Trx, input: ChangeInput & { role: AnyRole; programme: string | null; contactActionNumbers?: number[] }): Promise<AdminResult<{ missing?: number[] }>> {
    const user = await loadForChange(trx, input.userId);
    if (!user) return { status: "not-found" } as const;
    if (user.erased_at) return { status: "erased" } as const;
    let programmeId: number | null = null;
    if (input.role === "admin") {
      if (user.is_admin === 1) return { status: "role-exists" } as const;
      await trx.updateTable("user_account").set({ is_admin: 1, updated_at: input.now, version: user.version + 1 }).where("id", "=", user.id).execute();
    } else {
      const programme = await programmeBySlug(trx, input.programme);
      if (!programme) return { status: "programme-unknown" } as const;
      programmeId = programme.id;
      const held = await trx
        .selectFrom("role_assignment")
        .select("id")
        .where("user_id", "=", user.id)
        .where("programme_id", "=", programme.id)
        .where("role", "=", input.role)
        .executeTakeFirst();
      if (held) return { status: "role-exists" } as const;
      await trx.insertInto("role_assignment").values({ user_id: user.id, programme_id: programme.id, role: input.role, created_at: input.now }).execute();
      if (input.role === "action-contact" && input.contactActionNumbers && input.contactActionNumbers.length > 0) {
        const linked = await setAccountActionsIn(trx, { ...input, programmeId: programme.id, actionNumbers: input.contactActionNumbers, mode: "add", dialect: db.dialect });
        // Unknown actions undo the role too: nothing half-written.
        if (linked.status !== "ok") throw new Refused(linked);
      }
    }
    await recordAudit(trx, {
      actor: input.actor,
      at: input.now,
      programmeId,
      entityType: "user",
      entityId: user.id,
      entityLabel: user.email,
      operation: "add-role",
      before: null,
      after: { role: input.role, programme: input.role === "admin" ? null : input.programme },
      requestId: input.requestId,
    });
    return { status: "ok", value: {} } as const;
  }

  return {
    /** Every account, by name, with its roles. */
    async list(): Promise<AccountSummary[]> {
      const rows = await selectAccounts().orderBy("user_account.name").orderBy("user_account.id").execute();
      const roles = await rolesOf(rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        organisation: r.organisation_slug ? { slug: r.organisation_slug, name: r.organisation_name ?? r.organisation_slug } : null,
        isAdmin: r.is_admin === 1,
        state: stateOf(r),
        roles: roles.filter((x) => x.userId === r.id),
      }));
    },

    async get(userId: number): Promise<AccountDetail | undefined> {
      const r = await selectAccounts().where("user_account.id", "=", userId).executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        name: r.name,
        email: r.email,
        organisation: r.organisation_slug ? { slug: r.organisation_slug, name: r.organisation_name ?? r.organisation_slug } : null,
        isAdmin: r.is_admin === 1,
        state: stateOf(r),
        roles: await rolesOf([r.id]),
        version: r.version,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        erasedAt: r.erased_at,
      };
    },

    /** The programmes roles can be given in. */
    async programmes(): Promise<{ id: number; slug: string; title: string }[]> {
      return k.selectFrom("programme").select(["id", "slug", "title"]).orderBy("is_default", "desc").orderBy("slug").execute();
    },

    /** Changes name and organisation, if the form's version is still the account's. */
    async updateProfile(input: ChangeInput & { expectedVersion: number; name: string; organisation: string | null }): Promise<AdminResult<{ changed: boolean }>> {
      return k.transaction().execute(async (trx) => {
        const user = await loadForChange(trx, input.userId);
        if (!user) return { status: "not-found" } as const;
        if (user.erased_at) return { status: "erased" } as const;
        if (user.version !== input.expectedVersion) return { status: "conflict" } as const;
        let organisationId: number | null = null;
        if (input.organisation) {
          const org = await trx.selectFrom("organisation").select("id").where("slug", "=", input.organisation).executeTakeFirst();
          if (!org) return { status: "organisation-unknown" } as const;
          organisationId = org.id;
        }
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        if (user.name !== input.name) {
          before.name = user.name;
          after.name = input.name;
        }
        if (user.organisation_id !== organisationId) {
          const old = user.organisation_id
            ? await trx.selectFrom("organisation").select("slug").where("id", "=", user.organisation_id).executeTakeFirst()
            : undefined;
          before.organisation = old?.slug ?? null;
          after.organisation = input.organisation;
        }
        if (Object.keys(after).length === 0) return { status: "ok", value: { changed: false } } as const;
        await trx
          .updateTable("user_account")
          .set({ name: input.name, organisation_id: organisationId, updated_at: input.now, version: user.version + 1 })
          .where("id", "=", user.id)
          .execute();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: user.id,
          entityLabel: user.email,
          operation: "update",
          before,
          after,
          requestId: input.requestId,
        });
        return { status: "ok", value: { changed: true } } as const;
      });
    },

    /**
     * Gives a role: "admin" everywhere, any other role in one programme. For "action-contact" the
     * account also becomes contact for the given actions, in the same transaction.
     */
    async addRole(input: ChangeInput & { role: AnyRole; programme: string | null; contactActionNumbers?: number[] }): Promise<AdminResult<{ missing?: number[] }>> {
      try {
        return await k.transaction().execute((trx) => addRoleIn(trx, input));
      } catch (error) {
        if (error instanceof Refused) return error.result;
        throw error;
      }
    },

    /** Takes a role away; the last active administrator keeps theirs. */
    async removeRole(input: ChangeInput & { role: AnyRole; programme: string | null }): Promise<AdminResult> {
      return k.transaction().execute(async (trx) => {
        const user = await loadForChange(trx, input.userId);
        if (!user) return { status: "not-found" } as const;
        let programmeId: number | null = null;
        if (input.role === "admin") {
          if (user.is_admin !== 1) return { status: "role-missing" } as const;
          if (!(await otherActiveAdmin(trx, user.id))) return { status: "last-admin" } as const;
          await trx.updateTable("user_account").set({ is_admin: 0, updated_at: input.now, version: user.version + 1 }).where("id", "=", user.id).execute();
        } else {
          if (!isProgrammeRole(input.role)) return { status: "role-missing" } as const;
          const programme = await programmeBySlug(trx, input.programme);
          if (!programme) return { status: "programme-unknown" } as const;
          programmeId = programme.id;
          const removed = await trx
            .deleteFrom("role_assignment")
            .where("user_id", "=", user.id)
            .where("programme_id", "=", programme.id)
            .where("role", "=", input.role)
            .executeTakeFirst();
          if (Number(removed.numDeletedRows) === 0) return { status: "role-missing" } as const;
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId,
          entityType: "user",
          entityId: user.id,
          entityLabel: user.email,
          operation: "remove-role",
          before: { role: input.role, programme: input.role === "admin" ? null : input.programme },
          after: null,
          requestId: input.requestId,
        });
        return { status: "ok", value: null } as const;
      });
    },

    /**
     * Deactivates (every session ends at once; API tokens stop working because only active accounts
     * have a principal) or reactivates an account. Nobody deactivates themselves or the last administrator.
     */
    async setActive(input: ChangeInput & { active: boolean }): Promise<AdminResult<{ changed: boolean }>> {
      return k.transaction().execute(async (trx) => {
        const user = await loadForChange(trx, input.userId);
        if (!user) return { status: "not-found" } as const;
        if (user.erased_at) return { status: "erased" } as const;
        if ((user.active === 1) === input.active) return { status: "ok", value: { changed: false } } as const;
        if (!input.active) {
          if (input.actor.userId === user.id) return { status: "self" } as const;
          if (user.is_admin === 1 && !(await otherActiveAdmin(trx, user.id))) return { status: "last-admin" } as const;
        }
        await trx
          .updateTable("user_account")
          .set({ active: input.active ? 1 : 0, updated_at: input.now, version: user.version + 1 })
          .where("id", "=", user.id)
          .execute();
        if (!input.active) {
          await trx.deleteFrom("session").where("user_id", "=", user.id).execute();
          await trx.updateTable("one_time_token").set({ used_at: input.now }).where("user_id", "=", user.id).where("used_at", "is", null).execute();
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: user.id,
          entityLabel: user.email,
          operation: input.active ? "reactivate" : "deactivate",
          before: { active: user.active === 1 },
          after: { active: input.active },
          requestId: input.requestId,
        });
        return { status: "ok", value: { changed: true } } as const;
      });
    },

    /**
     * Before a new invitation link is sent: the account must still wait for its password; earlier
     * links stop working, and the resend is recorded.
     */
    async prepareInvitation(input: ChangeInput): Promise<AdminResult<{ email: string; name: string }>> {
      return k.transaction().execute(async (trx) => {
        const user = await loadForChange(trx, input.userId);
        if (!user || user.erased_at) return { status: "not-found" } as const;
        if (user.active !== 1 || user.password_hash !== null) return { status: "no-invitation" } as const;
        await trx
          .updateTable("one_time_token")
          .set({ used_at: input.now })
          .where("user_id", "=", user.id)
          .where("purpose", "=", "invite")
          .where("used_at", "is", null)
          .execute();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: user.id,
          entityLabel: user.email,
          operation: "resend-invitation",
          before: null,
          after: null,
          requestId: input.requestId,
        });
        return { status: "ok", value: { email: user.email, name: user.name } } as const;
      });
    },

    /**
     * Erases a person's personal data on request, in one transaction: name and email become a
     * pseudonym, password, sessions, tokens, roles and contact records go, the account is closed;
     * in history, the outbox and the progress updates they wrote (signed in, or through a personal
     * link as one of their contact records) the person's name and email are replaced by the pseudonym. The
     * erasure itself is recorded without the erased data.
     */
    async erase(input: ChangeInput): Promise<AdminResult<{ pseudonym: { name: string; email: string } }>> {
      return k.transaction().execute(async (trx) => {
        const user = await loadForChange(trx, input.userId);
        if (!user) return { status: "not-found" } as const;
        if (user.erased_at) return { status: "erased" } as const;
        if (input.actor.userId === user.id) return { status: "self" } as const;
        if (user.is_admin === 1 && user.active === 1 && !(await otherActiveAdmin(trx, user.id))) return { status: "last-admin" } as const;
        const pseudonym = pseudonymFor(user.id);

        const contacts = await trx
          .selectFrom("contact")
          .select(["id", "name", "email"])
          .where((eb) => eb.or([eb("user_id", "=", user.id), eb("email", "=", user.email)]))
          .execute();
        const terms: ScrubTerms = {
          names: [...new Set([user.name, ...contacts.map((c) => c.name)].filter((n) => n.trim() !== ""))],
          emails: [...new Set([user.email, ...contacts.map((c) => c.email)].map((e) => e.toLowerCase()))],
          pseudonym,
        };

        const roles = await trx.selectFrom("role_assignment").select("role").where("user_id", "=", user.id).execute();
        if (contacts.length > 0) {
          // Progress updates sent through a personal link name the contact as their author; the
          // link to the contact goes with it below (set null), so the pseudonym is put in first.
          await trx
            .updateTable("progress_update")
            .set({ author_label: pseudonym.name })
            .where("author_contact_id", "in", contacts.map((c) => c.id))
            .execute();
          await trx.deleteFrom("contact").where("id", "in", contacts.map((c) => c.id)).execute();
        }
        await trx.deleteFrom("role_assignment").where("user_id", "=", user.id).execute();
        await trx.deleteFrom("session").where("user_id", "=", user.id).execute();
        await trx.deleteFrom("api_token").where("user_id", "=", user.id).execute();
        await trx.deleteFrom("second_factor").where("user_id", "=", user.id).execute();
        await trx.deleteFrom("recovery_code").where("user_id", "=", user.id).execute();
        await trx.deleteFrom("auth_attempt").where("key", "=", `second-factor:${user.id}`).execute();
        await trx.deleteFrom("one_time_token").where("user_id", "=", user.id).execute();
        await trx.deleteFrom("auth_attempt").where("key", "in", terms.emails.map((e) => `account:${e}`)).execute();
        // Attempts on the account from one address carry the email too (`pair:<email>|<address>`).
        for (const e of terms.emails) {
          const prefix = `pair:${e}|`;
          await trx.deleteFrom("auth_attempt").where(sql<string>`substr(key, 1, ${prefix.length})`, "=", prefix).execute();
        }
        await trx
          .updateTable("user_account")
          .set({
            name: pseudonym.name,
            email: pseudonym.email,
            organisation_id: null,
            password_hash: null,
            is_admin: 0,
            active: 0,
            language: null,
            erased_at: input.now,
            updated_at: input.now,
            version: user.version + 1,
          })
          .where("id", "=", user.id)
          .execute();

        // Mail to the person goes; other mail keeps its text with the pseudonym in place of the person.
        await trx.deleteFrom("mail_outbox").where(sql<string>`lower(recipient)`, "in", terms.emails).execute();
        // Candidates by LIKE (ILIKE on PostgreSQL; SQLite's LIKE ignores case for ASCII only, so the
        // lower-case spelling is tried too); scrubText then replaces case-insensitively.
        const patterns = [...new Set([...terms.emails, ...terms.names].flatMap((t) => [t, t.toLowerCase()]))].map((t) => `%${likeEscape(t)}%`);
        const like = db.dialect === "postgres" ? sql.raw("ilike") : sql.raw("like");
        const matchesAny = (columns: string[]) =>
          sql<boolean>`(${sql.join(
            columns.flatMap((column) => patterns.map((p) => sql`${sql.ref(column)} ${like} ${p} escape '\\'`)),
            sql` or `,
          )})`;
        const mails = await trx.selectFrom("mail_outbox").select(["id", "subject", "body_text"]).where(matchesAny(["subject", "body_text"])).execute();
        for (const m of mails) {
          await trx
            .updateTable("mail_outbox")
            .set({ subject: scrubText(m.subject, terms), body_text: scrubText(m.body_text, terms) })
            .where("id", "=", m.id)
            .execute();
        }

        // History keeps the pseudonym: as the actor, as the record's label, and inside before/after.
        await trx.updateTable("audit_event").set({ actor_label: pseudonym.name }).where("actor_user_id", "=", user.id).execute();
        // Progress updates they wrote keep the pseudonym as their author.
        await trx.updateTable("progress_update").set({ author_label: pseudonym.name }).where("author_user_id", "=", user.id).execute();
        await trx
          .updateTable("audit_event")
          .set({ entity_label: pseudonym.email })
          .where("entity_type", "=", "user")
          .where("entity_id", "=", user.id)
          .execute();
        const events = await trx
          .selectFrom("audit_event")
          .select(["id", "actor_label", "entity_label", "before_json", "after_json"])
          .where(matchesAny(["actor_label", "entity_label", "before_json", "after_json"]))
          .execute();
        for (const e of events) {
          await trx
            .updateTable("audit_event")
            .set({
              actor_label: scrubText(e.actor_label, terms),
              entity_label: scrubText(e.entity_label, terms),
              before_json: scrubJson(e.before_json, terms),
              after_json: scrubJson(e.after_json, terms),
            })
            .where("id", "=", e.id)
            .execute();
        }
        if (contacts.length > 0) {
          await trx
            .updateTable("audit_event")
            .set({ entity_label: pseudonym.name })
            .where("entity_type", "=", "contact")
            .where("entity_id", "in", contacts.map((c) => c.id))
            .execute();
        }

        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: user.id,
          entityLabel: pseudonym.email,
          operation: "erase",
          before: null,
          after: { erased: true, contactsRemoved: contacts.length, rolesRemoved: roles.length + (user.is_admin === 1 ? 1 : 0) },
          requestId: input.requestId,
        });
        return { status: "ok", value: { pseudonym } } as const;
      });
    },
  };
}

/**
 * Every account's SQL: finding users and their roles for sign-in, creating accounts and setting
 * passwords, and the administration of accounts (profile, roles, deactivation, invitations, erasure).
 */
export function createUserRepository(db: Db) {
  return { ...userReads(db), ...accountChanges(db), ...userAdministration(db) };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
