import { sql } from "kysely";
import { LRUCache } from "lru-cache";
import type { Db } from "./database";

/**
 * A cache for read models that is never stale: every entry belongs to one *change stamp* of the
 * database, and any committed write, by this process or another (the CLI, a second server), gives
 * a new stamp, which empties the cache.
 *
 * - SQLite: `total_changes()` counts the rows this connection has changed (Regie uses one
 *   connection per process); `PRAGMA data_version` changes when any other connection commits.
 * - PostgreSQL: `pg_current_snapshot()` — two snapshots with the same xmin, xmax and running
 *   transactions see exactly the same committed data, and any transaction that writes (it gets a
 *   transaction id) changes the snapshot once it ends, in this database or another of the cluster.
 *
 * The stamp is read *before* the data, so an entry is computed from data at least as new as its
 * stamp; had anything been committed after the stamp, the next request reads another stamp and
 * recomputes. Entries are promises, so concurrent requests for the same key share one computation.
 */
export interface ReadCache {
  /**
   * The value for `key` under the current stamp, computing it once when missing. With a `scope`
   * (the request's context object), the stamp is read once per scope: every read of one request
   * sees the same stamp, read after the request began — never one read before it.
   */
  get<T>(key: string, compute: () => Promise<T>, scope?: object): Promise<T>;
  /** The current stamp (for tests and diagnostics). */
  stamp(): Promise<string>;
}

export function changeStamp(db: Db): () => Promise<string> {
  if (db.dialect === "sqlite") {
    const query = sql<{
      changes: number;
      version: number;
    }>`SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version`;
    return async () => {
      const { rows } = await query.execute(db.kysely);
      return `${rows[0]?.version ?? 0}:${rows[0]?.changes ?? 0}`;
    };
  }
  const query = sql<{ snapshot: string }>`SELECT pg_current_snapshot()::text AS snapshot`;
  return async () => {
    const { rows } = await query.execute(db.kysely);
    return rows[0]?.snapshot ?? "";
  };
}

export function createReadCache(stamp: () => Promise<string>, maxEntries = 200): ReadCache {
  let current: string | null = null;
  const entries = new LRUCache<string, Promise<unknown>>({ max: maxEntries });
  const scoped = new WeakMap<object, Promise<string>>();
  const stampFor = (scope?: object): Promise<string> => {
    if (!scope) return stamp();
    let s = scoped.get(scope);
    if (!s) {
      s = stamp();
      scoped.set(scope, s);
    }
    return s;
  };
  return {
    stamp,
    async get<T>(key: string, compute: () => Promise<T>, scope?: object): Promise<T> {
      const now = await stampFor(scope);
      if (now !== current) {
        entries.clear();
        current = now;
      }
      const hit = entries.get(key) as Promise<T> | undefined;
      if (hit) return hit;
      const value = compute();
      entries.set(key, value);
      // A failed computation is not kept.
      value.catch(() => {
        if (entries.get(key) === value) entries.delete(key);
      });
      return value;
    },
  };
}
