import { OrganisationIndex, type OrganisationRegistry } from "./organisation-names";
import { IssueLog, sortIssues, type ParseIssue } from "./parse-issues";
import { readActions } from "./programme-actions";
import { applyParticipationFootnotes, readChapters, type ChapterStart } from "./programme-chapters";
import type { ActionDoc, OrganisationDoc, ProgrammeDocument } from "./programme-document";
import { readFrontMatter } from "./programme-front-matter";
import type { ProgrammeHints } from "./programme-hints";
import { readIntroduction } from "./programme-introduction";
import { chapterHeadingAt, isBlank, isTableHeader, splitLines, type Line } from "./programme-lines";
import type { ReadContext } from "./read-context";

/**
 * Reads a programme document exported from Word as text (an "uitvoeringsprogramma": title pages,
 * table of contents, introduction, themed chapters with goal, intentions and action tables, and an
 * organisation chapter) into a ProgrammeDocument. Pure: the caller supplies the text, the
 * organisation registry and the document's hints.
 */

export type { ParseIssue } from "./parse-issues";

export interface ParseOptions {
  slug: string;
  /** Curated organisations (data/organisations.json); without it every name is new. */
  registry?: OrganisationRegistry;
  /** The document's hints (data/programmes/<slug>.hints.json). */
  hints?: Partial<ProgrammeHints>;
  /** Language of the document's texts; "nl" by default. */
  language?: string;
}

export type ParseResult =
  { ok: true; document: ProgrammeDocument; warnings: ParseIssue[] } | { ok: false; errors: ParseIssue[] };

/** Where the parts of the document start and end, as line indexes. */
interface Layout {
  frontEnd: number;
  introStart: number;
  chapters: ChapterStart[];
  /** Chapters listed in the table of contents, to detect a truncated file. */
  contents: { number: number; title: string; line: number }[];
}

/** Finds the chapters ("N. Title" followed by "N.1 …" or a table) and the table of contents before them. */
function findLayout(lines: readonly Line[]): Layout | null {
  const tocIndex = lines.findIndex((l) => /^(inhoudsopgave|inhoud)$/i.test(l.text.trim()));
  const chapters: ChapterStart[] = [];
  for (let i = tocIndex + 1, n = 1; i < lines.length; i++) {
    const title = chapterHeadingAt(lines, i, n);
    if (title !== null) {
      chapters.push({ index: i, number: n, title });
      n++;
    }
  }
  if (chapters.length === 0 || !lines.some((l) => isTableHeader(l))) return null;
  const firstChapter = chapters[0]!.index;
  const contents: Layout["contents"] = [];
  if (tocIndex >= 0) {
    let i = tocIndex + 1;
    for (; i < firstChapter; i++) {
      const line = lines[i]!;
      if (isBlank(line)) continue;
      const entry = /^(.+?)\t+(\d+)$/.exec(line.text);
      if (!entry) break;
      const chapter = /^(\d+)\.\s+(.+)$/.exec(entry[1]!.trim());
      if (chapter) contents.push({ number: Number(chapter[1]), title: chapter[2]!.trim(), line: line.no });
    }
    return { frontEnd: tocIndex, introStart: i, chapters, contents };
  }
  // Without a table of contents the introduction starts at the heading above the first long paragraph.
  const firstParagraph = lines.findIndex((l, i) => i < firstChapter && l.text.length >= 150);
  let introStart = firstChapter;
  if (firstParagraph > 0) {
    introStart = firstParagraph - 1;
    while (introStart > 0 && isBlank(lines[introStart])) introStart--;
  }
  return { frontEnd: introStart, introStart, chapters, contents };
}

/** The programme period from "2013-2015" in the subtitle, title or introduction. */
function findPeriod(candidates: readonly string[]): { start: number; end: number } | null {
  for (const candidate of candidates) {
    const m = /\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b/.exec(candidate);
    if (m && Number(m[2]) >= Number(m[1])) return { start: Number(m[1]), end: Number(m[2]) };
  }
  return null;
}

/** Checks that links point to existing actions and themes, and that hints are used. */
function crossCheck(
  actions: readonly ActionDoc[],
  lineOf: ReadonlyMap<number, number>,
  themeNumbers: ReadonlySet<number>,
  hints: ProgrammeHints,
  text: string,
  log: IssueLog,
): void {
  const actionNumbers = new Set(actions.map((a) => a.number));
  for (const action of actions) {
    for (const { target } of action.links) {
      const exists = "action" in target ? actionNumbers.has(target.action) : themeNumbers.has(target.theme);
      if (exists) continue;
      const what = "action" in target ? `action ${target.action}` : `theme ${target.theme}`;
      log.error(
        lineOf.get(action.number) ?? 1,
        "link-target-missing",
        { number: action.number, target: what },
        `Action ${action.number} refers to ${what}, which does not exist`,
      );
    }
  }
  for (const [kind, record] of [
    ["titleHints", hints.titleHints],
    ["resultHints", hints.resultHints],
  ] as const) {
    for (const key of Object.keys(record)) {
      if (!actionNumbers.has(Number(key))) {
        log.warn(
          1,
          "hint-unused",
          { hint: `${kind}.${key}` },
          `Hint ${kind}.${key}: there is no action ${key}`,
        );
      }
    }
  }
  for (const word of hints.mendHyphenation) {
    if (!text.includes(word)) {
      log.warn(1, "hint-unused", { hint: word }, `Hyphenation hint "${word}" does not occur in the text`);
    }
  }
}

/** The organisations the document refers to, sorted by slug, with the spellings met as aliases. */
function referencedOrganisations(slugs: Iterable<string>, index: OrganisationIndex): OrganisationDoc[] {
  return [...new Set(slugs)].sort().map((slug) => {
    const org = index.get(slug)!;
    // Registry aliases first, then spellings met; spellings that differ only in case count once.
    const aliases: string[] = [];
    for (const alias of [...org.aliases, ...index.metAliases(slug)]) {
      const lower = alias.toLowerCase();
      if (lower !== org.name.toLowerCase() && !aliases.some((a) => a.toLowerCase() === lower))
        aliases.push(alias);
    }
    return { slug, name: org.name, kind: org.kind, aliases: aliases.sort() };
  });
}

/** Reads a programme document; refuses it with line-numbered errors when it does not have the expected form. */
export function parseProgrammeDocument(text: string, options: ParseOptions): ParseResult {
  const hints: ProgrammeHints = {
    titleHints: options.hints?.titleHints ?? {},
    resultHints: options.hints?.resultHints ?? {},
    mendHyphenation: options.hints?.mendHyphenation ?? [],
  };
  const index = new OrganisationIndex(options.registry);
  const log = new IssueLog();
  const context: ReadContext = { log, reader: { index, issues: [] }, mendWords: hints.mendHyphenation };

  const lines = splitLines(text);
  if (lines.every((l) => isBlank(l))) {
    log.error(1, "empty-document", {}, "The document is empty");
    return { ok: false, errors: log.errors };
  }
  const layout = findLayout(lines);
  if (!layout) {
    log.error(
      1,
      "not-a-programme-document",
      {},
      "This is not a programme document of the expected form: no numbered chapters with action tables were found",
    );
    return { ok: false, errors: log.errors };
  }

  const front = readFrontMatter(lines.slice(0, layout.frontEnd), context);
  const intro = readIntroduction(lines.slice(layout.introStart, layout.chapters[0]!.index), context);
  const period = findPeriod([front.subtitle, front.title, ...intro.sections.flatMap((s) => s.paragraphs)]);
  if (!period) {
    log.error(
      1,
      "period-missing",
      {},
      'The programme period ("2013-2015") was not found in the title or introduction',
    );
  }
  for (const entry of layout.contents) {
    if (!layout.chapters.some((c) => c.number === entry.number)) {
      log.error(
        entry.line,
        "chapter-missing",
        { chapter: entry.number, title: entry.title },
        `Chapter ${entry.number} ("${entry.title}") is listed in the table of contents but missing from the text; is the file truncated?`,
      );
    }
  }

  const chapters = readChapters(lines, layout.chapters, context);
  applyParticipationFootnotes(chapters, front.municipalities, index, context);
  const { actions, lineOf } = readActions(chapters.rows, intro.categories, hints, context);
  const themeNumbers = new Set(chapters.themes.map((t) => t.doc.number));
  crossCheck(actions, lineOf, themeNumbers, hints, text, log);
  for (const { doc: theme, line } of chapters.themes) {
    for (const intention of theme.intentions) {
      if (!actions.some((a) => a.intentionCode === intention.code)) {
        log.warn(
          line,
          "intention-without-actions",
          { code: intention.code },
          `Intention ${intention.code} has no actions`,
        );
      }
    }
  }

  if (log.errors.length > 0 || !period) return { ok: false, errors: sortIssues(log.errors) };

  const themes = chapters.themes.map((t) => t.doc);
  const organisations = referencedOrganisations(
    [
      ...front.municipalities,
      ...front.coAuthors,
      ...themes.flatMap((t) => t.participation.map((p) => p.municipality)),
      ...actions.flatMap((a) => [...a.leads, ...a.partners, ...a.toInvolve].map((r) => r.organisation)),
    ],
    index,
  );
  const document: ProgrammeDocument = {
    slug: options.slug,
    title: front.title,
    subtitle: front.subtitle,
    language: options.language ?? "nl",
    period,
    adoptedOn: front.adoptedOn,
    adoptedBy: front.adoptedBy,
    municipalities: front.municipalities,
    coAuthors: front.coAuthors,
    revisionIntervalYears: intro.revisionIntervalYears,
    ambition: intro.ambition,
    introduction: intro.sections,
    categories: intro.categories,
    themes,
    organisationChapter: chapters.organisationChapter,
    organisations,
    actions,
  };
  return { ok: true, document, warnings: sortIssues(log.warnings) };
}
