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
import { seedBenchData } from "./generate-programme";
import { FIRST_LOAD_PAGES, formatFirstLoad, measureFirstLoad, type FirstLoadResult } from "./first-load";
import { checkAims, formatAims, formatTable, type Row } from "./report";
import { formatDocuments, type DocumentResult } from "./documents";
import type { BareBody, ServerCommand, ServerMessage } from "./server";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

// ---- Settings -------------------------------------------------------------------------------------

function numberFromEnv(name: string, fallback: number, zeroAllowed = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed)) {
    throw new Error(`${name} must be a positive number, not "${raw}"`);
  }
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
  // Before each case and concurrency, wait (up to this long) until the machine is this idle.
  quietWaitSeconds: numberFromEnv("BENCH_QUIET_WAIT_SECONDS", 30, true),
  quietBusyPercent: numberFromEnv("BENCH_QUIET_BUSY_PERCENT", 15),
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

/** Forks bench/server.ts, starts one server in it and waits until it listens. */
async function startServer(command: Extract<ServerCommand, { type: "start" }>): Promise<ServerHandle> {
  const child = fork(join(here, "server.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: serverEnv(),
    cwd: root,
  });
  let nextId = 0;
  let exited = false;
  const waiting = new Map<number, { resolve: (u: NodeJS.CpuUsage) => void; reject: (e: Error) => void }>();
  child.once("exit", (code) => {
    exited = true;
    for (const w of waiting.values()) w.reject(new Error(`server process exited (${code})`));
    waiting.clear();
  });
  const ready = new Promise<{ url: string; nodeEnv: string | null }>((resolveReady, reject) => {
    child.on("message", (m: ServerMessage) => {
      if (m.type === "ready") resolveReady({ url: m.url, nodeEnv: m.nodeEnv });
      else if (m.type === "error") reject(new Error(`server did not start: ${m.message}`));
      else if (m.type === "cpu") waiting.get(m.id)?.resolve(m.usage);
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
      new Promise((res, rej) => {
        if (exited) return rej(new Error("server process has exited"));
        const id = nextId++;
        waiting.set(id, {
          resolve: (u) => {
            waiting.delete(id);
            res(u);
          },
          reject: rej,
        });
        child.send({ type: "cpu", id } satisfies ServerCommand);
      }),
    stop: () =>
      new Promise<void>((res) => {
        if (exited) return res();
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Share of all cores busy over the next `ms` (with no load running: the machine's background). */
async function machineBusyOver(ms: number): Promise<number> {
  const a = machineTimes();
  await sleep(ms);
  const b = machineTimes();
  return ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100;
}

/** Waits until the machine is quiet (or the wait runs out); returns the last background reading. */
async function waitForQuiet(): Promise<{ busyPercent: number; waitedS: number }> {
  const t0 = performance.now();
  for (;;) {
    const busyPercent = await machineBusyOver(1000);
    const waitedS = (performance.now() - t0) / 1000;
    if (busyPercent <= settings.quietBusyPercent || waitedS >= settings.quietWaitSeconds)
      return { busyPercent, waitedS };
  }
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
  background: number,
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
  const serverCpuPercentOfOneCore = ((cpu.user - s.cpu.user + cpu.system - s.cpu.system) / 1e6 / wallS) * 100;
  const machineBusyPercent =
    ((machine.busy - s.machine.busy) / Math.max(1, machine.total - s.machine.total)) * 100;
  return {
    target,
    caseId: c.id,
    caseLabel: c.label,
    kind: c.kind,
    concurrency,
    load,
    serverCpuPercentOfOneCore,
    serverCpuMsPerRequest: load.rps > 0 ? (serverCpuPercentOfOneCore * 10) / load.rps : Number.NaN,
    machineBusyPercent,
    otherCpuPercentOfOneCore: Math.max(
      0,
      machineBusyPercent * os.cpus().length - serverCpuPercentOfOneCore - load.cpuPercentOfOneCore,
    ),
    backgroundBusyPercentBefore: background,
  };
}

// ---- Orchestration --------------------------------------------------------------------------------

/**
 * The progress cases need rounds and updates for the default programme and the generated
 * programme of 2,000 actions: written into the server's database once it has started (and loaded
 * the default programme), before any body is fetched. The server's read caches follow the writes.
 */
/** The annual report as Word and PDF, measured in a process of its own so that its memory is its own. */
function measureDocumentsApart(databaseUrl: string): DocumentResult[] {
  if (process.env.BENCH_DOCUMENTS === "0") return [];
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, "documents.ts"), databaseUrl], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    console.log(`  documents not measured: ${run.stderr.trim().split("\n").slice(-3).join(" ")}`);
    return [];
  }
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as DocumentResult[];
}

async function seedProgressData(databaseUrl: string, label: string, note: (text: string) => void): Promise<void> {
  if (!cases.some((c) => c.progressData)) return;
  const t0 = performance.now();
  for (const line of await seedBenchData(databaseUrl, root)) note(`${label}: ${line}`);
  console.log(`  progress data on ${label} ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

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
    if (res.status !== 200) {
      throw new Error(`${c.path} answered ${res.status}, not 200:\n${body.toString().slice(0, 500)}`);
    }
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
  const notes: string[] = [];
  const note = (text: string) => {
    notes.push(text);
    console.log(text);
  };
  console.log(`Regie benchmark — ${started.toISOString()}`);
  console.log(
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${os.platform()} ${os.release()}. ` +
      `Servers, load generator${settings.targets.includes("postgres") ? " and PostgreSQL" : ""} share these cores.`,
  );
  console.log(
    `Per measurement: ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured (at most ${settings.maxRequests} requests); ` +
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
  const servers = new Map<TargetId, ServerHandle>();
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
  let documents: DocumentResult[] = [];
  const firstLoad: FirstLoadResult[] = [];
  let nodeEnvSeen: string | null = null;
  try {
    // All servers start first and wait idle, so that for each case the servers are measured one right
    // after the other, under the same conditions. SQLite also supplies the bytes the bare server replays.
    console.log("Starting Regie on SQLite (fresh database, default programme) …");
    const sqliteUrl = `sqlite:${join(tmp, "regie.sqlite")}`;
    const sqlite = await startServer({
      type: "start",
      target: "regie",
      databaseUrl: sqliteUrl,
      buildDir: settings.buildDir,
    });
    cleanups.push(() => sqlite.stop());
    await seedProgressData(sqliteUrl, "SQLite", note);
    nodeEnvSeen = sqlite.nodeEnv;
    bodies = await fetchBodies(sqlite.url);
    // What a first visit downloads depends on the build, not on the database: measured once, here.
    // The signed-in page needs a session made in the server's process; `bench/first-load.ts` measures it.
    for (const page of FIRST_LOAD_PAGES.filter((p) => !p.signedIn)) firstLoad.push(await measureFirstLoad(sqlite.url, page));
    documents = measureDocumentsApart(sqliteUrl);
    if (settings.targets.includes("sqlite")) servers.set("sqlite", sqlite);

    if (settings.targets.includes("postgres")) {
      const clusterModule = pathToFileURL(join(root, "scripts", "postgres-cluster.js")).href;
      const cluster = (await import(clusterModule)) as ClusterModule;
      if (!cluster.postgresAvailable()) {
        note("PostgreSQL skipped: no PostgreSQL 15 binaries found (set PG_BIN).");
      } else {
        console.log("Starting PostgreSQL 15 (throw-away cluster on 127.0.0.1) and Regie on it …");
        const pg = await cluster.startPostgres();
        cleanups.push(() => pg.stop());
        const dbUrl = new URL(pg.url);
        dbUrl.pathname = "/regie_bench";
        const created = spawnSync(
          process.execPath,
          [join(root, "scripts", "create-database.js"), dbUrl.toString()],
          {
            cwd: root,
            encoding: "utf8",
          },
        );
        if (created.status !== 0) throw new Error(`could not create the database:\n${created.stderr}`);
        const server = await startServer({
          type: "start",
          target: "regie",
          databaseUrl: dbUrl.toString(),
          buildDir: settings.buildDir,
        });
        cleanups.push(() => server.stop());
        await seedProgressData(dbUrl.toString(), "PostgreSQL", note);
        servers.set("postgres", server);
      }
    }

    if (settings.targets.includes("bare")) {
      console.log("Starting the bare node:http server with Regie's bytes …");
      const server = await startServer({ type: "start", target: "bare", bodies });
      cleanups.push(() => server.stop());
      servers.set("bare", server);
    }

    for (const c of cases) {
      for (const concurrency of settings.concurrency) {
        const quiet = await waitForQuiet();
        console.log(
          `${c.label}, concurrency ${concurrency} (machine ${quiet.busyPercent.toFixed(0)} % busy before` +
            `${quiet.waitedS > 1.5 ? `, after waiting ${quiet.waitedS.toFixed(0)} s` : ""}):`,
        );
        for (const t of TARGETS) {
          const server = servers.get(t.id);
          if (!server) continue;
          process.stdout.write(`  ${t.label.padEnd(18)} … `);
          const row = await measure(t.id, server, c, concurrency, quiet.busyPercent);
          rows.push(row);
          const l = row.load;
          console.log(
            `${l.rps.toFixed(0)} req/s, p50 ${l.latency.p50Ms.toFixed(2)} ms, p99 ${l.latency.p99Ms.toFixed(2)} ms` +
              `${l.errors ? `, ${l.errors} errors` : ""}`,
          );
        }
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
  console.log("");
  console.log(formatFirstLoad(firstLoad, false));
  if (documents.length > 0) {
    console.log("");
    console.log(formatDocuments(documents));
  }

  const noisy = rows.filter((r) => r.backgroundBusyPercentBefore > settings.quietBusyPercent);
  if (noisy.length > 0) {
    note(
      `Warning: other processes kept the machine busy (> ${settings.quietBusyPercent} % before ${noisy.length} ` +
        `measurement(s)); see the "other CPU" column. Those figures are lower than on a quiet machine.`,
    );
  }
  const saturated = rows.filter((r) => r.load.cpuPercentOfOneCore >= 90);
  if (saturated.length > 0) {
    note(
      `The load generator used ≥ 90 % of a core in ${saturated.length} measurement(s) (${saturated
        .map((r) => `${r.target}/${r.caseId}/c=${r.concurrency}`)
        .join(", ")}): there it, not the server, may be the limit.`,
    );
  }

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
      loadAverageAtEnd: os.loadavg(),
      note: "The servers under test, the load generator and PostgreSQL all run on this machine.",
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
    firstLoad: firstLoad.map((r) => ({
      page: r.page.id,
      path: r.page.path,
      bytes: r.bytes,
      gzipBytes: r.gzipBytes,
      files: r.assets,
    })),
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
