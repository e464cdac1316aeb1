import { readCsv } from "./csv-reader";
import { error, type IssueLocation, type MonitorIssue } from "./issues";
import { readStatus, statusFromDescription, type MeasurementStatus } from "./values";

/**
 * Readers for the files the monitor takes in. They only read the shape; which rows belong to which
 * indicator, and whether regions and periods are right, is `mapObservations`' work.
 *
 * - CBS OData v4 `Observations` (long: one row per measure, region and period),
 * - CBS OData v3 `TypedDataSet` / `UntypedDataSet` as JSON, and the UntypedDataSet CSV download
 *   (wide: one row per region and period, one column per topic),
 * - Regie's own CSV: `indicator,region,period,value,status`.
 */

export type MonitorFileFormat = "cbs-v4" | "cbs-v3-typed" | "cbs-v3-untyped" | "cbs-v3-csv" | "csv";

export type RawValue =
  | { kind: "v4"; value: unknown; attribute: unknown }
  | { kind: "number"; value: number | null }
  | { kind: "text"; text: string };

export interface Observation {
  /** What the figure is: a v4 measure id, a v3 topic key, or (Regie's CSV) an indicator id. */
  key: { type: "measure" | "v3Key" | "indicator"; id: string };
  /** The other dimensions of the row (v4: e.g. Geslacht; v3: every other field of the row). */
  dimensions: Readonly<Record<string, string>>;
  region: string;
  period: string;
  raw: RawValue;
  status?: MeasurementStatus;
  /** Where the value is. */
  location: IssueLocation;
  /** Where the status is, when the file gives one (Regie's CSV). */
  statusText?: string;
}

export interface ParsedFile {
  format: MonitorFileFormat;
  /** The CBS table the file says it comes from (v4 `@odata.context`, v3 `odata.metadata`, the file name). */
  table: string | null;
  observations: Observation[];
  issues: MonitorIssue[];
}

/** Period statuses from a period code list (v4 PeriodenCodes, v3 Perioden): code → status. */
export type PeriodStatuses = Map<string, MeasurementStatus>;

/** The table id in an OData address: `…/CBS/83625NED/$metadata#Observations`, `…/OData/70072ned/$metadata#…`. */
export function tableFromODataUrl(url: unknown): string | null {
  if (typeof url !== "string") return null;
  const m = /\/([0-9]{4,5}[A-Za-z]{2,3})\/(?:\$metadata|Observations|TypedDataSet|UntypedDataSet)\b/.exec(url);
  return m ? m[1]! : null;
}

/** The table id in a CBS download's file name, e.g. `70072ned_UntypedDataSet_29122019_191739.csv`. */
export function tableFromFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? "";
  const m = /^([0-9]{4,5}[A-Za-z]{2,3})[_-]/.exec(base);
  return m ? m[1]! : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a parsed JSON value looks like v4 Observations. */
export function isV4Observations(json: unknown): boolean {
  if (!isRecord(json)) return false;
  const context = json["@odata.context"];
  if (typeof context === "string" && /#Observations\b/.test(context)) return true;
  const first = Array.isArray(json.value) ? (json.value as unknown[])[0] : undefined;
  return isRecord(first) && "Measure" in first && "Perioden" in first;
}

/** Whether a parsed JSON value looks like a v3 TypedDataSet or UntypedDataSet. */
export function isV3DataSet(json: unknown): boolean {
  if (!isRecord(json)) return false;
  const meta = json["odata.metadata"];
  if (typeof meta === "string" && /#Cbs\.OData\.WebAPI\.(Typed|Untyped)DataSet\b/.test(meta)) return true;
  const first = Array.isArray(json.value) ? (json.value as unknown[])[0] : undefined;
  return isRecord(first) && "RegioS" in first && "Perioden" in first && !("Measure" in first);
}

const V4_FIXED = new Set(["Id", "Measure", "ValueAttribute", "Value", "StringValue", "RegioS", "Perioden"]);

/** Reads v4 `Observations` (one page, or several pages' `value` arrays joined). */
export function parseV4Observations(json: unknown, options: { periodStatuses?: PeriodStatuses; pathPrefix?: string } = {}): ParsedFile {
  const issues: MonitorIssue[] = [];
  const table = isRecord(json) ? tableFromODataUrl(json["@odata.context"]) : null;
  if (!isRecord(json) || !Array.isArray(json.value)) {
    return { format: "cbs-v4", table, observations: [], issues: [error("v4-not-observations", {}, { path: "$.value" })] };
  }
  const prefix = options.pathPrefix ?? "$";
  const observations: Observation[] = [];
  (json.value as unknown[]).forEach((row, i) => {
    const path = `${prefix}.value[${i}]`;
    if (!isRecord(row)) {
      issues.push(error("v4-not-observations", {}, { path }));
      return;
    }
    let complete = true;
    for (const field of ["Measure", "RegioS", "Perioden"]) {
      const value = row[field];
      if (typeof value !== "string" || value.trim() === "") {
        issues.push(error("field-missing", { field }, { path: `${path}.${field}` }));
        complete = false;
      }
    }
    if (!("Value" in row)) {
      issues.push(error("field-missing", { field: "Value" }, { path: `${path}.Value` }));
      complete = false;
    }
    if (!complete) return;
    const dimensions: Record<string, string> = {};
    for (const [k, v] of Object.entries(row)) {
      if (!V4_FIXED.has(k) && !k.startsWith("@") && typeof v === "string") dimensions[k] = v.trim();
    }
    const period = (row.Perioden as string).trim();
    observations.push({
      key: { type: "measure", id: (row.Measure as string).trim() },
      dimensions,
      region: row.RegioS as string,
      period,
      raw: { kind: "v4", value: row.Value, attribute: row.ValueAttribute },
      status: options.periodStatuses?.get(period.toUpperCase()),
      location: { path: `${path}.Value` },
    });
  });
  return { format: "cbs-v4", table, observations, issues };
}

/** Reads a v3 TypedDataSet or UntypedDataSet in its JSON form. */
export function parseV3DataSet(json: unknown, options: { periodStatuses?: PeriodStatuses } = {}): ParsedFile {
  const meta = isRecord(json) ? json["odata.metadata"] : undefined;
  const table = tableFromODataUrl(meta);
  const untypedByMeta = typeof meta === "string" && /UntypedDataSet/.test(meta);
  if (!isRecord(json) || !Array.isArray(json.value)) {
    return { format: "cbs-v3-typed", table, observations: [], issues: [error("v3-not-dataset", {}, { path: "$.value" })] };
  }
  const issues: MonitorIssue[] = [];
  const observations: Observation[] = [];
  let untyped = untypedByMeta;
  (json.value as unknown[]).forEach((row, i) => {
    const path = `$.value[${i}]`;
    if (!isRecord(row)) {
      issues.push(error("v3-not-dataset", {}, { path }));
      return;
    }
    if (typeof row.RegioS !== "string" || typeof row.Perioden !== "string") {
      issues.push(error("field-missing", { field: typeof row.RegioS !== "string" ? "RegioS" : "Perioden" }, { path }));
      return;
    }
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(row)) if (typeof v === "string") fields[k] = v.trim();
    const period = row.Perioden.trim();
    for (const [k, v] of Object.entries(row)) {
      if (k === "ID" || k === "RegioS" || k === "Perioden") continue;
      if (typeof v === "string") untyped = true;
      const raw: RawValue =
        typeof v === "number" || v === null ? { kind: "number", value: v } : { kind: "text", text: typeof v === "string" ? v : JSON.stringify(v) };
      observations.push({
        key: { type: "v3Key", id: k },
        dimensions: fields,
        region: row.RegioS,
        period,
        raw,
        status: options.periodStatuses?.get(period.toUpperCase()),
        location: { path: `${path}.${k}` },
      });
    }
  });
  return { format: untyped ? "cbs-v3-untyped" : "cbs-v3-typed", table, observations, issues };
}

/** Reads a v3 UntypedDataSet CSV download (`"ID";"RegioS";"Perioden";<topics…>`). */
export function parseV3Csv(text: string, options: { table?: string | null; periodStatuses?: PeriodStatuses } = {}): ParsedFile {
  const table = options.table ?? null;
  const csv = readCsv(text);
  if (!csv.ok) return { format: "cbs-v3-csv", table, observations: [], issues: [error("csv-quote", {}, { line: csv.line })] };
  const [header, ...rows] = csv.rows;
  if (!header) return { format: "cbs-v3-csv", table, observations: [], issues: [error("file-empty")] };
  const names = header.cells.map((c) => c.trim());
  const regionAt = names.indexOf("RegioS");
  const periodAt = names.indexOf("Perioden");
  const issues: MonitorIssue[] = [];
  if (regionAt === -1 || periodAt === -1) {
    return { format: "cbs-v3-csv", table, observations: [], issues: [error("csv-header", { columns: "RegioS, Perioden" }, { line: header.line })] };
  }
  const observations: Observation[] = [];
  for (const row of rows) {
    if (row.cells.length !== names.length) {
      issues.push(error("csv-columns", { found: row.cells.length, expected: names.length }, { line: row.line }));
      continue;
    }
    const fields: Record<string, string> = {};
    names.forEach((n, i) => (fields[n] = row.cells[i]!.trim()));
    const period = row.cells[periodAt]!.trim();
    names.forEach((name, i) => {
      if (i === regionAt || i === periodAt || name === "ID") return;
      observations.push({
        key: { type: "v3Key", id: name },
        dimensions: fields,
        region: row.cells[regionAt]!,
        period,
        raw: { kind: "text", text: row.cells[i]! },
        status: options.periodStatuses?.get(period.toUpperCase()),
        location: { line: row.line, column: name },
      });
    });
  }
  return { format: "cbs-v3-csv", table, observations, issues };
}

export const PLAIN_CSV_COLUMNS = ["indicator", "region", "period", "value", "status"] as const;

/** Whether a CSV header is Regie's own format. */
export function isPlainCsvHeader(cells: string[]): boolean {
  const names = cells.map((c) => c.trim().toLowerCase());
  return ["indicator", "region", "period", "value"].every((n) => names.includes(n));
}

/** Reads Regie's CSV: `indicator,region,period,value,status` (`;` works too; other columns are ignored). */
export function parsePlainCsv(text: string): ParsedFile {
  const csv = readCsv(text);
  if (!csv.ok) return { format: "csv", table: null, observations: [], issues: [error("csv-quote", {}, { line: csv.line })] };
  const [header, ...rows] = csv.rows;
  if (!header) return { format: "csv", table: null, observations: [], issues: [error("file-empty")] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const at = (n: string) => names.indexOf(n);
  if (!isPlainCsvHeader(header.cells)) {
    return { format: "csv", table: null, observations: [], issues: [error("csv-header", { columns: PLAIN_CSV_COLUMNS.join(", ") }, { line: header.line })] };
  }
  const issues: MonitorIssue[] = [];
  const observations: Observation[] = [];
  const decimalComma = csv.separator === ";";
  const attrAt = at("valueattribute");
  for (const row of rows) {
    if (row.cells.length < names.length) {
      issues.push(error("csv-columns", { found: row.cells.length, expected: names.length }, { line: row.line }));
      continue;
    }
    const cell = (n: string) => (at(n) === -1 ? "" : row.cells[at(n)]!.trim());
    const valueText = cell("value");
    const attr = attrAt === -1 ? "" : row.cells[attrAt]!.trim();
    observations.push({
      key: { type: "indicator", id: cell("indicator") },
      dimensions: {},
      region: cell("region"),
      period: cell("period"),
      raw: valueText === "" && attr !== "" && attr !== "None" ? { kind: "v4", value: null, attribute: attr } : { kind: "text", text: decimalComma ? valueText.replace(/^(-?\d+),(\d+)$/, "$1.$2") : valueText },
      status: at("status") === -1 ? undefined : readStatus(cell("status")),
      statusText: at("status") === -1 ? undefined : cell("status"),
      location: { line: row.line, column: "value" },
    });
  }
  return { format: "csv", table: null, observations, issues };
}

/** Statuses from a v4 `PeriodenCodes` or v3 `Perioden` list (`Status`, or 70072ned's description text). */
export function readPeriodStatuses(json: unknown): PeriodStatuses {
  const out: PeriodStatuses = new Map();
  if (!isRecord(json) || !Array.isArray(json.value)) return out;
  for (const row of json.value as unknown[]) {
    if (!isRecord(row)) continue;
    const code = typeof row.Identifier === "string" ? row.Identifier : typeof row.Key === "string" ? row.Key : undefined;
    if (!code) continue;
    const status =
      statusFromDescription(typeof row.Description === "string" ? row.Description : undefined) ??
      readStatus(typeof row.Status === "string" ? row.Status : undefined);
    if (status) out.set(code.trim().toUpperCase(), status);
  }
  return out;
}

/** Units from v4 `MeasureCodes` or v3 `DataProperties`: measure id or topic key → unit. */
export function readMeasureUnits(json: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isRecord(json) || !Array.isArray(json.value)) return out;
  for (const row of json.value as unknown[]) {
    if (!isRecord(row) || typeof row.Unit !== "string") continue;
    const id = typeof row.Identifier === "string" ? row.Identifier : typeof row.Key === "string" ? row.Key : undefined;
    if (id) out.set(id, row.Unit);
  }
  return out;
}

