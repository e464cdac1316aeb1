// Summary statistics over latency samples (nanoseconds), computed exactly from the sorted samples.

export interface LatencySummary {
  /** Number of samples. */
  n: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The nearest-rank percentile of ascending samples: the smallest sample such that at least p % of
 * all samples are less than or equal to it (sorted[ceil(p/100 · n) − 1]); no interpolation.
 */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Sorts the samples in place (numerically) and summarises them in milliseconds. */
export function summarise(samplesNs: Float64Array): LatencySummary {
  const sorted = samplesNs.sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  const ms = (ns: number) => ns / 1e6;
  return {
    n,
    minMs: n ? ms(sorted[0]!) : Number.NaN,
    meanMs: n ? ms(sum / n) : Number.NaN,
    p50Ms: ms(percentile(sorted, 50)),
    p90Ms: ms(percentile(sorted, 90)),
    p99Ms: ms(percentile(sorted, 99)),
    maxMs: n ? ms(sorted[n - 1]!) : Number.NaN,
  };
}
