import type { Transaction } from "kysely";
import type { Db } from "./database";
import type { Database } from "./schema";

/**
 * Jobs kept in the database and run by the server process (reminders, mails of update rounds).
 * Several server processes may share one database: a job is claimed by one atomic UPDATE, on
 * PostgreSQL over a row the claimant locked with SKIP LOCKED, so that no two processes run it.
 * A job that stays `running` long after it was claimed (its process died) is claimed again.
 */

export interface NewJob {
  kind: string;
  payload: unknown;
  /** ISO-8601 UTC. */
  runAt: string;
  subject?: string | null;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  runAt: string;
  /** Counting this run. */
  attempts: number;
  subject: string | null;
}

export interface JobView {
  id: number;
  kind: string;
  status: string;
  runAt: string;
  attempts: number;
  subject: string | null;
  lastError: string | null;
}

/** After this many failed runs a job stays `failed`. */
export const MAX_ATTEMPTS = 5;
/** A `running` job locked longer ago than this is taken to be abandoned. */
export const STALE_AFTER_MS = 10 * 60_000;

/** Wait before retry N (1-based): 1, 2, 4, 8 minutes…, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Adds jobs inside the caller's transaction, so that they exist exactly when the change does. */
export async function enqueueJobs(
  trx: Transaction<Database>,
  jobs: readonly NewJob[],
  now: string,
): Promise<void> {
  if (jobs.length === 0) return;
  await trx
    .insertInto("job")
    .values(
      jobs.map((j) => ({
        kind: j.kind,
        payload: JSON.stringify(j.payload),
        run_at: j.runAt,
        status: "pending",
        attempts: 0,
        locked_at: null,
        last_error: null,
        subject: j.subject ?? null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Cancels the pending jobs of a subject (exactly, or every subject under `prefix/`), dropping their payloads (which may hold link secrets). */
export async function cancelJobs(
  trx: Transaction<Database>,
  subject: { exact: string } | { under: string },
  now: string,
): Promise<number> {
  let q = trx
    .updateTable("job")
    .set({ status: "cancelled", payload: "{}", updated_at: now })
    .where("status", "=", "pending");
  q =
    "exact" in subject
      ? q.where("subject", "=", subject.exact)
      : q.where((eb) =>
          eb.or([eb("subject", "=", subject.under), eb("subject", "like", `${subject.under}/%`)]),
        );
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function createJobRepository(db: Db) {
  const k = db.kysely;
  return {
    /** Claims the next due job (pending and due, or running and abandoned), or null when none is due. */
    async claim(now: Date): Promise<ClaimedJob | null> {
      const at = now.toISOString();
      const staleBefore = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
      let pick = k
        .selectFrom("job as j")
        .select("j.id")
        .where((eb) =>
          eb.or([
            eb.and([eb("j.status", "=", "pending"), eb("j.run_at", "<=", at)]),
            eb.and([eb("j.status", "=", "running"), eb("j.locked_at", "<", staleBefore)]),
          ]),
        )
        .orderBy("j.run_at")
        .orderBy("j.id")
        .limit(1);
      if (db.dialect === "postgres") pick = pick.forUpdate().skipLocked();
      const row = await k
        .updateTable("job")
        .set((eb) => ({ status: "running", locked_at: at, attempts: eb("attempts", "+", 1), updated_at: at }))
        .where("id", "=", pick)
        // Checked again by the UPDATE itself: another process may have claimed it in between.
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "pending"), eb("run_at", "<=", at)]),
            eb.and([eb("status", "=", "running"), eb("locked_at", "<", staleBefore)]),
          ]),
        )
        .returning(["id", "kind", "payload", "run_at", "attempts", "subject"])
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        kind: row.kind,
        payload: JSON.parse(row.payload) as unknown,
        runAt: row.run_at,
        attempts: row.attempts,
        subject: row.subject,
      };
    },

    /** Marks a claimed job done; `payload` replaces the stored one (to drop a secret that is no longer needed). */
    async complete(id: number, now: Date, payload?: unknown): Promise<void> {
      await k
        .updateTable("job")
        .set({
          status: "done",
          locked_at: null,
          last_error: null,
          updated_at: now.toISOString(),
          ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
        })
        .where("id", "=", id)
        .where("status", "=", "running")
        .execute();
    },

    /** Records a failed run: pending again after a growing wait, or failed for good after MAX_ATTEMPTS (or when `permanent`). */
    async fail(
      job: Pick<ClaimedJob, "id" | "attempts">,
      now: Date,
      error: string,
      permanent = false,
    ): Promise<"retry" | "failed"> {
      const final = permanent || job.attempts >= MAX_ATTEMPTS;
      await k
        .updateTable("job")
        .set({
          status: final ? "failed" : "pending",
          locked_at: null,
          last_error: error.slice(0, 500),
          run_at: final ? undefined : new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
          ...(final ? { payload: "{}" } : {}),
          updated_at: now.toISOString(),
        })
        .where("id", "=", job.id)
        .execute();
      return final ? "failed" : "retry";
    },

    /** Jobs of a subject (exactly, or under `prefix/`), oldest first: for the round page and tests. */
    async list(subject?: { exact: string } | { under: string }): Promise<JobView[]> {
      let q = k
        .selectFrom("job")
        .select(["id", "kind", "status", "run_at", "attempts", "subject", "last_error"]);
      if (subject) {
        q =
          "exact" in subject
            ? q.where("subject", "=", subject.exact)
            : q.where((eb) =>
                eb.or([eb("subject", "=", subject.under), eb("subject", "like", `${subject.under}/%`)]),
              );
      }
      const rows = await q.orderBy("run_at").orderBy("id").execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        runAt: r.run_at,
        attempts: r.attempts,
        subject: r.subject,
        lastError: r.last_error,
      }));
    },
  };
}

export type JobRepository = ReturnType<typeof createJobRepository>;
