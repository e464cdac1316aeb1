import { message, type FieldErrors } from "../../lib/errors";
import { addDays, isCalendarDate } from "../calendar";
import type { IsoDate, YearSpan } from "./fuzzy-date";
import { checkReportingPeriod, type ReportingPeriod } from "./periods";

/**
 * Opening an update round: which period, when answers are due, until when the personal links
 * work, and when reminders go out (days relative to the due date; by default a week before, on
 * the day and a week after). Messages are i18n keys ("key|param").
 */

export const DEFAULT_REMINDER_OFFSETS = [-7, 0, 7] as const;
export const MAX_REMINDERS = 6;
export const MAX_OFFSET_DAYS = 60;
/** Links keep working this many days after the last reminder (or the due date) unless a closing date is given. */
export const GRACE_DAYS = 7;

export interface RoundForm {
  period: string;
  dueOn: string;
  closesOn: string;
  reminders: string;
}

export interface Reminder {
  offset: number;
  date: IsoDate;
}

export interface RoundPlan {
  period: ReportingPeriod;
  dueOn: IsoDate;
  closesOn: IsoDate;
  offsets: number[];
  /** The reminders still to come: after the opening day and not after closing, in date order. */
  reminders: Reminder[];
}

export type RoundPlanResult = { ok: true; plan: RoundPlan } | { ok: false; errors: FieldErrors };

/** Reads "-7, 0, 7" (commas, spaces or semicolons); empty means no reminders. */
export function parseOffsets(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[+-]?\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (Math.abs(n) > MAX_OFFSET_DAYS) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/** The closing date when none is given: the period's end, or a week after the last reminder or the due date if that is later. */
export function defaultClosesOn(
  period: ReportingPeriod,
  dueOn: IsoDate,
  offsets: readonly number[],
): IsoDate {
  const last = Math.max(0, ...offsets);
  const afterReminders = addDays(dueOn, last + GRACE_DAYS);
  return afterReminders > period.end ? afterReminders : period.end;
}

/** The reminders of a round that are still to come on `today`. */
export function upcomingReminders(
  dueOn: IsoDate,
  closesOn: IsoDate,
  offsets: readonly number[],
  today: IsoDate,
): Reminder[] {
  return offsets
    .map((offset) => ({ offset, date: addDays(dueOn, offset) }))
    .filter((r) => r.date > today && r.date <= closesOn)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Checks a round form against the programme and today's date: a reportable period (not before the
 * programme, not in the future), a due date from today on, a closing date on or after the due date
 * and every reminder, and at most six reminders within 60 days of the due date.
 */
export function planRound(
  form: RoundForm,
  context: { programme: YearSpan; today: IsoDate },
): RoundPlanResult {
  const errors: FieldErrors = {};
  const period = checkReportingPeriod(form.period, context.programme, context.today);
  if (!period.ok) errors.period = period.error;

  const dueOn = form.dueOn.trim();
  if (!isCalendarDate(dueOn)) errors.dueOn = message("progress.dateInvalid");
  else if (dueOn < context.today) errors.dueOn = message("progress.dueInPast");

  const offsets = parseOffsets(form.reminders);
  if (offsets === null) errors.reminders = message("progress.remindersInvalid", { param: MAX_OFFSET_DAYS });
  else if (offsets.length > MAX_REMINDERS) errors.reminders = message("progress.remindersTooMany", { param: MAX_REMINDERS });

  const closesText = form.closesOn.trim();
  if (closesText !== "" && !isCalendarDate(closesText)) errors.closesOn = message("progress.dateInvalid");

  if (Object.keys(errors).length > 0 || !period.ok || offsets === null) return { ok: false, errors };
  const closesOn = closesText === "" ? defaultClosesOn(period.period, dueOn, offsets) : closesText;
  if (closesOn < dueOn) return { ok: false, errors: { closesOn: message("progress.closesBeforeDue") } };
  const lastReminder = offsets.length > 0 ? addDays(dueOn, Math.max(...offsets)) : dueOn;
  if (closesOn < lastReminder)
    return { ok: false, errors: { closesOn: message("progress.closesBeforeReminder", { param: lastReminder }) } };
  return {
    ok: true,
    plan: {
      period: period.period,
      dueOn,
      closesOn,
      offsets,
      reminders: upcomingReminders(dueOn, closesOn, offsets, context.today),
    },
  };
}
