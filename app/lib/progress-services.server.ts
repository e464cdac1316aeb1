import type { Db } from "../db/database";
import { createJobRepository } from "../db/job.repository";
import { createMilestoneRepository } from "../db/milestone.repository";
import { createProgressUpdateRepository } from "../db/progress-update.repository";
import { createRoundRepository } from "../db/round.repository";
import { createJobRunner, type JobRunner } from "./jobs/job-runner.server";
import { roundJobHandlers } from "./jobs/round-jobs.server";
import type { PublicLinks } from "./links.server";
import type { Logger } from "./logger.server";
import type { Mailer } from "./mail/mailer.server";
import type { Clock } from "../domain/time";

/** Milestones, progress updates and update rounds, with the job runner that sends the rounds' mail. */
export function createProgressServices(deps: { db: Db; mailer: Mailer; clock: Clock; logger: Logger; links: PublicLinks }) {
  const rounds = createRoundRepository(deps.db);
  const jobStore = createJobRepository(deps.db);
  const runner: JobRunner = createJobRunner({
    store: jobStore,
    handlers: { ...roundJobHandlers({ rounds, mailer: deps.mailer, links: deps.links }) },
    clock: deps.clock,
    logger: deps.logger,
  });
  return {
    milestones: createMilestoneRepository(deps.db),
    progressUpdates: createProgressUpdateRepository(deps.db),
    rounds,
    jobs: jobStore,
    jobRunner: runner,
  };
}
