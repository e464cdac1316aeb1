/**
 * The `handle` of a page whose public version depends only on its URL, the language, the data and
 * today's date: the server keeps it for visitors until the data change (server/page-cache.ts).
 * A page that shows anything else (who asks, a cookie, the time of day) must not use it.
 */
export const publicPage = { publicCache: true } as const;

/**
 * The `handle` of a page that needs its client code even for visitors. Without it a visitor's page
 * is sent without scripts (decision 0016); signed-in users always get them. Combine with
 * `publicPage` by spreading both.
 */
export const visitorScripts = { visitorScripts: true } as const;

/** Whether the page for these route handles is sent with React Router's client scripts. */
export function sendsClientScripts(signedIn: boolean, handles: readonly unknown[]): boolean {
  return signedIn || handles.some((handle) => (handle as { visitorScripts?: unknown } | undefined)?.visitorScripts === true);
}
