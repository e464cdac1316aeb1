import { randomBytes } from "node:crypto";
import { matchRoutes, type RouteObject, type ServerBuild } from "react-router";

/**
 * A cache of whole pages as the public sees them (nobody signed in), so that a dashboard read by
 * many visitors is rendered once per change of the data rather than once per visitor.
 *
 * - **Which pages.** Only routes that say so (`handle = { publicCache: true }` on the route module)
 *   and only GET requests of visitors without a session or token. Such a page may depend on nothing
 *   but its URL, the language, the database and today's date (Europe/Amsterdam); signed-in users
 *   always get a fresh render, because what they see depends on who they are.
 * - **Never stale.** Entries belong to one change stamp of the database (see `app/db/read-cache.ts`):
 *   any committed write, by this process or another, empties the cache. Today's date is part of
 *   the key, so "overdue" and "today" move at midnight.
 * - **Per-response values stay per response.** The page is rendered with placeholders for the CSP
 *   nonce, the visitor's anti-forgery token and the request id, and each answer gets its own values
 *   put in. The placeholders are random per process and contain only letters and digits, so they
 *   pass unchanged through HTML escaping and JSON.
 * - **Bounded.** Least recently used entries are dropped beyond `maxBytes`; only complete 200
 *   answers with an HTML body and no cookie are kept.
 */
export interface StoredPage {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  /** How an API answer is sent again: through Express's `send` (ETag and 304 as usual) or as it was ended. */
  replay?: "send" | "end";
}

export interface PerResponse {
  nonce: string;
  csrfToken: string;
  requestId: string;
}

export interface PageCache {
  /** Values to render with instead of the request's own. */
  readonly placeholders: PerResponse;
  /** Whether the route that answers `pathname` allows its public page to be cached. */
  allows(pathname: string): boolean;
  /**
   * The stored page for `key` under `stamp`, or the result of `render` (shared by requests that
   * ask for the same page at once), kept when `render` says so.
   */
  get(
    key: string,
    stamp: string,
    render: () => Promise<Rendered>,
  ): Promise<{ page: StoredPage; hit: boolean; keep: boolean }>;
  /** The page's body, encoded, with this answer's values in place of the placeholders. */
  personalise(page: StoredPage, values: PerResponse): Buffer;
  /** Numbers for tests and diagnostics. */
  stats(): { entries: number; bytes: number; hits: number; misses: number };
}

/** A rendered answer, and whether it may be kept. */
export interface Rendered {
  page: StoredPage;
  keep: boolean;
}

interface Entry {
  page: Promise<Rendered>;
  bytes: number;
}

export function createPageCache(build: Pick<ServerBuild, "routes">, maxBytes: number): PageCache {
  const secret = randomBytes(12).toString("hex");
  const placeholders: PerResponse = {
    nonce: `pcnonce${secret}`,
    csrfToken: `pccsrf${secret}`,
    requestId: `pcrequest${secret}`,
  };
  const names = new Map<string, keyof PerResponse>(
    Object.entries(placeholders).map(([name, value]) => [value as string, name as keyof PerResponse]),
  );
  const placeholderPattern = new RegExp(`(${Object.values(placeholders).join("|")})`);
  const pieces = new WeakMap<StoredPage, (Buffer | keyof PerResponse)[]>();
  const routes = routeTree(build);
  const allowed = new Set(
    Object.values(build.routes)
      .filter(
        (r) =>
          (r?.module as { handle?: { publicCache?: unknown } } | undefined)?.handle?.publicCache === true,
      )
      .map((r) => r!.id),
  );
  // Matching a path against the routes costs about a millisecond; the answer per path is kept.
  const allowedPaths = new Map<string, boolean>();
  let current: string | null = null;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  return {
    placeholders,
    allows(pathname) {
      if (maxBytes <= 0 || allowed.size === 0) return false;
      let answer = allowedPaths.get(pathname);
      if (answer === undefined) {
        // Data requests of client-side navigation (`/x.data`) are answered differently: not kept.
        const matches = pathname.endsWith(".data") ? null : matchRoutes(routes, pathname);
        const leaf = matches?.[matches.length - 1];
        answer = leaf?.route.id !== undefined && allowed.has(leaf.route.id);
        if (allowedPaths.size >= 10_000) allowedPaths.clear();
        allowedPaths.set(pathname, answer);
      }
      return answer;
    },
    async get(key, stamp, render) {
      if (stamp !== current) {
        entries.clear();
        bytes = 0;
        current = stamp;
      }
      const found = entries.get(key);
      if (found) {
        // Most recently used last, so that the oldest is dropped first.
        entries.delete(key);
        entries.set(key, found);
        hits++;
        const shared = await found.page;
        return { page: shared.page, hit: true, keep: shared.keep };
      }
      misses++;
      const entry: Entry = { page: render(), bytes: 0 };
      entries.set(key, entry);
      let rendered: Rendered;
      try {
        rendered = await entry.page;
      } catch (error) {
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      }
      const { page, keep } = rendered;
      // Emptied (a new stamp) or dropped while rendering: answer, but do not keep.
      if (entries.get(key) !== entry) return { page, hit: false, keep };
      entry.bytes = Buffer.byteLength(page.body) + key.length;
      if (!keep || entry.bytes > maxBytes) {
        entries.delete(key);
        return { page, hit: false, keep };
      }
      bytes += entry.bytes;
      while (bytes > maxBytes && entries.size > 0) drop(entries.keys().next().value!);
      return { page, hit: false, keep };
    },
    personalise(page, values) {
      // The body is cut at the placeholders (and encoded) once; each answer joins the pieces with its values.
      let cut = pieces.get(page);
      if (!cut) {
        cut = page.body
          .split(placeholderPattern)
          .map((piece, i) => (i % 2 === 0 ? Buffer.from(piece) : names.get(piece)!));
        pieces.set(page, cut);
      }
      return Buffer.concat(
        cut.map((piece) => (typeof piece === "string" ? Buffer.from(values[piece]) : piece)),
      );
    },
    stats() {
      return { entries: entries.size, bytes, hits, misses };
    },
  };
}

/** React Router's flat route manifest as the nested route objects `matchRoutes` expects. */
function routeTree(build: Pick<ServerBuild, "routes">): RouteObject[] {
  const byParent = new Map<string | undefined, RouteObject[]>();
  for (const route of Object.values(build.routes)) {
    if (!route) continue;
    const object = {
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
    } as RouteObject;
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(object);
    byParent.set(route.parentId, siblings);
  }
  const attach = (list: RouteObject[]): RouteObject[] =>
    list.map((r) => {
      const children = byParent.get(r.id);
      return children && !r.index ? { ...r, children: attach(children) } : r;
    });
  return attach(byParent.get(undefined) ?? []);
}
