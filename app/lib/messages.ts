import type { TFunction } from "i18next";

/** Translates an error key that may carry one parameter after a bar ("edit.tooLong|500"). */
export function translateKey(t: TFunction, key: string): string {
  const [name = key, param = ""] = key.split("|");
  return t(name, { param });
}

/** Translates every field error. */
export function translateErrors(t: TFunction, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, translateKey(t, key)]));
}
