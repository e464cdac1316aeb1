import "react-router";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import * as build from "virtual:react-router/server-build";
import { createApiRouter } from "../app/api/router";
import { problem, STATUS_TITLES, writeProblem } from "../app/api/problem";
import { migrateToLatest } from "../app/db/migrate";
import { loadDefaultDataIfEmpty } from "../app/lib/default-data.server";
import { loadDefaultMonitorIfEmpty } from "../app/db/monitor-default-data";
import { readEnv, type Env } from "../app/lib/env.server";
import { LANGUAGE_COOKIE, negotiateLanguage, type Language } from "../app/lib/i18n";
import { clientCatalogue, translator } from "../app/lib/i18n/catalogue.server";
import { absoluteLink, settleListeningAddress } from "../app/lib/links.server";
import { createLogger, loggableUrl, type Logger } from "../app/lib/logger.server";
import { dataDir, projectRoot } from "../app/lib/paths.server";
import { createServices, type Services } from "../app/lib/services.server";
import { apiReadCache } from "./api-cache";
import { authenticate } from "./auth";
import { CSP_REPORT_PATH, cspReportHandler } from "./csp-report";
import { renderErrorPage, renderMessagePage } from "./error-page";
import { drainBound, reactRouterHandler } from "./react-router";
import { requestIdentity, securityHeaders } from "./security";

/** Builds the HTTP application around ready services (tests call this with their own database). */
export function createApp(services: Services): express.Express {
  const { env, logger } = services;
  const app = express();
  app.disable("x-powered-by");
  // A number of hops, never `true`: Express would then take the left-most X-Forwarded-For entry,
  // which the client chooses.
  app.set("trust proxy", env.TRUST_PROXY > 0 ? env.TRUST_PROXY : false);
  app.set("query parser", "extended");

  app.use(requestIdentity);
  app.use(securityHeaders({ secure: env.TRUST_PROXY > 0 }));
  app.use(accessLog(logger));
  app.use(compression({ threshold: 1024 }));
  app.use(languageNegotiation);
  // Browsers send these without cookies or a token: before the body limit, with a limit of its own.
  app.post(CSP_REPORT_PATH, ...cspReportHandler(logger));
  app.use(refuseNulInAddress);
  app.use(bodySizeLimit(env.MAX_UPLOAD_MB));

  // The texts the browser hydrates with, one language per file (decision 0012); the page names the
  // file, whose name changes with its content, so it can be kept for good.
  app.get("/i18n/:file", (req, res, next) => {
    const language = /^(nl|en)-[0-9a-f]{12}\.json$/.exec(req.params.file)?.[1] as Language | undefined;
    const catalogue = language ? clientCatalogue(language) : undefined;
    if (!catalogue || catalogue.path !== req.path) return next();
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.type("application/json").send(catalogue.json);
  });

  const client = join(projectRoot(), process.env.REGIE_BUILD_DIR ?? "build", "client");
  app.use("/assets", express.static(join(client, "assets"), { immutable: true, maxAge: "1y", index: false }));
  // The top of the client folder holds a few files (favicon.svg): only a path that names a file is
  // looked for there, so that pages do not cost a failed file-system lookup each.
  const topLevelFiles = express.static(client, { maxAge: "1h", index: false });
  app.use((req, res, next) =>
    /\/[^/]+\.[A-Za-z0-9]+$/.test(req.path) ? topLevelFiles(req, res, next) : next(),
  );

  app.get("/health", async (_req, res) => {
    try {
      await services.programmes.count();
      res.setHeader("Cache-Control", "no-store");
      res.json({ status: "ok", database: services.db.dialect });
    } catch (error) {
      logger.error({ err: error, requestId: res.locals.requestId }, "health check failed");
      res.status(503).json({ status: "unavailable" });
    }
  });

  app.use(authenticate(services));
  app.use("/api/v1", apiReadCache(services, env.PAGE_CACHE_MB * 1024 * 1024), createApiRouter(services));
  app.all(
    "/{*path}",
    reactRouterHandler({
      build,
      services,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(res.locals.requestId);
    // Express marks errors the client caused (a path that cannot be decoded: /actions/%ZZ) with a 4xx status.
    const status = clientErrorStatus(error) ?? 500;
    if (status === 500)
      logger.error({ err: error, requestId, method: req.method, path: loggableUrl(req.originalUrl) }, "unhandled error");
    else logger.warn({ err: error, requestId, method: req.method, path: loggableUrl(req.originalUrl), status }, "bad request");
    if (res.headersSent) return res.end();
    const language = (res.locals.language as Language | undefined) ?? "nl";
    if (req.path.startsWith("/api/")) {
      const title = STATUS_TITLES[status]?.[language] ?? STATUS_TITLES[400]![language];
      return writeProblem(res, status, `${translator(language)("errors.requestId")}: ${requestId}`, undefined, title);
    }
    res
      .status(status)
      .type("html")
      .send(renderErrorPage({ language, requestId, nonce: String(res.locals.nonce) }));
  });
  return app;
}

/** The 4xx status an error carries (Express sets `status` on errors the request caused), if any. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" && Number.isInteger(status) && status >= 400 && status < 500
    ? status
    : undefined;
}

function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: loggableUrl(req.originalUrl),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    });
    next();
  };
}

function languageNegotiation(req: Request, res: Response, next: NextFunction) {
  const query = typeof req.query.lang === "string" ? req.query.lang : null;
  const language = negotiateLanguage({
    query,
    cookie: readCookie(req.headers.cookie, LANGUAGE_COOKIE),
    acceptLanguage: req.get("accept-language"),
  });
  res.locals.language = language;
  if (query === language) {
    res.cookie(LANGUAGE_COOKIE, language, {
      maxAge: 365 * 24 * 3600 * 1000,
      sameSite: "lax",
      httpOnly: true,
      path: "/",
    });
  }
  res.vary("Accept-Language");
  next();
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/**
 * An address with an encoded NUL character (%00) in its path or query names nothing Regie has, and
 * PostgreSQL cannot compare with it: every route gets the same 400 before it looks anything up.
 */
function refuseNulInAddress(req: Request, res: Response, next: NextFunction) {
  if (!/%00/i.test(req.originalUrl)) return next();
  const language = res.locals.language as Language;
  if (req.path.startsWith("/api/"))
    return problem(res, 400, "input.nulAddress");
  res
    .status(400)
    .type("html")
    .send(renderMessagePage({ language, kind: "nulAddress" }));
}

/**
 * Refuses a body larger than the limit from its declared length, before reading it. The body is then
 * read and dropped, up to a bound, so that a client still sending it gets to read the 413; beyond
 * that bound the connection is closed once the answer is written.
 */
function bodySizeLimit(maxMb: number) {
  const max = maxMb * 1024 * 1024;
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.get("content-length") ?? 0);
    if (declared > max) {
      const language = res.locals.language as Language;
      if (declared > drainBound(max)) res.setHeader("Connection", "close");
      else req.resume();
      // Pages get a page (forms without JavaScript), the API a problem document.
      if (!req.path.startsWith("/api/")) {
        res
          .status(413)
          .type("html")
          .send(renderMessagePage({ language, kind: "tooLarge", mb: maxMb }));
        return;
      }
      return writeProblem(res, 413, translator(language)("errors.payloadTooLarge", { mb: maxMb }), undefined, STATUS_TITLES[413]![language]);
    }
    next();
  };
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.");

export interface RunningServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/** Reads the environment, migrates, loads the default programme into an empty database and listens. */
export async function start(
  overrides: Partial<NodeJS.ProcessEnv> = {},
  options: { logDestination?: { write(line: string): unknown } } = {},
): Promise<RunningServer> {
  const env: Env = readEnv({ ...process.env, ...overrides });
  const logger = createLogger(env.LOG_LEVEL, options.logDestination);
  const services = createServices(env, logger);
  const applied = await migrateToLatest(services.db);
  if (applied.length > 0) logger.info({ migrations: applied }, "migrations applied");
  await services.secondFactors.prepare();
  if (!env.REGIE_SKIP_DEFAULT_DATA) {
    const reports = await loadDefaultDataIfEmpty(services.db, dataDir(env.REGIE_DATA_DIR));
    for (const r of reports)
      logger.info({ programme: r.programme.slug, actions: r.actions.created }, "default programme loaded");
    const monitor = await loadDefaultMonitorIfEmpty(services.db, dataDir(env.REGIE_DATA_DIR));
    if (monitor)
      logger.info(
        { indicators: monitor.definitions.created.length, files: monitor.files.length },
        "default monitor loaded",
      );
  }
  // Milestones for programmes loaded before milestones existed (new imports read them themselves).
  const milestones = await services.milestones.backfill(services.clock.now().toISOString());
  if (milestones > 0) logger.info({ actions: milestones }, "milestones read from the planning texts");
  // Made (or read) before the first visitor asks for a form, so that no request has to.
  await services.auth.visitorTokenKey();
  const app = createApp(services);
  const server = app.listen(env.PORT, env.HOST);
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  const url = `http://${host}:${port}`;
  settleListeningAddress(services.links, url);
  logger.info({ url, database: services.db.description, node: process.version }, "Regie is listening");
  if (!services.links.configured && !isLoopback(env.HOST))
    logger.warn(
      { links: services.links.origin },
      "PUBLIC_URL is not set: links in email point to the address above; set PUBLIC_URL to the address users reach Regie at",
    );
  // Reminders and the mail of update rounds: jobs in the database, run from this process every minute.
  services.jobRunner.start();
  if ((await services.users.count()) === 0) {
    // No accounts yet: a one-time link creates the first administrator; there are no default passwords.
    const token = await services.auth.issueOneTimeToken("first-admin", null);
    const link = absoluteLink(services.links, `/setup/${token}`);
    logger.warn(
      { setup: "first-administrator" },
      "no accounts yet: open the one-time link printed on the console",
    );
    if (env.LOG_LEVEL !== "silent")
      process.stdout.write(
        `\nNo accounts yet. Create the first administrator (link valid 24 hours):\n  ${link}\n\n`,
      );
    if (env.REGIE_SETUP_LINK_FILE) writeFileSync(env.REGIE_SETUP_LINK_FILE, `${link}\n`, { mode: 0o600 });
  }
  return {
    url,
    services,
    close: async () => {
      await services.jobRunner.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await services.db.close();
    },
  };
}
