import { z } from "zod";
import { MAX_LIMIT } from "../domain/programmes/action-filters";

/**
 * What every area's schema shares: the list envelope, the problem answer, and the small vocabulary
 * in which an area describes its operations (`openapi.ts` turns it into the OpenAPI document).
 */

/** The list envelope every list answer has. */
export function listOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z
    .strictObject({
      data: z.array(item).describe("This page of the list."),
      total: z.int().min(0).describe("How many items the whole list holds (with the same filters), not just this page."),
      limit: z.int().min(1).max(MAX_LIMIT).describe("The page size used."),
      offset: z.int().min(0).describe("How many items were skipped."),
    })
    .meta({ id, description });
}

export const problemSchema = z
  .strictObject({
    status: z.int().describe("The HTTP status code."),
    title: z.string().describe("Short summary of the kind of problem."),
    detail: z.string().optional().describe("What went wrong with this request."),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .describe("One message per field, query parameter or path parameter that is wrong, keyed by its name."),
  })
  .meta({
    id: "Problem",
    description: "An RFC 9457 problem, in the request's language (Dutch unless Accept-Language or ?lang= asks for English).",
  });

/** A nullable field with its own description (a referenced schema keeps its own). */
export const nullable = <T extends z.ZodType>(schema: T, description: string) => schema.nullable().describe(description);

// ---- How an area describes its operations ----

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A successful answer: its schema (JSON unless `csv`), and headers besides X-Request-Id (name → description). */
export interface Answer {
  description: string;
  schema?: z.ZodType;
  csv?: { description: string; example: string };
  /** A file (Word, PDF): its media type and what it is. */
  binary?: { type: string; description: string };
  headers?: Record<string, string>;
}

/**
 * What an operation states beyond its id and summary; the rest follows from its path, method and these flags
 * (`openapi.ts`). `answers` adds to and overrides the derived answers, by status: an `Answer`, the name of a
 * shared answer (`BadRequest`, `InvalidInput`, …), or any other text for a problem answer with that description.
 */
export interface Details {
  description?: string;
  /** Query parameters by name; a `list` adds `limit` and `offset`. */
  query?: string[];
  list?: boolean;
  /** `If-Match` with 412 and 428; by default on PATCH, PUT and DELETE. `optional` while the plan may not exist. */
  match?: boolean | "optional";
  /** The ETag header of the JSON success answers, when not the area's (`false`: none). */
  etag?: string | false;
  body?: z.ZodType;
  bodyOptional?: boolean;
  answers: Record<number, Answer | string>;
}
export type Operation = Details & { id: string; summary: string };
export type Area = { tag: string; etag?: string; operations: Record<`${Method} /${string}`, Operation> };

export const op = (id: string, summary: string, details: Details): Operation => ({ id, summary, ...details });
/** An area's operations by `"method /path"`, under one tag; `etag` describes the ETag of its records. */
export const area = (tag: string, etag: string | undefined, operations: Area["operations"]): Area => ({ tag, etag, operations });

/** The ETag of a single record. */
export const RECORD_ETAG =
  "A strong tag from the record's version, such as `\"action-17-v3\"`. Send it in `If-Match` to change the record. It names the record's own version only (an answer also shows names of other records), so `If-None-Match` is always answered in full.";
export const AUTH =
  "Needs a Bearer token (`Authorization: Bearer …`, made on the account page) or a session cookie with the session's `X-CSRF-Token` header.";
/** The order in which a write to an existing record is checked. */
export const CHANGE_ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown record, 403 without the right, 428 without `If-Match`, 412 when `If-Match` names another version, 400 for a bad body.";
