import type { Transaction } from "kysely";
import { attributionOf, type MonitorDefinitionFile } from "../domain/monitor/indicator-definition";
import type { MeasurementRow } from "../domain/monitor/types";
import { timestamp, type Clock } from "../domain/time";
import type { Db } from "./database";
import type { Database } from "./schema";

export interface DefinitionsReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Indicators in the database that the file no longer has (kept, with their figures). */
  notInFile: string[];
}

export class MonitorImportError extends Error {
  constructor(
    readonly code: "programme-not-found" | "theme-unknown",
    readonly params: Record<string, string | number>,
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
  }
}

/** Writes the indicator definitions of a file (matched by id); one transaction, nothing deleted. */
export async function importIndicatorDefinitions(
  db: Db,
  file: MonitorDefinitionFile,
  options: { dryRun?: boolean; clock?: Clock } = {},
): Promise<DefinitionsReport> {
  const now = timestamp(options.clock);
  const report: DefinitionsReport = { created: [], updated: [], unchanged: [], notInFile: [] };
  const run = async (trx: Transaction<Database>) => {
    const programme = await trx.selectFrom("programme").select("id").where("slug", "=", file.programme).executeTakeFirst();
    if (!programme) throw new MonitorImportError("programme-not-found", { programme: file.programme });
    const themes = new Set((await trx.selectFrom("theme").select("number").where("programme_id", "=", programme.id).execute()).map((t) => t.number));
    for (const d of file.indicators) if (!themes.has(d.theme)) throw new MonitorImportError("theme-unknown", { indicator: d.id, theme: d.theme });
    const existing = await trx.selectFrom("indicator").selectAll().where("programme_id", "=", programme.id).execute();
    const regionRows = existing.length
      ? await trx
          .selectFrom("indicator_region")
          .select(["indicator_id", "region"])
          .where(
            "indicator_id",
            "in",
            existing.map((e) => e.id),
          )
          .orderBy("position")
          .execute()
      : [];
    for (const [position, d] of file.indicators.entries()) {
      const values = {
        theme_number: d.theme,
        position,
        name: d.name,
        definition: d.definition,
        unit: d.unit,
        decimals: d.decimals,
        kind: d.kind,
        good_direction: d.goodDirection,
        region_aggregate: d.regionAggregate,
        source_type: d.source.type,
        source_table: d.source.type === "cbs" ? d.source.table : null,
        source_measure: d.source.type === "cbs" ? d.source.measure : null,
        source_title: d.source.type === "cbs" ? d.source.title : null,
        source_name: d.source.type === "other" ? d.source.name : null,
        source_url: d.source.type === "other" ? d.source.url : null,
        source_detail: JSON.stringify(
          d.source.type === "cbs" ? { v3Keys: d.source.v3Keys, dimensions: d.source.dimensions, equivalents: d.source.equivalents } : {},
        ),
        attribution: attributionOf(d),
        baseline_period: d.baselinePeriod ?? file.baselinePeriod,
        target_value: d.target?.value ?? null,
        target_year: d.target?.year ?? null,
        note: d.note ?? null,
      };
      const row = existing.find((e) => e.slug === d.id);
      if (!row) {
        report.created.push(d.id);
        if (options.dryRun) continue;
        const inserted = await trx
          .insertInto("indicator")
          .values({ ...values, programme_id: programme.id, slug: d.id, created_at: now, updated_at: now, version: 1 })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("indicator_region")
          .values(d.regions.map((region, i) => ({ indicator_id: inserted.id, region, position: i })))
          .execute();
        continue;
      }
      const oldRegions = regionRows.filter((r) => r.indicator_id === row.id).map((r) => r.region);
      const same =
        (Object.keys(values) as (keyof typeof values)[]).every((key) => row[key] === values[key]) &&
        JSON.stringify(oldRegions) === JSON.stringify(d.regions);
      if (same) {
        report.unchanged.push(d.id);
        continue;
      }
      report.updated.push(d.id);
      if (options.dryRun) continue;
      await trx
        .updateTable("indicator")
        .set({ ...values, updated_at: now, version: row.version + 1 })
        .where("id", "=", row.id)
        .execute();
      await trx.deleteFrom("indicator_region").where("indicator_id", "=", row.id).execute();
      await trx
        .insertInto("indicator_region")
        .values(d.regions.map((region, i) => ({ indicator_id: row.id, region, position: i })))
        .execute();
    }
    const ids = new Set(file.indicators.map((d) => d.id));
    report.notInFile = existing.filter((e) => !ids.has(e.slug)).map((e) => e.slug);
  };
  await db.kysely.transaction().execute(run);
  return report;
}

export interface ImportSource {
  /** "web", "cli", "cbs-api" or "start-up". */
  channel: string;
  userId?: number | null;
  format: string;
  /** The file's name or the address fetched. */
  sourceName: string;
  tableId: string | null;
  attribution: string;
  /** When the figures were taken from their source (ISO); null when unknown. */
  retrievedAt: string | null;
}

export interface MeasurementImportReport {
  added: number;
  changed: number;
  unchanged: number;
  perIndicator: { indicator: string; added: number; changed: number; unchanged: number }[];
  /** The import's id; null for a dry run. */
  importId: number | null;
}

const sameValue = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

/**
 * Writes figures in one transaction: new ones are added, different ones changed, equal ones left
 * alone (so importing the same file twice changes no figure). Every import is recorded with its
 * source, attribution and counts; a dry run writes nothing.
 */
export async function importMeasurements(
  db: Db,
  input: { programmeId: number; rows: MeasurementRow[]; source: ImportSource; dryRun?: boolean; clock?: Clock },
): Promise<MeasurementImportReport> {
  const now = timestamp(input.clock);
  const perIndicator = new Map<string, { indicator: string; added: number; changed: number; unchanged: number }>();
  const report: MeasurementImportReport = { added: 0, changed: 0, unchanged: 0, perIndicator: [], importId: null };
  const bump = (indicator: string, what: "added" | "changed" | "unchanged") => {
    const entry = perIndicator.get(indicator) ?? { indicator, added: 0, changed: 0, unchanged: 0 };
    entry[what]++;
    perIndicator.set(indicator, entry);
    report[what]++;
  };

  await db.kysely.transaction().execute(async (trx) => {
    const slugs = [...new Set(input.rows.map((r) => r.indicator))];
    const indicators = slugs.length
      ? await trx.selectFrom("indicator").select(["id", "slug"]).where("programme_id", "=", input.programmeId).where("slug", "in", slugs).execute()
      : [];
    const idOf = new Map(indicators.map((i) => [i.slug, i.id]));
    const missing = slugs.filter((s) => !idOf.has(s));
    if (missing.length > 0) throw new Error(`Unknown indicators: ${missing.join(", ")}`);
    const existingRows = indicators.length
      ? await trx
          .selectFrom("measurement")
          .select(["indicator_id", "region", "period", "value", "value_attribute", "status"])
          .where(
            "indicator_id",
            "in",
            indicators.map((i) => i.id),
          )
          .execute()
      : [];
    const existing = new Map(existingRows.map((m) => [`${m.indicator_id}|${m.region}|${m.period}`, m]));
    const inserts: MeasurementRow[] = [];
    const updates: MeasurementRow[] = [];
    for (const row of input.rows) {
      const old = existing.get(`${idOf.get(row.indicator)}|${row.region}|${row.period}`);
      if (!old) {
        inserts.push(row);
        bump(row.indicator, "added");
      } else if (!sameValue(old.value, row.value) || old.value_attribute !== row.valueAttribute || old.status !== row.status) {
        updates.push(row);
        bump(row.indicator, "changed");
      } else bump(row.indicator, "unchanged");
    }
    if (input.dryRun) return;
    const recorded = await trx
      .insertInto("monitor_import")
      .values({
        programme_id: input.programmeId,
        imported_at: now,
        channel: input.source.channel,
        user_id: input.source.userId ?? null,
        format: input.source.format,
        source_name: input.source.sourceName,
        table_id: input.source.tableId,
        attribution: input.source.attribution,
        retrieved_at: input.source.retrievedAt,
        added: report.added,
        changed: report.changed,
        unchanged: report.unchanged,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    report.importId = recorded.id;
    for (let i = 0; i < inserts.length; i += 400) {
      await trx
        .insertInto("measurement")
        .values(
          inserts.slice(i, i + 400).map((r) => ({
            indicator_id: idOf.get(r.indicator)!,
            region: r.region,
            period: r.period,
            value: r.value,
            value_attribute: r.valueAttribute,
            status: r.status,
            import_id: recorded.id,
            retrieved_at: input.source.retrievedAt,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    for (const r of updates) {
      await trx
        .updateTable("measurement")
        .set({
          value: r.value,
          value_attribute: r.valueAttribute,
          status: r.status,
          import_id: recorded.id,
          retrieved_at: input.source.retrievedAt,
          updated_at: now,
        })
        .where("indicator_id", "=", idOf.get(r.indicator)!)
        .where("region", "=", r.region)
        .where("period", "=", r.period)
        .execute();
    }
  });
  report.perIndicator = [...perIndicator.values()].sort((a, b) => a.indicator.localeCompare(b.indicator));
  return report;
}
