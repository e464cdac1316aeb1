import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../tests/support/databases";
import { TEMPLATE_SHEETS } from "../domain/workbook/layout";
import { writeWorkbook } from "../domain/workbook/write-workbook";
import { main } from "./main";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/** The blank template filled in with two themes and five actions. */
async function filledTemplate(options: { badCell?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbook(TEMPLATE_SHEETS, {}, "nl")) as unknown as ArrayBuffer);
  wb.getWorksheet("Programma")!.addRow(["havens-2021-2024", "Havens", "", "nl", 2021, 2024, "", "", 4, "Sterke havens", "Gemeente Kustdorp", "", "", ""]);
  wb.getWorksheet("Thema's")!.addRow([1, "Haven", "Een haven", ""]);
  wb.getWorksheet("Thema's")!.addRow([2, "Zee", "De zee", ""]);
  wb.getWorksheet("Voornemens")!.addRow(["1.1", "Kades"]);
  wb.getWorksheet("Voornemens")!.addRow(["2.1", "Stranden"]);
  for (let n = 1; n <= 5; n++) {
    wb.getWorksheet("Acties")!.addRow([n, `Havenactie ${n}`, "", "", null, n <= 2 ? "1.1" : "2.1", "", "Gemeente Kustdorp", "", "", options.badCell && n === 4 ? "soms" : "nee", "", "2022", null, "", ""]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(testDialects())("regie import-programme FILE.xlsx on %s", (dialect) => {
  let database: TestDatabase;
  const saved = { url: process.env.DATABASE_URL, lang: process.env.REGIE_LANG };
  const dir = mkdtempSync(join(tmpdir(), "regie-xlsx-"));

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    process.env.DATABASE_URL = database.url;
    process.env.REGIE_LANG = "nl";
  });
  afterEach(async () => {
    await database.destroy();
  });
  afterAll(() => {
    process.env.DATABASE_URL = saved.url;
    process.env.REGIE_LANG = saved.lang;
  });

  const actions = async () => Number((await database.db.kysely.selectFrom("action").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("creates a programme from a filled-in template, after a dry run that writes nothing", async () => {
    const file = join(dir, `havens-${dialect}.xlsx`);
    writeFileSync(file, await filledTemplate());
    const dry = capture();
    expect(await main(["import-programme", file, "--dry-run"], dry.io)).toBe(0);
    expect(dry.out.join("\n")).toContain("Organisatie „Gemeente Kustdorp” is nieuw en wordt aangemaakt.");
    expect(await actions()).toBe(0);
    const run = capture();
    expect(await main(["import-programme", file], run.io)).toBe(0);
    expect(run.out.join("\n")).toContain("Acties: 5 nieuw, 0 gewijzigd, 0 ongewijzigd");
    expect(await actions()).toBe(5);
  });

  it("refuses a template with a bad cell, naming sheet, row and column", async () => {
    const file = join(dir, `bad-${dialect}.xlsx`);
    writeFileSync(file, await filledTemplate({ badCell: true }));
    const run = capture();
    expect(await main(["import-programme", file], run.io)).toBe(1);
    expect(run.err.join("\n")).toContain("Blad „Acties”, rij 5, kolom K: hier hoort „ja” of „nee”.");
    expect(await actions()).toBe(0);
  });
});
