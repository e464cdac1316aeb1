import type { TFunction } from "i18next";
import { isCalendarDate } from "../domain/calendar";
import type { ParamFormat } from "./errors";
import { localeOf, type Language } from "./i18n";

/** A calendar date (YYYY-MM-DD) written out in the language: "14 oktober 2013", "14 October 2013". */
export function formatDay(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

/** How a decision's messages write their parameters: dates in words, "–" (no category yet) as words too. */
export function decisionParams(t: TFunction, language: Language): ParamFormat {
  return (value) => (typeof value !== "string" ? value : isCalendarDate(value) ? formatDay(value, language) : value === "–" ? t("decisions.noCategory") : value);
}
