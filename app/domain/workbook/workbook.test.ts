import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { defaultProgrammeDocument } from "../../../tests/support/default-programme";
import { nameKey } from "../programmes/organisation-names";
import type { ProgrammeDocument } from "../programmes/programme-document";
import { readActionRows } from "./action-rows";
import { parseLinkLine, parseOrganisationLine, linkLine } from "./cells";
import { planWorkbookEdits, type CurrentAction, type EditBasis } from "./edit-plan";
import { ACTION_COLUMNS, EXPORT_SHEETS, TEMPLATE_SHEETS } from "./layout";
import { programmeFromWorkbook } from "./programme-from-workbook";
import { readWorkbook, type WorkbookError } from "./read-workbook";
import { documentContent, writeWorkbook } from "./write-workbook";
import { inspectZip } from "./zip-guard";

function basisOf(doc: ProgrammeDocument): EditBasis {
  const byKey = new Map<string, string>();
  for (const o of doc.organisations) for (const n of [o.name, o.slug, ...o.aliases]) if (!byKey.has(nameKey(n))) byKey.set(nameKey(n), o.slug);
  return {
    actions: doc.actions.map((a): CurrentAction => ({ ...a, links: a.links.map((l) => ({ type: l.type, target: l.target })), version: 1 })),
    intentions: new Map(doc.themes.flatMap((t) => t.intentions.map((i) => [i.code, t.number] as const))),
    themes: doc.themes.map((t) => t.number),
    groups: doc.organisationChapter?.groups ?? [],
    organisations: doc.organisations.map((o) => ({ slug: o.slug, name: o.name })),
    resolve: (name) => byKey.get(nameKey(name)),
  };
}

async function plan(doc: ProgrammeDocument, bytes: Uint8Array, language = "nl") {
  const read = await readWorkbook(bytes, { sheets: ["actions"], required: ["actions"] });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  const basis = basisOf(doc);
  const errors: WorkbookError[] = [];
  const sheet = read.sheets.get("actions")!;
  const rows = readActionRows(sheet, (t) => basis.resolve(t) !== undefined, errors);
  return planWorkbookEdits(sheet, rows, basis, errors, language);
}

/** Changes cells of the actions sheet in a workbook, as someone would in Excel. */
async function edit(bytes: Buffer, cells: Record<string, ExcelJS.CellValue>, sheetName = "Acties"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheetName)!;
  for (const [address, value] of Object.entries(cells)) ws.getCell(address).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("workbook", () => {
  const doc = defaultProgrammeDocument();

  it.each(["nl", "en"])("reads its own export back without a change (%s)", async (language) => {
    const bytes = await writeWorkbook(EXPORT_SHEETS, documentContent(doc, language), language);
    const p = await plan(doc, bytes, language);
    expect(p.errors).toEqual([]);
    expect(p.edits).toEqual([]);
    expect(p.creates).toEqual([]);
    expect(p.organisations).toEqual([]);
    expect(p.unchanged).toBe(doc.actions.length);
  });

  it("previews exactly the edited cells, field by field", async () => {
    const bytes = await writeWorkbook(EXPORT_SHEETS, documentContent(doc, "nl"), "nl");
    // Row 2 is action 1: B title, C description, M planning, O category note.
    const edited = await edit(bytes, { B2: "Nieuwe titel", C3: "Andere omschrijving", M4: "2015", O5: "opmerking", L6: "Resultaat A\nResultaat B" });
    const p = await plan(doc, edited);
    expect(p.errors).toEqual([]);
    expect(p.edits.flatMap((e) => e.fields.map((f) => `${e.number}:${f.field}`))).toEqual([
      `${doc.actions[0]!.number}:title`,
      `${doc.actions[1]!.number}:description`,
      `${doc.actions[2]!.number}:planningText`,
      `${doc.actions[3]!.number}:categoryNote`,
      `${doc.actions[4]!.number}:intendedResults`,
    ]);
    expect(p.edits[0]!.fields[0]).toEqual({ field: "title", before: doc.actions[0]!.title, after: "Nieuwe titel" });
  });

  it("names the sheet, row and column of a bad cell", async () => {
    const bytes = await writeWorkbook(EXPORT_SHEETS, documentContent(doc, "nl"), "nl");
    const edited = await edit(bytes, { F3: "99.9", N4: 4, K5: "misschien", P6: "lijkt op actie 3" });
    const p = await plan(doc, edited);
    expect(p.errors.map((e) => `${e.sheet}!${e.column}${e.row} ${e.key}`).sort()).toEqual(
      ["Acties!F3 edit.intentionUnknown", "Acties!K5 workbook.notBoolean", "Acties!N4 workbook.categoryByDecision", "Acties!P6 workbook.badLink"].sort(),
    );
  });

  it("proposes unknown organisations as new and other spellings as matches; new actions are listed", async () => {
    const bytes = await writeWorkbook(EXPORT_SHEETS, documentContent(doc, "nl"), "nl");
    const leiden = doc.organisations.find((o) => o.slug === "gemeente-leiden")!;
    const next = doc.actions.length + 2;
    const edited = await edit(bytes, { H2: "Stichting Nieuw Initiatief (trekker)", H3: leiden.name.toUpperCase(), A80: 500, B80: "Een nieuwe actie", F80: "1.1" });
    const p = await plan(doc, edited);
    expect(p.errors).toEqual([]);
    expect(p.organisations).toEqual([
      { key: nameKey("Stichting Nieuw Initiatief"), name: "Stichting Nieuw Initiatief", status: "new", match: null },
      { key: nameKey(leiden.name), name: leiden.name.toUpperCase(), status: "matched", match: { slug: leiden.slug, name: leiden.name } },
    ]);
    expect(p.creates.map((c) => c.number)).toEqual([500]);
    expect(next).toBeGreaterThan(0);
  });

  it("writes text that starts like a formula as text, and reads formulas as their values", async () => {
    const evil = ["=1+1", "+31 71", "-2", "@SUM(A1)", "\t=cmd", "\r=x", '=HYPERLINK("http://x","y")'];
    const d = structuredClone(doc);
    evil.forEach((text, i) => (d.actions[i]!.planningText = text));
    const bytes = await writeWorkbook(EXPORT_SHEETS, documentContent(d, "nl"), "nl");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Acties")!;
    evil.forEach((text, i) => {
      const cell = ws.getCell(`M${i + 2}`);
      // XML reads a carriage return as a line end; the text stays text all the same.
      expect(cell.value).toBe(text.replace(/\r/g, "\n"));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    });
    const p = await plan(d, bytes);
    expect(p.edits).toEqual([]);
    const withFormula = await edit(bytes, { B2: { formula: "CONCAT(\"A\",\"B\")", result: "AB" } });
    const q = await plan(d, withFormula);
    expect(q.edits[0]!.fields).toEqual([{ field: "title", before: d.actions[0]!.title, after: "AB" }]);
  });

  it("reads lines, organisations and links as it writes them", () => {
    expect(parseOrganisationLine("Gemeente Leiden (tot eind 2013)", (t) => t === "Gemeente Leiden")).toEqual({ name: "Gemeente Leiden", qualifier: "tot eind 2013" });
    expect(parseOrganisationLine("Naam (met haakjes)", (t) => t === "Naam (met haakjes)")).toEqual({ name: "Naam (met haakjes)", qualifier: null });
    for (const link of [{ type: "related", target: { action: 3 } }, { type: "enables", target: { theme: 2 } }, { type: "prerequisiteFor", target: { action: 40 } }] as const) {
      expect(parseLinkLine(linkLine(link, "nl"))).toEqual(link);
      expect(parseLinkLine(linkLine(link, "en"))).toEqual(link);
    }
  });

  it("builds a new programme from the filled-in template", async () => {
    const blank = await writeWorkbook(TEMPLATE_SHEETS, {}, "nl");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(blank as unknown as ArrayBuffer);
    wb.getWorksheet("Programma")!.addRow(["werk-en-wonen-2020-2023", "Werk en wonen", "", "nl", 2020, 2023, "2020-02-01", "De raden", null, "Meer banen", "Gemeente Noordstad\nGemeente Zuidstad", "", "", ""]);
    wb.getWorksheet("Categorieën")!.addRow([1, "groen", "Snel", "Snel te doen"]);
    wb.getWorksheet("Thema's")!.addRow([1, "Werk", "Meer werk", ""]);
    wb.getWorksheet("Thema's")!.addRow([2, "Wonen", "Meer woningen", ""]);
    wb.getWorksheet("Voornemens")!.addRow(["1.1", "Banen"]);
    wb.getWorksheet("Voornemens")!.addRow(["2.1", "Huizen"]);
    wb.getWorksheet("Organisaties")!.addRow(["Gemeente Noordstad", "gemeente", "Noordstad", ""]);
    wb.getWorksheet("Organisaties")!.addRow(["Gemeente Zuidstad", "gemeente", "", ""]);
    for (let n = 1; n <= 5; n++) {
      wb.getWorksheet("Acties")!.addRow([n, `Actie ${n}`, "Omschrijving", "", null, n <= 3 ? "1.1" : "2.1", "", n === 1 ? "Noordstad (tot 2021)" : "Gemeente Zuidstad", "", "", "nee", "", "2021", n === 2 ? 1 : null, "", n === 5 ? "hangt samen met actie 1" : ""]);
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const read = await readWorkbook(bytes, { sheets: TEMPLATE_SHEETS, required: TEMPLATE_SHEETS });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const built = programmeFromWorkbook(read.sheets, { organisations: [], resolve: () => undefined, programmeExists: () => false }, []);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(built.document.themes.map((t) => t.intentions.length)).toEqual([1, 1]);
    expect(built.document.actions).toHaveLength(5);
    expect(built.document.actions[0]!.leads).toEqual([{ organisation: "gemeente-noordstad", qualifier: "tot 2021" }]);
    expect(built.document.actions[4]!.themeNumber).toBe(2);
    expect(built.document.municipalities).toEqual(["gemeente-noordstad", "gemeente-zuidstad"]);
  });

  it("refuses a workbook of the wrong shape", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Blad1").addRow(["a", "b"]);
    const r = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { sheets: ["actions"], required: ["actions"] });
    expect(r).toEqual({ ok: false, errors: [{ sheet: "Acties", row: null, column: null, key: "workbook.missingSheet", params: { sheet: "Acties" } }] });
    const r2 = await readWorkbook(Buffer.from("not a zip at all"), { sheets: ["actions"], required: ["actions"] });
    expect(r2.ok ? [] : r2.errors.map((e) => e.key)).toEqual(["workbook.notXlsx"]);
  });

  it("refuses a sheet over the row limit while reading", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Acties");
    ws.addRow(ACTION_COLUMNS.map((c) => c.nl));
    for (let i = 1; i <= 100_000; i++) ws.addRow([i, `Actie ${i}`]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await readWorkbook(bytes, { sheets: ["actions"], required: ["actions"] });
    expect(r.ok ? [] : r.errors).toEqual([{ sheet: "Acties", row: 10_002, column: null, key: "workbook.tooManyRows", params: { max: 10_000 } }]);
  });

  it("refuses a zip bomb, whether its sizes are declared or hidden", () => {
    const zip = (content: Buffer, declared: number) => {
      const name = Buffer.from("xl/workbook.xml");
      const data = deflateRawSync(content);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(declared, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(0, 42);
      const dirOffset = local.length + name.length + data.length;
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(1, 8);
      end.writeUInt16LE(1, 10);
      end.writeUInt32LE(central.length + name.length, 12);
      end.writeUInt32LE(dirOffset, 16);
      return Buffer.concat([local, name, data, central, name, end]);
    };
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    expect(inspectZip(zip(big, big.length))).toEqual({ ok: false, key: "workbook.zipBomb", params: { entry: "xl/workbook.xml" } });
    expect(inspectZip(zip(big, 1000))).toEqual({ ok: false, key: "workbook.zipBomb", params: { entry: "xl/workbook.xml" } });
    expect(inspectZip(zip(Buffer.alloc(2000, 0x41), 2000)).ok).toBe(true);
  });
});
