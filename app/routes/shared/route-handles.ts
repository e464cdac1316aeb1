/**
 * The `handle` of a page whose public version depends only on its URL, the language, the data and
 * today's date: the server keeps it for visitors until the data change (server/page-cache.ts).
 * A page that shows anything else (who asks, a cookie, the time of day) must not use it.
 */
export const publicPage = { publicCache: true } as const;
