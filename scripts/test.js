#!/usr/bin/env node
// The one test command (`npm test`): checks and sets up what the suite needs (Debian's Chromium, a
// throw-away PostgreSQL 15 cluster on 127.0.0.1), then runs typecheck, lint, the dependency audit
// (scripts/audit.js), build, unit and integration tests on SQLite and PostgreSQL, and the browser
// journeys. Benchmarks are not run here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PG_BIN, startPostgres } from "./postgres-cluster.js";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const args = new Set(process.argv.slice(2));
const results = [];

function log(message) {
  console.log(`\n▶ ${message}`);
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exitCode = 1;
}

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { stdio: "inherit", ...options });
  return r.status === 0;
}

function aptInstall(packages) {
  if (!isRoot) return false;
  if (!existsSync("/usr/bin/apt-get")) return false;
  log(`Installing ${packages.join(", ")} from Debian's packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  return (
    run("apt-get", ["update", "-qq"], { env }) &&
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { env })
  );
}

function ensurePrerequisites() {
  const missing = [];
  if (!existsSync(CHROMIUM) && !aptInstall(["chromium"])) {
    missing.push(`Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (as root), or set CHROMIUM_PATH.`);
  }
  if (!existsSync(join(PG_BIN, "initdb")) && !aptInstall(["postgresql-15"])) {
    missing.push(
      `PostgreSQL 15 server binaries in ${PG_BIN}: install them with \`apt-get install -y postgresql-15\` (as root), or set PG_BIN.`,
    );
  }
  if (!existsSync("node_modules")) missing.push("node_modules: run `npm ci` first.");
  if (missing.length > 0) {
    console.error("\nThe test suite cannot run; missing:\n" + missing.map((m) => `  - ${m}`).join("\n"));
    process.exit(2);
  }
}

function step(name, cmd, argv, env) {
  log(name);
  const started = Date.now();
  const ok = run(cmd, argv, { env: { ...process.env, ...env } });
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
  if (!ok) fail(`${name} failed`);
  return ok;
}

async function main() {
  ensurePrerequisites();
  const bin = (name) => join("node_modules", ".bin", name);
  const quick = args.has("--quick");
  let pg;
  const cleanup = () => {
    if (pg) {
      pg.stop();
      pg = undefined;
    }
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    log("Starting a throw-away PostgreSQL 15 cluster on 127.0.0.1");
    pg = await startPostgres();
    const env = { TEST_POSTGRES_URL: pg.url, CHROMIUM_PATH: CHROMIUM, NODE_ENV: "test" };
    if (step("Typecheck: route types", bin("react-router"), ["typegen"])) step("Typecheck", bin("tsc"), ["--noEmit"]);
    if (!quick) step("Lint", bin("eslint"), [".", "--max-warnings=0"]);
    if (!quick) step("Audit of production dependencies (high and critical)", process.execPath, ["scripts/audit.js"]);
    const built = step("Build", bin("react-router"), ["build"], { NODE_ENV: "production" });
    step("Unit and integration tests (SQLite and PostgreSQL)", bin("vitest"), ["run"], env);
    if (built) step("Browser journeys (Chromium)", bin("playwright"), ["test"], env);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    cleanup();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log("\nSummary:");
  for (const r of results) console.log(`  ${r.ok ? "✔" : "✖"} ${r.name} (${r.seconds} s)`);
  console.log(`\nsteps: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();
