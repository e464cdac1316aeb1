import type { Db } from "./database";
import { type Actor, recordAudit } from "./audit";

/** The second factor of accounts: the encrypted authenticator secret and the hashed recovery codes. */
export function createSecondFactorRepository(db: Db) {
  const k = db.kysely;
  return {
    find(userId: number) {
      return k.selectFrom("second_factor").selectAll().where("user_id", "=", userId).executeTakeFirst();
    },
    async isConfirmed(userId: number): Promise<boolean> {
      const row = await k.selectFrom("second_factor").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst();
      return Boolean(row?.confirmed_at);
    },
    /**
     * Keeps a confirmed enrolment (the secret, the step of its first code) with its recovery codes;
     * false when the person has one already.
     */
    async enrol(input: { userId: number; secret: string; step: number; codeHashes: string[]; pendingCodes: string; actor: Actor; now: string; requestId?: string | null }): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto("second_factor")
          .values({ user_id: input.userId, secret: input.secret, confirmed_at: input.now, last_step: input.step, pending_codes: input.pendingCodes, created_at: input.now })
          .onConflict((oc) => oc.column("user_id").doNothing())
          .returning("user_id")
          .executeTakeFirst();
        if (!r) return false;
        await trx.deleteFrom("recovery_code").where("user_id", "=", input.userId).execute();
        await trx
          .insertInto("recovery_code")
          .values(input.codeHashes.map((code_hash) => ({ user_id: input.userId, code_hash, used_at: null })))
          .execute();
        const user = await trx.selectFrom("user_account").select("email").where("id", "=", input.userId).executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: input.userId,
          entityLabel: user.email,
          operation: "second-factor-enrol",
          before: null,
          after: null,
          requestId: input.requestId ?? null,
        });
        return true;
      });
    },
    /** The recovery codes waiting to be shown, taken away as they are read: they are shown once. */
    async takePendingCodes(userId: number): Promise<string | null> {
      return k.transaction().execute(async (trx) => {
        const row = await trx.selectFrom("second_factor").select("pending_codes").where("user_id", "=", userId).executeTakeFirst();
        if (!row?.pending_codes) return null;
        await trx.updateTable("second_factor").set({ pending_codes: null }).where("user_id", "=", userId).execute();
        return row.pending_codes;
      });
    },
    /** Takes a code's time step if it is later than every step used before; false for a replay. */
    async useStep(userId: number, step: number): Promise<boolean> {
      const r = await k
        .updateTable("second_factor")
        .set({ last_step: step })
        .where("user_id", "=", userId)
        .where("confirmed_at", "is not", null)
        .where("last_step", "<", step)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Uses a recovery code once; false when it is unknown or used. */
    async useRecoveryCode(userId: number, codeHash: string, now: string): Promise<boolean> {
      const r = await k
        .updateTable("recovery_code")
        .set({ used_at: now })
        .where("user_id", "=", userId)
        .where("code_hash", "=", codeHash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async unusedRecoveryCodes(userId: number): Promise<number> {
      const row = await k
        .selectFrom("recovery_code")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Removes a person's second factor (they enrol again at their next sign-in), recorded in the history. */
    async reset(input: { userId: number; actor: Actor; now: string; requestId?: string | null }): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const user = await trx.selectFrom("user_account").select("email").where("id", "=", input.userId).executeTakeFirst();
        if (!user) return false;
        const r = await trx.deleteFrom("second_factor").where("user_id", "=", input.userId).executeTakeFirst();
        await trx.deleteFrom("recovery_code").where("user_id", "=", input.userId).execute();
        if (Number(r.numDeletedRows) === 0) return false;
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: null,
          entityType: "user",
          entityId: input.userId,
          entityLabel: user.email,
          operation: "second-factor-reset",
          before: null,
          after: null,
          requestId: input.requestId ?? null,
        });
        return true;
      });
    },
  };
}

export type SecondFactorRepository = ReturnType<typeof createSecondFactorRepository>;
