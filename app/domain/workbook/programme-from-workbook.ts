import { guessOrganisationKind, nameKey, organisationSlug } from "../programmes/organisation-names";
import { programmeDocumentSchema, type OrganisationKind, type ProgrammeDocument } from "../programmes/programme-document";
import { cellDate, cellInteger, cellText, parseColour, parseKind, splitLines, type CellValue, type Parsed } from "./cells";
import { readActionRows, type WorkbookAction } from "./action-rows";
import type { OrganisationProposal } from "./edit-plan";
import { cellOf, errorAt, type SheetRows, type WorkbookError } from "./read-workbook";
import type { SheetKey } from "./layout";

/** The organisations the registry already has, to match a new programme's names against. */
export interface RegistryBasis {
  organisations: { slug: string; name: string; kind: OrganisationKind }[];
  resolve: (name: string) => string | undefined;
  programmeExists: (slug: string) => boolean;
}

export type ProgrammeFromWorkbook =
  | { ok: true; document: ProgrammeDocument; organisations: OrganisationProposal[] }
  | { ok: false; errors: WorkbookError[] };

/**
 * Builds a programme document from a filled-in template. Organisations are found first in the
 * workbook's own organisations sheet, then in the registry (by name, alias or slug, with a
 * proposal when spelt differently), and are otherwise created with a kind guessed from the name.
 * Every cell that does not hold is an error with its place; the document is then checked whole.
 */
export function programmeFromWorkbook(sheets: Map<SheetKey, SheetRows>, basis: RegistryBasis, readErrors: WorkbookError[]): ProgrammeFromWorkbook {
  const errors = [...readErrors];
  const sheet = (key: SheetKey) => sheets.get(key)!;
  const text = (s: SheetRows, row: SheetRows["rows"][number], key: string) => cellOf(s, row, key, cellText, errors, "");
  const int = (s: SheetRows, row: SheetRows["rows"][number], key: string) => cellOf(s, row, key, cellInteger, errors, null);
  const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

  // Organisations of the workbook itself.
  const orgSheet = sheet("organisations");
  const organisations: ProgrammeDocument["organisations"] = [];
  const bySheetKey = new Map<string, string>();
  for (const row of orgSheet.rows) {
    const name = text(orgSheet, row, "name").trim();
    if (!name) {
      errors.push(errorAt(orgSheet, row, "name", "edit.required"));
      continue;
    }
    const kind = parseKind(text(orgSheet, row, "kind"));
    if (!kind) errors.push(errorAt(orgSheet, row, "kind", "workbook.badKind"));
    const slug = orNull(text(orgSheet, row, "slug")) ?? basis.resolve(name) ?? organisationSlug(name);
    const aliases = splitLines(text(orgSheet, row, "aliases"));
    if (bySheetKey.has(nameKey(name))) {
      errors.push(errorAt(orgSheet, row, "name", "workbook.duplicateOrganisation", { name }));
      continue;
    }
    for (const n of [name, ...aliases]) bySheetKey.set(nameKey(n), slug);
    organisations.push({ slug, name, kind: kind ?? "other", aliases });
  }

  const known = new Map(basis.organisations.map((o) => [o.slug, o]));
  const proposals = new Map<string, OrganisationProposal>();
  const slugOf = (name: string): string => {
    const fromSheet = bySheetKey.get(nameKey(name));
    if (fromSheet) return fromSheet;
    const found = basis.resolve(name);
    const key = nameKey(name);
    if (!proposals.has(key)) {
      const match = found ? known.get(found) : undefined;
      const exact = match && match.name === name.trim();
      if (!exact) proposals.set(key, { key, name: name.trim(), status: match ? "matched" : "new", match: match ? { slug: match.slug, name: match.name } : null });
    }
    const slug = found ?? organisationSlug(name);
    if (!organisations.some((o) => o.slug === slug)) {
      const match = found ? known.get(found) : undefined;
      organisations.push({ slug, name: match?.name ?? name.trim(), kind: match?.kind ?? guessOrganisationKind(name), aliases: [] });
    }
    bySheetKey.set(key, slug);
    return slug;
  };
  const isName = (t: string) => bySheetKey.has(nameKey(t)) || basis.resolve(t) !== undefined;

  // The programme: one row.
  const progSheet = sheet("programme");
  if (progSheet.rows.length !== 1) {
    errors.push({ sheet: progSheet.name, row: null, column: null, key: "workbook.oneProgrammeRow" });
    return { ok: false, errors };
  }
  const p = progSheet.rows[0]!;
  const slug = text(progSheet, p, "slug").trim();
  if (slug && basis.programmeExists(slug)) errors.push(errorAt(progSheet, p, "slug", "workbook.programmeExists", { slug }));
  const date = (v: CellValue): Parsed<string | null> => cellDate(v);
  const chapterTitle = orNull(text(progSheet, p, "organisationChapter"));
  const groups = splitLines(text(progSheet, p, "groups"));

  const catSheet = sheet("categories");
  const categories = catSheet.rows.map((row) => {
    const colour = parseColour(text(catSheet, row, "colour"));
    if (!colour) errors.push(errorAt(catSheet, row, "colour", "workbook.badColour"));
    return { code: int(catSheet, row, "code") ?? 0, colour: colour ?? "green", label: text(catSheet, row, "label").trim(), description: text(catSheet, row, "description").trim() };
  });

  const themeSheet = sheet("themes");
  const intentionSheet = sheet("intentions");
  const themes: ProgrammeDocument["themes"] = themeSheet.rows.map((row) => ({
    number: int(themeSheet, row, "number") ?? 0,
    title: text(themeSheet, row, "title").trim(),
    goal: text(themeSheet, row, "goal").trim(),
    intentionsIntro: orNull(text(themeSheet, row, "intentionsIntro")),
    intentions: [],
    participation: [],
  }));
  for (const row of intentionSheet.rows) {
    const code = text(intentionSheet, row, "code").trim();
    const theme = themes.find((t) => code.startsWith(`${t.number}.`));
    if (!/^\d+\.\d+$/.test(code) || !theme) {
      errors.push(errorAt(intentionSheet, row, "code", "workbook.intentionWithoutTheme", { code }));
      continue;
    }
    theme.intentions.push({ code, text: text(intentionSheet, row, "text").trim() });
  }

  const actionSheet = sheet("actions");
  const rows: WorkbookAction[] = readActionRows(actionSheet, isName, errors);
  const themeOfIntention = new Map(themes.flatMap((t) => t.intentions.map((i) => [i.code, t.number] as const)));
  const actions: ProgrammeDocument["actions"] = rows.map((r) => {
    const row = { row: r.row, values: new Map() };
    const themeNumber = r.intentionCode ? (themeOfIntention.get(r.intentionCode) ?? null) : null;
    if (r.intentionCode && themeNumber === null) errors.push(errorAt(actionSheet, row, "intentionCode", "edit.intentionUnknown"));
    else if (!r.intentionCode && !(r.group && groups.includes(r.group))) errors.push(errorAt(actionSheet, row, r.group ? "group" : "intentionCode", r.group ? "edit.groupUnknown" : "edit.placementRequired"));
    if (r.theme !== null && r.theme !== themeNumber) errors.push(errorAt(actionSheet, row, "theme", "workbook.themeMismatch", { theme: themeNumber ?? "–", intention: r.intentionCode ?? "–" }));
    const refs = (list: WorkbookAction["leads"]) => list.map((x) => ({ organisation: slugOf(x.name), qualifier: x.qualifier }));
    return {
      number: r.number,
      title: r.title,
      description: r.description,
      notes: r.notes,
      themeNumber,
      intentionCode: r.intentionCode,
      group: r.intentionCode ? null : r.group,
      leads: refs(r.leads),
      partners: refs(r.partners),
      toInvolve: refs(r.toInvolve),
      leadUnknown: r.leadUnknown,
      intendedResults: r.intendedResults,
      planningText: r.planningText,
      category: r.category,
      categoryNote: r.categoryNote,
      links: r.links.map((l) => ({ ...l, source: null })),
    };
  });
  const municipalities = splitLines(text(progSheet, p, "municipalities")).map(slugOf);
  const coAuthors = splitLines(text(progSheet, p, "coAuthors")).map(slugOf);

  const start = int(progSheet, p, "periodStart");
  const end = int(progSheet, p, "periodEnd");
  const document = {
    slug,
    title: text(progSheet, p, "title").trim(),
    subtitle: text(progSheet, p, "subtitle").trim(),
    language: text(progSheet, p, "language").trim() || "nl",
    period: { start: start ?? 0, end: end ?? 0 },
    adoptedOn: cellOf(progSheet, p, "adoptedOn", date, errors, null),
    adoptedBy: orNull(text(progSheet, p, "adoptedBy")),
    municipalities,
    coAuthors,
    revisionIntervalYears: int(progSheet, p, "revisionIntervalYears"),
    ambition: text(progSheet, p, "ambition").trim(),
    introduction: [],
    categories,
    themes,
    organisationChapter: chapterTitle ? { number: Math.max(0, ...themes.map((t) => t.number)) + 1, title: chapterTitle, groups } : null,
    organisations,
    actions,
  };
  if (start !== null && end !== null && end < start) errors.push(errorAt(progSheet, p, "periodEnd", "workbook.periodEnd"));
  const checked = programmeDocumentSchema.safeParse(document);
  if (!checked.success) {
    for (const issue of checked.error.issues) errors.push(placeIssue(sheets, issue.path, rows));
  }
  for (const a of actions) {
    if (a.category !== null && !categories.some((c) => c.code === a.category)) {
      const r = rows.find((x) => x.number === a.number)!;
      errors.push(errorAt(actionSheet, { row: r.row, values: new Map() }, "category", "workbook.categoryUnknown", { category: a.category }));
    }
  }
  if (errors.length > 0 || !checked.success) return { ok: false, errors: dedupe(errors) };
  return { ok: true, document: checked.data, organisations: [...proposals.values()] };
}

/** Places a schema issue of the document on the sheet, row and column it came from. */
function placeIssue(sheets: Map<SheetKey, SheetRows>, path: PropertyKey[], actionRows: WorkbookAction[]): WorkbookError {
  const [top, index, field] = path;
  const at = (key: SheetKey, rowIndex: number | null, column: string | null): WorkbookError => {
    const s = sheets.get(key)!;
    const row = rowIndex === null ? null : (s.rows[rowIndex]?.row ?? null);
    return { sheet: s.name, row, column: column ? (s.letters.get(column) ?? null) : null, key: "workbook.invalidValue" };
  };
  switch (top) {
    case "actions": {
      const r = actionRows[Number(index)];
      const s = sheets.get("actions")!;
      const column = typeof field === "string" ? field : null;
      return { sheet: s.name, row: r?.row ?? null, column: column ? (s.letters.get(column) ?? null) : null, key: "workbook.invalidValue" };
    }
    case "themes":
      return at("themes", Number(index), typeof field === "string" && field !== "intentions" ? field : null);
    case "categories":
      return at("categories", Number(index), typeof field === "string" ? field : null);
    case "organisations":
      return at("organisations", Number(index), typeof field === "string" ? field : null);
    case "period":
      return at("programme", 0, index === "end" ? "periodEnd" : "periodStart");
    default:
      return at("programme", 0, typeof top === "string" ? top : null);
  }
}

function dedupe(errors: WorkbookError[]): WorkbookError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = JSON.stringify(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
