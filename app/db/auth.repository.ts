import { sql } from "kysely";
import type { Db } from "./database";

/** Sessions, API tokens, one-time links and sign-in attempts. Only hashes of secrets are stored. */
export function createAuthRepository(db: Db) {
  const k = db.kysely;
  return {
    async createSession(s: { idHash: string; userId: number; csrfToken: string; now: string; expiresAt: string }) {
      await k
        .insertInto("session")
        .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt })
        .execute();
    },
    findSession(idHash: string) {
      return k.selectFrom("session").selectAll().where("id_hash", "=", idHash).executeTakeFirst();
    },
    async touchSession(idHash: string, now: string) {
      await k.updateTable("session").set({ last_seen_at: now }).where("id_hash", "=", idHash).execute();
    },
    async deleteSession(idHash: string) {
      await k.deleteFrom("session").where("id_hash", "=", idHash).execute();
    },
    async deleteSessionsOf(userId: number) {
      await k.deleteFrom("session").where("user_id", "=", userId).execute();
    },
    async deleteExpiredSessions(now: string, idleBefore: string) {
      await k
        .deleteFrom("session")
        .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleBefore)]))
        .execute();
    },

    async createToken(t: { userId: number; name: string; tokenHash: string; now: string }) {
      const row = await k
        .insertInto("api_token")
        .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.now })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    findToken(tokenHash: string) {
      return k.selectFrom("api_token").selectAll().where("token_hash", "=", tokenHash).where("revoked_at", "is", null).executeTakeFirst();
    },
    listTokens(userId: number) {
      return k
        .selectFrom("api_token")
        .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc")
        .execute();
    },
    async revokeToken(userId: number, id: number, now: string): Promise<boolean> {
      const r = await k
        .updateTable("api_token")
        .set({ revoked_at: now })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async touchToken(id: number, now: string) {
      await k.updateTable("api_token").set({ last_used_at: now }).where("id", "=", id).execute();
    },

    async createOneTimeToken(t: { purpose: string; tokenHash: string; userId: number | null; now: string; expiresAt: string }) {
      await k
        .insertInto("one_time_token")
        .values({ purpose: t.purpose, token_hash: t.tokenHash, user_id: t.userId, created_at: t.now, expires_at: t.expiresAt })
        .execute();
    },
    findOneTimeToken(purpose: string, tokenHash: string) {
      return k
        .selectFrom("one_time_token")
        .selectAll()
        .where("purpose", "=", purpose)
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
    },

    async recordAttempt(key: string, at: string) {
      await k.insertInto("auth_attempt").values({ key, at }).execute();
    },
    async countAttempts(key: string, since: string): Promise<{ count: number; oldest: string | null }> {
      const row = await k
        .selectFrom("auth_attempt")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("at").as("oldest")])
        .where("key", "=", key)
        .where("at", ">", since)
        .executeTakeFirstOrThrow();
      return { count: Number(row.n), oldest: row.oldest ?? null };
    },
    /**
     * Counts the recent attempts under each key and, unless `decide` finds them over a limit, records
     * one attempt under every key, in one step: the counting and the recording of parallel sign-ins
     * take turns (the write lock on SQLite, a lock per key on PostgreSQL), so that no more of them
     * reach the password check than the limits allow. Returns the ids recorded, or what `decide` said.
     */
    async reserveAttempt<B>(input: {
      keys: string[];
      at: string;
      since: string;
      decide(counts: Record<string, { count: number; oldest: string | null }>): B | null;
    }): Promise<{ reserved: number[] } | { refused: B }> {
      return k.transaction().execute(async (trx) => {
        if (db.dialect === "postgres")
          for (const key of [...input.keys].sort()) await sql`SELECT pg_advisory_xact_lock(hashtext(${`auth_attempt:${key}`}))`.execute(trx);
        const counts: Record<string, { count: number; oldest: string | null }> = {};
        for (const key of input.keys) {
          const row = await trx
            .selectFrom("auth_attempt")
            .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("at").as("oldest")])
            .where("key", "=", key)
            .where("at", ">", input.since)
            .executeTakeFirstOrThrow();
          counts[key] = { count: Number(row.n), oldest: row.oldest ?? null };
        }
        const refused = input.decide(counts);
        if (refused !== null) return { refused };
        const reserved: number[] = [];
        for (const key of input.keys) {
          const row = await trx.insertInto("auth_attempt").values({ key, at: input.at }).returning("id").executeTakeFirstOrThrow();
          reserved.push(row.id);
        }
        return { reserved };
      });
    },
    async releaseAttempts(ids: number[]) {
      if (ids.length > 0) await k.deleteFrom("auth_attempt").where("id", "in", ids).execute();
    },
    async clearAttempts(key: string) {
      await k.deleteFrom("auth_attempt").where("key", "=", key).execute();
    },
    /**
     * The server's own secret of this name, made once by whichever process asks first (the value
     * given is kept only when there is none yet).
     */
    async serverSecret(name: string, fresh: string, now: string): Promise<string> {
      await k.insertInto("server_secret").values({ name, value: fresh, created_at: now }).onConflict((oc) => oc.column("name").doNothing()).execute();
      const row = await k.selectFrom("server_secret").select("value").where("name", "=", name).executeTakeFirstOrThrow();
      return row.value;
    },
    async pruneAttempts(before: string) {
      await k.deleteFrom("auth_attempt").where("at", "<", before).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
