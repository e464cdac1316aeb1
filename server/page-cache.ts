import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
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
 * - **Bounded.** Least recently used entries are dropped beyond `maxBytes` (lru-cache, like every cache in Regie); only complete 200
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

interface Kept extends Rendered {
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
  const allowedPaths = new LRUCache<string, boolean>({ max: 10_000 });
  let current: string | null = null;
  const kept = new LRUCache<string, Kept>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (entry) => entry.bytes });
  // Pages being rendered: requests that ask for the same page at once share one rendering.
  const rendering = new Map<string, Promise<Rendered>>();
  let hits = 0;
  let misses = 0;

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
        allowedPaths.set(pathname, answer);
      }
      return answer;
    },
    async get(key, stamp, render) {
      if (stamp !== current) {
        kept.clear();
        rendering.clear();
        current = stamp;
      }
      const found = kept.get(key) ?? rendering.get(key);
      if (found) {
        hits++;
        const shared = await found;
        return { page: shared.page, hit: true, keep: shared.keep };
      }
      misses++;
      const pending = render();
      rendering.set(key, pending);
      let rendered: Rendered;
      try {
        rendered = await pending;
      } catch (error) {
        if (rendering.get(key) === pending) rendering.delete(key);
        throw error;
      }
      // Emptied (a new stamp) while rendering: answer, but do not keep.
      const ours = rendering.get(key) === pending;
      if (ours) rendering.delete(key);
      const { page, keep } = rendered;
      if (!ours || !keep) return { page, hit: false, keep };
      const bytes = Buffer.byteLength(page.body) + key.length;
      if (bytes <= maxBytes) kept.set(key, { page, keep, bytes });
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
      return { entries: kept.size, bytes: kept.calculatedSize, hits, misses };
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
