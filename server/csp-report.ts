import express, { type NextFunction, type Request, type Response } from "express";
import { LRUCache } from "lru-cache";
import { loggableUrl, type Logger } from "../app/lib/logger.server";

/** Where browsers send reports of what the Content-Security-Policy blocked. */
export const CSP_REPORT_PATH = "/csp-report";
/** The name the `report-to` directive and the Reporting-Endpoints header give that address. */
export const CSP_REPORT_GROUP = "csp";

/** A report is a few hundred bytes; anything much larger is not one. */
const MAX_BYTES = 16 * 1024;
/** Reports logged per address and minute; a page that breaks sends a burst, an attacker a flood. */
const PER_MINUTE = 20;
/** The fields of a report worth logging (both the old `csp-report` and the Reporting API's names). */
const FIELDS = [
  "document-uri",
  "documentURL",
  "referrer",
  "blocked-uri",
  "blockedURL",
  "violated-directive",
  "effective-directive",
  "effectiveDirective",
  "original-policy",
  "disposition",
  "status-code",
  "statusCode",
  "line-number",
  "lineNumber",
  "column-number",
  "columnNumber",
  "source-file",
  "sourceFile",
  "sample",
] as const;
const URL_FIELDS = new Set(["document-uri", "documentURL", "referrer", "blocked-uri", "blockedURL", "source-file", "sourceFile"]);

/**
 * Takes CSP violation reports (`application/csp-report` from `report-uri`, `application/reports+json`
 * from `report-to`), at most 16 KB, at most 20 a minute per address, and logs each as a warning with
 * only known fields, addresses redacted like every logged path, texts cut short. Answers 204, or 429
 * over the rate, 415 for another type, 413 when too large, 400 when not JSON.
 */
export function cspReportHandler(logger: Logger) {
  const counts = new LRUCache<string, { n: number; until: number }>({ max: 10_000 });
  const parse = express.json({ limit: MAX_BYTES, type: ["application/csp-report", "application/reports+json"], strict: false });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      const type = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/csp-report" && type !== "application/reports+json") return void res.status(415).end();
      const address = req.ip ?? "unknown";
      const now = Date.now();
      const seen = counts.get(address);
      const current = seen && seen.until > now ? seen : { n: 0, until: now + 60_000 };
      current.n++;
      counts.set(address, current);
      if (current.n > PER_MINUTE) {
        res.setHeader("Retry-After", String(Math.ceil((current.until - now) / 1000)));
        return void res.status(429).end();
      }
      parse(req, res, (error?: unknown) => {
        if (error) return void res.status((error as { status?: number }).status === 413 ? 413 : 400).end();
        next();
      });
    },
    (req: Request, res: Response) => {
      const body: unknown = req.body;
      // `report-uri` sends one `{"csp-report": {...}}`; `report-to` a list of `{type, url, body}`.
      const reports = Array.isArray(body)
        ? body.filter((r: { type?: unknown }) => r?.type === "csp-violation").map((r: { body?: unknown }) => r.body)
        : [(body as { "csp-report"?: unknown } | null)?.["csp-report"]];
      for (const report of reports.slice(0, 10)) {
        if (!report || typeof report !== "object") continue;
        logger.warn({ requestId: res.locals.requestId, cspReport: cleanReport(report as Record<string, unknown>) }, "content security policy violation");
      }
      res.status(204).end();
    },
  ];
}

/** Only known fields, each a short text or number; an address keeps its path, secrets redacted. */
function cleanReport(report: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const field of FIELDS) {
    const value = report[field];
    if (typeof value === "number" && Number.isFinite(value)) out[field] = value;
    else if (typeof value === "string" && value !== "") out[field] = (URL_FIELDS.has(field) ? loggableAddress(value) : value).slice(0, 300);
  }
  return out;
}

/** An address from a report as the access log would show it: no query values, no secret segments. */
function loggableAddress(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${loggableUrl(url.pathname + url.search)}`;
  } catch {
    // "inline", "eval", "self" and the like.
    return loggableUrl(value);
  }
}
