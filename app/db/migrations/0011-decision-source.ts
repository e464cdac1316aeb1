import type { Kysely } from "kysely";
import type { Dialect } from "../database";

/**
 * Where a decision comes from: "steering-group" (recorded from the steering group's decisions,
 * the programme document's own included) or "import" (a category change that re-importing a
 * programme document made, recorded so that the category history and "as of" views agree with
 * the action's category). Decisions recorded before this migration are the steering group's.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("decision")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("steering-group"))
    .execute();
}
