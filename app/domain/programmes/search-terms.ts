/** The words of a search query: letters and digits only, lower-cased, at most ten, so no query syntax leaks through. */
export function searchTerms(q: string): string[] {
  const words =
    q
      .toLowerCase()
      .normalize("NFC")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, 10);
}
