/**
 * The workbook's shape: which sheets, which columns, in which order. Export, the blank template and
 * both imports read this one definition, so a downloaded workbook is always one that can be read back.
 * Headers are Dutch first; the English names are accepted on reading and used when exporting in English.
 */

export type ColumnType = "text" | "integer" | "boolean" | "lines" | "organisations" | "links" | "date" | "number";

export interface ColumnDef {
  key: string;
  nl: string;
  en: string;
  type: ColumnType;
  width: number;
  /** Shown for information only: read back to check it agrees, never written from. */
  informative?: boolean;
}

export type SheetKey =
  | "programme"
  | "categories"
  | "themes"
  | "intentions"
  | "organisations"
  | "actions"
  | "progress"
  | "decisions"
  | "milestones"
  | "measurements";

export interface SheetDef {
  key: SheetKey;
  nl: string;
  en: string;
  columns: ColumnDef[];
}

const col = (key: string, nl: string, en: string, type: ColumnType, width: number, informative = false): ColumnDef => ({
  key,
  nl,
  en,
  type,
  width,
  ...(informative ? { informative } : {}),
});

export const ACTION_COLUMNS: ColumnDef[] = [
  col("number", "Nummer", "Number", "integer", 9),
  col("title", "Titel", "Title", "text", 50),
  col("description", "Omschrijving", "Description", "text", 70),
  col("notes", "Opmerkingen (N.B.)", "Notes", "lines", 40),
  col("theme", "Thema", "Theme", "integer", 8, true),
  col("intentionCode", "Voornemen", "Intention", "text", 11),
  col("group", "Groep", "Group", "text", 24),
  col("leads", "Trekkers", "Leads", "organisations", 36),
  col("partners", "Partners", "Partners", "organisations", 36),
  col("toInvolve", "Te betrekken", "To involve", "organisations", 36),
  col("leadUnknown", "Trekker onbekend", "Lead unknown", "boolean", 12),
  col("intendedResults", "Beoogde resultaten", "Intended results", "lines", 50),
  col("planningText", "Planning", "Planning", "text", 30),
  col("category", "Categorie", "Category", "integer", 10),
  col("categoryNote", "Toelichting categorie", "Category note", "text", 24),
  col("links", "Verbanden", "Links", "links", 30),
];

export const SHEETS: SheetDef[] = [
  {
    key: "programme",
    nl: "Programma",
    en: "Programme",
    columns: [
      col("slug", "Korte naam (slug)", "Slug", "text", 30),
      col("title", "Titel", "Title", "text", 40),
      col("subtitle", "Ondertitel", "Subtitle", "text", 40),
      col("language", "Taal", "Language", "text", 8),
      col("periodStart", "Periode van", "Period start", "integer", 12),
      col("periodEnd", "Periode tot en met", "Period end", "integer", 12),
      col("adoptedOn", "Vastgesteld op", "Adopted on", "date", 14),
      col("adoptedBy", "Vastgesteld door", "Adopted by", "text", 30),
      col("revisionIntervalYears", "Herziening (jaren)", "Revision (years)", "integer", 12),
      col("ambition", "Ambitie", "Ambition", "text", 60),
      col("municipalities", "Gemeenten", "Municipalities", "organisations", 30),
      col("coAuthors", "Met medewerking van", "Co-authors", "organisations", 30),
      col("organisationChapter", "Hoofdstuk organisatie", "Organisation chapter", "text", 24),
      col("groups", "Groepen", "Groups", "lines", 30),
    ],
  },
  {
    key: "categories",
    nl: "Categorieën",
    en: "Categories",
    columns: [
      col("code", "Code", "Code", "integer", 8),
      col("colour", "Kleur", "Colour", "text", 10),
      col("label", "Naam", "Label", "text", 36),
      col("description", "Omschrijving", "Description", "text", 70),
    ],
  },
  {
    key: "themes",
    nl: "Thema's",
    en: "Themes",
    columns: [
      col("number", "Nummer", "Number", "integer", 9),
      col("title", "Titel", "Title", "text", 40),
      col("goal", "Doelstelling", "Goal", "text", 70),
      col("intentionsIntro", "Inleiding voornemens", "Intentions introduction", "text", 40),
    ],
  },
  {
    key: "intentions",
    nl: "Voornemens",
    en: "Intentions",
    columns: [col("code", "Code", "Code", "text", 9), col("text", "Tekst", "Text", "text", 80)],
  },
  {
    key: "organisations",
    nl: "Organisaties",
    en: "Organisations",
    columns: [
      col("name", "Naam", "Name", "text", 40),
      col("kind", "Soort", "Kind", "text", 20),
      col("aliases", "Andere namen", "Other names", "lines", 40),
      col("slug", "Korte naam (slug)", "Slug", "text", 30),
    ],
  },
  { key: "actions", nl: "Acties", en: "Actions", columns: ACTION_COLUMNS },
  {
    key: "progress",
    nl: "Voortgang",
    en: "Progress",
    columns: [
      col("action", "Actie", "Action", "integer", 8),
      col("period", "Periode", "Period", "text", 12),
      col("status", "Status", "Status", "text", 14),
      col("percent", "Percentage", "Percent", "integer", 12),
      col("narrative", "Toelichting", "Narrative", "text", 70),
      col("date", "Datum", "Date", "date", 14),
    ],
  },
  {
    key: "decisions",
    nl: "Besluiten",
    en: "Decisions",
    columns: [
      col("decidedOn", "Datum", "Date", "date", 14),
      col("kind", "Soort", "Kind", "text", 18),
      col("status", "Status", "Status", "text", 10),
      col("title", "Titel", "Title", "text", 50),
      col("text", "Tekst", "Text", "text", 70),
      col("actions", "Acties", "Actions", "text", 20),
    ],
  },
  {
    key: "milestones",
    nl: "Mijlpalen",
    en: "Milestones",
    columns: [
      col("action", "Actie", "Action", "integer", 8),
      col("label", "Mijlpaal", "Milestone", "text", 40),
      col("due", "Gepland", "Due", "text", 20),
      col("dueStart", "Van", "From", "date", 14),
      col("dueEnd", "Tot", "Until", "date", 14),
      col("doneOn", "Gereed op", "Done on", "date", 14),
    ],
  },
  {
    key: "measurements",
    nl: "Indicatormetingen",
    en: "Indicator measurements",
    columns: [
      col("indicator", "Indicator", "Indicator", "text", 24),
      col("name", "Naam", "Name", "text", 40),
      col("region", "Regio", "Region", "text", 12),
      col("period", "Periode", "Period", "text", 12),
      col("value", "Waarde", "Value", "number", 12),
      col("status", "Status", "Status", "text", 14),
    ],
  },
];

/** The sheets of the blank template: what a new programme is made of. */
export const TEMPLATE_SHEETS: SheetKey[] = ["programme", "categories", "themes", "intentions", "organisations", "actions"];

/** The sheets a download holds: the template's, then what happened since (read-only on import). */
export const EXPORT_SHEETS: SheetKey[] = [...TEMPLATE_SHEETS, "progress", "decisions", "milestones", "measurements"];

export function sheetDef(key: SheetKey): SheetDef {
  return SHEETS.find((s) => s.key === key)!;
}

/** A sheet's name in a language; reading accepts either. */
export function sheetName(sheet: SheetDef, language: string): string {
  return language === "en" ? sheet.en : sheet.nl;
}

/** "A", "B" … "Z", "AA": the column letter Excel shows for a 1-based index. */
export function columnLetter(index: number): string {
  let n = index;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** How headers and sheet names are compared: case, spaces and punctuation do not count. */
export function headerKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * The most rows a sheet may have. A programme has tens of actions, a large one a few thousand;
 * beyond this a workbook is refused while it is read, before it fills memory.
 */
export const MAX_ROWS_PER_SHEET = 10_000;
