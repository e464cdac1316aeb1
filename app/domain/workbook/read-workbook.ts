import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { readCell, type CellValue, type Parsed } from "./cells";
import { columnLetter, headerKey, MAX_ROWS_PER_SHEET, SHEETS, type SheetDef, type SheetKey } from "./layout";
import { inspectZip, orderedZip } from "./zip-guard";

/** A problem with a workbook, as precisely as it can be placed: sheet, row (1-based) and column letter. */
export interface WorkbookError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  key: string;
  params?: Record<string, string | number>;
}

export interface SheetRow {
  row: number;
  values: Map<string, CellValue>;
}

export interface SheetRows {
  def: SheetDef;
  /** The sheet's name as the workbook spells it. */
  name: string;
  /** Column key → its letter, for naming a cell in an error. */
  letters: Map<string, string>;
  rows: SheetRow[];
}

export type ReadResult = { ok: true; sheets: Map<SheetKey, SheetRows> } | { ok: false; errors: WorkbookError[] };

const SHEET_BY_KEY = new Map<string, SheetDef>(SHEETS.flatMap((s) => [[headerKey(s.nl), s] as const, [headerKey(s.en), s] as const]));

/**
 * Reads the sheets asked for, row by row (exceljs's streaming reader), after the zip has been
 * inspected. A sheet longer than `maxRows` data rows is refused as soon as its row past the limit
 * is met, so an oversized sheet never lies in memory whole. Formulas are read as their computed values.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  options: { sheets: SheetKey[]; required: SheetKey[]; maxRows?: number },
): Promise<ReadResult> {
  const maxRows = options.maxRows ?? MAX_ROWS_PER_SHEET;
  const zip = inspectZip(bytes);
  if (!zip.ok) return { ok: false, errors: [{ sheet: null, row: null, column: null, key: zip.key, params: zip.params }] };
  const sheets = new Map<SheetKey, SheetRows>();
  const errors: WorkbookError[] = [];
  const input = Readable.from(orderedZip(bytes, zip.entries));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "cache",
      worksheets: "emit",
      entries: "emit",
    });
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      const def = SHEET_BY_KEY.get(headerKey(ws.name ?? ""));
      const wanted = def && options.sheets.includes(def.key) && !sheets.has(def.key);
      let header: Map<number, string> | null = null;
      const target: SheetRows | null = wanted ? { def, name: ws.name, letters: new Map(), rows: [] } : null;
      for await (const row of ws) {
        if (row.number > maxRows + 1) {
          errors.push({ sheet: ws.name, row: row.number, column: null, key: "workbook.tooManyRows", params: { max: maxRows } });
          return { ok: false, errors };
        }
        if (!target) continue;
        const values = (row.values as unknown[]) ?? [];
        if (header === null) {
          header = readHeader(target, values, errors);
          continue;
        }
        const cells = new Map<string, CellValue>();
        let filled = false;
        for (const [index, key] of header) {
          const v = readCell(values[index]);
          if (v !== null && !(typeof v === "string" && v.trim() === "")) filled = true;
          cells.set(key, v);
        }
        if (filled) target.rows.push({ row: row.number, values: cells });
      }
      if (target) {
        if (header === null) readHeader(target, [], errors);
        sheets.set(target.def.key, target);
      }
    }
  } catch {
    return { ok: false, errors: [{ sheet: null, row: null, column: null, key: "workbook.notXlsx" }] };
  } finally {
    input.destroy();
  }
  for (const key of options.required) {
    if (!sheets.has(key)) {
      const def = SHEETS.find((s) => s.key === key)!;
      errors.push({ sheet: def.nl, row: null, column: null, key: "workbook.missingSheet", params: { sheet: def.nl } });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sheets };
}

function readHeader(target: SheetRows, values: unknown[], errors: WorkbookError[]): Map<number, string> {
  const byHeader = new Map<string, string>();
  for (const c of target.def.columns) {
    byHeader.set(headerKey(c.nl), c.key);
    byHeader.set(headerKey(c.en), c.key);
  }
  const header = new Map<number, string>();
  values.forEach((raw, index) => {
    const v = readCell(raw);
    if (typeof v !== "string") return;
    const key = byHeader.get(headerKey(v));
    if (!key) return;
    if ([...header.values()].includes(key)) {
      errors.push({ sheet: target.name, row: 1, column: columnLetter(index), key: "workbook.duplicateColumn", params: { column: v } });
      return;
    }
    header.set(index, key);
    target.letters.set(key, columnLetter(index));
  });
  for (const c of target.def.columns) {
    if (!target.letters.has(c.key)) {
      errors.push({ sheet: target.name, row: 1, column: null, key: "workbook.missingColumn", params: { column: c.nl } });
    }
  }
  return header;
}

/** Reads one cell of a row with a parser; a failure is recorded with the sheet, row and column. */
export function cellOf<T>(sheet: SheetRows, row: SheetRow, key: string, parse: (v: CellValue) => Parsed<T>, errors: WorkbookError[], fallback: T): T {
  const parsed = parse(row.values.get(key) ?? null);
  if (parsed.ok) return parsed.value;
  errors.push(errorAt(sheet, row, key, parsed.key, parsed.params));
  return fallback;
}

export function errorAt(sheet: SheetRows, row: SheetRow, key: string | null, messageKey: string, params?: Record<string, string | number>): WorkbookError {
  return { sheet: sheet.name, row: row.row, column: key ? (sheet.letters.get(key) ?? null) : null, key: messageKey, params };
}
