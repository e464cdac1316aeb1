// `npm run bench`: builds Regie into build-bench/, then measures every case in cases.ts against Regie
// on SQLite, Regie on PostgreSQL and a bare node:http server serving the same bytes, at each
// concurrency. Prints a table and the aims (PASS/MISS), writes bench/results/latest.json, exits 0.
// Never run by the tests. Settings (environment): see docs/benchmarks.md.
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CASES, CONCURRENCY, TARGETS, type BenchCase, type TargetId } from "./cases";
import type { LoadMessage, LoadOptions, LoadResult } from "./load";
import { checkAims, formatAims, formatTable, type Row } from "./report";
import type { BareBody, ServerCommand, ServerMessage } from "./server";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

// ---- Settings -------------------------------------------------------------------------------------

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

function listFromEnv(name: string): string[] | null {
  const raw = process.env[name];
  return raw
    ? raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

const settings = {
  seconds: numberFromEnv("BENCH_SECONDS", 5),
  warmupSeconds: numberFromEnv("BENCH_WARMUP_SECONDS", 1),
  maxRequests: Math.floor(numberFromEnv("BENCH_MAX_REQUESTS", 1_000_000)),
  concurrency: (listFromEnv("BENCH_CONCURRENCY") ?? CONCURRENCY.map(String)).map(Number),
  targets: (listFromEnv("BENCH_TARGETS") ?? TARGETS.map((t) => t.id)) as TargetId[],
  cases: listFromEnv("BENCH_CASES") ?? CASES.map((c) => c.id),
  buildDir: process.env.REGIE_BUILD_DIR || "build-bench",
  skipBuild: process.env.BENCH_SKIP_BUILD === "1",
  // The server processes run with NODE_ENV=production (React's production build) unless told otherwise.
  serverNodeEnv: process.env.BENCH_NODE_ENV ?? "production",
  output: resolve(root, process.env.BENCH_OUTPUT ?? "bench/results/latest.json"),
};
for (const t of settings.targets)
  if (!TARGETS.some((x) => x.id === t)) throw new Error(`Unknown target in BENCH_TARGETS: ${t}`);
for (const c of settings.cases)
  if (!CASES.some((x) => x.id === c)) throw new Error(`Unknown case in BENCH_CASES: ${c}`);
for (const c of settings.concurrency)
  if (!Number.isInteger(c) || c < 1) throw new Error(`Bad concurrency: ${c}`);
const cases = CASES.filter((c) => settings.cases.includes(c.id));

// ---- Server processes -----------------------------------------------------------------------------

interface ServerHandle {
  url: string;
  nodeEnv: string | null;
  cpu(): Promise<NodeJS.CpuUsage>;
  stop(): Promise<void>;
}

function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, REGIE_BUILD_DIR: settings.buildDir };
  if (settings.serverNodeEnv === "unset") delete env.NODE_ENV;
  else env.NODE_ENV = settings.serverNodeEnv;
  return env;
}

async function startServer(command: Extract<ServerCommand, { type: "start" }>): Promise<ServerHandle> {
  const child = fork(join(here, "server.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: serverEnv(),
    cwd: root,
  });
  let nextId = 0;
  const waiting = new Map<number, (u: NodeJS.CpuUsage) => void>();
  const ready = new Promise<{ url: string; nodeEnv: string | null }>((resolveReady, reject) => {
    child.on("message", (m: ServerMessage) => {
      if (m.type === "ready") resolveReady({ url: m.url, nodeEnv: m.nodeEnv });
      else if (m.type === "error") reject(new Error(`server did not start: ${m.message}`));
      else if (m.type === "cpu") waiting.get(m.id)?.(m.usage);
    });
    child.once("exit", (code) => reject(new Error(`server process exited (${code})`)));
  });
  child.send(command);
  const { url, nodeEnv } = await ready.catch((e: unknown) => {
    child.kill();
    throw e;
  });
  return {
    url,
    nodeEnv,
    cpu: () =>
      new Promise((res) => {
        const id = nextId++;
        waiting.set(id, (u) => {
          waiting.delete(id);
          res(u);
        });
        child.send({ type: "cpu", id } satisfies ServerCommand);
      }),
    stop: () =>
      new Promise<void>((res) => {
        const timer = setTimeout(() => child.kill(), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          res();
        });
        child.send({ type: "stop" } satisfies ServerCommand);
      }),
  };
}

// ---- One measurement ------------------------------------------------------------------------------

/** Busy and total CPU time of the whole machine (all cores), from os.cpus(). */
function machineTimes() {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

function runLoadProcess(options: LoadOptions, onMeasureStart: () => void): Promise<LoadResult> {
  return new Promise((resolveLoad, reject) => {
    const child: ChildProcess = fork(join(here, "load.ts"), [], { execArgv: ["--import", "tsx"], cwd: root });
    let done = false;
    child.on("message", (m: LoadMessage) => {
      if (m.type === "phase") onMeasureStart();
      else if (m.type === "result") {
        done = true;
        resolveLoad(m.result);
      } else {
        done = true;
        reject(new Error(`load generator failed: ${m.message}`));
      }
    });
    child.once("exit", (code) => {
      if (!done) reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send(options);
  });
}

async function measure(
  target: TargetId,
  server: ServerHandle,
  c: BenchCase,
  concurrency: number,
): Promise<Row> {
  let start:
    Promise<{ cpu: NodeJS.CpuUsage; machine: ReturnType<typeof machineTimes>; at: bigint }> | undefined;
  const load = await runLoadProcess(
    {
      url: server.url + c.path,
      headers: c.headers,
      concurrency,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      maxRequests: settings.maxRequests,
    },
    () => {
      const at = process.hrtime.bigint();
      const machine = machineTimes();
      start = server.cpu().then((cpu) => ({ cpu, machine, at }));
    },
  );
  const machine = machineTimes();
  const at = process.hrtime.bigint();
  const cpu = await server.cpu();
  const s = await start!;
  const wallS = Number(at - s.at) / 1e9;
  const serverCpuS = (cpu.user - s.cpu.user + cpu.system - s.cpu.system) / 1e6;
  return {
    target,
    caseId: c.id,
    caseLabel: c.label,
    kind: c.kind,
    concurrency,
    load,
    serverCpuPercentOfOneCore: (serverCpuS / wallS) * 100,
    machineBusyPercent:
      ((machine.busy - s.machine.busy) / Math.max(1, machine.total - s.machine.total)) * 100,
  };
}

async function measureTarget(target: TargetId, server: ServerHandle, rows: Row[]) {
  for (const c of cases) {
    for (const concurrency of settings.concurrency) {
      const label = `${target.padEnd(8)} ${c.id.padEnd(14)} c=${concurrency}`;
      process.stdout.write(`  ${label} … `);
      const row = await measure(target, server, c, concurrency);
      rows.push(row);
      const l = row.load;
      console.log(
        `${l.rps.toFixed(0)} req/s, p99 ${l.latency.p99Ms.toFixed(2)} ms${l.errors ? `, ${l.errors} errors` : ""}`,
      );
    }
  }
}

// ---- Orchestration --------------------------------------------------------------------------------

interface PostgresCluster {
  url: string;
  stop(): void;
}
interface ClusterModule {
  postgresAvailable(): boolean;
  startPostgres(): Promise<PostgresCluster>;
}

function git(args: string[]): string | null {
  const r = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Each case's body as Regie serves it (the bare server replays these bytes). */
async function fetchBodies(baseUrl: string): Promise<BareBody[]> {
  const bodies: BareBody[] = [];
  for (const c of cases) {
    const res = await fetch(baseUrl + c.path, { headers: c.headers });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200)
      throw new Error(`${c.path} answered ${res.status}, not 200:\n${body.toString().slice(0, 500)}`);
    bodies.push({
      path: c.path,
      contentType: res.headers.get("content-type") ?? "application/octet-stream",
      base64: body.toString("base64"),
    });
  }
  return bodies;
}

async function main() {
  const started = new Date();
  const cpus = os.cpus();
  console.log(`Regie benchmark — ${started.toISOString()}`);
  console.log(
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${os.platform()} ${os.release()}. ` +
      `Server, load generator${settings.targets.includes("postgres") ? " and PostgreSQL" : ""} share these cores.`,
  );
  console.log(
    `Per case: ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured (at most ${settings.maxRequests} requests), ` +
      `concurrency ${settings.concurrency.join(", ")}; servers run with NODE_ENV=${settings.serverNodeEnv}.`,
  );

  if (!settings.skipBuild) {
    console.log(`Building Regie into ${settings.buildDir}/ …`);
    const r = spawnSync(join(root, "node_modules", ".bin", "react-router"), ["build"], {
      cwd: root,
      env: { ...process.env, REGIE_BUILD_DIR: settings.buildDir, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  }

  const rows: Row[] = [];
  const notes: string[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  };
  process.once("SIGINT", () => {
    void cleanup().finally(() => process.exit(130));
  });

  const tmp = mkdtempSync(join(os.tmpdir(), "regie-bench-"));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  let bodies: BareBody[] = [];
  let nodeEnvSeen: string | null = null;
  try {
    // SQLite first: it also supplies the bytes the bare server replays.
    {
      console.log("Regie on SQLite (fresh database, default programme) …");
      const server = await startServer({
        type: "start",
        target: "regie",
        databaseUrl: `sqlite:${join(tmp, "regie.sqlite")}`,
        buildDir: settings.buildDir,
      });
      nodeEnvSeen = server.nodeEnv;
      try {
        bodies = await fetchBodies(server.url);
        if (settings.targets.includes("sqlite")) await measureTarget("sqlite", server, rows);
      } finally {
        await server.stop();
      }
    }

    if (settings.targets.includes("postgres")) {
      const cluster = (await import(
        pathToFileURL(join(root, "scripts", "postgres-cluster.js")).href
      )) as ClusterModule;
      if (!cluster.postgresAvailable()) {
        notes.push("PostgreSQL skipped: no PostgreSQL 15 binaries (set PG_BIN).");
        console.log(notes.at(-1));
      } else {
        console.log("Regie on PostgreSQL 15 (throw-away cluster on 127.0.0.1, fresh database) …");
        const pg = await cluster.startPostgres();
        cleanups.push(() => pg.stop());
        const dbUrl = new URL(pg.url);
        dbUrl.pathname = "/regie_bench";
        const created = spawnSync(
          process.execPath,
          [join(root, "scripts", "create-database.js"), dbUrl.toString()],
          { cwd: root, encoding: "utf8" },
        );
        if (created.status !== 0) throw new Error(`could not create the database:\n${created.stderr}`);
        const server = await startServer({
          type: "start",
          target: "regie",
          databaseUrl: dbUrl.toString(),
          buildDir: settings.buildDir,
        });
        try {
          await measureTarget("postgres", server, rows);
        } finally {
          await server.stop();
        }
      }
    }

    if (settings.targets.includes("bare")) {
      console.log("Bare node:http server replaying Regie's bytes …");
      const server = await startServer({ type: "start", target: "bare", bodies });
      try {
        await measureTarget("bare", server, rows);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await cleanup();
  }

  const aims = checkAims(rows);
  console.log("");
  console.log(formatTable(rows));
  console.log("");
  console.log(formatAims(aims));
  for (const n of notes) console.log(n);

  const result = {
    date: started.toISOString(),
    finished: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      cpuSpeedMHz: cpus[0]?.speed ?? null,
      availableParallelism: os.availableParallelism(),
      totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      node: process.version,
      loadAverageAtStart: os.loadavg(),
    },
    regie: {
      commit: git(["rev-parse", "HEAD"]),
      uncommittedChanges: (git(["status", "--porcelain"]) ?? "") !== "",
      buildDir: settings.buildDir,
    },
    settings: { ...settings, output: undefined, serverNodeEnvSeen: nodeEnvSeen },
    bodies: bodies.map((b) => ({
      path: b.path,
      contentType: b.contentType,
      bytes: Buffer.from(b.base64, "base64").length,
    })),
    results: rows,
    aims,
    notes,
  };
  mkdirSync(dirname(settings.output), { recursive: true });
  writeFileSync(settings.output, JSON.stringify(result, null, 2) + "\n");
  console.log(`\nWrote ${settings.output}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
