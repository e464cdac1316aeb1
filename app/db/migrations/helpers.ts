import type { CreateTableBuilder } from "kysely";
import type { Dialect } from "../database";

/** Adds an auto-numbered `id` primary key in the way each dialect does it. */
export function idColumn<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, "id"> {
  return dialect === "postgres"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}
