// The load generator: closed-loop workers on node:http with a keep-alive agent. It runs in its own
// process (run.ts forks it per case), so it never shares an event loop with the server under test.
//
// As a child of run.ts it takes one LoadOptions over IPC, reports {type:"phase",phase:"measure"}
// when the measured part starts and {type:"result"} when it ends. It can also be run by hand:
//   node --import tsx bench/load.ts http://127.0.0.1:3000/ [concurrency] [seconds]
import http from "node:http";
import { pathToFileURL } from "node:url";
import { summarise, type LatencySummary } from "./stats";

export interface LoadOptions {
  /** Absolute http:// URL on 127.0.0.1. */
  url: string;
  headers?: Record<string, string>;
  /** Requests in flight at any time (one closed-loop worker each; the agent holds as many sockets). */
  concurrency: number;
  /** Length of the measured part. */
  seconds: number;
  /** Length of the warm-up part, whose requests are checked but not recorded. */
  warmupSeconds: number;
  /** The measured part also stops after this many requests (and the sample buffer has this size). */
  maxRequests: number;
  /** A single request taking longer than this counts as an error. */
  timeoutMs?: number;
}

export interface LoadResult {
  url: string;
  concurrency: number;
  /** Requests completed in the measured part, successful or not. */
  requests: number;
  /** Responses with status 200 and a body. */
  ok: number;
  errors: number;
  /** Error counts by kind ("status 500", "ECONNRESET", "timeout", "empty body"…). */
  errorKinds: Record<string, number>;
  /** From the start of the measured part until its last response ended. */
  elapsedS: number;
  /** Successful responses per second of elapsed time. */
  rps: number;
  /** Response body bytes received per second (successful responses). */
  bytesPerS: number;
  /** Mean body size of successful responses. */
  meanBodyBytes: number;
  /** Latency of successful responses, from just before the request is written to the body's end. */
  latency: LatencySummary;
  warmup: { requests: number; errors: number };
  /** CPU time this load-generator process used in the measured part, as % of one core. */
  cpuPercentOfOneCore: number;
  /** True when maxRequests, not the duration, ended the measured part. */
  hitRequestCap: boolean;
}

type Outcome = { ok: true; ns: bigint; bytes: number } | { ok: false; kind: string };

function once(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let settled = false;
    const finish = (o: Outcome) => {
      if (!settled) {
        settled = true;
        resolve(o);
      }
    };
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: "GET", headers },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => {
          const ns = process.hrtime.bigint() - start;
          if (res.statusCode !== 200) finish({ ok: false, kind: `status ${res.statusCode}` });
          else if (bytes === 0) finish({ ok: false, kind: "empty body" });
          else finish({ ok: true, ns, bytes });
        });
        res.on("error", (e: NodeJS.ErrnoException) => finish({ ok: false, kind: e.code ?? e.message }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      finish({ ok: false, kind: "timeout" });
      req.destroy();
    });
    req.on("error", (e: NodeJS.ErrnoException) => finish({ ok: false, kind: e.code ?? e.message }));
    req.end();
  });
}

/** Runs the warm-up, then the measured part, and summarises it. */
export async function runLoad(o: LoadOptions, onMeasureStart?: () => void): Promise<LoadResult> {
  const url = new URL(o.url);
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1")
    throw new Error(`Only http://127.0.0.1 is benchmarked, not ${o.url}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const headers = { ...o.headers };
  const timeoutMs = o.timeoutMs ?? 10_000;

  // Warm-up: same workers, same sockets; results only checked.
  const warmup = { requests: 0, errors: 0 };
  const warmEnd = performance.now() + o.warmupSeconds * 1000;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < warmEnd) {
        const r = await once(agent, url, headers, timeoutMs);
        warmup.requests++;
        if (!r.ok) warmup.errors++;
      }
    }),
  );

  // Measured part: closed loop, stop issuing at the deadline or the request cap, let in-flight ones end.
  onMeasureStart?.();
  const samples = new Float64Array(o.maxRequests);
  const errorKinds: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  let errors = 0;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(o.seconds * 1e9));
  let tLast = t0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (issued < o.maxRequests && process.hrtime.bigint() < deadline) {
        issued++;
        const r = await once(agent, url, headers, timeoutMs);
        tLast = process.hrtime.bigint();
        if (r.ok) {
          samples[ok++] = Number(r.ns);
          bytes += r.bytes;
        } else {
          errors++;
          errorKinds[r.kind] = (errorKinds[r.kind] ?? 0) + 1;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  const elapsedS = Number(tLast - t0) / 1e9;
  return {
    url: o.url,
    concurrency: o.concurrency,
    requests: ok + errors,
    ok,
    errors,
    errorKinds,
    elapsedS,
    rps: elapsedS > 0 ? ok / elapsedS : 0,
    bytesPerS: elapsedS > 0 ? bytes / elapsedS : 0,
    meanBodyBytes: ok ? bytes / ok : 0,
    latency: summarise(samples.subarray(0, ok)),
    warmup,
    cpuPercentOfOneCore: elapsedS > 0 ? ((cpu.user + cpu.system) / 1e6 / elapsedS) * 100 : 0,
    hitRequestCap: issued >= o.maxRequests,
  };
}

export type LoadMessage =
  | { type: "phase"; phase: "measure" }
  | { type: "result"; result: LoadResult }
  | { type: "error"; message: string };

// Entry point: as an IPC child, or by hand from the command line.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.send) {
    process.once("message", (options: LoadOptions) => {
      const send = (m: LoadMessage) => process.send!(m);
      runLoad(options, () => send({ type: "phase", phase: "measure" }))
        .then((result) => send({ type: "result", result }))
        .catch((e: unknown) => send({ type: "error", message: e instanceof Error ? e.message : String(e) }))
        .finally(() => process.disconnect());
    });
  } else {
    const [url, c = "1", s = "5"] = process.argv.slice(2);
    if (!url) {
      console.error(
        "Usage: node --import tsx bench/load.ts http://127.0.0.1:PORT/path [concurrency] [seconds]",
      );
      process.exit(2);
    }
    const result = await runLoad({
      url,
      concurrency: Number(c),
      seconds: Number(s),
      warmupSeconds: 1,
      maxRequests: 1_000_000,
    });
    console.log(JSON.stringify(result, null, 2));
  }
}
