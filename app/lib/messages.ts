import type { TFunction } from "i18next";

/**
 * Translates an error key that may carry parameters after bars: one ("edit.tooLong|500") or two
 * ("editing.aliasTaken|Gemeente Leiden|gem. Leiden", the second as `param2`, which may hold bars).
 */
export function translateKey(t: TFunction, key: string): string {
  const [name = key, param = "", ...rest] = key.split("|");
  return t(name, { param, param2: rest.join("|") });
}

/** Translates every field error. */
export function translateErrors(t: TFunction, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, translateKey(t, key)]));
}
