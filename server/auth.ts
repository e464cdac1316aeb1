import type { NextFunction, Request, Response } from "express";
import { PUBLIC, type Principal } from "../app/domain/auth/roles";
import { CSRF_COOKIE, clearSessionCookie, csrfCookie, readCookie, SESSION_COOKIE } from "../app/lib/auth/cookies.server";
import { sameSecret } from "../app/lib/auth/secrets.server";
import type { Language } from "../app/lib/i18n";
import { translator } from "../app/lib/i18n/catalogue.server";
import type { Services } from "../app/lib/services.server";
import { STATUS_TITLES, writeProblem } from "../app/api/problem";

export interface AuthLocals {
  principal: Principal;
  /** The token forms and cookie-authenticated API writes must send back. */
  csrfToken: string;
  /** The raw session token, for signing out. */
  sessionToken: string | null;
}

/**
 * Works out who is asking: a Bearer token (integrations), a session cookie, or nobody. Visitors
 * without a session get an anti-forgery cookie so that their forms (sign-in) are protected too.
 */
export function authenticate(services: Services) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const secure = req.secure;
      const header = req.get("authorization");
      if (header && /^bearer\s+/i.test(header)) {
        const principal = await services.auth.resolveApiToken(header.replace(/^bearer\s+/i, "").trim());
        if (!principal) {
          const language = res.locals.language as Language;
          res.setHeader("WWW-Authenticate", 'Bearer realm="regie", error="invalid_token"');
          return writeProblem(res, 401, translator(language)("auth.invalidToken"), undefined, STATUS_TITLES[401]![language]);
        }
        setLocals(res, { principal, csrfToken: "", sessionToken: null });
        return next();
      }
      const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (sessionToken) {
        const session = await services.auth.resolveSession(sessionToken);
        if (session) {
          if (session.principal.enrolmentRequired && req.path.startsWith("/api/")) {
            const language = res.locals.language as Language;
            return writeProblem(res, 403, translator(language)("identity.enrolFirst"), undefined, STATUS_TITLES[403]![language]);
          }
          setLocals(res, { principal: session.principal, csrfToken: session.csrfToken, sessionToken });
          res.setHeader("Cache-Control", "private, no-store");
          return next();
        }
        res.append("Set-Cookie", clearSessionCookie(secure));
      }
      // Only a token this server signed is taken; any other value (one the client chose) is replaced.
      let csrf = readCookie(req.headers.cookie, CSRF_COOKIE);
      if (!csrf || !(await services.auth.isVisitorToken(csrf))) {
        csrf = await services.auth.issueVisitorToken();
        res.append("Set-Cookie", csrfCookie(csrf, secure));
      }
      setLocals(res, { principal: PUBLIC, csrfToken: csrf, sessionToken: null });
      next();
    } catch (error) {
      next(error);
    }
  };
}

function setLocals(res: Response, locals: AuthLocals) {
  res.locals.principal = locals.principal;
  res.locals.csrfToken = locals.csrfToken;
  res.locals.sessionToken = locals.sessionToken;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request changes state and must prove it came from our own pages or a token holder. */
export function needsCsrf(req: Request, res: Response): boolean {
  if (SAFE.has(req.method)) return false;
  return (res.locals.principal as Principal).via !== "token";
}

/** Compares a presented anti-forgery token with the one expected for this visitor. */
export function csrfMatches(res: Response, presented: string | null | undefined): boolean {
  const expected = String(res.locals.csrfToken ?? "");
  return Boolean(presented && expected && sameSecret(presented, expected));
}
