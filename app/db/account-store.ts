import type { Transaction } from "kysely";
import type { ProgrammeRole } from "../domain/auth/roles";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";
import { askAddedContactsIn } from "./round.repository";
import type { Database } from "./schema";

export type AccountResult<T> = { ok: true; value: T } | { ok: false; reason: "token-invalid" | "email-taken" | "not-found" | "setup-done" };

const publicUser = (u: { id: number; email: string; name: string; is_admin: number; active: number; organisation_id: number | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isAdmin: u.is_admin === 1,
  active: u.active === 1,
  organisationId: u.organisation_id,
});

/** Changes to accounts and roles, each in one transaction with its history entry. */
export function createAccountStore(db: Db) {
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
        if (existing) return { ok: false, reason: "setup-done" } as const;
        const token = await useToken(trx, "first-admin", input.tokenHash, input.now);
        if (!token) return { ok: false, reason: "token-invalid" } as const;
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
        return { ok: true, value: row.id } as const;
      });
    },

    /** Sets a password through a reset or invitation link, used once; ends the user's other sessions. */
    async setPasswordWithToken(input: { purpose: "password-reset" | "invite"; tokenHash: string; passwordHash: string; now: string }): Promise<AccountResult<number>> {
      return k.transaction().execute(async (trx) => {
        const token = await useToken(trx, input.purpose, input.tokenHash, input.now);
        if (!token?.user_id) return { ok: false, reason: "token-invalid" } as const;
        const user = await trx.selectFrom("user_account").select(["id", "active", "version", "email"]).where("id", "=", token.user_id).executeTakeFirst();
        if (!user || user.active !== 1) return { ok: false, reason: "token-invalid" } as const;
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
        return { ok: true, value: user.id } as const;
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
        if (taken) return { ok: false, reason: "email-taken" } as const;
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
        return { ok: true, value: row.id } as const;
      });
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
