// Turns measurements into the table and the aims that `npm run bench` prints.
import { AIMS, CASES, TARGETS, type CaseKind, type TargetId } from "./cases";
import type { LoadResult } from "./load";

export interface Row {
  target: TargetId;
  caseId: string;
  caseLabel: string;
  kind: CaseKind;
  concurrency: number;
  load: LoadResult;
  /** CPU time of the server's process during the measured part, as % of one core (PostgreSQL's own processes not included). */
  serverCpuPercentOfOneCore: number;
  /**
   * The server process's CPU time per successful request, in ms. Less disturbed by other load than
   * req/s; for PostgreSQL it leaves out the database's own processes.
   */
  serverCpuMsPerRequest: number;
  /** Busy time of all cores together during the measured part (100 % = every core busy). */
  machineBusyPercent: number;
  /**
   * CPU time used by everything except the server's and the load generator's processes, as % of one
   * core: PostgreSQL's processes for the PostgreSQL server, and any other work on the machine.
   */
  otherCpuPercentOfOneCore: number;
  /** How busy the machine was (all cores, %) just before this case and concurrency, with no load running. */
  backgroundBusyPercentBefore: number;
}

export interface AimCheck {
  aim: "throughput-ratio" | "p99";
  target: TargetId;
  caseId: string;
  concurrency: number;
  /** Regie/bare requests per second, or p99 in ms. */
  value: number | null;
  /** The minimum ratio, or the maximum p99 in ms. */
  limit: number;
  status: "PASS" | "MISS" | "N/A";
  text: string;
}

const isRegie = (t: TargetId) => t !== "bare";

function bareFor(rows: Row[], r: Row): Row | undefined {
  return rows.find((b) => b.target === "bare" && b.caseId === r.caseId && b.concurrency === r.concurrency);
}

/** Regie's throughput divided by the bare server's for the same case and concurrency. */
export function ratio(rows: Row[], r: Row): number | null {
  const bare = bareFor(rows, r);
  return bare && bare.load.rps > 0 ? r.load.rps / bare.load.rps : null;
}

export function checkAims(rows: Row[]): AimCheck[] {
  const checks: AimCheck[] = [];
  for (const r of rows.filter((x) => isRegie(x.target))) {
    const min = AIMS.minThroughputRatio[r.kind];
    const v = ratio(rows, r);
    const errorsNote = r.load.errors > 0 ? ` (${r.load.errors} errors)` : "";
    checks.push({
      aim: "throughput-ratio",
      target: r.target,
      caseId: r.caseId,
      concurrency: r.concurrency,
      value: v,
      limit: min,
      status: v === null ? "N/A" : v >= min && r.load.errors === 0 ? "PASS" : "MISS",
      text:
        v === null
          ? `no bare measurement to compare with`
          : `throughput ${fmtRatio(v)} of bare, aim ≥ 1/${Math.round(1 / min)} (${fmt(min, 3)})${errorsNote}`,
    });
  }
  for (const r of rows.filter((x) => isRegie(x.target) && x.concurrency === AIMS.p99AtConcurrency)) {
    const v = r.load.latency.p99Ms;
    const limit = CASES.find((c) => c.id === r.caseId)?.maxP99Ms ?? AIMS.maxP99Ms;
    const ok = Number.isFinite(v) && v < limit && r.load.errors === 0;
    checks.push({
      aim: "p99",
      target: r.target,
      caseId: r.caseId,
      concurrency: r.concurrency,
      value: Number.isFinite(v) ? v : null,
      limit,
      status: ok ? "PASS" : "MISS",
      text: `p99 ${fmt(v, 2)} ms, aim < ${limit} ms`,
    });
  }
  return checks;
}

function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "–";
}

function fmtRatio(v: number): string {
  return `${v.toFixed(3)} (1/${(1 / v).toFixed(1)})`;
}

function table(header: string[], body: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/**
 * One line per case, concurrency and server, grouped by case. CPU columns are % of one core over the
 * measured part; "other CPU" is PostgreSQL's processes plus anything else running on the machine.
 */
export function formatTable(rows: Row[]): string {
  const caseOrder = (id: string) => CASES.findIndex((c) => c.id === id);
  const targetOrder = (id: TargetId) => TARGETS.findIndex((t) => t.id === id);
  const sorted = [...rows].sort(
    (a, b) =>
      caseOrder(a.caseId) - caseOrder(b.caseId) ||
      a.concurrency - b.concurrency ||
      targetOrder(a.target) - targetOrder(b.target),
  );
  const header = [
    "case",
    "c",
    "server",
    "req/s",
    "÷ bare",
    "p50 ms",
    "p99 ms",
    "errors",
    "server CPU",
    "CPU ms/req",
    "loadgen CPU",
    "other CPU",
  ];
  let previous = "";
  const body = sorted.map((r) => {
    const key = `${r.caseId}/${r.concurrency}`;
    const first = key !== previous;
    previous = key;
    const v = isRegie(r.target) ? ratio(rows, r) : null;
    return [
      first ? r.caseLabel : "",
      first ? String(r.concurrency) : "",
      TARGETS.find((t) => t.id === r.target)?.label ?? r.target,
      fmt(r.load.rps, 0),
      v === null ? "" : `1/${(1 / v).toFixed(1)}`,
      fmt(r.load.latency.p50Ms, 2),
      fmt(r.load.latency.p99Ms, 2),
      String(r.load.errors),
      `${fmt(r.serverCpuPercentOfOneCore, 0)} %`,
      fmt(r.serverCpuMsPerRequest, 2),
      `${fmt(r.load.cpuPercentOfOneCore, 0)} %`,
      `${fmt(r.otherCpuPercentOfOneCore, 0)} %`,
    ];
  });
  return table(header, body, new Set([1, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
}

export function formatAims(checks: AimCheck[]): string {
  const lines = ["Aims (Regie only; throughput compared with the bare server at the same concurrency):"];
  for (const c of checks) {
    const target = TARGETS.find((t) => t.id === c.target)?.label ?? c.target;
    lines.push(
      `  ${c.status.padEnd(4)}  ${target.padEnd(17)}  ${c.caseId.padEnd(14)}  c=${String(c.concurrency).padEnd(3)} ${c.text}`,
    );
  }
  const miss = checks.filter((c) => c.status === "MISS").length;
  lines.push(`  ${checks.length - miss} of ${checks.length} aims met${miss ? `, ${miss} missed` : ""}.`);
  return lines.join("\n");
}
