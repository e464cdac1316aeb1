import type { OrganisationReader } from "./organisation-list";
import type { IssueLog } from "./parse-issues";

/** What every part of the reader shares while one document is read. */
export interface ReadContext {
  log: IssueLog;
  /** Resolves organisation names and collects the organisations met. */
  reader: OrganisationReader;
  /** Words whose line-wrap hyphen is removed (from the document's hints). */
  mendWords: readonly string[];
}

/** Moves the organisation reader's remarks into the log as warnings on `line`. */
export function logNameIssues(context: ReadContext, line: number): void {
  for (const issue of context.reader.issues.splice(0)) {
    context.log.warn(line, issue.code, issue.params, issue.message);
  }
}
