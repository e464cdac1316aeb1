/**
 * "As of" dates: the state of a programme on a past day. Dates are calendar dates (YYYY-MM-DD) in the
 * Netherlands' time zone, where the steering group meets.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a date that exists, written YYYY-MM-DD (2014-02-30 is not). Years 1900-2999. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The calendar date of a moment in the given time zone (Europe/Amsterdam unless told otherwise). */
export function calendarDate(moment: Date, timeZone = "Europe/Amsterdam"): string {
  let format = calendarFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD. Formatters are costly to make; one per time zone is kept.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    calendarFormats.set(timeZone, format);
  }
  return format.format(moment);
}
const calendarFormats = new Map<string, Intl.DateTimeFormat>();

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
