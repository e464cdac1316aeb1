// What `npm run bench` measures: the cases (one URL each), the servers they run against, the
// concurrency levels and the aims. To add a case, add an entry to CASES; run.ts does the rest.

/** "json" cases are held to the JSON throughput aim, "page" cases to the (looser) page aim. */
export type CaseKind = "json" | "page";

export interface BenchCase {
  /** Short, stable identifier: used in the table, in results/latest.json and in BENCH_CASES. */
  id: string;
  /** What a reader sees in the table. */
  label: string;
  kind: CaseKind;
  /** Path and query on the server under test. */
  path: string;
  /** Request headers sent with every request of this case (the load generator adds Host and Connection). */
  headers?: Record<string, string>;
  /** A p99 ceiling of its own (ms at AIMS.p99AtConcurrency), instead of AIMS.maxP99Ms. */
  maxP99Ms?: number;
  /** Needs the progress data (rounds, updates, the generated programme) from bench/generate-programme.ts. */
  progressData?: boolean;
}

export const PROGRAMME = "kennis-en-werk-071-2013-2015";
/** The generated programme of the scaled progress cases (bench/generate-programme.ts). */
export const SCALED = "bench-2000";

/** Dutch pages: an explicit Accept-Language, so the result does not depend on the negotiation default. */
const DUTCH = { "accept-language": "nl" };

export const CASES: BenchCase[] = [
  {
    id: "overview",
    label: "GET / (overview page)",
    kind: "page",
    path: "/",
    headers: { ...DUTCH, accept: "text/html" },
  },
  {
    id: "actions-json",
    label: "GET /api/v1/…/actions (JSON)",
    kind: "json",
    path: `/api/v1/programmes/${PROGRAMME}/actions`,
    headers: { ...DUTCH, accept: "application/json" },
  },
  {
    id: "action-page",
    label: "GET /programmes/…/actions/10 (page)",
    kind: "page",
    path: `/programmes/${PROGRAMME}/actions/10`,
    headers: { ...DUTCH, accept: "text/html" },
  },
  // Progress at the real size (62 actions, 6 rounds) and at a scaled size (2,000 generated actions
  // with 20 updates each, bench/generate-programme.ts); the timeline filtered and on its second page,
  // as a user pages through it. The issue asks p99 under 100 ms at concurrency 10 for these.
  {
    id: "dashboard",
    label: "GET /programmes/…/dashboard (62 actions)",
    kind: "page",
    path: `/programmes/${PROGRAMME}/dashboard`,
    headers: { ...DUTCH, accept: "text/html" },
    maxP99Ms: 100,
    progressData: true,
  },
  {
    id: "timeline",
    label: "GET /programmes/…/timeline?year=2014 (62 actions)",
    kind: "page",
    path: `/programmes/${PROGRAMME}/timeline?year=2014`,
    headers: { ...DUTCH, accept: "text/html" },
    maxP99Ms: 100,
    progressData: true,
  },
  {
    id: "dashboard-2000",
    label: "GET /programmes/bench-2000/dashboard (2,000 actions)",
    kind: "page",
    path: `/programmes/${SCALED}/dashboard`,
    headers: { ...DUTCH, accept: "text/html" },
    maxP99Ms: 100,
    progressData: true,
  },
  {
    id: "timeline-2000",
    label: "GET /programmes/bench-2000/timeline?theme=4&offset=100 (2,000 actions, page 2 of 100)",
    kind: "page",
    path: `/programmes/${SCALED}/timeline?theme=4&offset=100`,
    headers: { ...DUTCH, accept: "text/html" },
    maxP99Ms: 100,
    progressData: true,
  },
];

/**
 * The servers under test. "bare" is a minimal node:http server answering each case's path with the
 * bytes Regie returned for it (fetched once from the SQLite server), with the same content-type.
 */
export type TargetId = "sqlite" | "postgres" | "bare";

export const TARGETS: { id: TargetId; label: string }[] = [
  { id: "bare", label: "bare node:http" },
  { id: "sqlite", label: "Regie, SQLite" },
  { id: "postgres", label: "Regie, PostgreSQL" },
];

/** Closed-loop concurrency levels: the number of requests in flight at any time. */
export const CONCURRENCY = [1, 10];

/** The aims the report checks: throughput as a fraction of the bare server's, and a latency ceiling. */
export const AIMS = {
  /** Regie's requests/s divided by the bare server's, per case kind, at every concurrency. */
  minThroughputRatio: { json: 1 / 10, page: 1 / 20 } satisfies Record<CaseKind, number>,
  /** p99 latency ceiling in milliseconds, at this concurrency, for every Regie case. */
  maxP99Ms: 50,
  p99AtConcurrency: 10,
};
