import type { NextFunction, Request, Response } from "express";
import { calendarDate } from "../app/domain/calendar";
import type { Principal } from "../app/domain/auth/roles";
import type { Services } from "../app/lib/services.server";
import { createPageCache, type Rendered, type StoredPage } from "./page-cache";

/**
 * The open-data API's public reads, kept like public pages (decision 0010): a GET by somebody
 * without a session or token is answered from memory while the database has not changed since it
 * was first answered. What is kept is what the API's own handler sent in one piece: a 200 with its
 * body and the headers the handler set, without cookies; anything else (problems, streams, 304s) is
 * answered every time. A kept answer is sent again the way it was sent: through Express's `send`
 * (which answers 304 to a matching If-None-Match) or, for records with their own ETag, in full.
 */
export function apiReadCache(services: Services, maxBytes: number) {
  const cache = createPageCache({ routes: {} }, maxBytes);
  return async (req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal | undefined;
    if (maxBytes <= 0 || req.method !== "GET" || principal?.via !== "public") return next();
    try {
      const stamp = await services.readCache.stamp();
      // The host is part of the key: answers may hold links to this server.
      const key = `${String(res.locals.language)} ${calendarDate(services.clock.now())} ${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;
      const { page, hit, keep } = await cache.get(key, stamp, () => capture(res, next));
      if (!hit) return; // this request's own handler answered it
      if (!keep) return next(); // another request's answer, not to be shared: this one is answered itself
      for (const [name, value] of page.headers) res.setHeader(name, value);
      res.setHeader("X-Regie-Page-Cache", "hit");
      res.status(page.status);
      if (page.replay === "send") res.send(page.body);
      else res.end(page.body);
    } catch (error) {
      next(error);
    }
  };
}

/** Lets the handlers answer this request, and resolves with what they sent (kept when it can be). */
function capture(res: Response, next: NextFunction): Promise<Rendered> {
  return new Promise<Rendered>((resolve) => {
    // Headers already set (request id, security, the visitor's anti-forgery cookie) belong to this request.
    const before = new Set(res.getHeaderNames());
    const cookieBefore = res.getHeader("set-cookie");
    const send = res.send.bind(res);
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    let viaSend = false;
    let streamed = false;
    let settled = false;
    const settle = (rendered: Rendered) => {
      if (settled) return;
      settled = true;
      res.send = send;
      res.write = write;
      res.end = end;
      resolve(rendered);
    };
    res.send = (body?: unknown) => {
      viaSend = true;
      return send(body);
    };
    res.write = ((...args: Parameters<Response["write"]>) => {
      streamed = true;
      return write(...args);
    }) as Response["write"];
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      const body =
        typeof chunk === "string"
          ? chunk
          : Buffer.isBuffer(chunk)
            ? chunk.toString("utf8")
            : chunk == null
              ? ""
              : null;
      const headers = res
        .getHeaderNames()
        .filter((name) => !before.has(name) && name !== "set-cookie" && name !== "x-regie-page-cache")
        .map((name): [string, string] => [name, String(res.getHeader(name))]);
      const page: StoredPage = {
        status: res.statusCode,
        statusText: "",
        headers,
        body: body ?? "",
        replay: viaSend ? "send" : "end",
      };
      const keep =
        body !== null &&
        body !== "" &&
        !streamed &&
        res.statusCode === 200 &&
        res.getHeader("set-cookie") === cookieBefore;
      settle({ page, keep });
      return (end as (...a: unknown[]) => Response)(...args);
    }) as Response["end"];
    // An answer that never ends through `end` (a closed connection) is not kept.
    res.once("close", () =>
      settle({ page: { status: 0, statusText: "", headers: [], body: "" }, keep: false }),
    );
    res.setHeader("X-Regie-Page-Cache", "miss");
    next();
  });
}
