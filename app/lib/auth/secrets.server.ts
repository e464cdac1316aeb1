import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe random secret of 32 bytes. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a secret: its SHA-256, so the database never holds a usable token. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A visitor's anti-forgery token: a random part and its HMAC under the server's key, so that the
 * server only accepts tokens it issued itself and a value a client (or a page on a sibling domain
 * that can set cookies) chose is refused.
 */
export function signedToken(key: string): string {
  const random = newSecret();
  return `${random}.${mac(key, random)}`;
}

/** Whether a visitor's token is one `signedToken` made with this key. */
export function isSignedToken(key: string, token: string): boolean {
  const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return Boolean(match && sameSecret(match[2]!, mac(key, match[1]!)));
}

const mac = (key: string, value: string) => createHmac("sha256", key).update(`regie-visitor-csrf:${value}`).digest("base64url");
