import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";

// Browser journeys run against the production build in Debian's Chromium: on SQLite with
// JavaScript on and off, plus one smoke journey on PostgreSQL when `npm test` provides a cluster.
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// Playwright evaluates this file in the runner and again in every worker: pick the port and the
// database file once, in the runner, and hand them to the workers through the environment.
// A high range: Chromium refuses some lower ports outright (4045, 4190, 6000, …).
process.env.REGIE_E2E_PORT ??= String(20000 + Math.floor(Math.random() * 8000));
process.env.REGIE_E2E_SQLITE ??= join(mkdtempSync(join(tmpdir(), "regie-e2e-")), "regie.sqlite");
const sqlitePort = Number(process.env.REGIE_E2E_PORT);
const pgPort = sqlitePort + 600;
const sqliteFile = process.env.REGIE_E2E_SQLITE;
const pgUrl = process.env.TEST_POSTGRES_URL;

const launchOptions = {
  executablePath: chromium,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

// The journeys sign in as administrators without a second factor; the identity journeys set the
// requirement back to its default for their own servers.
process.env.REQUIRE_SECOND_FACTOR ??= "none";

const webServer: NonNullable<PlaywrightTestConfig["webServer"]> = [
  {
    command: "node server.js",
    url: `http://127.0.0.1:${sqlitePort}/health`,
    env: {
      PORT: String(sqlitePort),
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${sqliteFile}`,
      LOG_LEVEL: "warn",
    },
    reuseExistingServer: false,
    timeout: 60_000,
  },
];
const projects: NonNullable<PlaywrightTestConfig["projects"]> = [
  {
    name: "sqlite-js",
    testIgnore: /postgres-smoke|first-admin|decide-category|edit-action|workbook-import|annual-report|work-area|identity/,
    use: { baseURL: `http://127.0.0.1:${sqlitePort}`, javaScriptEnabled: true },
  },
  {
    name: "sqlite-no-js",
    testIgnore: /postgres-smoke|first-admin|decide-category|edit-action|workbook-import|annual-report|work-area|identity/,
    use: { baseURL: `http://127.0.0.1:${sqlitePort}`, javaScriptEnabled: false },
  },
];
// The first administrator's journey needs a server without accounts: one per project (JavaScript on
// and off), each with its own database, writing its one-time setup link to a file the spec reads.
process.env.REGIE_E2E_FIRST_ADMIN_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-first-admin-"));
for (const [offset, name, javaScriptEnabled] of [[700, "first-admin-js", true], [701, "first-admin-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const dir = process.env.REGIE_E2E_FIRST_ADMIN_DIR;
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(dir, `${name}.sqlite`)}`,
      LOG_LEVEL: "warn",
      REGIE_SETUP_LINK_FILE: join(dir, `${name}.link`),
    },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({
    name,
    testMatch: /first-admin/,
    use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled },
    metadata: { setupLinkFile: join(dir, `${name}.link`) },
  });
}
// The second factor's journey: a server per project with the requirement at its default and no
// accounts, so that the first administrator it sets up must enrol before anything else.
process.env.REGIE_E2E_IDENTITY_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-identity-"));
for (const [offset, name, javaScriptEnabled] of [[770, "identity-js", true], [771, "identity-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const dir = process.env.REGIE_E2E_IDENTITY_DIR;
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(dir, `${name}.sqlite`)}`,
      LOG_LEVEL: "warn",
      REGIE_SETUP_LINK_FILE: join(dir, `${name}.link`),
      REQUIRE_SECOND_FACTOR: "admin,programme-manager",
    },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({
    name,
    testMatch: /identity/,
    use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled },
    metadata: { setupLinkFile: join(dir, `${name}.link`) },
  });
}
// The steering-group journey changes the category counts it checks: one server and database per
// project (JavaScript on and off), so that both run at the same time without meeting. The spec
// creates its account with the CLI on the database file named in the project's metadata.
process.env.REGIE_E2E_DECISIONS_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-decisions-"));
for (const [offset, name, javaScriptEnabled] of [[710, "decisions-js", true], [711, "decisions-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const databaseFile = join(process.env.REGIE_E2E_DECISIONS_DIR, `${name}.sqlite`);
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${databaseFile}`, LOG_LEVEL: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({
    name,
    testMatch: /decide-category/,
    use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled },
    metadata: { databaseFile },
  });
}
// The editing journey changes action 17 (it gets Gemeente Leiden as lead, which other journeys count):
// one server and database per project, like the decisions journey. The spec makes its programme
// manager with the CLI on the database named in the project's metadata (DATABASE_URL).
process.env.REGIE_E2E_EDITING_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-editing-"));
for (const [offset, name, javaScriptEnabled] of [[720, "edit-action-js", true], [721, "edit-action-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const databaseUrl = `sqlite:${join(process.env.REGIE_E2E_EDITING_DIR, `${name}.sqlite`)}`;
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({ name, testMatch: /edit-action/, use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled }, metadata: { databaseUrl } });
}
// The workbook journey changes actions by importing an edited workbook: one server and database per
// project, like the editing journey; the spec makes its programme manager with the CLI.
process.env.REGIE_E2E_WORKBOOK_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-workbook-"));
for (const [offset, name, javaScriptEnabled] of [[730, "workbook-import-js", true], [731, "workbook-import-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const databaseUrl = `sqlite:${join(process.env.REGIE_E2E_WORKBOOK_DIR, `${name}.sqlite`)}`;
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({ name, testMatch: /workbook-import/, use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled }, metadata: { databaseUrl } });
}
// The annual-report journey makes the 2014 report final, for good: one server and database per
// project, like the decisions journey; the spec makes its programme manager with the CLI.
process.env.REGIE_E2E_REPORTS_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-reports-"));
for (const [offset, name, javaScriptEnabled] of [[740, "annual-report-js", true], [741, "annual-report-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const databaseFile = join(process.env.REGIE_E2E_REPORTS_DIR, `${name}.sqlite`);
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${databaseFile}`, LOG_LEVEL: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({ name, testMatch: /annual-report/, use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled }, metadata: { databaseFile } });
}
// The work-area journey submits a plan, opens a round and invites a contact: one server and database
// per project, like the decisions journey; the spec makes its programme manager with the CLI.
process.env.REGIE_E2E_WORK_DIR ??= mkdtempSync(join(tmpdir(), "regie-e2e-work-"));
for (const [offset, name, javaScriptEnabled] of [[780, "work-area-js", true], [781, "work-area-no-js", false]] as const) {
  const port = sqlitePort + offset;
  const databaseFile = join(process.env.REGIE_E2E_WORK_DIR, `${name}.sqlite`);
  webServer.push({
    command: "node server.js",
    url: `http://127.0.0.1:${port}/health`,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${databaseFile}`, LOG_LEVEL: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({ name, testMatch: /work-area/, use: { baseURL: `http://127.0.0.1:${port}`, javaScriptEnabled }, metadata: { databaseFile } });
}
if (pgUrl) {
  const db = new URL(pgUrl);
  db.pathname = "/regie_e2e";
  webServer.push({
    command: `node scripts/create-database.js ${JSON.stringify(db.toString())} && node server.js`,
    url: `http://127.0.0.1:${pgPort}/health`,
    env: { PORT: String(pgPort), HOST: "127.0.0.1", DATABASE_URL: db.toString(), LOG_LEVEL: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  });
  projects.push({
    name: "postgres-smoke",
    testMatch: /postgres-smoke/,
    use: { baseURL: `http://127.0.0.1:${pgPort}` },
  });
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  // Two runs (Node 20 and Node 24) may share the checkout: each names its own folder.
  outputDir: process.env.REGIE_E2E_OUTPUT_DIR ?? "test-results",
  use: { launchOptions, locale: "nl-NL", trace: "off", screenshot: "off" },
  projects,
  webServer,
});
