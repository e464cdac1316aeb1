import type { TFunction } from "i18next";
import { isCalendarDate } from "../domain/calendar";
import { localeOf, type Language } from "./i18n";

/** A calendar date (YYYY-MM-DD) written out in the language: "14 oktober 2013", "14 October 2013". */
export function formatDay(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

/**
 * Translates an error key with parameters after bars ("decisions.staleFrom|5|3|2"): the parameters
 * are `p0`, `p1`, … (the first is also `param`), dates among them written out.
 */
export function translateDecisionError(t: TFunction, language: Language, key: string): string {
  const [name = key, ...params] = key.split("|");
  const values: Record<string, string> = { param: params[0] ?? "" };
  params.forEach((p, i) => {
    values[`p${i}`] = isCalendarDate(p) ? formatDay(p, language) : p === "–" ? t("decisions.noCategory") : p;
  });
  return t(name, values);
}

export function translateDecisionErrors(t: TFunction, language: Language, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, translateDecisionError(t, language, key)]));
}
