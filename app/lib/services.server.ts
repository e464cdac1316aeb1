import { createActionRepository } from "../db/action.repository";
import { createUserRepository } from "../db/user.repository";
import { createOrganisationRepository } from "../db/organisation.repository";
import { createProgrammeRepository } from "../db/programme.repository";
import { createAuthRepository } from "../db/auth.repository";
import { createHistoryRepository } from "../db/history.repository";
import { createDecisionRepository } from "../db/decision.repository";
import { createContactRepository } from "../db/contact.repository";
import { createOutboxRepository } from "../db/outbox.repository";
import { createPersonalDataRepository } from "../db/personal-data.repository";
import { createPlanRepository } from "../db/plan.repository";
import { createEditionRepository } from "../db/edition.repository";
import { createReportRepository } from "../db/report.repository";
import { createBudgetRepository } from "../db/budget.repository";
import { createPlanService } from "./plans/plan-service.server";
import { createAuthService } from "./auth/auth-service.server";
import { createSecondFactorService, type SecondFactorService } from "./auth/second-factor.server";
import { createSecondFactorRepository } from "../db/second-factor.repository";
import { createMailer, type Mailer } from "./mail/mailer.server";
import { systemClock, type Clock } from "../domain/time";
import { openDatabase, type Db } from "../db/database";
import { createMonitorRepository } from "../db/monitor.repository";
import { createWorkbookRepository } from "../db/workbook.repository";
import { createProgressReadModel } from "../db/progress.read-model";
import { createWorkReadModel } from "../db/work.read-model";
import { changeStamp, createReadCache, type ReadCache } from "../db/read-cache";
import { createProgressServices } from "./progress-services.server";
import type { Env } from "./env.server";
import { createPublicLinks, type PublicLinks } from "./links.server";
import type { Logger } from "./logger.server";

/** Everything a request handler may use, built once at start-up and handed to routes. */
export interface Services {
  env: Env;
  /** Where links in email point (PUBLIC_URL, or the address printed at start; never a request header). */
  links: PublicLinks;
  db: Db;
  logger: Logger;
  /** Programmes: the list, the whole programme, editing its front matter and themes. */
  programmes: ReturnType<typeof createProgrammeRepository>;
  /** Actions: lists, one action, counts; editing and creating them. */
  actions: ReturnType<typeof createActionRepository>;
  /** Organisations: the register, the form lookup; creating, editing and merging them. */
  organisations: ReturnType<typeof createOrganisationRepository>;
  /** Accounts: sign-in lookups, creating accounts and setting passwords, administration and erasure. */
  users: ReturnType<typeof createUserRepository>;
  auth: ReturnType<typeof createAuthService>;
  mailer: Mailer;
  history: ReturnType<typeof createHistoryRepository>;
  /** The steering group's decisions and meetings: reading, and recording them. */
  decisions: ReturnType<typeof createDecisionRepository>;
  clock: Clock;
  monitor: ReturnType<typeof createMonitorRepository>;
  contacts: ReturnType<typeof createContactRepository>;
  outbox: ReturnType<typeof createOutboxRepository>;
  personalData: ReturnType<typeof createPersonalDataRepository>;
  plans: ReturnType<typeof createPlanService>;
  /** Values computed from the database, kept until the database changes (see app/db/read-cache.ts). */
  readCache: ReadCache;
  /** Read models of the dashboard, the timeline and the dependency graphs (cached per database change). */
  progressViews: ReturnType<typeof createProgressReadModel>;
  /** Milestones of actions: read from planning texts, corrected and marked done by hand. */
  milestones: ReturnType<typeof createProgressServices>["milestones"];
  /** Progress updates of actions, per period. */
  progressUpdates: ReturnType<typeof createProgressServices>["progressUpdates"];
  /** Update rounds: asking action contacts for progress, and their answers. */
  rounds: ReturnType<typeof createProgressServices>["rounds"];
  /** Jobs kept in the database (the rounds' mail). */
  jobs: ReturnType<typeof createProgressServices>["jobs"];
  /** The runner of those jobs, which the server process starts. */
  jobRunner: ReturnType<typeof createProgressServices>["jobRunner"];
  /** Workbooks: uploads awaiting their preview, what a download holds, applying an edited workbook. */
  workbooks: ReturnType<typeof createWorkbookRepository>;
  /** The yearly documents: the programme manager's texts, finalised snapshots, and what they are assembled from. */
  reports: ReturnType<typeof createReportRepository>;
  /** What the work area lists: plans waiting, open rounds, gaps in the register, a contact's own actions. */
  workItems: ReturnType<typeof createWorkReadModel>;
  /** Editions of a programme: the next edition as a draft, its adoption, lineage and differences. */
  editions: ReturnType<typeof createEditionRepository>;
  /** The second factor (TOTP): enrolment, the code at sign-in, recovery codes, resets. */
  secondFactors: SecondFactorService;
  /** The programme's budget (sources, mandate, allocations, spending) and the capacity organisations commit. */
  budget: ReturnType<typeof createBudgetRepository>;
}

/** Builds the services on an open database. */
export function createServices(env: Env, logger: Logger, db: Db = openDatabase(env.DATABASE_URL), clock: Clock = systemClock): Services {
  const users = createUserRepository(db);
  const links = createPublicLinks(env.PUBLIC_URL, `http://localhost:${env.PORT}`);
  const outbox = createOutboxRepository(db);
  const mailer = createMailer({ outbox, logger, clock, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  const readCache = createReadCache(changeStamp(db), 500);
  const authStore = createAuthRepository(db);
  const secondFactors = createSecondFactorService({ store: createSecondFactorRepository(db), auth: authStore, clock });
  return {
    env,
    links,
    db,
    logger,
    clock,
    readCache,
    programmes: createProgrammeRepository(db, readCache),
    actions: createActionRepository(db),
    organisations: createOrganisationRepository(db),
    users,
    history: createHistoryRepository(db),
    decisions: createDecisionRepository(db),
    auth: createAuthService({ auth: authStore, users, clock, secondFactors, requireSecondFactor: env.REQUIRE_SECOND_FACTOR }),
    monitor: createMonitorRepository(db),
    contacts: createContactRepository(db),
    outbox,
    personalData: createPersonalDataRepository(db),
    mailer,
    plans: createPlanService({ store: createPlanRepository(db), mailer, logger }),
    progressViews: createProgressReadModel(db, readCache),
    ...createProgressServices({ db, mailer, clock, logger, links }),
    workbooks: createWorkbookRepository(db),
    reports: createReportRepository(db),
    workItems: createWorkReadModel(db),
    editions: createEditionRepository(db),
    secondFactors,
    budget: createBudgetRepository(db),
  };
}
