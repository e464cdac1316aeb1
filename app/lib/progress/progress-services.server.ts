import type { Db } from "../../db/database";
import { createJobStore } from "../../db/job-store";
import { createMilestoneStore } from "../../db/milestone-store";
import { createProgressStore } from "../../db/progress-store";
import { createRoundStore } from "../../db/round-store";
import { createJobRunner, type JobRunner } from "../jobs/job-runner.server";
import { roundJobHandlers } from "../jobs/round-jobs.server";
import type { PublicLinks } from "../links.server";
import type { Logger } from "../logger.server";
import type { Mailer } from "../mail/mailer.server";
import type { Clock } from "../../domain/time";

/** Milestones, progress updates and update rounds, with the job runner that sends the rounds' mail. */
export function createProgressServices(deps: { db: Db; mailer: Mailer; clock: Clock; logger: Logger; links: PublicLinks }) {
  const rounds = createRoundStore(deps.db);
  const jobStore = createJobStore(deps.db);
  const runner: JobRunner = createJobRunner({
    store: jobStore,
    handlers: { ...roundJobHandlers({ rounds, mailer: deps.mailer, links: deps.links }) },
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    progress: {
      milestones: createMilestoneStore(deps.db),
      updates: createProgressStore(deps.db),
      rounds,
    },
    jobs: { store: jobStore, runner },
  };
}

export type ProgressServices = ReturnType<typeof createProgressServices>["progress"];
export type JobServices = ReturnType<typeof createProgressServices>["jobs"];
