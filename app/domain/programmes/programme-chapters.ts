import { nameKey, type OrganisationIndex } from "./organisation-names";
import type { ParticipationDoc, ThemeDoc } from "./programme-document";
import {
  cells,
  FOOTNOTE_LINE,
  FOOTNOTE_SUFFIX,
  isBlank,
  isRow,
  isTableHeader,
  nextNonBlank,
  readCount,
  type Line,
} from "./programme-lines";
import { cleanText, stripBoldMarkup } from "./programme-text";
import type { ReadContext } from "./read-context";

/**
 * The numbered chapters: themes (goal, intentions, action tables) and the organisation chapter
 * (action tables with groups). Action rows are returned raw; their cells are read afterwards.
 */

export const TABLE_COLUMNS = 6;

/** A chapter heading found in the text. */
export interface ChapterStart {
  /** Index into the document's lines. */
  index: number;
  number: number;
  /** As written, footnote mark included. */
  title: string;
}

/** An action-table row with the context it appeared in. */
export interface ActionRow {
  line: number;
  cells: string[];
  themeNumber: number | null;
  intentionCode: string | null;
  group: string | null;
  /** The row has the wrong number of columns; kept only so the numbering can be followed. */
  broken: boolean;
}

/** A theme with the line of its chapter heading. */
export interface ThemeDraft {
  doc: ThemeDoc;
  line: number;
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

/** Everything read from the chapters. */
export interface Chapters {
  themes: ThemeDraft[];
  rows: ActionRow[];
  organisationChapter: { number: number; title: string; groups: string[] } | null;
  footnotes: Footnote[];
  footnoteRefs: FootnoteRef[];
}

interface TableContext {
  themeNumber: number | null;
  chapterTitle: string;
  /** In the last chapter, text after the last table row is closing matter (colophon). */
  isLast: boolean;
  intentions: string[];
  groups: string[];
}

/** "1.1 – Versterken …", "Voornemen 3.1 – …" → "1.1", checked against the chapter's intentions. */
function readIntentionLabel(
  label: string,
  line: Line,
  table: TableContext,
  context: ReadContext,
): string | null {
  const { log } = context;
  const match = /^(?:voornemen\s+)?(\d+\.\d+)\b/i.exec(label);
  if (!match) {
    log.error(
      line.no,
      "intention-unreadable",
      { text: label.slice(0, 80) },
      `The first column "${label.slice(0, 80)}" does not start with an intention number ("${table.themeNumber}.1 …")`,
    );
    return null;
  }
  const code = match[1]!;
  if (!code.startsWith(`${table.themeNumber}.`)) {
    log.error(
      line.no,
      "intention-code-mismatch",
      { code, theme: table.themeNumber ?? 0 },
      `Intention ${code} appears in the table of chapter ${table.themeNumber}`,
    );
    return null;
  }
  if (!table.intentions.includes(code)) {
    log.error(
      line.no,
      "intention-unknown",
      { code },
      `Intention ${code} is not in the chapter's list of intentions`,
    );
    return null;
  }
  return code;
}

/**
 * Reads the action tables of a section: header rows (repeated), separator rows
 * ("Doelstelling 1 - …", the chapter title), rows whose empty first cell continues the intention or
 * group above, footnotes and stray lines such as photo captions.
 */
function readTables(
  sectionLines: readonly Line[],
  table: TableContext,
  chapters: Chapters,
  context: ReadContext,
): void {
  const { log, mendWords } = context;
  let header: number | null = null;
  let intention: string | null = null;
  let group: string | null = null;
  let lastRowIndex = -1;
  sectionLines.forEach((line, k) => {
    if (isRow(line) || FOOTNOTE_LINE.test(line.text)) lastRowIndex = k;
  });
  const chapterKey = nameKey(table.chapterTitle);
  const isSeparatorLabel = (label: string): boolean =>
    /^doelstelling\s+\d+\b/i.test(label) || nameKey(label) === chapterKey;
  const setGroup = (label: string): void => {
    group = label;
    if (!table.groups.includes(label)) table.groups.push(label);
  };
  const trailing: Line[] = [];

  sectionLines.forEach((line, k) => {
    if (isBlank(line)) return;
    if (!isRow(line)) {
      const footnote = FOOTNOTE_LINE.exec(line.text.trim());
      if (footnote) {
        chapters.footnotes.push({
          mark: footnote[1]!,
          text: cleanText(footnote[2]!, mendWords),
          line: line.no,
        });
      } else if (header !== null && isSeparatorLabel(cleanText(line.text))) {
        // A separator row whose empty cells were trimmed away.
      } else if (table.isLast && k > lastRowIndex) {
        trailing.push(line);
      } else {
        log.warn(
          line.no,
          "line-ignored",
          {},
          `Line ${line.no} between the action tables is not part of a table and is ignored (a caption?)`,
        );
      }
      return;
    }
    const row = cells(line);
    if (isTableHeader(line)) {
      if (row.length !== TABLE_COLUMNS) {
        log.error(
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
      log.error(
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
      // Only the first cell filled: a separator, or a label for the rows that follow.
      const label = cleaned[0]!;
      if (isSeparatorLabel(label)) return;
      if (table.themeNumber === null) setGroup(label);
      else intention = readIntentionLabel(label, line, table, context) ?? intention;
      return;
    }
    if (row.length !== TABLE_COLUMNS) {
      log.error(
        line.no,
        "row-column-count",
        { expected: TABLE_COLUMNS, found: row.length },
        `Row on line ${line.no} has ${row.length} columns; expected ${TABLE_COLUMNS} (Voornemen, Actie, Trekker/partners, Beoogd resultaat, Planning, Categorie)`,
      );
      chapters.rows.push({
        line: line.no,
        cells: row,
        themeNumber: table.themeNumber,
        intentionCode: null,
        group: null,
        broken: true,
      });
      return;
    }
    const first = cleaned[0]!;
    if (table.themeNumber === null) {
      if (first.length > 0) setGroup(first);
      else if (group === null)
        log.warn(line.no, "group-missing", {}, `The action on line ${line.no} has no group`);
    } else if (first.length > 0) {
      intention = readIntentionLabel(first, line, table, context) ?? intention;
    } else if (intention === null) {
      log.error(
        line.no,
        "intention-missing",
        {},
        `The first action of chapter ${table.themeNumber} (line ${line.no}) has no intention in its first column`,
      );
    }
    chapters.rows.push({
      line: line.no,
      cells: row,
      themeNumber: table.themeNumber,
      intentionCode: table.themeNumber === null ? null : intention,
      group: table.themeNumber === null ? group : null,
      broken: false,
    });
  });

  if (trailing.length > 0) {
    const from = trailing[0]!.no;
    const to = trailing[trailing.length - 1]!.no;
    // The closing text (colophon, credits) is deliberately not quoted: it names people.
    log.warn(
      from,
      "trailing-text-ignored",
      { from, to },
      `Lines ${from}-${to} after the last action table are not part of the programme and are ignored`,
    );
  }
}

/** Reads the "Voornemens" section: a lead-in sentence and a list "- N.M text". */
function readIntentions(sectionLines: readonly Line[], theme: ThemeDoc, context: ReadContext): void {
  const { log, mendWords } = context;
  const intro: string[] = [];
  for (const line of sectionLines) {
    if (isBlank(line)) continue;
    const item = /^[-•*]\s*(\d+\.\d+)\s+(\S.*)$/.exec(line.text.trim());
    if (item) {
      const code = item[1]!;
      if (code.startsWith(`${theme.number}.`)) {
        theme.intentions.push({ code, text: cleanText(stripBoldMarkup(item[2]!), mendWords) });
      } else {
        log.error(
          line.no,
          "intention-code-mismatch",
          { code, theme: theme.number },
          `Intention ${code} is listed under chapter ${theme.number}`,
        );
      }
    } else if (theme.intentions.length === 0) {
      intro.push(cleanText(stripBoldMarkup(line.text), mendWords));
    } else {
      log.warn(line.no, "line-ignored", {}, `Line ${line.no} after the list of intentions is ignored`);
    }
  }
  theme.intentionsIntro = intro.length > 0 ? intro.join(" ") : null;
  // "… zijn drie voornemens geformuleerd": a cheap check that the list is complete.
  const announced = /\b(\d+|\p{L}+)\s+voornemens\b/iu.exec(theme.intentionsIntro ?? "");
  const count = announced ? readCount(announced[1]!) : undefined;
  if (count !== undefined && count !== theme.intentions.length) {
    log.warn(
      sectionLines[0]?.no ?? 1,
      "intention-count-mismatch",
      { theme: theme.number, announced: count, found: theme.intentions.length },
      `Chapter ${theme.number} announces ${count} intentions but lists ${theme.intentions.length}`,
    );
  }
}

/** Reads a theme chapter: "N.1 Doelstelling", "N.2 Voornemens", "N.3 Acties bij doelstelling N". */
function readThemeChapter(
  chapter: ChapterStart,
  heading: Line,
  body: readonly Line[],
  isLast: boolean,
  chapters: Chapters,
  context: ReadContext,
): void {
  const { log, mendWords } = context;
  const chapterTitle = chapter.title.replace(FOOTNOTE_SUFFIX, "").trim();
  const theme: ThemeDoc = {
    number: chapter.number,
    title: cleanText(chapterTitle, mendWords),
    goal: "",
    intentionsIntro: null,
    intentions: [],
    participation: [],
  };
  chapters.themes.push({ doc: theme, line: heading.no });
  const headingMark = FOOTNOTE_SUFFIX.exec(chapter.title);
  if (headingMark)
    chapters.footnoteRefs.push({ mark: headingMark[1]!, themeNumber: theme.number, line: heading.no });

  const subsectionPattern = new RegExp(`^${chapter.number}\\.(\\d+)\\s+(\\S.*)$`);
  const subsections: { title: string; line: number; lines: Line[] }[] = [];
  for (const line of body) {
    const match = isRow(line) ? null : subsectionPattern.exec(line.text.trim());
    if (match) {
      const mark = FOOTNOTE_SUFFIX.exec(match[2]!);
      if (mark) chapters.footnoteRefs.push({ mark: mark[1]!, themeNumber: theme.number, line: line.no });
      subsections.push({ title: match[2]!.replace(FOOTNOTE_SUFFIX, "").trim(), line: line.no, lines: [] });
    } else if (subsections.length > 0) {
      subsections[subsections.length - 1]!.lines.push(line);
    } else if (!isBlank(line)) {
      log.warn(
        line.no,
        "line-ignored",
        {},
        `Line ${line.no} before the first section of chapter ${chapter.number} is ignored`,
      );
    }
  }

  let sawTable = false;
  for (const sub of subsections) {
    if (/^doelstelling/i.test(sub.title)) {
      theme.goal = sub.lines
        .filter((l) => !isBlank(l))
        .map((l) => cleanText(stripBoldMarkup(l.text), mendWords))
        .join("\n\n");
    } else if (/^voornemens?\b/i.test(sub.title)) {
      readIntentions(sub.lines, theme, context);
    } else if (/^acties?\b/i.test(sub.title)) {
      sawTable = true;
      const table = {
        themeNumber: theme.number,
        chapterTitle,
        isLast,
        intentions: theme.intentions.map((x) => x.code),
        groups: [],
      };
      readTables(sub.lines, table, chapters, context);
    } else {
      log.warn(
        sub.line,
        "line-ignored",
        { section: sub.title },
        `Section "${sub.title}" of chapter ${chapter.number} is not recognised and is ignored`,
      );
    }
  }
  if (theme.goal === "") {
    log.error(
      heading.no,
      "theme-goal-missing",
      { theme: theme.number },
      `Chapter ${theme.number} has no "${theme.number}.1 Doelstelling" section`,
    );
  }
  if (!sawTable || !chapters.rows.some((a) => a.themeNumber === theme.number)) {
    log.error(
      heading.no,
      "theme-without-actions",
      { theme: theme.number },
      `Chapter ${theme.number} has no action table`,
    );
  }
}

/**
 * Reads all chapters. A chapter that opens with an action table instead of numbered sections is the
 * organisation chapter; its first column names groups instead of intentions.
 */
export function readChapters(
  lines: readonly Line[],
  starts: readonly ChapterStart[],
  context: ReadContext,
): Chapters {
  const chapters: Chapters = {
    themes: [],
    rows: [],
    organisationChapter: null,
    footnotes: [],
    footnoteRefs: [],
  };
  starts.forEach((chapter, ci) => {
    const isLast = ci === starts.length - 1;
    const body = lines.slice(chapter.index + 1, isLast ? lines.length : starts[ci + 1]!.index);
    const heading = lines[chapter.index]!;
    const first = body[nextNonBlank(body, 0)];
    if (first !== undefined && isTableHeader(first)) {
      const title = chapter.title.replace(FOOTNOTE_SUFFIX, "").trim();
      const organisation = {
        number: chapter.number,
        title: cleanText(title, context.mendWords),
        groups: [] as string[],
      };
      chapters.organisationChapter = organisation;
      readTables(
        body,
        { themeNumber: null, chapterTitle: title, isLast, intentions: [], groups: organisation.groups },
        chapters,
        context,
      );
    } else {
      readThemeChapter(chapter, heading, body, isLast, chapters, context);
    }
  });
  return chapters;
}

/** "nog niet besloten" → undecided, "doet niet mee" → not-participating; null when neither is said. */
function participationStatus(text: string): ParticipationDoc["status"] | null {
  if (/\bniet\s+(?:besloten|beslist)|\bnog\s+geen\s+besluit|\bberaadt\b/i.test(text)) return "undecided";
  if (/\b(?:doet|doen|neemt|nemen)\s+niet\s+(?:mee|deel)\b/i.test(text)) return "not-participating";
  return null;
}

/**
 * Turns footnotes on theme headings that name a municipality of the programme into that
 * municipality's participation in the theme ("¹ Gemeente Voorschoten … heeft nog niet besloten …").
 */
export function applyParticipationFootnotes(
  chapters: Chapters,
  municipalities: readonly string[],
  index: OrganisationIndex,
  context: ReadContext,
): void {
  const { log } = context;
  const places = municipalities.map((slug) => ({
    slug,
    place: (index.get(slug)?.name ?? slug).replace(/^gemeente\s+/i, ""),
  }));
  for (const ref of chapters.footnoteRefs) {
    const note = chapters.footnotes.find((f) => f.mark === ref.mark);
    if (!note) {
      log.warn(ref.line, "footnote-missing", { mark: ref.mark }, `Footnote ${ref.mark} has no footnote text`);
      continue;
    }
    const theme = chapters.themes.find((t) => t.doc.number === ref.themeNumber)!.doc;
    const named = places.filter((m) =>
      new RegExp(`(?:^|[^\\p{L}])${m.place}(?![\\p{L}])`, "iu").test(note.text),
    );
    if (named.length === 0) {
      log.warn(
        note.line,
        "footnote-unused",
        { mark: note.mark },
        `Footnote ${note.mark} names no municipality of the programme and is not imported`,
      );
      continue;
    }
    let status = participationStatus(note.text);
    if (status === null) {
      status = "undecided";
      log.warn(
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
  for (const note of chapters.footnotes) {
    if (!chapters.footnoteRefs.some((r) => r.mark === note.mark)) {
      log.warn(
        note.line,
        "footnote-unused",
        { mark: note.mark },
        `Footnote ${note.mark} is not referred to from a heading and is not imported`,
      );
    }
  }
}
