import { message, type FieldErrors } from "../../lib/errors";
import { isCalendarDate } from "../calendar";
import { parseFuzzyDate, type FuzzyDate, type IsoDate, type YearSpan } from "./fuzzy-date";

/**
 * A milestone as the programme manager corrects it: a label, a date in the planning's own words
 * ("2e kwartaal 2014", "30 juni 2014", "vanaf 2014") read with the programme's period, and the day
 * it was done. Errors are message keys with
 * their parameters.
 */

export const LABEL_MAX = 300;
export const DUE_TEXT_MAX = 120;

export interface MilestoneValues {
  label: string | null;
  due: FuzzyDate;
  doneOn: IsoDate | null;
}

export type MilestoneRead =
  { ok: true; values: MilestoneValues } | { ok: false; errors: FieldErrors };

export function readMilestoneForm(
  fields: Record<string, string>,
  context: { period: YearSpan; today: IsoDate },
): MilestoneRead {
  const errors: FieldErrors = {};
  const label = (fields.label ?? "").replace(/\s+/g, " ").trim();
  if (label.length > LABEL_MAX) errors.label = message("progress.tooLong", { param: LABEL_MAX });

  const dueText = (fields.due ?? "").trim();
  let due: FuzzyDate | null = null;
  if (dueText === "") errors.due = message("progress.dueRequired");
  else if (dueText.length > DUE_TEXT_MAX) errors.due = message("progress.tooLong", { param: DUE_TEXT_MAX });
  else {
    due = parseFuzzyDate(dueText, { period: context.period });
    if (!due) errors.due = message("progress.dueUnreadable");
  }

  const doneText = (fields.doneOn ?? "").trim();
  if (doneText !== "" && !isCalendarDate(doneText)) errors.doneOn = message("progress.dateInvalid");
  else if (doneText > context.today) errors.doneOn = message("progress.doneInFuture");

  if (Object.keys(errors).length > 0 || !due) return { ok: false, errors };
  return {
    ok: true,
    values: { label: label === "" ? null : label, due, doneOn: doneText === "" ? null : doneText },
  };
}
