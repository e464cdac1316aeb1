import type { HistoryEntry } from "../domain/admin/history-entry";
import type { Db } from "./database";

/** Reads the history (audit events) of one record or of everything. */
export function createHistoryRepository(db: Db) {
  const k = db.kysely;
  const toEntry = (r: {
    id: number;
    at: string;
    actor_label: string;
    entity_type: string;
    entity_id: number | null;
    entity_label: string;
    operation: string;
    before_json: string | null;
    after_json: string | null;
    request_id: string | null;
  }): HistoryEntry => ({
    id: r.id,
    at: r.at,
    actor: r.actor_label,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityLabel: r.entity_label,
    operation: r.operation,
    before: r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : null,
    requestId: r.request_id,
  });
  return {
    /** Newest first. */
    async forEntity(entityType: string, entityId: number, limit = 100): Promise<HistoryEntry[]> {
      const rows = await k
        .selectFrom("audit_event")
        .selectAll()
        .where("entity_type", "=", entityType)
        .where("entity_id", "=", entityId)
        .orderBy("at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },

    /** A page of the whole log, newest first, optionally of one kind of record. */
    async list(options: { limit: number; offset: number; entityType?: string }): Promise<{ data: HistoryEntry[]; total: number }> {
      let q = k.selectFrom("audit_event");
      if (options.entityType) q = q.where("entity_type", "=", options.entityType);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(options.limit).offset(options.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return { data: rows.map(toEntry), total: Number(total.n) };
    },

    /** The kinds of record the log holds, for a filter. */
    async entityTypes(): Promise<string[]> {
      const rows = await k.selectFrom("audit_event").select("entity_type").distinct().orderBy("entity_type").execute();
      return rows.map((r) => r.entity_type);
    },

    async count(): Promise<number> {
      const row = await k.selectFrom("audit_event").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type HistoryRepository = ReturnType<typeof createHistoryRepository>;
