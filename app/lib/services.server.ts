import { createActionRepository } from "../db/action-repository";
import { createAccountStore } from "../db/account-store";
import { createActionStore } from "../db/action-store";
import { createAuthRepository } from "../db/auth-repository";
import { createHistoryRepository } from "../db/history-repository";
import { createUserRepository } from "../db/user-repository";
import { createAuthService } from "./auth/auth-service.server";
import { createMailer, type Mailer } from "./mail/mailer.server";
import { systemClock, type Clock } from "./time";
import { openDatabase, type Db } from "../db/database";
import { createOrganisationRepository } from "../db/organisation-repository";
import { createProgrammeRepository } from "../db/programme-repository";
import { createMonitorRepository } from "../db/monitor-repository";
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
  users: ReturnType<typeof createUserRepository>;
  auth: ReturnType<typeof createAuthService>;
  mailer: Mailer;
  accounts: ReturnType<typeof createAccountStore>;
  actionStore: ReturnType<typeof createActionStore>;
  history: ReturnType<typeof createHistoryRepository>;
  clock: Clock;
  monitor: ReturnType<typeof createMonitorRepository>;
}

/** Builds the services on an open database. */
export function createServices(env: Env, logger: Logger, db: Db = openDatabase(env.DATABASE_URL), clock: Clock = systemClock): Services {
  const users = createUserRepository(db);
  return {
    env,
    db,
    logger,
    clock,
    programmes: createProgrammeRepository(db),
    actions: createActionRepository(db),
    organisations: createOrganisationRepository(db),
    users,
    accounts: createAccountStore(db),
    actionStore: createActionStore(db),
    history: createHistoryRepository(db),
    auth: createAuthService({ auth: createAuthRepository(db), users, clock }),
    monitor: createMonitorRepository(db),
    mailer: createMailer({ db, logger, clock, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }),
  };
}
