import { z } from "zod";

/**
 * The smallest pieces every input schema is built from. Both databases must give the same answer
 * to the same input: PostgreSQL refuses a NUL character in text and a whole number above its
 * `integer` range, where SQLite stores or compares them without complaint, so both are refused here,
 * before any query, with a message the person who sent them can act on.
 */

/** The largest id or number a record can have: PostgreSQL's `integer` (2^31 − 1). */
export const MAX_RECORD_ID = 2_147_483_647;

/** Whether a text holds a NUL character (U+0000). */
export const hasNul = (value: string): boolean => value.includes("\u0000");

/** Text without NUL characters; chain `.trim()`, `.max()`, `.regex()` as with `z.string()`. */
export const text = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine((value) => !hasNul(value), { message: "input.nul", abort: true });

/** A record's id or number: a positive whole number within the databases' range. */
export const recordId = (message = "input.idOutOfRange") =>
  z.number({ message }).int({ message }).positive({ message }).max(MAX_RECORD_ID, { message });

/** Whether a text (a path segment, a form field) is a record id: digits without a leading zero, within range. */
export function isRecordId(raw: string | null | undefined): raw is string {
  return typeof raw === "string" && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= MAX_RECORD_ID;
}

/** A record id from a text, or undefined when it is not one. */
export function parseRecordId(raw: string | null | undefined): number | undefined {
  return isRecordId(raw) ? Number(raw) : undefined;
}

/**
 * Where a JSON value holds text with a NUL character, as field paths ("title", "links.0.note"); a
 * key with one counts as well. Empty when there is none.
 */
export function nulPaths(value: unknown, path = ""): string[] {
  if (typeof value === "string") return hasNul(value) ? [path || "body"] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, path ? `${path}.${index}` : String(index)));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => {
      const here = path ? `${path}.${key}` : key;
      return hasNul(key) ? [here.split("\u0000").join("\\0")] : nulPaths(item, here);
    });
  }
  return [];
}
