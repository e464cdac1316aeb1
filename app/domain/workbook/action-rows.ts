import { nameKey } from "../programmes/organisation-names";
import { cellBoolean, cellInteger, cellText, parseLinkLine, parseOrganisationLine, splitLines, type LinkValue } from "./cells";
import { cellOf, errorAt, type SheetRows, type WorkbookError } from "./read-workbook";

/** An organisation as a row names it: the name as written and the remark in brackets. */
export interface NamedRef {
  name: string;
  qualifier: string | null;
}

/** One row of the actions sheet, read but not yet checked against a programme. */
export interface WorkbookAction {
  row: number;
  number: number;
  title: string;
  description: string;
  notes: string[];
  theme: number | null;
  intentionCode: string | null;
  group: string | null;
  leads: NamedRef[];
  partners: NamedRef[];
  toInvolve: NamedRef[];
  leadUnknown: boolean;
  intendedResults: string[];
  planningText: string;
  category: number | null;
  categoryNote: string | null;
  links: LinkValue[];
}

export const ROLE_FIELDS = ["leads", "partners", "toInvolve"] as const;

/**
 * Reads the actions sheet into rows. `isName` tells a whole organisation name from a name with a
 * remark in brackets. Cells that cannot be read are recorded in `errors` with their place; an action
 * number is required and may occur once.
 */
export function readActionRows(sheet: SheetRows, isName: (text: string) => boolean, errors: WorkbookError[]): WorkbookAction[] {
  const out: WorkbookAction[] = [];
  const seen = new Map<number, number>();
  for (const row of sheet.rows) {
    const text = (key: string) => cellOf(sheet, row, key, cellText, errors, "");
    const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
    const refs = (key: string): NamedRef[] => splitLines(text(key)).map((l) => parseOrganisationLine(l, isName));
    const number = cellOf(sheet, row, "number", cellInteger, errors, null);
    if (number === null || number <= 0) {
      errors.push(errorAt(sheet, row, "number", "workbook.numberRequired"));
      continue;
    }
    if (seen.has(number)) {
      errors.push(errorAt(sheet, row, "number", "workbook.duplicateNumber", { number, row: seen.get(number)! }));
      continue;
    }
    seen.set(number, row.row);
    const links: LinkValue[] = [];
    for (const line of splitLines(text("links"))) {
      const link = parseLinkLine(line);
      if (link) links.push(link);
      else errors.push(errorAt(sheet, row, "links", "workbook.badLink", { line }));
    }
    out.push({
      row: row.row,
      number,
      title: text("title").trim(),
      description: text("description"),
      notes: splitLines(text("notes")),
      theme: cellOf(sheet, row, "theme", cellInteger, errors, null),
      intentionCode: orNull(text("intentionCode")),
      group: orNull(text("group")),
      leads: refs("leads"),
      partners: refs("partners"),
      toInvolve: refs("toInvolve"),
      leadUnknown: cellOf(sheet, row, "leadUnknown", cellBoolean, errors, false),
      intendedResults: splitLines(text("intendedResults")),
      planningText: text("planningText"),
      category: cellOf(sheet, row, "category", cellInteger, errors, null),
      categoryNote: orNull(text("categoryNote")),
      links,
    });
  }
  return out;
}

/** Names that are one organisation once case, accents and punctuation are set aside. */
export const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);
