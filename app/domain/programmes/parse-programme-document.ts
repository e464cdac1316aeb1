import { readActionCell, readCategoryCell, readPlanningCell, readResultsCell } from "./action-cells";
import { linksFromNote } from "./action-links";
import { readLeadCell, readOrganisationList, type OrganisationReader } from "./organisation-list";
import { nameKey, OrganisationIndex, type OrganisationRegistry } from "./organisation-names";
import type { ParseIssue, ParseIssueCode } from "./parse-issues";
import type {
  ActionDoc,
  ActionLink,
  CategoryColour,
  CategoryDoc,
  IntentionDoc,
  OrganisationDoc,
  OrganisationRef,
  ParticipationDoc,
  ProgrammeDocument,
  SectionDoc,
  ThemeDoc,
} from "./programme-document";
import type { ProgrammeHints } from "./programme-hints";
import { capitaliseFirst, cleanText, stripBoldMarkup } from "./programme-text";

/**
 * Reads a programme document exported from Word as text (an "uitvoeringsprogramma": front matter,
 * introduction, themed chapters with goal, intentions and action tables, and an organisation
 * chapter) into a ProgrammeDocument. Pure: the caller supplies the text, the organisation
 * registry and the per-document hints.
 */

export type { ParseIssue } from "./parse-issues";

export interface ParseOptions {
  slug: string;
  /** Curated organisations (data/organisations.json); without it every name is new. */
  registry?: OrganisationRegistry;
  /** Per-document hints (data/programmes/<slug>.hints.json). */
  hints?: Partial<ProgrammeHints>;
  /** Language of the document's texts. */
  language?: string;
}

export type ParseResult =
  { ok: true; document: ProgrammeDocument; warnings: ParseIssue[] } | { ok: false; errors: ParseIssue[] };

interface Line {
  /** 1-based line number. */
  no: number;
  text: string;
}

const TABLE_COLUMNS = 6;
const FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰";
const FOOTNOTE_LINE = new RegExp(`^([${FOOTNOTE_MARKS}]+)\\s+(\\S.*)$`);
const FOOTNOTE_SUFFIX = new RegExp(`([${FOOTNOTE_MARKS}]+)$`);

const DUTCH_MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  maart: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  augustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
};

const DUTCH_NUMBERS: Record<string, number> = {
  een: 1,
  één: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
};

const COLOURS: Record<string, CategoryColour> = { groen: "green", oranje: "orange", rood: "red" };

/** Splits text into lines: BOM removed, CRLF/CR accepted, trailing spaces dropped (tabs are cells). */
function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ no: i + 1, text: t.replace(/[ \u00a0]+$/, "") }));
}

function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim().length === 0;
}

/** "14 oktober 2013" → "2013-10-14"; null when not a Dutch date. */
function dutchDate(text: string): string | null {
  const match = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u.exec(text.trim());
  if (!match) return null;
  const month = DUTCH_MONTHS[match[2]!.toLowerCase()];
  if (!month) return null;
  const day = Number(match[1]);
  if (day < 1 || day > 31) return null;
  return `${match[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function cells(line: Line): string[] {
  return line.text.split("\t");
}

/** A header row of an action table: "Voornemen | Actie | Trekker/partners | … | Planning | Categorie". */
function isTableHeader(line: Line): boolean {
  const c = cells(line).map((x) => cleanText(x).toLowerCase());
  return c.length >= 3 && c[1] === "actie" && c[c.length - 1] === "categorie";
}

function nextNonBlank(lines: Line[], from: number): number {
  let j = from;
  while (j < lines.length && isBlank(lines[j])) j++;
  return j;
}

/** Title of chapter `n` when line `i` is its heading: "N. Title" followed by "N.1 …" or an action table. */
function chapterHeadingAt(lines: Line[], i: number, n: number): string | null {
  const line = lines[i]!;
  if (line.text.includes("\t")) return null;
  const match = /^(\d{1,2})\.\s+(\S.*)$/.exec(line.text.trim());
  if (!match || Number(match[1]) !== n) return null;
  const next = lines[nextNonBlank(lines, i + 1)];
  if (!next) return null;
  const isSubsection = new RegExp(`^${n}\\.1\\s`).test(next.text.trim());
  if (!isSubsection && !isTableHeader(next)) return null;
  return match[2]!.trim();
}

interface Footnote {
  mark: string;
  text: string;
  line: number;
}

interface FootnoteRef {
  mark: string;
  themeNumber: number;
  line: number;
}

interface RawAction {
  line: number;
  cells: string[];
  themeNumber: number | null;
  intentionCode: string | null;
  group: string | null;
  /** The row could not be read (wrong number of columns); kept only to follow the numbering. */
  broken: boolean;
}

interface ThemeDraft {
  doc: ThemeDoc;
  line: number;
}

/** Heading-like line in running text: short, no closing punctuation, not a list item. */
function isHeadingLike(text: string): boolean {
  const t = text.trim();
  return (
    t.length > 0 && t.length <= 100 && !/[.:;,!?]$/.test(t) && !/^[-•*]\s/.test(t) && !/^\d+[.)]\s/.test(t)
  );
}

/** Groups lines into blocks of consecutive non-blank lines. */
function blocks(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (isBlank(line)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Section headings and paragraphs of running text; a one-line heading-like block starts a section. */
function readSections(
  lines: Line[],
  mendWords: readonly string[],
): { heading: string; line: number; paragraphs: { text: string; raw: string; line: number }[] }[] {
  const sections: {
    heading: string;
    line: number;
    paragraphs: { text: string; raw: string; line: number }[];
  }[] = [];
  for (const block of blocks(lines)) {
    if (block.length === 1 && isHeadingLike(block[0]!.text)) {
      sections.push({ heading: cleanText(block[0]!.text, mendWords), line: block[0]!.no, paragraphs: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: "", line: block[0]!.no, paragraphs: [] });
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

/** Expands "Leiden, Leiderdorp en Zoeterwoude" into place names. */
function placeList(text: string): string[] {
  return text
    .split(/\s*,\s*|\s+en\s+|\s+&\s+/)
    .map((p) => p.trim().replace(/[.;]$/, ""))
    .filter((p) => p.length > 0);
}

/** Reads a programme document; refuses it with line-numbered errors when it does not have the expected form. */
export function parseProgrammeDocument(text: string, options: ParseOptions): ParseResult {
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [];
  const error = (
    line: number,
    code: ParseIssueCode,
    params: Record<string, string | number>,
    message: string,
  ): void => {
    errors.push({ line, code, params, message });
  };
  const warn = (
    line: number,
    code: ParseIssueCode,
    params: Record<string, string | number>,
    message: string,
  ): void => {
    warnings.push({ line, code, params, message });
  };

  const hints = {
    titleHints: options.hints?.titleHints ?? {},
    resultHints: options.hints?.resultHints ?? {},
    mendHyphenation: options.hints?.mendHyphenation ?? [],
  };
  const mendWords = hints.mendHyphenation;
  const index = new OrganisationIndex(options.registry);
  const reader: OrganisationReader = { index, issues: [] };
  const drainNameIssues = (line: number): void => {
    for (const issue of reader.issues.splice(0)) warn(line, issue.code, issue.params, issue.message);
  };

  const lines = splitLines(text);
  if (lines.every((l) => isBlank(l))) {
    return {
      ok: false,
      errors: [{ line: 1, code: "empty-document", params: {}, message: "The document is empty" }],
    };
  }

  // ---- Locate the parts: front matter, table of contents, introduction, chapters.
  const tocIndex = lines.findIndex((l) => /^(inhoudsopgave|inhoud)$/i.test(l.text.trim()));
  let chapterStarts: { index: number; number: number; title: string }[] = [];
  for (let i = 0, n = 1; i < lines.length; i++) {
    const title = chapterHeadingAt(lines, i, n);
    if (title !== null) {
      chapterStarts.push({ index: i, number: n, title });
      n++;
    }
  }
  chapterStarts = chapterStarts.filter((c) => c.index > tocIndex);
  const hasActionTable = lines.some((l) => l.text.includes("\t") && isTableHeader(l));
  if (chapterStarts.length === 0 || !hasActionTable) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          code: "not-a-programme-document",
          params: {},
          message:
            "This is not a programme document of the expected form: no numbered chapters with action tables were found",
        },
      ],
    };
  }
  const firstChapter = chapterStarts[0]!.index;
  let frontEnd = tocIndex >= 0 ? tocIndex : firstChapter;
  let tocEnd = tocIndex >= 0 ? tocIndex + 1 : frontEnd;
  const tocChapters: { number: number; title: string; line: number }[] = [];
  if (tocIndex >= 0) {
    while (tocEnd < firstChapter) {
      const line = lines[tocEnd]!;
      if (isBlank(line)) {
        tocEnd++;
        continue;
      }
      const entry = /^(.+?)\t+(\d+)$/.exec(line.text);
      if (!entry) break;
      const chapter = /^(\d+)\.\s+(.+)$/.exec(entry[1]!.trim());
      if (chapter) tocChapters.push({ number: Number(chapter[1]), title: chapter[2]!.trim(), line: line.no });
      tocEnd++;
    }
  } else {
    // Without a table of contents the introduction starts at the first heading followed by running text.
    const introStart = lines.findIndex((l, i) => i < firstChapter && l.text.length >= 150);
    if (introStart > 0) {
      let j = introStart - 1;
      while (j > 0 && isBlank(lines[j])) j--;
      frontEnd = j;
      tocEnd = j;
    }
  }

  // ---- Front matter: title, subtitle, date, municipalities, co-authors, adoption.
  const front = lines.slice(0, frontEnd).filter((l) => !isBlank(l));
  const title = front[0] ? cleanText(front[0].text, mendWords) : "";
  if (title.length === 0) error(1, "title-missing", {}, "The document has no title on its first lines");
  let subtitle = "";
  let adoptedOn: string | null = null;
  let adoptedBy: string | null = null;
  let standaloneDate: string | null = null;
  const municipalities: string[] = [];
  const coAuthors: string[] = [];
  for (const line of front.slice(1)) {
    const t = cleanText(line.text, mendWords);
    const adopted =
      /^vastgesteld\s+door\s+(?:de\s+|het\s+)?(.+?)\s+op\s+(\d{1,2}\s+\p{L}+\s+\d{4})\s*\.?$/iu.exec(t);
    const coop = /^met\s+medewerking\s+van\s*:?\s*(.+)$/i.exec(t);
    const gemeenten = /^gemeenten?\s+(.+)$/i.exec(t);
    if (t === title || t === subtitle) continue;
    if (adopted) {
      adoptedBy = capitaliseFirst(adopted[1]!);
      adoptedOn = dutchDate(adopted[2]!);
    } else if (coop) {
      const list = readOrganisationList(reader, coop[1]!);
      drainNameIssues(line.no);
      for (const r of list.refs) if (!coAuthors.includes(r.organisation)) coAuthors.push(r.organisation);
    } else if (gemeenten) {
      for (const place of placeList(gemeenten[1]!)) {
        const list = readOrganisationList(reader, `gemeente ${place}`);
        drainNameIssues(line.no);
        for (const r of list.refs)
          if (!municipalities.includes(r.organisation)) municipalities.push(r.organisation);
      }
    } else if (dutchDate(t)) {
      standaloneDate ??= dutchDate(t);
    } else if (subtitle === "") {
      subtitle = t;
    } else {
      warn(line.no, "line-ignored", {}, `Front matter line ${line.no} was not recognised and is ignored`);
    }
  }
  adoptedOn ??= standaloneDate;
  if (municipalities.length === 0) {
    warn(1, "municipalities-missing", {}, 'No "Gemeenten …" line was found in the front matter');
  }

  // ---- Introduction: sections, ambition, categories, revision interval.
  const introLines = lines.slice(tocEnd, firstChapter);
  const sections = readSections(introLines, mendWords);
  const introduction: SectionDoc[] = [];
  let ambition = "";
  let revisionIntervalYears: number | null = null;
  const categories: CategoryDoc[] = [];
  for (const section of sections) {
    // Like the categories, the ambition is extracted while its section stays in the introduction.
    if (/^ambitie\b/i.test(section.heading) && ambition === "") {
      // The lead-in ends with a colon; the ambition itself is what follows it.
      ambition = section.paragraphs
        .filter((p) => !/:$/.test(p.text))
        .map((p) => p.text)
        .join("\n\n");
    }
    introduction.push({ heading: section.heading, paragraphs: section.paragraphs.map((p) => p.text) });
    for (const p of section.paragraphs) {
      const revision = /\belke\s+(\d+|\p{L}+)\s+jaar\b[^.]*\b(herzien|geactualiseerd|herijkt)/iu.exec(p.text);
      if (revision && revisionIntervalYears === null) {
        const word = revision[1]!.toLowerCase();
        revisionIntervalYears = /^\d+$/.test(word) ? Number(word) : (DUTCH_NUMBERS[word] ?? null);
      }
      const category = /^[-•*]\s*categorie\s+(\d+)\s*:\s*(.+)$/i.exec(p.raw.trim());
      if (category) {
        const body = category[2]!;
        const colourMatch = /\s*[-–]?\s*\*\*\s*(groen|oranje|rood)\s*[;.,]?\s*\*\*\s*[;.,]?\s*$/i.exec(body);
        const description = cleanText(
          colourMatch ? body.slice(0, colourMatch.index) : body,
          mendWords,
        ).replace(/\s*[-–;]\s*$/, "");
        const code = Number(category[1]);
        if (!colourMatch) {
          error(
            p.line,
            "category-colour-missing",
            { category: code },
            `Category ${code} has no colour (**GROEN**, **ORANJE** or **ROOD**)`,
          );
          continue;
        }
        if (code < 1 || code > 4) {
          error(
            p.line,
            "category-out-of-range",
            { value: code },
            `Category ${code} does not exist; categories run from 1 to 4`,
          );
          continue;
        }
        const label = capitaliseFirst(description.split(/[,.;]|\s\(/)[0]!.trim());
        categories.push({ code, colour: COLOURS[colourMatch[1]!.toLowerCase()]!, label, description });
      }
    }
  }
  if (ambition === "") {
    const statement = sections
      .flatMap((s) => s.paragraphs)
      .find((p) => /\bwil\b/.test(p.text) && /ambitie/i.test(p.text));
    ambition = statement?.text ?? "";
  }
  if (categories.length === 0)
    warn(1, "categories-missing", {}, 'No "Categorie N: …" list was found in the introduction');

  // ---- Period.
  let period: { start: number; end: number } | null = null;
  for (const candidate of [subtitle, title, ...introduction.flatMap((s) => s.paragraphs)]) {
    const m = /\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b/.exec(candidate);
    if (m && Number(m[2]) >= Number(m[1])) {
      period = { start: Number(m[1]), end: Number(m[2]) };
      break;
    }
  }
  if (!period)
    error(
      1,
      "period-missing",
      {},
      'The programme period ("2013-2015") was not found in the title or introduction',
    );

  // ---- Table of contents check: every chapter it lists must be present.
  for (const entry of tocChapters) {
    if (!chapterStarts.some((c) => c.number === entry.number)) {
      error(
        entry.line,
        "chapter-missing",
        { chapter: entry.number, title: entry.title },
        `Chapter ${entry.number} ("${entry.title}") is listed in the table of contents but missing from the text; is the file truncated?`,
      );
    }
  }

  // ---- Chapters.
  const themes: ThemeDraft[] = [];
  const rawActions: RawAction[] = [];
  const footnotes: Footnote[] = [];
  const footnoteRefs: FootnoteRef[] = [];
  const chapterState: { organisation: { number: number; title: string; groups: string[] } | null } = {
    organisation: null,
  };

  chapterStarts.forEach((chapter, ci) => {
    const isLast = ci === chapterStarts.length - 1;
    const end = isLast ? lines.length : chapterStarts[ci + 1]!.index;
    const body = lines.slice(chapter.index + 1, end);
    const headingLine = lines[chapter.index]!;
    const chapterTitle = chapter.title.replace(FOOTNOTE_SUFFIX, "").trim();
    const first = body[nextNonBlank(body, 0)];
    const isTheme = first !== undefined && !isTableHeader(first);

    if (!isTheme) {
      const organisation = {
        number: chapter.number,
        title: cleanText(chapterTitle, mendWords),
        groups: [] as string[],
      };
      chapterState.organisation = organisation;
      readTable(body, {
        themeNumber: null,
        chapterTitle,
        isLast,
        intentions: [],
        groups: organisation.groups,
      });
      return;
    }

    const theme: ThemeDoc = {
      number: chapter.number,
      title: cleanText(chapterTitle, mendWords),
      goal: "",
      intentionsIntro: null,
      intentions: [],
      participation: [],
    };
    themes.push({ doc: theme, line: headingLine.no });
    const headingMark = FOOTNOTE_SUFFIX.exec(chapter.title);
    if (headingMark)
      footnoteRefs.push({ mark: headingMark[1]!, themeNumber: theme.number, line: headingLine.no });

    // Split the chapter into its numbered subsections.
    const subsectionPattern = new RegExp(`^${chapter.number}\\.(\\d+)\\s+(\\S.*)$`);
    const subsections: { title: string; line: number; lines: Line[] }[] = [];
    for (const line of body) {
      const match = line.text.includes("\t") ? null : subsectionPattern.exec(line.text.trim());
      if (match) {
        const mark = FOOTNOTE_SUFFIX.exec(match[2]!);
        if (mark) footnoteRefs.push({ mark: mark[1]!, themeNumber: theme.number, line: line.no });
        subsections.push({ title: match[2]!.replace(FOOTNOTE_SUFFIX, "").trim(), line: line.no, lines: [] });
      } else if (subsections.length > 0) {
        subsections[subsections.length - 1]!.lines.push(line);
      } else if (!isBlank(line)) {
        warn(
          line.no,
          "line-ignored",
          {},
          `Line ${line.no} before the first section of chapter ${chapter.number} is ignored`,
        );
      }
    }

    let sawActions = false;
    for (const sub of subsections) {
      if (/^doelstelling/i.test(sub.title)) {
        theme.goal = sub.lines
          .filter((l) => !isBlank(l))
          .map((l) => cleanText(stripBoldMarkup(l.text), mendWords))
          .join("\n\n");
      } else if (/^voornemens?/i.test(sub.title)) {
        readIntentions(sub.lines, theme);
      } else if (/^acties?\b/i.test(sub.title)) {
        sawActions = true;
        const intentionCodes = theme.intentions.map((x) => x.code);
        readTable(sub.lines, {
          themeNumber: theme.number,
          chapterTitle,
          isLast,
          intentions: intentionCodes,
          groups: [],
        });
      } else {
        warn(
          sub.line,
          "line-ignored",
          { section: sub.title },
          `Section "${sub.title}" of chapter ${chapter.number} is not recognised and is ignored`,
        );
      }
    }
    if (theme.goal === "") {
      error(
        headingLine.no,
        "theme-goal-missing",
        { theme: theme.number },
        `Chapter ${theme.number} has no "${theme.number}.1 Doelstelling" section`,
      );
    }
    if (!sawActions || !rawActions.some((a) => a.themeNumber === theme.number)) {
      error(
        headingLine.no,
        "theme-without-actions",
        { theme: theme.number },
        `Chapter ${theme.number} has no action table`,
      );
    }
  });

  /** Reads the "Voornemens" section: a lead-in sentence and a list "- N.M text". */
  function readIntentions(sectionLines: Line[], theme: ThemeDoc): void {
    const intro: string[] = [];
    for (const line of sectionLines) {
      if (isBlank(line)) continue;
      const item = /^[-•*]\s*(\d+\.\d+)\s+(\S.*)$/.exec(line.text.trim());
      if (item) {
        const code = item[1]!;
        if (!code.startsWith(`${theme.number}.`)) {
          error(
            line.no,
            "intention-code-mismatch",
            { code, theme: theme.number },
            `Intention ${code} is listed under chapter ${theme.number}`,
          );
          continue;
        }
        theme.intentions.push({
          code,
          text: cleanText(stripBoldMarkup(item[2]!), mendWords),
        } satisfies IntentionDoc);
      } else if (theme.intentions.length === 0) {
        intro.push(cleanText(stripBoldMarkup(line.text), mendWords));
      } else {
        warn(line.no, "line-ignored", {}, `Line ${line.no} after the list of intentions is ignored`);
      }
    }
    theme.intentionsIntro = intro.length > 0 ? intro.join(" ") : null;
    const announced = /\b(\d+|\p{L}+)\s+voornemens\b/iu.exec(theme.intentionsIntro ?? "");
    if (announced) {
      const word = announced[1]!.toLowerCase();
      const count = /^\d+$/.test(word) ? Number(word) : DUTCH_NUMBERS[word];
      if (count !== undefined && count !== theme.intentions.length) {
        warn(
          sectionLines[0]?.no ?? 1,
          "intention-count-mismatch",
          { theme: theme.number, announced: count, found: theme.intentions.length },
          `Chapter ${theme.number} announces ${count} intentions but lists ${theme.intentions.length}`,
        );
      }
    }
  }

  /** Reads the action tables of a chapter section into raw rows, checking their shape. */
  function readTable(
    sectionLines: Line[],
    context: {
      themeNumber: number | null;
      chapterTitle: string;
      isLast: boolean;
      intentions: string[];
      groups: string[];
    },
  ): void {
    let header: number | null = null;
    let intention: string | null = null;
    let group: string | null = null;
    let lastRowIndex = -1;
    sectionLines.forEach((line, k) => {
      if (line.text.includes("\t") || FOOTNOTE_LINE.test(line.text)) lastRowIndex = k;
    });
    const chapterKey = nameKey(context.chapterTitle);
    const isSeparatorLabel = (label: string): boolean =>
      /^doelstelling\s+\d+\b/i.test(label) || nameKey(label) === chapterKey;

    let ignoredTrailing: Line[] = [];
    sectionLines.forEach((line, k) => {
      if (isBlank(line)) return;
      const footnote = FOOTNOTE_LINE.exec(line.text.trim());
      if (footnote && !line.text.includes("\t")) {
        footnotes.push({ mark: footnote[1]!, text: cleanText(footnote[2]!, mendWords), line: line.no });
        return;
      }
      if (!line.text.includes("\t")) {
        if (header !== null && isSeparatorLabel(cleanText(line.text))) return;
        if (context.isLast && k > lastRowIndex) {
          ignoredTrailing.push(line);
          return;
        }
        warn(
          line.no,
          "line-ignored",
          {},
          `Line ${line.no} between the action tables is not part of a table and is ignored (a caption?)`,
        );
        return;
      }
      const row = cells(line);
      if (isTableHeader(line)) {
        if (row.length !== TABLE_COLUMNS) {
          error(
            line.no,
            "table-header-unexpected",
            { expected: TABLE_COLUMNS, found: row.length },
            `The table header has ${row.length} columns; expected ${TABLE_COLUMNS}`,
          );
        }
        header = row.length;
        return;
      }
      if (header === null) {
        error(
          line.no,
          "table-header-missing",
          {},
          `Table row on line ${line.no} comes before any table header`,
        );
        return;
      }
      const cleaned = row.map((c) => cleanText(c, mendWords));
      if (cleaned.every((c) => c.length === 0)) return;
      if (cleaned.slice(1).every((c) => c.length === 0)) {
        // A row with only its first cell filled: a separator ("Doelstelling 1 - …") or a label for what follows.
        const label = cleaned[0]!;
        if (isSeparatorLabel(label)) return;
        if (context.themeNumber === null) {
          group = label;
          if (!context.groups.includes(label)) context.groups.push(label);
        } else {
          intention = readIntentionLabel(label, line, context) ?? intention;
        }
        return;
      }
      if (row.length !== TABLE_COLUMNS) {
        error(
          line.no,
          "row-column-count",
          { expected: TABLE_COLUMNS, found: row.length },
          `Row on line ${line.no} has ${row.length} columns; expected ${TABLE_COLUMNS} (Voornemen, Actie, Trekker/partners, Beoogd resultaat, Planning, Categorie)`,
        );
        rawActions.push({
          line: line.no,
          cells: row,
          themeNumber: context.themeNumber,
          intentionCode: null,
          group: null,
          broken: true,
        });
        return;
      }
      const first = cleaned[0]!;
      if (context.themeNumber === null) {
        if (first.length > 0) {
          group = first;
          if (!context.groups.includes(first)) context.groups.push(first);
        } else if (group === null) {
          warn(line.no, "group-missing", {}, `The action on line ${line.no} has no group`);
        }
      } else if (first.length > 0) {
        intention = readIntentionLabel(first, line, context) ?? intention;
      } else if (intention === null) {
        error(
          line.no,
          "intention-missing",
          {},
          `The first action of chapter ${context.themeNumber} (line ${line.no}) has no intention in its first column`,
        );
      }
      rawActions.push({
        line: line.no,
        cells: row,
        themeNumber: context.themeNumber,
        intentionCode: context.themeNumber === null ? null : intention,
        group: context.themeNumber === null ? group : null,
        broken: false,
      });
    });
    if (ignoredTrailing.length > 0) {
      const from = ignoredTrailing[0]!.no;
      const to = ignoredTrailing[ignoredTrailing.length - 1]!.no;
      // The closing text (colophon, credits) is deliberately not quoted: it names people.
      warn(
        from,
        "trailing-text-ignored",
        { from, to },
        `Lines ${from}-${to} after the last action table are not part of the programme and are ignored`,
      );
      ignoredTrailing = [];
    }
  }

  /** "1.1 – Versterken …", "Voornemen 3.1 – …" → "1.1", checked against the chapter's intentions. */
  function readIntentionLabel(
    label: string,
    line: Line,
    context: { themeNumber: number | null; intentions: string[] },
  ): string | null {
    const match = /^(?:voornemen\s+)?(\d+\.\d+)\b/i.exec(label);
    if (!match) {
      error(
        line.no,
        "intention-unreadable",
        { text: label.slice(0, 80) },
        `The first column "${label.slice(0, 80)}" does not start with an intention number ("${context.themeNumber}.1 …")`,
      );
      return null;
    }
    const code = match[1]!;
    if (!code.startsWith(`${context.themeNumber}.`)) {
      error(
        line.no,
        "intention-code-mismatch",
        { code, theme: context.themeNumber ?? 0 },
        `Intention ${code} appears in the table of chapter ${context.themeNumber}`,
      );
      return null;
    }
    if (!context.intentions.includes(code)) {
      error(
        line.no,
        "intention-unknown",
        { code },
        `Intention ${code} is not in the chapter's list of intentions`,
      );
      return null;
    }
    return code;
  }

  // ---- Footnotes: participation of municipalities in a theme.
  const municipalityPlaces = municipalities.map((slug) => ({
    slug,
    place: (index.get(slug)?.name ?? slug).replace(/^gemeente\s+/i, ""),
  }));
  for (const refMark of footnoteRefs) {
    const note = footnotes.find((f) => f.mark === refMark.mark);
    if (!note) {
      warn(
        refMark.line,
        "footnote-missing",
        { mark: refMark.mark },
        `Footnote ${refMark.mark} has no footnote text`,
      );
      continue;
    }
    const theme = themes.find((t) => t.doc.number === refMark.themeNumber)!.doc;
    const named = municipalityPlaces.filter((m) => new RegExp(`\\b${m.place}\\b`, "i").test(note.text));
    if (named.length === 0) {
      warn(
        note.line,
        "footnote-unused",
        { mark: note.mark },
        `Footnote ${note.mark} names no municipality of the programme and is not imported`,
      );
      continue;
    }
    let status: ParticipationDoc["status"];
    if (/\bniet\s+(?:besloten|beslist)|\bnog\s+geen\s+besluit|\bberaadt\b/i.test(note.text))
      status = "undecided";
    else if (/\b(?:doet|doen|neemt|nemen)\s+niet\s+(?:mee|deel)\b/i.test(note.text))
      status = "not-participating";
    else {
      status = "undecided";
      warn(
        note.line,
        "participation-status-guessed",
        { mark: note.mark },
        `Footnote ${note.mark}: participation status not stated clearly; read as undecided`,
      );
    }
    for (const m of named) {
      if (!theme.participation.some((p) => p.municipality === m.slug)) {
        theme.participation.push({ municipality: m.slug, status, note: note.text });
      }
    }
  }
  for (const note of footnotes) {
    if (!footnoteRefs.some((r) => r.mark === note.mark)) {
      warn(
        note.line,
        "footnote-unused",
        { mark: note.mark },
        `Footnote ${note.mark} is not referred to from a heading and is not imported`,
      );
    }
  }

  // ---- Lead cells first: the organisations they name help to find where run-in titles end.
  const leadCells = rawActions.map((raw) => {
    const lead = readLeadCell(reader, raw.cells[2] ?? "", mendWords);
    drainNameIssues(raw.line);
    return lead;
  });
  const spellings = index.capitalisedSpellings();
  const organisationKeys = new Set(spellings.map((s) => nameKey(s)));
  const maxNameWords = Math.min(8, Math.max(1, ...spellings.map((s) => s.split(/\s+/).length)));

  // ---- Actions.
  const actions: ActionDoc[] = [];
  const firstLineOf = new Map<number, number>();
  let expected = 1;
  rawActions.forEach((raw, k) => {
    const numberHint = /^\s*(?:<[^>]+>\s*)*(\d+)\s*\./.exec(raw.cells[1] ?? "");
    const hintKey = numberHint ? numberHint[1]! : "";
    // An unreadable row still carries its number: follow it so that one error does not cascade.
    const skip = (): void => {
      if (numberHint) expected = Number(numberHint[1]) + 1;
    };
    if (raw.broken) return skip();
    const actionCell = readActionCell(raw.cells[1]!, {
      mendWords,
      organisationKeys,
      maxNameWords,
      titleHint: hints.titleHints[hintKey],
    });
    if (!actionCell.ok) {
      error(raw.line, actionCell.problem.code, actionCell.problem.params, actionCell.problem.message);
      return skip();
    }
    const { number } = actionCell.cell;
    const seen = firstLineOf.get(number);
    if (seen !== undefined) {
      error(
        raw.line,
        "action-number-duplicate",
        { number, firstLine: seen },
        `Action ${number} appears twice: on line ${seen} and on line ${raw.line}`,
      );
      return;
    }
    firstLineOf.set(number, raw.line);
    if (number !== expected) {
      error(
        raw.line,
        "action-out-of-sequence",
        { expected, found: number },
        `Action ${number} is out of sequence: expected action ${expected}`,
      );
    }
    expected = number + 1;

    const results = readResultsCell(raw.cells[3]!, mendWords, hints.resultHints[String(number)]);
    if (!results.ok) error(raw.line, results.problem.code, results.problem.params, results.problem.message);
    const category = readCategoryCell(raw.cells[5]!, mendWords);
    if (!category.ok)
      error(raw.line, category.problem.code, category.problem.params, category.problem.message);
    else if (category.category === null)
      warn(raw.line, "category-missing", { number }, `Action ${number} has no category`);
    else if (categories.length > 0 && !categories.some((c) => c.code === category.category)) {
      error(
        raw.line,
        "category-undefined",
        { number, category: category.category },
        `Action ${number} has category ${category.category}, which the introduction does not define`,
      );
    }

    const lead = leadCells[k]!;
    for (const note of lead.notes) {
      if (
        !actionCell.cell.notes.some((n) => n.source === note.source) &&
        !/^(?:N\.?\s?B)/.test(note.source)
      ) {
        warn(
          raw.line,
          "lead-text-as-note",
          { number, text: note.text },
          `Action ${number}: "${note.text}" in the lead cell is not an organisation; kept as a note`,
        );
      }
    }
    const allNotes = [...actionCell.cell.notes, ...lead.notes];
    const links: ActionLink[] = [];
    for (const note of allNotes) {
      for (const link of linksFromNote(note.source, number)) {
        if (
          !links.some((l) => l.type === link.type && JSON.stringify(l.target) === JSON.stringify(link.target))
        )
          links.push(link);
      }
    }
    actions.push({
      number,
      title: actionCell.cell.title,
      description: actionCell.cell.description,
      notes: allNotes.map((n) => n.text),
      themeNumber: raw.themeNumber,
      intentionCode: raw.intentionCode,
      group: raw.group,
      leads: lead.leads,
      partners: lead.partners,
      toInvolve: lead.toInvolve,
      leadUnknown: lead.leadUnknown,
      intendedResults: results.ok ? results.results : [],
      planningText: readPlanningCell(raw.cells[4]!, mendWords),
      category: category.ok ? category.category : null,
      categoryNote: category.ok ? category.note : null,
      links,
    });
  });

  // ---- Cross-checks that need all actions.
  const actionNumbers = new Set(actions.map((a) => a.number));
  const themeNumbers = new Set(themes.map((t) => t.doc.number));
  for (const action of actions) {
    for (const link of action.links) {
      const target = link.target;
      const exists = "action" in target ? actionNumbers.has(target.action) : themeNumbers.has(target.theme);
      if (!exists) {
        const what = "action" in target ? `action ${target.action}` : `theme ${target.theme}`;
        error(
          firstLineOf.get(action.number) ?? 1,
          "link-target-missing",
          { number: action.number, target: what },
          `Action ${action.number} refers to ${what}, which does not exist`,
        );
      }
    }
  }
  for (const { doc: theme, line } of themes) {
    for (const intention of theme.intentions) {
      if (!actions.some((a) => a.intentionCode === intention.code)) {
        warn(
          line,
          "intention-without-actions",
          { code: intention.code },
          `Intention ${intention.code} has no actions`,
        );
      }
    }
  }
  for (const key of Object.keys(hints.titleHints)) {
    if (!actionNumbers.has(Number(key)))
      warn(1, "hint-unused", { hint: `titleHints.${key}` }, `Title hint for action ${key}: no such action`);
  }
  for (const key of Object.keys(hints.resultHints)) {
    if (!actionNumbers.has(Number(key)))
      warn(
        1,
        "hint-unused",
        { hint: `resultHints.${key}` },
        `Results hint for action ${key}: no such action`,
      );
  }
  for (const word of hints.mendHyphenation) {
    if (!text.includes(word))
      warn(1, "hint-unused", { hint: word }, `Hyphenation hint "${word}" does not occur in the text`);
  }

  if (errors.length > 0 || !period) return { ok: false, errors: sortIssues(errors) };

  // ---- Organisations referenced anywhere in the document.
  const referenced = new Set<string>([...municipalities, ...coAuthors]);
  const addRefs = (refs: OrganisationRef[]): void => refs.forEach((r) => referenced.add(r.organisation));
  for (const action of actions) {
    addRefs(action.leads);
    addRefs(action.partners);
    addRefs(action.toInvolve);
  }
  for (const { doc } of themes) doc.participation.forEach((p) => referenced.add(p.municipality));
  const organisations: OrganisationDoc[] = [...referenced].sort().map((slug) => {
    const org = index.get(slug)!;
    // Registry aliases first, then spellings met; spellings that differ only in case count once.
    const aliases: string[] = [];
    for (const alias of [...org.aliases, ...index.metAliases(slug)]) {
      const lower = alias.toLowerCase();
      if (lower !== org.name.toLowerCase() && !aliases.some((a) => a.toLowerCase() === lower))
        aliases.push(alias);
    }
    aliases.sort();
    return { slug, name: org.name, kind: org.kind, aliases };
  });

  const document: ProgrammeDocument = {
    slug: options.slug,
    title,
    subtitle,
    language: options.language ?? "nl",
    period,
    adoptedOn,
    adoptedBy,
    municipalities,
    coAuthors,
    revisionIntervalYears,
    ambition,
    introduction,
    categories: categories.sort((a, b) => a.code - b.code),
    themes: themes.map((t) => t.doc),
    organisationChapter: chapterState.organisation,
    organisations,
    actions,
  };
  return { ok: true, document, warnings: sortIssues(warnings) };
}

function sortIssues(issues: ParseIssue[]): ParseIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}
