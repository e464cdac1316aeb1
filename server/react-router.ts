import { writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "react-router";
import { CSRF_FIELD } from "../app/lib/auth/cookies.server";
import type { Language } from "../app/lib/i18n";
import type { Services } from "../app/lib/services.server";
import { csrfMatches, needsCsrf, type AuthLocals } from "./auth";
import { renderMessagePage } from "./error-page";
import { calendarDate } from "../app/domain/calendar";
import { hasNul } from "../app/domain/primitives";
import { createPageCache, type PageCache, type StoredPage } from "./page-cache";

export class PayloadTooLarge extends Error {}

/** Reads a request body into memory, refusing it as soon as it passes the limit. */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // A body over the limit is still read to its end (and dropped), up to a bound, so that a client that
  // is still sending can read the 413 instead of finding the connection cut.
  const bound = drainBound(maxBytes);
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > bound) throw new PayloadTooLarge();
    if (size <= maxBytes) chunks.push(buffer);
  }
  if (size > maxBytes) throw new PayloadTooLarge();
  return Buffer.concat(chunks);
}

/** How much of a refused body is read and dropped before the connection is cut instead. */
export function drainBound(maxBytes: number): number {
  return Math.max(4 * maxBytes, 16 * 1024 * 1024);
}

/**
 * Hands a request to React Router. Bodies are read here with the size limit, and every form post is
 * checked for its anti-forgery token before any route action runs.
 */
export function reactRouterHandler(options: { build: ServerBuild; services: Services; mode: string }) {
  const handle = createRequestHandler(options.build, options.mode);
  const { services } = options;
  const maxBytes = services.env.MAX_UPLOAD_MB * 1024 * 1024;
  const pageCache = createPageCache(options.build, services.env.PAGE_CACHE_MB * 1024 * 1024);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const language = res.locals.language as Language;
      const controller = new AbortController();
      res.on("close", () => controller.abort());
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
      }
      let body: Buffer | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        try {
          body = await readBody(req, maxBytes);
        } catch (error) {
          if (error instanceof PayloadTooLarge) {
            res.setHeader("Connection", "close");
            res
              .status(413)
              .type("html")
              .send(
                renderMessagePage({ language, kind: "tooLarge", mb: options.services.env.MAX_UPLOAD_MB }),
              );
            return;
          }
          throw error;
        }
      }
      const request = new globalThis.Request(url, {
        method: req.method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        signal: controller.signal,
      });
      // Pages take forms only; the form is read once here (the action reads its own copy).
      const form = body === undefined ? undefined : await readForm(request);
      if (needsCsrf(req, res)) {
        const field = form instanceof FormData ? form.get(CSRF_FIELD) : null;
        const presented = request.headers.get("x-csrf-token") ?? (typeof field === "string" ? field : null);
        if (!csrfMatches(res, presented)) {
          res
            .status(403)
            .type("html")
            .send(renderMessagePage({ language, kind: "csrf" }));
          return;
        }
      }
      // Anything else (JSON, plain text, no type, a multipart body without its boundary) is refused
      // here, so that no action is handed a body it cannot read.
      if (typeof form === "number") {
        res
          .status(form)
          .type("html")
          .send(renderMessagePage({ language, kind: form === 415 ? "notAForm" : "badForm" }));
        return;
      }
      // PostgreSQL cannot store a NUL character and SQLite would: refused for every action at once.
      if (form instanceof FormData && formHasNul(form)) {
        res
          .status(400)
          .type("html")
          .send(renderMessagePage({ language, kind: "nulForm" }));
        return;
      }
      const auth = res.locals as unknown as AuthLocals;
      if (req.method === "GET" && auth.principal.via === "public" && pageCache.allows(url.pathname)) {
        await answerFromPageCache(pageCache, services, { url, language, headers }, res, (values) =>
          handle(new globalThis.Request(url, { headers }), {
            services,
            ...values,
            language,
            principal: auth.principal,
            sessionToken: null,
            secure: req.secure,
            clientAddress: "unknown",
          }),
        );
        return;
      }
      const context: AppLoadContext = {
        services: options.services,
        requestId: String(res.locals.requestId),
        nonce: String(res.locals.nonce),
        language,
        principal: auth.principal,
        csrfToken: auth.csrfToken,
        sessionToken: auth.sessionToken,
        secure: req.secure,
        clientAddress: req.ip ?? "unknown",
      };
      const response = await handle(request, context);
      res.status(response.status);
      res.statusMessage = response.statusText || res.statusMessage;
      for (const [key, value] of response.headers.entries()) {
        if (key === "set-cookie") continue;
        res.setHeader(key, value);
      }
      for (const value of response.headers.getSetCookie()) res.append("Set-Cookie", value);
      if (response.body && req.method !== "HEAD") {
        await writeReadableStreamToWritable(response.body, res);
      } else {
        res.end();
      }
    } catch (error) {
      next(error);
    }
  };
}

/** Whether a form's names or text values hold a NUL character (files are the importers' to read). */
function formHasNul(form: FormData): boolean {
  for (const [name, value] of form.entries()) if (hasNul(name) || (typeof value === "string" && hasNul(value))) return true;
  return false;
}

/** The form a page was sent, read once (the action reads its own copy); 415 when the body is not a form, 400 when it cannot be read. */
async function readForm(request: globalThis.Request): Promise<FormData | 415 | 400> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return 415;
  try {
    return await request.clone().formData();
  } catch {
    return 400;
  }
}

/**
 * Answers a visitor's GET of a page that may be kept (see `page-cache.ts`): from the cache when it
 * holds the page for the current data, language and day, otherwise rendered once with placeholders
 * and kept. Either way this answer gets its own nonce, anti-forgery token and request id.
 */
async function answerFromPageCache(
  cache: PageCache,
  services: Services,
  request: { url: URL; language: Language; headers: Headers },
  res: Response,
  render: (values: { nonce: string; csrfToken: string; requestId: string }) => Promise<globalThis.Response>,
): Promise<void> {
  const stamp = await services.readCache.stamp();
  const key = `${request.language} ${calendarDate(services.clock.now())} ${request.url.pathname}${request.url.search}`;
  const { page, hit } = await cache.get(key, stamp, async () => {
    const response = await render(cache.placeholders);
    const stored: StoredPage = {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers.entries()].filter(([name]) => name !== "set-cookie"),
      body: response.body ? await response.text() : "",
    };
    const keep =
      response.status === 200 &&
      response.headers.getSetCookie().length === 0 &&
      (response.headers.get("content-type") ?? "").startsWith("text/html");
    return { page: stored, keep };
  });
  res.status(page.status);
  if (page.statusText) res.statusMessage = page.statusText;
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("X-Regie-Page-Cache", hit ? "hit" : "miss");
  const body = cache.personalise(page, {
    nonce: String(res.locals.nonce),
    csrfToken: String(res.locals.csrfToken ?? ""),
    requestId: String(res.locals.requestId),
  });
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
