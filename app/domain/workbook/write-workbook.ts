import ExcelJS from "exceljs";
import type { ActionDoc, ProgrammeDocument } from "../programmes/programme-document";
import { booleanText, colourText, kindText, linkLine, looksLikeFormula, organisationLine, TEXT_FORMAT } from "./cells";
import { sheetDef, sheetName, type SheetKey } from "./layout";

export type RowValue = string | number | null;
export type SheetContent = Partial<Record<SheetKey, Record<string, RowValue>[]>>;

/** What a download holds beyond the programme document: the record of what happened since. */
export interface WorkbookHistory {
  progress: { action: number; period: string; status: string; percent: number | null; narrative: string; date: string }[];
  decisions: { decidedOn: string; kind: string; status: string; title: string; text: string; actions: number[] }[];
  milestones: { action: number; label: string | null; due: string; dueStart: string; dueEnd: string | null; doneOn: string | null }[];
  measurements: { indicator: string; name: string; region: string; period: string; value: number | null; status: string }[];
}

/** An action's row: every field in its own column, organisations by name. */
export function actionRow(a: ActionDoc, nameOf: (slug: string) => string, language: string): Record<string, RowValue> {
  const orgs = (refs: ActionDoc["leads"]) => refs.map((r) => organisationLine(nameOf(r.organisation), r.qualifier)).join("\n");
  return {
    number: a.number,
    title: a.title,
    description: a.description,
    notes: a.notes.join("\n"),
    theme: a.themeNumber,
    intentionCode: a.intentionCode ?? "",
    group: a.intentionCode ? "" : (a.group ?? ""),
    leads: orgs(a.leads),
    partners: orgs(a.partners),
    toInvolve: orgs(a.toInvolve),
    leadUnknown: booleanText(a.leadUnknown, language),
    intendedResults: a.intendedResults.join("\n"),
    planningText: a.planningText,
    category: a.category,
    categoryNote: a.categoryNote ?? "",
    links: a.links.map((l) => linkLine(l, language)).join("\n"),
  };
}

/** The template's sheets filled from a programme document. */
export function documentContent(doc: ProgrammeDocument, language: string): SheetContent {
  const names = new Map(doc.organisations.map((o) => [o.slug, o.name]));
  const nameOf = (slug: string) => names.get(slug) ?? slug;
  return {
    programme: [
      {
        slug: doc.slug,
        title: doc.title,
        subtitle: doc.subtitle,
        language: doc.language,
        periodStart: doc.period.start,
        periodEnd: doc.period.end,
        adoptedOn: doc.adoptedOn ?? "",
        adoptedBy: doc.adoptedBy ?? "",
        revisionIntervalYears: doc.revisionIntervalYears,
        ambition: doc.ambition,
        municipalities: doc.municipalities.map(nameOf).join("\n"),
        coAuthors: doc.coAuthors.map(nameOf).join("\n"),
        organisationChapter: doc.organisationChapter?.title ?? "",
        groups: doc.organisationChapter?.groups.join("\n") ?? "",
      },
    ],
    categories: doc.categories.map((c) => ({ code: c.code, colour: colourText(c.colour, language), label: c.label, description: c.description })),
    themes: doc.themes.map((t) => ({ number: t.number, title: t.title, goal: t.goal, intentionsIntro: t.intentionsIntro ?? "" })),
    intentions: doc.themes.flatMap((t) => t.intentions.map((i) => ({ code: i.code, text: i.text }))),
    organisations: doc.organisations.map((o) => ({ name: o.name, kind: kindText(o.kind, language), aliases: o.aliases.join("\n"), slug: o.slug })),
    actions: doc.actions.map((a) => actionRow(a, nameOf, language)),
  };
}

export function historyContent(h: WorkbookHistory): SheetContent {
  return {
    progress: h.progress.map((p) => ({ ...p })),
    decisions: h.decisions.map((d) => ({ ...d, actions: d.actions.join(", ") })),
    milestones: h.milestones.map((m) => ({ ...m, label: m.label ?? "", dueEnd: m.dueEnd ?? "", doneOn: m.doneOn ?? "" })),
    measurements: h.measurements.map((m) => ({ ...m })),
  };
}

/**
 * Writes the sheets in order, each with a bold frozen header row, a filter on it and column widths.
 * Every text is written as a text cell, never as a formula; text columns and any text that starts
 * like a formula also get the Text format, so editing the cell later keeps it text.
 */
export async function writeWorkbook(sheets: SheetKey[], content: SheetContent, language: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Regie";
  wb.created = new Date(0);
  for (const key of sheets) {
    const def = sheetDef(key);
    const ws = wb.addWorksheet(sheetName(def, language), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = def.columns.map((c) => ({
      header: language === "en" ? c.en : c.nl,
      key: c.key,
      width: c.width,
      ...(c.type === "integer" || c.type === "number" ? {} : { style: { numFmt: TEXT_FORMAT, alignment: { wrapText: true, vertical: "top" as const } } }),
    }));
    ws.getRow(1).font = { bold: true };
    for (const values of content[key] ?? []) {
      const row = ws.addRow(Object.fromEntries(def.columns.map((c) => [c.key, values[c.key] ?? null])));
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && looksLikeFormula(cell.value)) cell.numFmt = TEXT_FORMAT;
      });
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: def.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
