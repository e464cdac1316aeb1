/**
 * Calendar dates (YYYY-MM-DD) in the Netherlands' time zone. Round deadlines, reminders, "as of"
 * dates and "today" are calendar dates in Europe/Amsterdam, where the programme is run; the
 * database keeps moments as ISO-8601 UTC strings.
 */

import { daysInMonth, isoDate, type IsoDate } from "./progress/fuzzy-date";

export const TIME_ZONE = "Europe/Amsterdam";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a date that exists, written YYYY-MM-DD (2014-02-30 is not), in the years 1900–2999. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The calendar date of a moment in a time zone (Europe/Amsterdam unless told otherwise). */
export function calendarDate(moment: Date, timeZone = TIME_ZONE): IsoDate {
  let format = calendarFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD. Formatters are costly to make; one per time zone is kept.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    calendarFormats.set(timeZone, format);
  }
  return format.format(moment);
}
const calendarFormats = new Map<string, Intl.DateTimeFormat>();

/** The date `days` days after (or before, when negative) an ISO date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** Minutes the zone is ahead of UTC at a moment (60 in winter, 120 in summer for Amsterdam). */
function offsetMinutes(moment: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(moment);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - Math.floor(moment.getTime() / 1000) * 1000) / 60_000);
}

/** The moment a wall-clock time on a date is in Europe/Amsterdam ("2014-06-30" 09:00 → 07:00 UTC). */
export function amsterdamMoment(date: IsoDate, hour = 0, minute = 0): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  let utc = wall - offsetMinutes(new Date(wall), TIME_ZONE) * 60_000;
  // Near a change of clocks the offset at the guess can differ from the offset at the answer.
  const second = offsetMinutes(new Date(utc), TIME_ZONE);
  utc = wall - second * 60_000;
  return new Date(utc);
}

/** The first moment after a date has ended in Amsterdam (midnight starting the next day). */
export function endOfAmsterdamDay(date: IsoDate): Date {
  return amsterdamMoment(addDays(date, 1));
}
