import type { TFunction } from "i18next";
import type { z } from "zod";

/**
 * Regie's error vocabulary: the few ways a request can fail, the same for the API and the pages.
 * The API answers each once as problem+json (`sendError` in app/api/problem.ts), pages once as a
 * React Router answer (`pageError` in app/routes/shared/page-action.server.ts). Messages travel as
 * `{ key, params }` and are translated at the edge, in the language of whoever asked.
 */

/** A message key with its parameters, translated only when the answer is written. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/** One field's error. */
export type FieldError = Message;

/** Errors by field name ("title", "actions.5", "form" for the whole form). */
export type FieldErrors = Record<string, FieldError>;

export const message = (key: string, params?: Message["params"]): Message => (params ? { key, params } : { key });

/** The base of every typed error; `status` is the HTTP status both surfaces answer with. */
export abstract class RegieError extends Error {
  abstract readonly status: number;
  readonly detail: Message;
  constructor(detail: Message) {
    super(detail.key);
    this.detail = detail;
  }
}

/** The record is not there, or the asker may not know it is (404). */
export class NotFound extends RegieError {
  readonly status = 404;
  constructor(detail: Message = message("errors.notFoundText")) {
    super(detail);
  }
}

/** The public asked for something that needs an account (401; pages send the visitor to sign in). */
export class SignInRequired extends RegieError {
  readonly status = 401;
  constructor() {
    super(message("auth.signInRequired"));
  }
}

/** Signed in, but not allowed (403). */
export class Forbidden extends RegieError {
  readonly status = 403;
  constructor(detail: Message = message("auth.forbidden")) {
    super(detail);
  }
}

/** The change names a version that is no longer the current one (412; the API names the current ETag). */
export class Stale extends RegieError {
  readonly status = 412;
  readonly etag: string | undefined;
  constructor(etag?: string, detail: Message = message("api.stale")) {
    super(detail);
    this.etag = etag;
  }
}

/** The change does not name the version it saw (428). */
export class PreconditionRequired extends RegieError {
  readonly status = 428;
  constructor() {
    super(message("api.ifMatchRequired"));
  }
}

/** The input is wrong; `errors` says where (400). */
export class Invalid extends RegieError {
  readonly status = 400;
  readonly errors: FieldErrors;
  constructor(errors: FieldErrors, detail: Message = message("api.invalidInput")) {
    super(detail);
    this.errors = errors;
  }
}

/** A rule refuses the change in the record's present state; `detail` says why, `errors` where (409). */
export class Refused extends RegieError {
  readonly status = 409;
  readonly errors: FieldErrors | undefined;
  constructor(detail: Message, errors?: FieldErrors) {
    super(detail);
    this.errors = errors;
  }
}

/** How a schema's failures become field errors. */
export interface ZodErrorsOptions {
  /** Messages that are keys to show as they are; any other message becomes `fallback`. Default: `edit.` and `editing.`. */
  accept?: RegExp;
  /** The key for a message that is not accepted; default `edit.invalid`. */
  fallback?: (field: string) => string;
  /** The field an issue belongs to; default its first path segment, or `root`. */
  field?: (issue: z.core.$ZodIssue) => string;
  /** The field for issues about the whole input; default `form`. */
  root?: string;
  /** Keys shown under another key in this context. */
  rename?: Record<string, string>;
}

/**
 * THE mapping from a Zod failure to field errors: the first issue per field, as a message key with
 * its parameters (the limit of a text's or list's `.max(…)`, the names of unknown fields, a custom issue's own `params`).
 */
export function zodFieldErrors(error: z.ZodError, options: ZodErrorsOptions = {}): FieldErrors {
  const accept = options.accept ?? /^edit(ing)?\./;
  const root = options.root ?? "form";
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = options.field?.(issue) ?? (issue.path.length ? String(issue.path[0]) : root);
    if (out[field]) continue;
    if (issue.code === "unrecognized_keys") {
      out[field] = message("edit.unknownField", { param: issue.keys.join(", ") });
      continue;
    }
    const key = accept.test(issue.message) ? (options.rename?.[issue.message] ?? issue.message) : (options.fallback?.(field) ?? "edit.invalid");
    out[field] = message(key, issueParams(issue));
  }
  return out;
}

function issueParams(issue: z.core.$ZodIssue): Message["params"] {
  // The longest text or list allowed ("at most 500 characters"); a number's bounds say nothing more than its key.
  if (issue.code === "too_big" && (issue.origin === "string" || issue.origin === "array")) return { param: Number(issue.maximum) };
  if (issue.code === "custom" && issue.params) return issue.params as Message["params"];
  return undefined;
}

/** One Zod issue as a message: its text is the key, with the parameters `zodFieldErrors` gives it. */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  return message(issue.message, issueParams(issue));
}

/** How parameter values are written out (decisions write dates in words). */
export type ParamFormat = (value: string | number) => string | number;

/** How messages are translated: a format for parameter values, parameters added per field (the value given). */
export interface TranslateOptions {
  format?: ParamFormat;
  extra?: (field: string) => Record<string, unknown>;
}

/** A message in the language of `t`. */
export function translateMessage(t: TFunction, m: Message, format?: ParamFormat, extra: Record<string, unknown> = {}): string {
  const params = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, format ? format(v) : v]));
  return t(m.key, { param: "", param2: "", ...extra, ...params });
}

/** THE translation of field errors, at the edge, in the language of whoever asked. */
export function translateFieldErrors(t: TFunction, errors: FieldErrors, options: TranslateOptions = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, m]) => [field, translateMessage(t, m, options.format, options.extra?.(field))]));
}
