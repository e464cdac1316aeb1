import type { CategoryColour, CategoryDoc, SectionDoc } from "./programme-document";
import { blocks, readCount, type Line } from "./programme-lines";
import { capitaliseFirst, cleanText, stripBoldMarkup } from "./programme-text";
import type { ReadContext } from "./read-context";

/** What the introduction chapter holds, whole and extracted. */
export interface Introduction {
  /** Every section verbatim, including those the fields below are extracted from. */
  sections: SectionDoc[];
  ambition: string;
  categories: CategoryDoc[];
  revisionIntervalYears: number | null;
}

interface Paragraph {
  text: string;
  raw: string;
  line: number;
}

const COLOURS: Record<string, CategoryColour> = { groen: "green", oranje: "orange", rood: "red" };

/** Heading-like line in running text: short, no closing punctuation, not a list item. */
function isHeadingLike(text: string): boolean {
  const t = text.trim();
  return (
    t.length > 0 && t.length <= 100 && !/[.:;,!?]$/.test(t) && !/^[-•*]\s/.test(t) && !/^\d+[.)]\s/.test(t)
  );
}

/** Sections of running text; a block of one heading-like line starts a section, other lines are paragraphs. */
function readSections(
  lines: readonly Line[],
  mendWords: readonly string[],
): { heading: string; paragraphs: Paragraph[] }[] {
  const sections: { heading: string; paragraphs: Paragraph[] }[] = [];
  for (const block of blocks(lines)) {
    if (block.length === 1 && isHeadingLike(block[0]!.text)) {
      sections.push({ heading: cleanText(block[0]!.text, mendWords), paragraphs: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: "", paragraphs: [] });
    const section = sections[sections.length - 1]!;
    for (const line of block) {
      section.paragraphs.push({
        text: cleanText(stripBoldMarkup(line.text), mendWords),
        raw: line.text,
        line: line.no,
      });
    }
  }
  return sections;
}

/**
 * "- Categorie 1: laaghangend fruit, … - **GROEN;**" → code, colour, description and a short label
 * (the description's first clause). Null when the paragraph is not a category definition.
 */
function readCategory(paragraph: Paragraph, context: ReadContext): CategoryDoc | null {
  const match = /^[-•*]\s*categorie\s+(\d+)\s*:\s*(.+)$/i.exec(paragraph.raw.trim());
  if (!match) return null;
  const code = Number(match[1]);
  const body = match[2]!;
  const colour = /\s*[-–]?\s*\*\*\s*(groen|oranje|rood)\s*[;.,]?\s*\*\*\s*[;.,]?\s*$/i.exec(body);
  if (!colour) {
    context.log.error(
      paragraph.line,
      "category-colour-missing",
      { category: code },
      `Category ${code} has no colour (**GROEN**, **ORANJE** or **ROOD**)`,
    );
    return null;
  }
  if (code < 1 || code > 4) {
    context.log.error(
      paragraph.line,
      "category-out-of-range",
      { value: code },
      `Category ${code} does not exist; categories run from 1 to 4`,
    );
    return null;
  }
  const description = cleanText(body.slice(0, colour.index), context.mendWords).replace(/\s*[-–;]\s*$/, "");
  const label = capitaliseFirst(description.split(/[,.;]|\s\(/)[0]!.trim());
  return { code, colour: COLOURS[colour[1]!.toLowerCase()]!, label, description };
}

/** "Elke twee jaar wordt het herzien" → 2. */
function readRevisionInterval(text: string): number | null {
  const match = /\belke\s+(\d+|\p{L}+)\s+jaar\b[^.]*\b(?:herzien|geactualiseerd|herijkt)/iu.exec(text);
  return match ? (readCount(match[1]!) ?? null) : null;
}

/**
 * Reads the introduction. Sections are kept verbatim (bold markup removed); the ambition statement,
 * the category definitions and the revision interval are also extracted from them.
 */
export function readIntroduction(lines: readonly Line[], context: ReadContext): Introduction {
  const result: Introduction = { sections: [], ambition: "", categories: [], revisionIntervalYears: null };
  for (const section of readSections(lines, context.mendWords)) {
    result.sections.push({ heading: section.heading, paragraphs: section.paragraphs.map((p) => p.text) });
    if (/^ambitie\b/i.test(section.heading) && result.ambition === "") {
      // The lead-in ends with a colon; the ambition itself is what follows it.
      result.ambition = section.paragraphs
        .filter((p) => !/:$/.test(p.text))
        .map((p) => p.text)
        .join("\n\n");
    }
    for (const paragraph of section.paragraphs) {
      result.revisionIntervalYears ??= readRevisionInterval(paragraph.text);
      const category = readCategory(paragraph, context);
      if (category) result.categories.push(category);
    }
  }
  result.categories.sort((a, b) => a.code - b.code);
  if (result.categories.length === 0) {
    context.log.warn(1, "categories-missing", {}, 'No "Categorie N: …" list was found in the introduction');
  }
  return result;
}
