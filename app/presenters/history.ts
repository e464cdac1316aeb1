import type { TFunction } from "i18next";
import type { HistoryEntry } from "../domain/admin/history-entry";
import { toCsv } from "./csv";

/** The history as CSV: one row per change, before and after as JSON. */
export function historyCsv(entries: readonly HistoryEntry[], t: TFunction): string {
  const headers = ["id", "at", "actor", "recordType", "recordId", "record", "operation", "before", "after", "requestId"].map((h) => t(`admin.csv_${h}`));
  return toCsv(
    headers,
    entries.map((e) => [
      e.id,
      e.at,
      e.actor,
      e.entityType,
      e.entityId,
      e.entityLabel,
      e.operation,
      e.before === null ? null : JSON.stringify(e.before),
      e.after === null ? null : JSON.stringify(e.after),
      e.requestId,
    ]),
  );
}
