import { readCsv } from "./csv-reader";
import { error, type MonitorIssue } from "./issues";
import {
  isPlainCsvHeader,
  isV3DataSet,
  isV4Observations,
  parsePlainCsv,
  parseV3Csv,
  parseV3DataSet,
  parseV4Observations,
  tableFromFileName,
  type ParsedFile,
  type PeriodStatuses,
} from "./parse-files";

export type ReadFileResult = { ok: true; parsed: ParsedFile } | { ok: false; issues: MonitorIssue[] };

export interface ReadFileOptions {
  /** The file's name (a CBS download's name carries its table id). */
  fileName?: string;
  /** The table, when the file does not say (a v3 CSV without its download name). */
  table?: string | null;
  periodStatuses?: PeriodStatuses;
}

/** Decodes UTF-8 strictly; undefined for bytes that are not UTF-8 text. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/** JSON.parse with the place of a syntax error as line and column (a truncated file ends "at the end"). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; issue: MonitorIssue } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(message);
    const position = m ? Number(m[1]) : text.length;
    const before = text.slice(0, position);
    const line = before.split("\n").length;
    const column = position - before.lastIndexOf("\n");
    const truncated = !m || /end of (JSON|data)/i.test(message) || position >= text.trimEnd().length;
    return {
      ok: false,
      issue: error("json-invalid", { message, position, truncated: truncated ? "yes" : "no" }, { line, column: String(column) }),
    };
  }
}

/** Whether parsed JSON is a definitions file (indicators) rather than measurements. */
export function isDefinitionsJson(json: unknown): boolean {
  return typeof json === "object" && json !== null && !Array.isArray(json) && Array.isArray((json as { indicators?: unknown }).indicators);
}

/** Works out which of the accepted formats a file is in, and reads it. */
export function readMonitorFile(input: Uint8Array | string, options: ReadFileOptions = {}): ReadFileResult {
  const text = typeof input === "string" ? input.replace(/^\uFEFF/, "") : decodeText(input);
  if (text === undefined) return { ok: false, issues: [error("file-not-text")] };
  if (text.trim() === "") return { ok: false, issues: [error("file-empty")] };
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") {
    const json = parseJson(text);
    if (!json.ok) return { ok: false, issues: [json.issue] };
    if (isDefinitionsJson(json.value)) return { ok: false, issues: [error("definitions-not-measurements")] };
    let parsed: ParsedFile;
    if (isV4Observations(json.value)) parsed = parseV4Observations(json.value, { periodStatuses: options.periodStatuses });
    else if (isV3DataSet(json.value)) parsed = parseV3DataSet(json.value, { periodStatuses: options.periodStatuses });
    else return { ok: false, issues: [error("format-unknown")] };
    if (!parsed.table) parsed.table = options.table ?? tableFromFileName(options.fileName);
    return { ok: true, parsed };
  }
  const csv = readCsv(text.slice(0, Math.min(text.length, 200_000)).split(/\r?\n/)[0] ?? "");
  const header = csv.ok ? (csv.rows[0]?.cells ?? []) : [];
  if (isPlainCsvHeader(header)) return { ok: true, parsed: parsePlainCsv(text) };
  if (header.map((h) => h.trim()).includes("RegioS") && header.map((h) => h.trim()).includes("Perioden")) {
    return { ok: true, parsed: parseV3Csv(text, { table: options.table ?? tableFromFileName(options.fileName), periodStatuses: options.periodStatuses }) };
  }
  return { ok: false, issues: [error("format-unknown")] };
}
