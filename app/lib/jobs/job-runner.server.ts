import { Cron } from "croner";
import type { ClaimedJob, JobRepository } from "../../db/job.repository";
import { TIME_ZONE } from "../../domain/calendar";
import type { Logger } from "../logger.server";
import type { Clock } from "../../domain/time";

/** What a job kind does; it may return a payload to keep instead of the one it ran with (to drop a secret). */
export type JobHandler = (
  payload: unknown,
  context: { now: Date; job: ClaimedJob },
) => Promise<{ payload?: unknown } | void>;

/** A failure that retrying cannot mend (a malformed payload): the job fails at once. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface RunSummary {
  done: number;
  retried: number;
  failed: number;
}

export interface JobRunner {
  /** Runs every job due at `now` (the services' clock when left out); tests call this with a fake clock. */
  runDueJobs(now?: Date): Promise<RunSummary>;
  /** Starts the schedule: every minute (Europe/Amsterdam), and once right away. */
  start(): void;
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
  /** Runs soon (after a change queued jobs) when started; does nothing otherwise. */
  wake(): void;
}

/** At most this many jobs per run, so that one run cannot hold the process for long. */
const BATCH = 500;

/**
 * The job runner of the server process: claims due jobs one at a time (atomically, so that several
 * processes can share a database), runs their handler, and records the outcome: done, retried
 * later with a growing wait, or failed after the last attempt.
 */
export function createJobRunner(deps: {
  store: JobRepository;
  handlers: Record<string, JobHandler>;
  clock: Clock;
  logger: Logger;
}): JobRunner {
  const { store, handlers, clock, logger } = deps;
  let cron: Cron | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function runDueJobs(now: Date = clock.now()): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, failed: 0 };
    for (let i = 0; i < BATCH; i++) {
      const job = await store.claim(now);
      if (!job) break;
      const handler = handlers[job.kind];
      try {
        if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
        const outcome = await handler(job.payload, { now, job });
        await store.complete(job.id, now, outcome ? outcome.payload : undefined);
        summary.done++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const result = await store.fail(job, now, message, error instanceof PermanentJobError);
        summary[result === "retry" ? "retried" : "failed"]++;
        logger.warn(
          { err: error, jobId: job.id, kind: job.kind, attempts: job.attempts, result },
          "job failed",
        );
      }
    }
    return summary;
  }

  function tick(): void {
    if (running) {
      again = true;
      return;
    }
    running = runDueJobs(clock.now())
      .then((s) => {
        if (s.done + s.retried + s.failed > 0) logger.info({ jobs: s }, "jobs run");
      })
      .catch((error: unknown) => logger.error({ err: error }, "job run failed"))
      .finally(() => {
        running = null;
        if (again && cron) {
          again = false;
          tick();
        }
      });
  }

  return {
    runDueJobs,
    start() {
      if (cron) return;
      cron = new Cron("* * * * *", { timezone: TIME_ZONE, protect: true, unref: true }, () => tick());
      tick();
    },
    async stop() {
      cron?.stop();
      cron = null;
      again = false;
      await running;
    },
    wake() {
      if (cron) setImmediate(tick);
    },
  };
}
