import type { Kysely } from "kysely";
import type { Dialect } from "../database";
import { idColumn } from "./helpers";

/**
 * The programme's money and people (decision 0023). Every amount is a whole number of euro cents
 * (`bigint`: sums reach beyond PostgreSQL's `integer`). `budget_year` is one row per programme and
 * year: it holds the programme manager's mandate, and every change to that year's money locks it
 * first, so that two allocations cannot both see the same room. Capacity is a whole number of
 * hundredths of its unit (hours or FTE), so that 0.25 FTE adds up exactly too.
 */
// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("budget_year")
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("mandate_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("mandate_decision_id", "integer", (c) => c.references("decision.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("budget_year_pk", ["programme_id", "year"])
    .execute();

  await idColumn(db.schema.createTable("budget_source"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("budget_source_programme_year").on("budget_source").columns(["programme_id", "year"]).execute();

  await idColumn(db.schema.createTable("budget_allocation"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("action_id", "integer", (c) => c.references("action.id").onDelete("cascade"))
    .addColumn("cost_kind", "text")
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decision_id", "integer", (c) => c.references("decision.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("budget_allocation_programme_year").on("budget_allocation").columns(["programme_id", "year"]).execute();
  await db.schema.createIndex("budget_allocation_action").on("budget_allocation").column("action_id").execute();

  await idColumn(db.schema.createTable("budget_spending"), dialect)
    .addColumn("allocation_id", "integer", (c) => c.notNull().references("budget_allocation.id").onDelete("cascade"))
    .addColumn("spent_on", "text", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("budget_spending_allocation").on("budget_spending").column("allocation_id").execute();

  await idColumn(db.schema.createTable("capacity_commitment"), dialect)
    .addColumn("programme_id", "integer", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("action_id", "integer", (c) => c.notNull().references("action.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("amount_hundredths", "integer", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("capacity_commitment_programme_year").on("capacity_commitment").columns(["programme_id", "year"]).execute();
}
