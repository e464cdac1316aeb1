#!/usr/bin/env node
// The one test command (`npm test`): checks and sets up what the suite needs (Debian's Chromium, a
// throw-away PostgreSQL 15 cluster on 127.0.0.1, Node.js 24 beside the machine's Node), then runs
// typecheck, lint, the dependency audit (scripts/audit.js) and build once, and the unit and integration tests on SQLite and PostgreSQL and the
// browser journeys twice: on the machine's Node (20 here) and on Node 24 LTS, side by side.
// `--node20-only` (or REGIE_TEST_NODE24=0) skips the Node 24 run. Benchmarks are not run here.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NODE24_VERSION } from "./node24.js";
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
    missing.push(
      `Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (as root), or set CHROMIUM_PATH.`,
    );
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

// Colour codes in the runs' output, dropped before counts are read from it.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs a command without blocking; its output goes to `out` (a stream), and is kept to read counts from. */
function runAsync(cmd, argv, env, out) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    const take = (chunk) => {
      text += chunk.toString("utf8");
      out.write(chunk);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (error) => resolve({ ok: false, text: text + String(error) }));
    child.on("close", (code) => resolve({ ok: code === 0, text: text.replace(ANSI, "") }));
  });
}

/** What a test run printed about itself: Vitest's and Playwright's counts. */
function counts(text) {
  const vitest = [...text.matchAll(/^\s*(Test Files|Tests)\s+(.+?)\s*(?:\(\d+\))?\s*$/gm)].map(
    (m) => `${m[1].toLowerCase()}: ${m[2]}`,
  );
  if (vitest.length > 0) return vitest.join("; ");
  const playwright = [...text.matchAll(/^\s*(\d+ (?:passed|failed|skipped|flaky|did not run))/gm)].map(
    (m) => m[1],
  );
  return playwright.join(", ");
}

/** The Node version the built server reports when it starts (its "Regie is listening" line). */
function serverRuntime(env) {
  return new Promise((resolve) => {
    const dir = mkdtempSync(join(tmpdir(), "regie-runtime-"));
    const child = spawn("node", ["server.js"], {
      env: {
        ...process.env,
        ...env,
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `sqlite:${join(dir, "regie.sqlite")}`,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    const done = (version) => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      child.once("close", () => {
        rmSync(dir, { recursive: true, force: true });
        resolve(version);
      });
    };
    const timer = setTimeout(() => done(null), 120_000);
    child.stdout.on("data", (chunk) => {
      text += chunk.toString("utf8");
      const line = text.split("\n").find((l) => l.includes('"Regie is listening"'));
      if (line) done(JSON.parse(line).node ?? null);
    });
    child.stderr.on("data", (chunk) => (text += chunk.toString("utf8")));
    child.once("exit", () => done(null));
  });
}

/**
 * The unit and integration tests and the browser journeys on one Node, each run recorded with its
 * counts. `out` receives their output; `label` names the runtime in the summary.
 */
async function suites(label, env, built, out) {
  const node = (script) => ["node", [join("node_modules", ...script)]];
  const record = async (name, [cmd, argv], extra) => {
    out.write(`\n▶ ${name} (${label})\n`);
    const started = Date.now();
    const { ok, text } = await runAsync(cmd, [...argv, ...extra], env, out);
    results.push({
      name: `${name} (${label})`,
      ok,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      counts: counts(text),
    });
    if (!ok) fail(`${name} (${label}) failed`);
  };
  const version = await serverRuntime(env);
  results.push({
    name: `Server runtime (${label})`,
    ok: version !== null,
    seconds: 0,
    counts: version ? `the server reports Node ${version}` : "the server did not start",
  });
  out.write(`\n▶ The server runs on Node ${version ?? "?"} (${label})\n`);
  if (version === null) fail(`the server did not start on ${label}`);
  if (label.startsWith("Node 24") && version && !version.startsWith("v24."))
    fail(`the Node 24 run started its server on ${version}`);
  await record("Unit and integration tests (SQLite and PostgreSQL)", node(["vitest", "vitest.mjs"]), [
    "run",
    "--no-cache",
  ]);
  if (built) await record("Browser journeys (Chromium)", node(["@playwright", "test", "cli.js"]), ["test"]);
}

/** Node 24 fetched and prepared beside the checks (a download and a compile of about a minute). */
function prepareNode24Async(logFile) {
  return new Promise((resolve) => {
    const out = createWriteStream(logFile);
    const child = spawn(process.execPath, [join("scripts", "node24.js")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on("close", (code) => resolve(code === 0));
  });
}

async function main() {
  ensurePrerequisites();
  const bin = (name) => join("node_modules", ".bin", name);
  const quick = args.has("--quick");
  const withNode24 = !args.has("--node20-only") && process.env.REGIE_TEST_NODE24 !== "0";
  const logs = join(".cache", "test-logs");
  mkdirSync(logs, { recursive: true });
  const node24Ready = withNode24
    ? prepareNode24Async(join(logs, "node24-setup.log"))
    : Promise.resolve(false);
  const clusters = [];
  const cleanup = () => {
    for (const pg of clusters.splice(0)) pg.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    log("Starting a throw-away PostgreSQL 15 cluster on 127.0.0.1");
    const pg = await startPostgres();
    clusters.push(pg);
    // The browser journeys' servers take ports from a base; the Node 24 run's lie 4,000 above.
    const e2ePort = 20000 + Math.floor(Math.random() * 3000);
    const env = {
      TEST_POSTGRES_URL: pg.url,
      CHROMIUM_PATH: CHROMIUM,
      NODE_ENV: "test",
      REGIE_E2E_PORT: String(e2ePort),
    };
    if (step("Typecheck: route types", bin("react-router"), ["typegen"]))
      step("Typecheck", bin("tsc"), ["--noEmit"]);
    if (!quick) step("Lint", bin("eslint"), [".", "--max-warnings=0"]);
    if (!quick) step("Audit of production dependencies (high and critical)", process.execPath, ["scripts/audit.js"]);
    const built = step("Build", bin("react-router"), ["build"], { NODE_ENV: "production" });
    const runs = [suites(`Node ${process.versions.node}`, env, built, process.stdout)];
    let node24Log;
    if (withNode24) {
      log(`Preparing Node.js ${NODE24_VERSION} (log: ${join(logs, "node24-setup.log")})`);
      if (await node24Ready) {
        const { prepareNode24 } = await import("./node24.js");
        const ready = prepareNode24(() => {});
        const pg24 = await startPostgres();
        clusters.push(pg24);
        // Its own cluster and output folder, so that both runs can use the same database and folder names.
        const env24 = {
          ...env,
          ...ready.env,
          TEST_POSTGRES_URL: pg24.url,
          REGIE_E2E_OUTPUT_DIR: join(logs, "e2e-node24"),
          REGIE_E2E_PORT: String(e2ePort + 4000),
        };
        node24Log = join(logs, "node24.log");
        log(
          `The same suites run on Node ${ready.version} beside this run; their output follows at the end (also in ${node24Log})`,
        );
        runs.push(suites(`Node ${ready.version.slice(1)}`, env24, built, createWriteStream(node24Log)));
      } else {
        results.push({ name: `Node.js ${NODE24_VERSION} set-up`, ok: false, seconds: 0 });
        fail(`Node.js ${NODE24_VERSION} could not be prepared: see ${join(logs, "node24-setup.log")}`);
      }
    }
    await Promise.all(runs);
    if (node24Log) {
      console.log(`\n════════ Output of the Node 24 run ════════`);
      process.stdout.write(readFileSync(node24Log, "utf8"));
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    cleanup();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log("\nSummary:");
  for (const r of results)
    console.log(`  ${r.ok ? "✔" : "✖"} ${r.name} (${r.seconds} s)${r.counts ? `: ${r.counts}` : ""}`);
  console.log(`\nsteps: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();
