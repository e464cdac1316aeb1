import { randomBytes, randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { CSP_REPORT_GROUP, CSP_REPORT_PATH } from "./csp-report";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Gives every request an id (a well-formed incoming X-Request-Id is kept) and a CSP nonce. */
export function requestIdentity(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = requestId;
  res.locals.nonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  next();
}

/** Security headers for every answer; scripts only with this request's nonce. */
export function securityHeaders(options: { secure: boolean }) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const nonce = String(res.locals.nonce);
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        // Violations are reported (server/csp-report.ts): the older report-uri and the Reporting API.
        `report-uri ${CSP_REPORT_PATH}`,
        `report-to ${CSP_REPORT_GROUP}`,
      ].join("; "),
    );
    res.setHeader("Reporting-Endpoints", `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    // Regie uses none of these; a script that got in cannot either.
    res.setHeader(
      "Permissions-Policy",
      "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()",
    );
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (options.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
