/** One entry of the history (an audit event): who changed which record how, with the values before and after. */
export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  entityType: string;
  entityId: number | null;
  entityLabel: string;
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}
