/**
 * Problems found while reading or importing monitor data. Each has a stable `code` and `params`, so
 * the pages and the command line can say it in Dutch or English (`monitorIssue.<code>` in the
 * catalogues), and a location: a line (and column name) in a CSV file, or a JSON path.
 */

export const MONITOR_ERROR_CODES = [
  "file-empty",
  "file-not-text",
  "file-too-large",
  "json-invalid",
  "format-unknown",
  "definitions-not-measurements",
  "v4-not-observations",
  "v3-not-dataset",
  "field-missing",
  "table-unknown",
  "table-not-in-monitor",
  "table-mismatch",
  "indicator-unknown",
  "indicator-mismatch",
  "region-invalid",
  "region-not-measured",
  "period-invalid",
  "period-unsupported",
  "value-not-numeric",
  "status-invalid",
  "duplicate",
  "csv-header",
  "csv-columns",
  "csv-quote",
  "nothing-to-import",
  "more-errors",
  "fetch-failed",
  "fetch-not-json",
  "fetch-too-many-pages",
] as const;

export const MONITOR_WARNING_CODES = [
  "measure-not-used",
  "columns-not-used",
  "dimension-not-used",
  "region-skipped",
  "region-computed",
  "status-assumed",
  "table-from-columns",
  "unit-differs",
] as const;

export type MonitorIssueCode = (typeof MONITOR_ERROR_CODES)[number] | (typeof MONITOR_WARNING_CODES)[number];

export interface IssueLocation {
  /** 1-based line in a text file. */
  line?: number;
  /** The CSV column (its header) or the JSON field. */
  column?: string;
  /** A JSON path such as `$.value[12].Perioden`. */
  path?: string;
}

export interface MonitorIssue {
  severity: "error" | "warning";
  code: MonitorIssueCode;
  params: Record<string, string | number>;
  location?: IssueLocation;
}

export const MAX_REPORTED_ERRORS = 50;

export function error(code: MonitorIssueCode, params: Record<string, string | number> = {}, location?: IssueLocation): MonitorIssue {
  return { severity: "error", code, params, ...(location ? { location } : {}) };
}

export function warning(code: MonitorIssueCode, params: Record<string, string | number> = {}, location?: IssueLocation): MonitorIssue {
  return { severity: "warning", code, params, ...(location ? { location } : {}) };
}

/** Keeps the first MAX_REPORTED_ERRORS errors and says how many more there were. */
export function capErrors(issues: MonitorIssue[]): MonitorIssue[] {
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length <= MAX_REPORTED_ERRORS) return issues;
  const kept = new Set(errors.slice(0, MAX_REPORTED_ERRORS));
  return [
    ...issues.filter((i) => i.severity === "warning" || kept.has(i)),
    error("more-errors", { count: errors.length - MAX_REPORTED_ERRORS }),
  ];
}

/** "line 12, column value" / "$.value[3].Value": where an issue is, in words of the language. */
export function describeLocation(location: IssueLocation | undefined, language: "nl" | "en"): string {
  if (!location) return "";
  const parts: string[] = [];
  if (location.line !== undefined) parts.push(`${language === "nl" ? "regel" : "line"} ${location.line}`);
  if (location.column !== undefined) parts.push(`${language === "nl" ? "kolom" : "column"} ${location.column}`);
  if (location.path !== undefined) parts.push(location.path);
  return parts.join(", ");
}
