/**
 * "As of" dates: the state of a programme on a past day. Dates are calendar dates (YYYY-MM-DD) in the
 * Netherlands' time zone, where the steering group meets.
 */

import { isCalendarDate } from "../calendar";

export type AsOfParse = { ok: true; asOf: string | null } | { ok: false; value: string };

/**
 * Reads `asOf` from a query string: absent or empty is "today" (null); one existing date is that
 * date; anything else (malformed, impossible, repeated) is refused.
 */
export function parseAsOf(params: URLSearchParams): AsOfParse {
  const values = params.getAll("asOf").filter((v) => v.trim() !== "");
  if (values.length === 0) return { ok: true, asOf: null };
  const value = values[0]!.trim();
  if (values.length > 1 || !isCalendarDate(value)) return { ok: false, value: values.join(", ") };
  return { ok: true, asOf: value };
}

/**
 * The date to read categories at: null (the current state) for today and later, since nothing
 * taken lies in the future; the date itself before today.
 */
export function effectiveAsOf(asOf: string | null | undefined, today: string): string | null {
  if (!asOf || asOf >= today) return null;
  return asOf;
}
