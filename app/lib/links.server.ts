/**
 * Where links in email point: the configured PUBLIC_URL, or (on a default install without it) the
 * address Regie printed when it started. Never a request's Host or X-Forwarded-* headers: whoever
 * sends a request chooses those, and a reset or invitation link built from them would carry the
 * secret to the sender's server (host-header poisoning).
 */
export interface PublicLinks {
  /** Scheme, host and port without a trailing slash, e.g. `https://regie.example.org`. */
  origin: string;
  /** True when the origin comes from PUBLIC_URL; false while it is the printed start address. */
  configured: boolean;
}

const withoutSlash = (url: string) => url.replace(/\/+$/, "");

/** The links of a process: PUBLIC_URL when set, else `fallback` until the listening address is known. */
export function createPublicLinks(publicUrl: string | undefined, fallback: string): PublicLinks {
  return publicUrl ? { origin: withoutSlash(publicUrl), configured: true } : { origin: withoutSlash(fallback), configured: false };
}

/** Once the server listens: without PUBLIC_URL, links point to the address it printed. */
export function settleListeningAddress(links: PublicLinks, listening: string): void {
  if (!links.configured) links.origin = withoutSlash(listening);
}

/** An absolute link to a path of Regie (`/password/reset/…`) for use in email. */
export const absoluteLink = (links: PublicLinks, path: string): string => `${links.origin}${path.startsWith("/") ? path : `/${path}`}`;
