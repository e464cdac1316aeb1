import type { Request, Response } from "express";
import type { TFunction } from "i18next";
import type { Language } from "../lib/i18n";
import { translator } from "../lib/i18n/catalogue.server";

/** An RFC 9457 problem answer in the request's language. */
export function sendProblem(
  res: Response,
  status: number,
  body: { title: string; detail?: string; errors?: Record<string, string> },
): void {
  res
    .status(status)
    .type("application/problem+json")
    .json({ status, title: body.title, ...(body.detail ? { detail: body.detail } : {}), ...(body.errors ? { errors: body.errors } : {}) });
}

/** Translates message keys of field errors ("filter.year") into sentences. */
export function translateErrors(t: TFunction, errors: Record<string, string>, params: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key, { value: params[field] ?? "" })]));
}

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

/** The request's language, as the language middleware chose it. */
export const languageOf = (res: Response): Language => res.locals.language as Language;

/** The request's translator. */
export const translatorOf = (res: Response) => translator(languageOf(res));

/** A problem answer with a translated detail. */
export function problem(res: Response, status: number, detailKey: string, params: Record<string, unknown> = {}, errors?: Record<string, string>) {
  const title = STATUS_TITLES[status]?.[languageOf(res)] ?? String(status);
  sendProblem(res, status, { title, detail: translatorOf(res)(detailKey, params), ...(errors ? { errors } : {}) });
}

/** A 400 for query or path parameters; `errors` holds message keys ("filter.year") by parameter. */
export function invalidQuery(res: Response, errors: Record<string, string>, params: Record<string, string> = {}) {
  problem(res, 400, "errors.invalidFilters", {}, translateErrors(translatorOf(res), errors, params));
}

/** A 400 for a malformed path parameter: the same message as detail and as the parameter's error. */
export function invalidParameter(res: Response, name: string, key: string, params: Record<string, unknown> = {}) {
  const message = translatorOf(res)(key, params);
  problem(res, 400, key, params, { [name]: message });
}

/** The query string as given, repeated parameters and all (Express's parsed `req.query` merges them). */
export const queryOf = (req: Request) => new URL(req.originalUrl, "http://x").searchParams;
