import type { Request, Response } from "express";
import {
  Invalid,
  message,
  Refused,
  SignInRequired,
  Stale,
  translateFieldErrors,
  translateMessage,
  type FieldErrors,
  type Message,
  type TranslateOptions,
  type RegieError,
} from "../lib/errors";
import type { Language } from "../lib/i18n";
import { translator } from "../lib/i18n/catalogue.server";

export const STATUS_TITLES: Record<number, { nl: string; en: string }> = {
  400: { nl: "Ongeldig verzoek", en: "Bad request" },
  401: { nl: "Niet ingelogd", en: "Unauthorised" },
  403: { nl: "Niet toegestaan", en: "Forbidden" },
  409: { nl: "Conflict", en: "Conflict" },
  412: { nl: "Verouderde versie", en: "Precondition failed" },
  428: { nl: "Versie ontbreekt", en: "Precondition required" },
  429: { nl: "Te veel pogingen", en: "Too many requests" },
  404: { nl: "Niet gevonden", en: "Not found" },
  405: { nl: "Methode niet toegestaan", en: "Method not allowed" },
  413: { nl: "Te groot", en: "Payload too large" },
  500: { nl: "Interne fout", en: "Internal error" },
};

/** The request's language, as the language middleware chose it (Dutch before it has run). */
export const languageOf = (res: Response): Language => (res.locals.language as Language | undefined) ?? "nl";

/**
 * THE problem answer (RFC 9457) in the request's language: the detail is a message key with its
 * parameters, the field errors `{ key, params }`; both are translated here, at the edge.
 */
export function problem(
  res: Response,
  status: number,
  detailKey: string,
  params: Record<string, unknown> = {},
  errors?: FieldErrors,
  options: TranslateOptions = {},
): void {
  const t = translator(languageOf(res));
  const detail = translateMessage(t, { key: detailKey, params: params as Message["params"] });
  writeProblem(res, status, detail, errors && translateFieldErrors(t, errors, options));
}

/** A typed error as a problem answer: each kind of error is mapped to HTTP here and nowhere else. */
export function sendError(res: Response, error: RegieError, options: TranslateOptions = {}): void {
  if (error instanceof SignInRequired) res.setHeader("WWW-Authenticate", 'Bearer realm="regie"');
  if (error instanceof Stale && error.etag) res.setHeader("ETag", error.etag);
  const errors = error instanceof Invalid || error instanceof Refused ? error.errors : undefined;
  problem(res, error.status, error.detail.key, error.detail.params, errors, options);
}

/** The problem document itself, for a detail that is already text (the server's own failures). */
export function writeProblem(
  res: Response,
  status: number,
  detail: string,
  errors?: Record<string, string>,
  title = STATUS_TITLES[status]?.[languageOf(res)] ?? String(status),
): void {
  res
    .status(status)
    .type("application/problem+json")
    .json({ status, title, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) });
}

/** A 400 for query parameters, their errors by parameter. */
export function invalidQuery(res: Response, errors: FieldErrors): void {
  sendError(res, new Invalid(errors, message("errors.invalidFilters")));
}

/** A 400 for a malformed path parameter: the same message as detail and as the parameter's error. */
export function invalidParameter(res: Response, name: string, key: string, params: Message["params"] = {}): void {
  const detail = message(key, params);
  sendError(res, new Invalid({ [name]: detail }, detail));
}

/** The query string as given, repeated parameters and all (Express's parsed `req.query` merges them). */
export const queryOf = (req: Request) => new URL(req.originalUrl, "http://x").searchParams;
