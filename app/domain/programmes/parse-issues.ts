/**
 * Problems found while reading a programme document. `code` and `params` are stable so the UI
 * can translate them; `message` is the English text for logs and the command line.
 */

export const PARSE_ERROR_CODES = [
  "empty-document",
  "not-a-programme-document",
  "title-missing",
  "period-missing",
  "chapter-missing",
  "theme-goal-missing",
  "theme-without-actions",
  "table-header-missing",
  "table-header-unexpected",
  "row-column-count",
  "action-number-missing",
  "action-number-duplicate",
  "action-out-of-sequence",
  "action-title-unclear",
  "title-hint-mismatch",
  "results-hint-mismatch",
  "category-not-numeric",
  "category-out-of-range",
  "category-undefined",
  "category-colour-missing",
  "intention-missing",
  "intention-unreadable",
  "intention-code-mismatch",
  "intention-unknown",
  "link-target-missing",
] as const;

export const PARSE_WARNING_CODES = [
  "line-ignored",
  "trailing-text-ignored",
  "organisation-not-in-registry",
  "organisations-run-together",
  "organisation-spelling-corrected",
  "lead-text-as-note",
  "category-missing",
  "categories-missing",
  "intention-count-mismatch",
  "intention-without-actions",
  "footnote-unused",
  "footnote-missing",
  "participation-status-guessed",
  "municipalities-missing",
  "group-missing",
  "hint-unused",
] as const;

export type ParseIssueCode = (typeof PARSE_ERROR_CODES)[number] | (typeof PARSE_WARNING_CODES)[number];

/** A problem at a 1-based line of the input. */
export interface ParseIssue {
  line: number;
  code: ParseIssueCode;
  params: Record<string, string | number>;
  message: string;
}

/** Collects errors and warnings while a document is read. */
export class IssueLog {
  readonly errors: ParseIssue[] = [];
  readonly warnings: ParseIssue[] = [];

  /** Records a problem that makes the document unreadable. */
  error(line: number, code: ParseIssueCode, params: Record<string, string | number>, message: string): void {
    this.errors.push({ line, code, params, message });
  }

  /** Records something the reviewer should know; the document is still read. */
  warn(line: number, code: ParseIssueCode, params: Record<string, string | number>, message: string): void {
    this.warnings.push({ line, code, params, message });
  }
}

/** Issues sorted by line; the sort is stable, so issues on one line keep their order. */
export function sortIssues(issues: readonly ParseIssue[]): ParseIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}
