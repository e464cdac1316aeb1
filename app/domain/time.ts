/** The application's clock; tests may replace it. Timestamps are ISO-8601 UTC strings. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC timestamp of the clock's now. */
export function timestamp(clock: Clock = systemClock): string {
  return clock.now().toISOString();
}
