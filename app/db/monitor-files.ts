import { cbsKeysOf } from "../domain/monitor/indicator-definition";
import type { MonitorIssue } from "../domain/monitor/issues";
import { fetchCbsTable } from "../domain/monitor/cbs-api";
import { mapObservations, type MappableIndicator } from "../domain/monitor/map-observations";
import type { MonitorFileFormat, PeriodStatuses } from "../domain/monitor/parse-files";
import { readMonitorFile } from "../domain/monitor/read-file";
import { timestamp, type Clock } from "../domain/time";
import type { Db } from "./database";
import { importMeasurements, type MeasurementImportReport } from "./monitor-import";
import { createMonitorRepository } from "./monitor.repository";

export type MonitorImportResult =
  | {
      ok: true;
      format: MonitorFileFormat;
      table: string | null;
      attribution: string;
      report: MeasurementImportReport;
      /** Warnings: rows that were left out and why. */
      issues: MonitorIssue[];
    }
  | { ok: false; issues: MonitorIssue[] };

export interface ImportFileInput {
  programmeId: number;
  bytes: Uint8Array | string;
  fileName?: string;
  /** Only this indicator (the file must be one of its sources). */
  indicator?: string;
  /** The CBS table, when the file does not say. */
  table?: string | null;
  periodStatuses?: PeriodStatuses;
  channel: "web" | "cli" | "start-up";
  userId?: number | null;
  /** When the file was taken from its source; null when unknown. */
  retrievedAt: string | null;
  /** Overrides the attribution made from the table (for a CSV of another source). */
  attribution?: string;
  sourceName?: string;
  dryRun?: boolean;
  clock?: Clock;
}

/** The attribution CBS asks for: "Bron: CBS, tabel … (title), CC BY 4.0". */
export function cbsAttribution(table: string, indicators: MappableIndicator[]): string {
  const own = indicators.find((i) => i.source.type === "cbs" && i.source.table.toLowerCase() === table.toLowerCase());
  const title = own?.source.type === "cbs" ? own.source.title : undefined;
  return `Bron: CBS, tabel ${table}${title ? ` (${title})` : ""}, CC BY 4.0`;
}

/**
 * Reads a file in any accepted format, maps it onto the programme's indicators and writes it in
 * one transaction. Nothing is written when anything is wrong; the issues say what and where.
 */
export async function importMonitorFile(db: Db, input: ImportFileInput): Promise<MonitorImportResult> {
  const read = readMonitorFile(input.bytes, { fileName: input.fileName, table: input.table, periodStatuses: input.periodStatuses });
  if (!read.ok) return { ok: false, issues: read.issues };
  const indicators = await createMonitorRepository(db).mappable(input.programmeId);
  const mapped = mapObservations(read.parsed, indicators, { indicator: input.indicator });
  if (!mapped.ok) return { ok: false, issues: mapped.issues };
  const used = new Set(mapped.rows.map((r) => r.indicator));
  const attribution =
    input.attribution ??
    (mapped.table
      ? cbsAttribution(mapped.table, indicators)
      : [...new Set(indicators.filter((i) => used.has(i.id)).map((i) => i.attribution))].join("; "));
  const report = await importMeasurements(db, {
    programmeId: input.programmeId,
    rows: mapped.rows,
    dryRun: input.dryRun,
    clock: input.clock,
    source: {
      channel: input.channel,
      userId: input.userId ?? null,
      format: read.parsed.format,
      sourceName: input.sourceName ?? input.fileName ?? "(upload)",
      tableId: mapped.table,
      attribution,
      retrievedAt: input.retrievedAt,
    },
  });
  return { ok: true, format: read.parsed.format, table: mapped.table, attribution, report, issues: mapped.issues };
}

/** Fetches a table's figures for the programme's indicators from the CBS v4 API and writes them. */
export async function fetchMonitorTable(
  db: Db,
  input: {
    programmeId: number;
    table: string;
    baseUrl: string;
    indicator?: string;
    since: string;
    dryRun?: boolean;
    fetch?: typeof fetch;
    clock?: Clock;
  },
): Promise<MonitorImportResult & { url?: string }> {
  const all = await createMonitorRepository(db).mappable(input.programmeId);
  const candidates = input.indicator !== undefined ? all.filter((i) => i.id === input.indicator) : all;
  const forTable = candidates.filter((i) =>
    cbsKeysOf(i.source).some((k) => k.table.toLowerCase() === input.table.toLowerCase() && k.measure !== null),
  );
  if (input.indicator !== undefined && candidates.length === 0) {
    return { ok: false, issues: [{ severity: "error", code: "indicator-unknown", params: { indicator: input.indicator } }] };
  }
  if (forTable.length === 0) {
    const code = input.indicator !== undefined ? "table-mismatch" : "table-not-in-monitor";
    const expected = [...new Set(candidates.flatMap((i) => cbsKeysOf(i.source).map((k) => k.table)))].join(", ");
    return { ok: false, issues: [{ severity: "error", code, params: { table: input.table, expected, indicator: input.indicator ?? "" } }] };
  }
  const table = cbsKeysOf(forTable[0]!.source).find((k) => k.table.toLowerCase() === input.table.toLowerCase())!.table;
  const fetched = await fetchCbsTable({ baseUrl: input.baseUrl, table, indicators: forTable, since: input.since, fetch: input.fetch });
  if (!fetched.ok) return { ok: false, issues: fetched.issues, url: fetched.url };
  const mapped = mapObservations(fetched.parsed, forTable, { units: fetched.units });
  if (!mapped.ok) return { ok: false, issues: mapped.issues, url: fetched.url };
  const attribution = cbsAttribution(table, all);
  const report = await importMeasurements(db, {
    programmeId: input.programmeId,
    rows: mapped.rows,
    dryRun: input.dryRun,
    clock: input.clock,
    source: {
      channel: "cbs-api",
      format: "cbs-v4",
      sourceName: fetched.url,
      tableId: table,
      attribution,
      retrievedAt: timestamp(input.clock),
    },
  });
  return { ok: true, format: "cbs-v4", table, attribution, report, issues: mapped.issues, url: fetched.url };
}
