import { SESSION_MAX_MS } from "./auth-service.server";

export const SESSION_COOKIE = "regie_session";
export const CSRF_COOKIE = "regie_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

function cookie(name: string, value: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.secure) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS, gone after the session's maximum life. */
export function sessionCookie(token: string, secure: boolean): string {
  return cookie(SESSION_COOKIE, token, { secure, maxAgeSeconds: Math.floor(SESSION_MAX_MS / 1000) });
}

export function clearSessionCookie(secure: boolean): string {
  return cookie(SESSION_COOKIE, "", { secure, maxAgeSeconds: 0 });
}

/** The anti-forgery cookie for visitors without a session (sign-in, password reset forms). */
export function csrfCookie(token: string, secure: boolean): string {
  return cookie(CSRF_COOKIE, token, { secure });
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The signed state between a right password and the second factor's code (holds no session). */
export const PENDING_COOKIE = "regie_pending";

export function pendingCookie(token: string, secure: boolean): string {
  return cookie(PENDING_COOKIE, token, { secure, maxAgeSeconds: 5 * 60 });
}

export function clearPendingCookie(secure: boolean): string {
  return cookie(PENDING_COOKIE, "", { secure, maxAgeSeconds: 0 });
}
