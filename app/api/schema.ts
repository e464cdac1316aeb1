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
  headers?: Record<string, string>;
}

/**
 * One operation. What is mechanical follows from its path, method and flags (`openapi.ts`): the path parameters
 * from the path; `limit` and `offset` for a `list`; `If-Match` for `match` (by default every PATCH, PUT and
 * DELETE) with 412 and 428; `X-CSRF-Token`, 401 and 403 for every write; 404 with a path parameter; 400 for a
 * write or a parameter that can be malformed; an `ETag` on the JSON success answers of a `record` (`true`: the
 * usual record ETag, or a text of its own). `answers` adds and overrides, by status: an `Answer`, the name of a
 * shared answer (`BadRequest`, `InvalidInput`, …), or any other text for a problem answer with that description.
 */
export interface Operation {
  id: string;
  summary: string;
  description?: string;
  query?: string[];
  list?: boolean;
  match?: boolean | "optional";
  record?: true | string;
  body?: z.ZodType;
  bodyOptional?: boolean;
  answers: Record<number, Answer | string>;
}

/** An area's operations by `"method /path"`, under one tag. */
export interface Area {
  tag: string;
  operations: Record<`${Method} /${string}`, Operation>;
}

export const AUTH =
  "Needs a Bearer token (`Authorization: Bearer …`, made on the account page) or a session cookie with the session's `X-CSRF-Token` header.";

/** The order in which a write to an existing record is checked. */
export const CHANGE_ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown record, 403 without the right, 428 without `If-Match`, 412 when `If-Match` names another version, 400 for a bad body.";
