import type { Transaction } from "kysely";
import type { Database } from "./schema";

export interface Actor {
  userId: number | null;
  /** How the actor is shown in history: a name, or "Regie" / "CLI" for the system. */
  label: string;
}

export interface AuditEntry {
  actor: Actor;
  at: string;
  programmeId: number | null;
  entityType: string;
  entityId: number | null;
  entityLabel: string;
  operation: string;
  before: unknown;
  after: unknown;
  requestId?: string | null;
}

/** Records one change in the history, inside the transaction that makes the change. */
export async function recordAudit(trx: Transaction<Database>, e: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_event")
    .values({
      at: e.at,
      actor_user_id: e.actor.userId,
      actor_label: e.actor.label,
      programme_id: e.programmeId,
      entity_type: e.entityType,
      entity_id: e.entityId,
      entity_label: e.entityLabel,
      operation: e.operation,
      before_json: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      request_id: e.requestId ?? null,
    })
    .execute();
}
