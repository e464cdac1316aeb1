import type { NextFunction, Request, Response } from "express";
import express from "express";
import { decide, type Operation, type Target } from "../domain/auth/permissions";
import type { Principal } from "../domain/auth/roles";
import { sameSecret } from "../lib/auth/secrets.server";
import { nulPaths } from "../domain/primitives";
import { problem } from "./problem";

/**
 * The first checks of every API write, in the documented order: 401 without credentials, then
 * 404 or 403 from the permission table; cookie-authenticated writes must also carry X-CSRF-Token.
 */
export function authorise(res: Response, operation: Operation, target: Target): boolean {
  const principal = res.locals.principal as Principal;
  const verdict = decide(principal, operation, target);
  if (verdict === "allow") {
    if (principal.via === "session") {
      const presented = String(res.req.get("x-csrf-token") ?? "");
      const expected = String(res.locals.csrfToken ?? "");
      if (!presented || !expected || !sameSecret(presented, expected)) {
        problem(res, 403, "auth.csrfText");
        return false;
      }
    }
    return true;
  }
  if (verdict === "sign-in") {
    res.setHeader("WWW-Authenticate", 'Bearer realm="regie"');
    problem(res, 401, "auth.signInRequired");
  } else if (verdict === "not-found") problem(res, 404, "errors.notFoundText");
  else problem(res, 403, "auth.forbidden");
  return false;
}

/** A strong ETag from a record's version. */
export function etag(kind: string, id: number, version: number): string {
  return `"${kind}-${id}-v${version}"`;
}

/**
 * Sends one record as JSON with its strong ETag (from the record's version), for If-Match on writes.
 * A conditional GET (If-None-Match) is always answered in full: an answer also shows parts of other
 * records (organisation names, links from other actions) that the record's own version does not count,
 * so a matching version is no promise that the whole answer is unchanged.
 */
export function sendRecord(res: Response, tag: string, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.status(status).setHeader("ETag", tag);
  res.type("application/json; charset=utf-8").setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

/**
 * The version an If-Match header names for this record: 428 when it is missing, 412 when it names
 * another version (or another record). Returns the version to expect, or null when answered.
 */
export function requireIfMatch(req: Request, res: Response, kind: string, id: number, currentVersion: number): number | null {
  const header = req.get("if-match");
  if (!header) {
    problem(res, 428, "api.ifMatchRequired");
    return null;
  }
  const tags = header.split(",").map((s) => s.trim());
  const current = etag(kind, id, currentVersion);
  if (tags.includes("*") || tags.includes(current)) return currentVersion;
  res.setHeader("ETag", current);
  problem(res, 412, "api.stale");
  return null;
}

/**
 * The JSON parser of API writes. It reads an empty body as `{}`, which would let a write without a
 * body pass for one that changes nothing, so it notes how many bytes came (`res.locals.bodyBytes`).
 */
function jsonParser(maxMb: number) {
  return express.json({
    limit: `${maxMb}mb`,
    strict: true,
    type: ["application/json", "application/merge-patch+json"],
    verify: (_req, res, buffer) => {
      (res as unknown as Response).locals.bodyBytes = buffer.length;
    },
  });
}

/** Whether the request declared a JSON body and sent none. */
const emptyJsonBody = (res: Response): boolean => res.locals.bodyBytes === 0;

/** JSON bodies for API writes, with the upload limit; malformed JSON is a 400 problem. */
export function jsonBody(maxMb: number) {
  const parse = jsonParser(maxMb);
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (!error) {
        if (emptyJsonBody(res)) return problem(res, 400, "api.bodyRequired");
        return refuseNul(req, res) ? undefined : next();
      }
      const status = (error as { status?: number }).status === 413 ? 413 : 400;
      if (status === 413) return problem(res, 413, "errors.payloadTooLarge", { mb: maxMb });
      return problem(res, 400, "api.invalidJson");
    });
  };
}

/**
 * JSON bodies for API writes whose checks must come in the documented order (401, 404/403, 428/412,
 * then 400): a body that is not JSON, or too large, is only noted here, and `requireJsonObject`
 * answers it once the earlier checks have passed.
 */
export function jsonBodyLater(maxMb: number) {
  const parse = jsonParser(maxMb);
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error) res.locals.bodyError = (error as { status?: number }).status === 413 ? 413 : 400;
      else res.locals.bodyNul = nulPaths(req.body);
      next();
    });
  };
}

/** The write's JSON object, or null after answering 400 (not JSON, not an object) or 413. */
export function requireJsonObject(req: Request, res: Response, maxMb: number): Record<string, unknown> | null {
  const error = res.locals.bodyError as number | undefined;
  if (error === 413) {
    problem(res, 413, "errors.payloadTooLarge", { mb: maxMb });
    return null;
  }
  if (error === 400) {
    problem(res, 400, "api.invalidJson");
    return null;
  }
  const body: unknown = req.body;
  if (!body || typeof body !== "object" || Array.isArray(body) || emptyJsonBody(res)) {
    problem(res, 400, "api.bodyRequired");
    return null;
  }
  if (refuseNul(req, res)) return null;
  return body as Record<string, unknown>;
}

/**
 * Answers 400 when the JSON body holds a NUL character anywhere (PostgreSQL cannot store one, SQLite
 * would): every field that does is named, so that no route has to look for it itself.
 */
function refuseNul(req: Request, res: Response): boolean {
  const paths = (res.locals.bodyNul as string[] | undefined) ?? nulPaths(req.body);
  if (paths.length === 0) return false;
  problem(res, 400, "input.nulIn", { fields: paths.join(", ") }, Object.fromEntries(paths.map((path) => [path, { key: "input.nul" }])));
  return true;
}
