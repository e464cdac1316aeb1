import type { Response } from "express";
import type { TFunction } from "i18next";

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
