import { readActionCell, readCategoryCell, readPlanningCell, readResultsCell } from "./action-cells";
import { linksFromNote } from "./action-links";
import { readLeadCell, type LeadCell } from "./organisation-list";
import { nameKey } from "./organisation-names";
import type { ActionDoc, ActionLink, CategoryDoc } from "./programme-document";
import type { ProgrammeHints } from "./programme-hints";
import type { ActionRow } from "./programme-chapters";
import type { CellNote } from "./programme-text";
import { logNameIssues, type ReadContext } from "./read-context";

/** Actions read from the table rows, with the line each number was first met on. */
export interface ReadActions {
  actions: ActionDoc[];
  lineOf: Map<number, number>;
}

function sameLink(a: ActionLink, b: ActionLink): boolean {
  return a.type === b.type && JSON.stringify(a.target) === JSON.stringify(b.target);
}

/** Links read from all of an action's notes; the first note naming a target is its source. */
function linksOf(notes: readonly CellNote[], number: number): ActionLink[] {
  const links: ActionLink[] = [];
  for (const note of notes) {
    for (const link of linksFromNote(note.source, number)) {
      if (!links.some((l) => sameLink(l, link))) links.push(link);
    }
  }
  return links;
}

/**
 * Reads the cells of every action row and checks the numbering (1, 2, 3, … without duplicates)
 * and the categories. Lead cells are read first: the organisations they name help to find where
 * a run-in title ends ("Regionale merknaam en beeldmerk Leiden Marketing bedenkt …").
 */
export function readActions(
  rows: readonly ActionRow[],
  categories: readonly CategoryDoc[],
  hints: Pick<ProgrammeHints, "titleHints" | "resultHints">,
  context: ReadContext,
): ReadActions {
  const { log, reader, mendWords } = context;
  const leadCells: LeadCell[] = rows.map((row) => {
    const lead = readLeadCell(reader, row.cells[2] ?? "", mendWords);
    logNameIssues(context, row.line);
    return lead;
  });
  const spellings = reader.index.capitalisedSpellings();
  const organisationKeys = new Set(spellings.map((s) => nameKey(s)));
  const maxNameWords = Math.min(8, Math.max(1, ...spellings.map((s) => s.split(/\s+/).length)));

  const actions: ActionDoc[] = [];
  const lineOf = new Map<number, number>();
  let expected = 1;
  rows.forEach((row, k) => {
    const numberInCell = /^\s*(?:<[^>]+>\s*)*(\d+)\s*\./.exec(row.cells[1] ?? "");
    // An unreadable row still carries its number: follow it so that one error does not cascade.
    const followNumbering = (): void => {
      if (numberInCell) expected = Number(numberInCell[1]) + 1;
    };
    if (row.broken) return followNumbering();
    const actionCell = readActionCell(row.cells[1]!, {
      mendWords,
      organisationKeys,
      maxNameWords,
      titleHint: numberInCell ? hints.titleHints[numberInCell[1]!] : undefined,
    });
    if (!actionCell.ok) {
      log.error(row.line, actionCell.problem.code, actionCell.problem.params, actionCell.problem.message);
      return followNumbering();
    }
    const { number } = actionCell.cell;
    const seen = lineOf.get(number);
    if (seen !== undefined) {
      log.error(
        row.line,
        "action-number-duplicate",
        { number, firstLine: seen },
        `Action ${number} appears twice: on line ${seen} and on line ${row.line}`,
      );
      return;
    }
    lineOf.set(number, row.line);
    if (number !== expected) {
      log.error(
        row.line,
        "action-out-of-sequence",
        { expected, found: number },
        `Action ${number} is out of sequence: expected action ${expected}`,
      );
    }
    expected = number + 1;

    const results = readResultsCell(row.cells[3]!, mendWords, hints.resultHints[String(number)]);
    if (!results.ok)
      log.error(row.line, results.problem.code, results.problem.params, results.problem.message);
    const category = readCategoryCell(row.cells[5]!, mendWords);
    if (!category.ok) {
      log.error(row.line, category.problem.code, category.problem.params, category.problem.message);
    } else if (category.category === null) {
      log.warn(row.line, "category-missing", { number }, `Action ${number} has no category`);
    } else if (categories.length > 0 && !categories.some((c) => c.code === category.category)) {
      log.error(
        row.line,
        "category-undefined",
        { number, category: category.category },
        `Action ${number} has category ${category.category}, which the introduction does not define`,
      );
    }

    const lead = leadCells[k]!;
    for (const note of lead.notes) {
      // Remarks that are not organisations are kept, but the reviewer should see them.
      if (!/^(?:N\.?\s?B)/.test(note.source)) {
        log.warn(
          row.line,
          "lead-text-as-note",
          { number, text: note.text },
          `Action ${number}: "${note.text}" in the lead cell is not an organisation; kept as a note`,
        );
      }
    }
    const notes = [...actionCell.cell.notes, ...lead.notes];
    actions.push({
      number,
      title: actionCell.cell.title,
      description: actionCell.cell.description,
      notes: notes.map((n) => n.text),
      themeNumber: row.themeNumber,
      intentionCode: row.intentionCode,
      group: row.group,
      leads: lead.leads,
      partners: lead.partners,
      toInvolve: lead.toInvolve,
      leadUnknown: lead.leadUnknown,
      intendedResults: results.ok ? results.results : [],
      planningText: readPlanningCell(row.cells[4]!, mendWords),
      category: category.ok ? category.category : null,
      categoryNote: category.ok ? category.note : null,
      links: linksOf(notes, number),
    });
  });
  return { actions, lineOf };
}
