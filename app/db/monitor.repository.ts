import type { Selectable } from "kysely";
import { computeRegionSums, sortMeasurements } from "../domain/monitor/analysis";
import type { CbsKey, IndicatorSource } from "../domain/monitor/indicator-definition";
import type { MappableIndicator } from "../domain/monitor/map-observations";
import type { Indicator, IndicatorWithMeasurements, Measurement, MeasurementSource } from "../domain/monitor/types";
import type { MeasurementStatus } from "../domain/monitor/values";
import type { Db } from "./database";
import type { IndicatorTable, MeasurementTable } from "./schema";

/** What `source_detail` holds for a CBS source. */
interface SourceDetail {
  v3Keys: string[];
  dimensions: Record<string, string>;
  equivalents: CbsKey[];
}

export function indicatorFromRow(row: Selectable<IndicatorTable>, regions: string[]): Indicator {
  const detail = JSON.parse(row.source_detail) as SourceDetail;
  const source: IndicatorSource =
    row.source_type === "cbs"
      ? {
          type: "cbs",
          table: row.source_table ?? "",
          measure: row.source_measure,
          title: row.source_title ?? "",
          v3Keys: detail.v3Keys ?? [],
          dimensions: detail.dimensions ?? {},
          equivalents: detail.equivalents ?? [],
        }
      : { type: "other", name: row.source_name ?? "", url: row.source_url };
  return {
    id: row.slug,
    theme: row.theme_number,
    name: row.name,
    definition: row.definition,
    unit: row.unit,
    decimals: row.decimals,
    kind: row.kind as Indicator["kind"],
    goodDirection: row.good_direction as Indicator["goodDirection"],
    regions,
    regionAggregate: row.region_aggregate as Indicator["regionAggregate"],
    source,
    attribution: row.attribution,
    baselinePeriod: row.baseline_period,
    target: row.target_value !== null && row.target_year !== null ? { value: row.target_value, year: row.target_year } : null,
    note: row.note,
    position: row.position,
    updatedAt: row.updated_at,
  };
}

function measurementFromRow(row: Selectable<MeasurementTable>): Measurement {
  return {
    region: row.region,
    period: row.period,
    value: row.value === null ? null : Number(row.value),
    valueAttribute: row.value_attribute,
    status: row.status as MeasurementStatus,
    retrievedAt: row.retrieved_at,
    importId: row.import_id,
    computed: false,
  };
}

/** Reads the monitor: indicators with their regions, figures (with the computed LR071 sums) and sources. */
export function createMonitorRepository(db: Db) {
  const k = db.kysely;

  async function indicatorRows(programmeId: number, filter: { theme?: number; slug?: string } = {}) {
    let q = k.selectFrom("indicator").selectAll().where("programme_id", "=", programmeId);
    if (filter.theme !== undefined) q = q.where("theme_number", "=", filter.theme);
    if (filter.slug !== undefined) q = q.where("slug", "=", filter.slug);
    const rows = await q.orderBy("theme_number").orderBy("position").orderBy("slug").execute();
    if (rows.length === 0) return [];
    const regions = await k
      .selectFrom("indicator_region")
      .select(["indicator_id", "region"])
      .where(
        "indicator_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("indicator_id")
      .orderBy("position")
      .execute();
    return rows.map((row) => ({ row, indicator: indicatorFromRow(row, regions.filter((r) => r.indicator_id === row.id).map((r) => r.region)) }));
  }

  async function attachMeasurements(list: { row: Selectable<IndicatorTable>; indicator: Indicator }[]): Promise<IndicatorWithMeasurements[]> {
    if (list.length === 0) return [];
    const rows = await k
      .selectFrom("measurement")
      .selectAll()
      .where(
        "indicator_id",
        "in",
        list.map((x) => x.row.id),
      )
      .execute();
    return list.map(({ row, indicator }) => {
      const stored = rows.filter((m) => m.indicator_id === row.id).map(measurementFromRow);
      const measurements = sortMeasurements([...stored, ...computeRegionSums(indicator, stored)]);
      return { ...indicator, measurements };
    });
  }

  return {
    async count(programmeId: number): Promise<number> {
      const row = await k
        .selectFrom("indicator")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("programme_id", "=", programmeId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The indicators of a programme (or of one theme), in theme order, without figures. */
    async list(programmeId: number, filter: { theme?: number } = {}): Promise<Indicator[]> {
      return (await indicatorRows(programmeId, filter)).map((x) => x.indicator);
    },

    /** The indicators with all their figures, LR071 sums included, sorted by region and period. */
    async listWithMeasurements(programmeId: number, filter: { theme?: number } = {}): Promise<IndicatorWithMeasurements[]> {
      return attachMeasurements(await indicatorRows(programmeId, filter));
    },

    /** One indicator with its figures, or undefined. */
    async get(programmeId: number, slug: string): Promise<IndicatorWithMeasurements | undefined> {
      const [found] = await attachMeasurements(await indicatorRows(programmeId, { slug }));
      return found;
    },

    /** The imports that supplied an indicator's stored figures, newest first, with how many each supplied. */
    async sources(programmeId: number, slug: string): Promise<MeasurementSource[]> {
      const rows = await k
        .selectFrom("measurement")
        .innerJoin("indicator", "indicator.id", "measurement.indicator_id")
        .innerJoin("monitor_import", "monitor_import.id", "measurement.import_id")
        .select((eb) => [
          "monitor_import.id",
          "monitor_import.source_name",
          "monitor_import.table_id",
          "monitor_import.attribution",
          "monitor_import.retrieved_at",
          "monitor_import.imported_at",
          eb.fn.countAll<number>().as("n"),
        ])
        .where("indicator.programme_id", "=", programmeId)
        .where("indicator.slug", "=", slug)
        .groupBy([
          "monitor_import.id",
          "monitor_import.source_name",
          "monitor_import.table_id",
          "monitor_import.attribution",
          "monitor_import.retrieved_at",
          "monitor_import.imported_at",
        ])
        .orderBy("monitor_import.imported_at", "desc")
        .orderBy("monitor_import.id", "desc")
        .execute();
      return rows.map((r) => ({
        importId: r.id,
        sourceName: r.source_name,
        tableId: r.table_id,
        attribution: r.attribution,
        retrievedAt: r.retrieved_at,
        importedAt: r.imported_at,
        count: Number(r.n),
      }));
    },

    /** The latest imports of a programme. */
    async imports(programmeId: number, limit = 20) {
      const rows = await k
        .selectFrom("monitor_import")
        .selectAll()
        .where("programme_id", "=", programmeId)
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        importedAt: r.imported_at,
        channel: r.channel,
        format: r.format,
        sourceName: r.source_name,
        tableId: r.table_id,
        attribution: r.attribution,
        retrievedAt: r.retrieved_at,
        added: r.added,
        changed: r.changed,
        unchanged: r.unchanged,
      }));
    },

    /** What the importer needs to map files to a programme's indicators. */
    async mappable(programmeId: number): Promise<(MappableIndicator & { attribution: string; sourceTables: string[] })[]> {
      return (await indicatorRows(programmeId)).map(({ indicator }) => ({
        id: indicator.id,
        regions: indicator.regions,
        regionAggregate: indicator.regionAggregate,
        source: indicator.source,
        unit: indicator.unit,
        attribution: indicator.attribution,
        sourceTables: indicator.source.type === "cbs" ? [indicator.source.table, ...indicator.source.equivalents.map((e) => e.table)] : [],
      }));
    },
  };
}

export type MonitorRepository = ReturnType<typeof createMonitorRepository>;
