/**
 * Text clean-up for programme documents exported from Word: HTML fragments in table cells,
 * entities, superscripts, markdown-style bold and hyphenation broken by line wrapping.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  euml: "ë",
  iuml: "ï",
  ouml: "ö",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  agrave: "à",
  aacute: "á",
};

/** Decodes named and numeric HTML entities; unknown named entities are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X"))
      return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Removes HTML tags; a line break tag becomes a space because cells are read as running text. */
export function stripTags(text: string): string {
  return text.replace(/<br\s*\/?>/gi, " ").replace(/<\/?[a-z][^>]*>/gi, "");
}

/** Removes `**bold**` markers the export leaves around emphasised words. */
export function stripBoldMarkup(text: string): string {
  return text.replace(/\*\*(.*?)\*\*/g, "$1");
}

/** "4 ^e kwartaal" → "4e kwartaal": Word's superscript ordinal suffix, exported with a caret. */
export function fixSuperscriptOrdinals(text: string): string {
  return text.replace(/(\d)\s*\^\s*(e|ste|de)\b/g, "$1$2");
}

// Words after "x- " that mean the hyphen is a suspended compound ("Meld- en Coördinatiepunt").
const SUSPENDED_HYPHEN_FOLLOWERS = new Set(["en", "of", "tot", "t/m", "noch", "als"]);

/**
 * Mends words split by a line-wrap hyphen followed by a space ("knel- punten" → "knelpunten").
 * A hyphen before a conjunction or "&" is a real suspended compound and stays
 * ("onderwijs- & kennisinstellingen", "Meld- en Coördinatiepunt"); hyphens without a space
 * stay too, because most of them are real ("Werk-top", "Wi-Fi"); the ones that are not
 * can be listed per document (see `mendListedHyphenations`).
 */
export function mendWrappedHyphenation(text: string): string {
  return text.replace(/(\p{Ll})- (\p{Ll}[\p{L}/]*)/gu, (whole, before: string, after: string) =>
    SUSPENDED_HYPHEN_FOLLOWERS.has(after) ? whole : `${before}${after}`,
  );
}

/** Removes the hyphen from each listed word wherever it occurs ("Tech-niekpact" → "Techniekpact"). */
export function mendListedHyphenations(text: string, words: readonly string[]): string {
  let out = text;
  for (const word of words) {
    if (!word.includes("-")) continue;
    out = out.split(word).join(word.replace(/-/g, ""));
  }
  return out;
}

/** Collapses runs of whitespace (including non-breaking spaces) into one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

/** Text clean-up shared by every field: entities, tags, superscripts, hyphenation, whitespace. */
export function cleanText(raw: string, mendWords: readonly string[] = []): string {
  const plain = decodeEntities(stripTags(raw));
  return collapseWhitespace(
    mendListedHyphenations(mendWrappedHyphenation(fixSuperscriptOrdinals(plain)), mendWords),
  );
}

/** Upper-cases the first letter, for names and labels read from the middle of a sentence. */
export function capitaliseFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

// "N.B.", "N.B", "NB:", "NB" at the start of a note; the prefix is not part of the note.
const NOTE_PREFIX = /^(?:N\.\s?B\.?|NB)(?:\s*[:.])?\s*/;
// The same marker inside running text, preceded by a space or the start of the paragraph.
const NOTE_MARKER_IN_TEXT = /(?:^|\s)(?:N\.\s?B\.?|NB)(?=[\s:.])/;

/** True when the text is an N.B. note. */
export function isNote(text: string): boolean {
  return /^(?:N\.\s?B|NB)\b/.test(text);
}

/** The note without its "N.B." prefix. */
export function stripNotePrefix(text: string): string {
  return text.replace(NOTE_PREFIX, "").trim();
}

/** A cell read into paragraphs, with N.B. notes taken out. */
export interface CellText {
  /** Cleaned paragraphs without notes; empty paragraphs dropped. */
  paragraphs: string[];
  /** Notes found in the cell, in order. */
  notes: CellNote[];
  /** Whether the cell used `<p>` markup, which means paragraph breaks were preserved. */
  hasParagraphMarkup: boolean;
}

/** An N.B. note: `text` without prefix, `source` as written. */
export interface CellNote {
  text: string;
  source: string;
}

/** Splits raw cell HTML into paragraphs on `<p>` boundaries; plain cells give one paragraph. */
function rawParagraphs(raw: string): { parts: string[]; hasParagraphMarkup: boolean } {
  if (!/<p[\s>]/i.test(raw)) return { parts: [raw], hasParagraphMarkup: false };
  const parts = raw.split(/<\/?p(?:\s[^>]*)?>/i).filter((part) => part.trim().length > 0);
  return { parts, hasParagraphMarkup: true };
}

/** Reads a table cell: paragraphs, and notes from `<i>N.B. …</i>` spans and in-text "NB:" markers. */
export function readCell(raw: string, mendWords: readonly string[] = []): CellText {
  const { parts, hasParagraphMarkup } = rawParagraphs(raw);
  const paragraphs: string[] = [];
  const notes: CellNote[] = [];
  for (const part of parts) {
    // Italic spans that are notes are lifted out first, so their text never reaches the paragraph.
    const withoutItalicNotes = part.replace(/<i>([\s\S]*?)<\/i>/gi, (whole, inner: string) => {
      const source = cleanText(inner, mendWords);
      if (!isNote(source)) return whole;
      notes.push({ text: stripNotePrefix(source), source });
      return " ";
    });
    let text = cleanText(withoutItalicNotes, mendWords);
    const marker = NOTE_MARKER_IN_TEXT.exec(text);
    if (marker) {
      const source = text.slice(marker.index).trim();
      const noteText = stripNotePrefix(source);
      if (noteText.length > 0) notes.push({ text: noteText, source });
      text = text.slice(0, marker.index).trim();
    }
    if (text.length > 0) paragraphs.push(text);
  }
  return { paragraphs, notes, hasParagraphMarkup };
}
