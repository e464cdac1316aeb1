import { newStemmer } from "snowball-stemmers";
import { DUTCH_STOP_WORDS } from "./dutch-stop-words";

/**
 * Dutch full-text search, the same on SQLite and PostgreSQL: Regie stems the texts it indexes and the
 * words people search for itself (Snowball's Dutch stemmer, which PostgreSQL's `dutch` configuration
 * also uses), and both databases only match the stems they are given. So "kantoren" finds "kantoor",
 * and a query finds the same actions on either engine.
 */

const snowball = newStemmer("dutch");

/** At most this many words of a query count; the rest is ignored. */
export const MAX_QUERY_WORDS = 10;

/** The words of a text: runs of letters and digits, lower-cased, accents dropped ("coöperatie" → "cooperatie"). */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const DOUBLED_END = /([bcdfghjklmnpqrstvwxz])\1$/;

/**
 * A word's stem: Snowball's, with a doubled final consonant made single, which Snowball keeps where
 * the plural doubles it ("congressen" → "congress" → "congres", like "congres").
 */
export function stem(word: string): string {
  const stemmed = snowball.stem(word);
  return DOUBLED_END.test(stemmed) ? stemmed.slice(0, -1) : stemmed;
}

/** What the databases index for a text: its stems in order, stop words left out, one space apart. */
export function searchIndexText(text: string): string {
  return searchWords(text)
    .filter((word) => !DUTCH_STOP_WORDS.has(word))
    .map(stem)
    .join(" ");
}

/**
 * One word of a query: the stem it must start with (so that a word being typed still matches), and
 * other stems that count as the same word. Snowball leaves the -s of a plural after -e in place
 * ("stages" stays "stages" while "stage" is "stag"): such a word also matches its singular's stem.
 */
export interface QueryTerm {
  prefix: string;
  also: string[];
}

/** A query as terms that must all match; empty when it has no words other than stop words. */
export function searchQuery(q: string): QueryTerm[] {
  const words = [...new Set(searchWords(q.normalize("NFC")))]
    .slice(0, MAX_QUERY_WORDS)
    .filter((word) => !DUTCH_STOP_WORDS.has(word));
  return words.map((word) => {
    const prefix = stem(word);
    const singular = word.length >= 5 && word.endsWith("es") ? stem(word.slice(0, -1)) : null;
    return { prefix, also: singular && singular !== prefix ? [singular] : [] };
  });
}
