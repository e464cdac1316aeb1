import { createActionRepository } from "../db/action-repository";
import { openDatabase, type Db } from "../db/database";
import { createOrganisationRepository } from "../db/organisation-repository";
import { createProgrammeRepository } from "../db/programme-repository";
import type { Env } from "./env.server";
import type { Logger } from "./logger.server";

/** Everything a request handler may use, built once at start-up and handed to routes. */
export interface Services {
  env: Env;
  db: Db;
  logger: Logger;
  programmes: ReturnType<typeof createProgrammeRepository>;
  actions: ReturnType<typeof createActionRepository>;
  organisations: ReturnType<typeof createOrganisationRepository>;
}

/** Builds the services on an open database. */
export function createServices(env: Env, logger: Logger, db: Db = openDatabase(env.DATABASE_URL)): Services {
  return {
    env,
    db,
    logger,
    programmes: createProgrammeRepository(db),
    actions: createActionRepository(db),
    organisations: createOrganisationRepository(db),
  };
}
