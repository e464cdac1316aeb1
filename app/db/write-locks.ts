import { sql, type Transaction } from "kysely";
import type { Dialect } from "./database";
import type { Database } from "./schema";

/**
 * Serialising concurrent writers. SQLite runs one transaction at a time on the server's single
 * connection, so only PostgreSQL needs these: a read that locks the row it reads (so that two
 * writers with the same expected version cannot both pass the version check), and a lock for
 * changes to the organisation registry, whose uniqueness rules (names and aliases across
 * organisations) no single row or index can hold.
 */
export function forUpdate<Q extends { forUpdate(): Q }>(query: Q, dialect: Dialect): Q {
  return dialect === "postgres" ? query.forUpdate() : query;
}

/** An arbitrary, fixed key for the registry's advisory lock (released at commit or rollback). */
const REGISTRY_LOCK = 710_071;

export async function lockOrganisationRegistry(trx: Transaction<Database>, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") await sql`SELECT pg_advisory_xact_lock(${REGISTRY_LOCK})`.execute(trx);
}
