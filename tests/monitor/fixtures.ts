import { readFileSync } from "node:fs";
import { join } from "node:path";
import { monitorDefinitionFileSchema, type MonitorDefinitionFile } from "../../app/domain/monitor/indicator-definition";
import type { MappableIndicator } from "../../app/domain/monitor/map-observations";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CBS = join(ROOT, "data", "sources", "cbs", "cbs-odata-example");
export const V4 = join(CBS, "v4");
export const V3 = join(CBS, "v3");
export const MONITOR_DATA = join(ROOT, "data", "monitor");

/** The real 83625NED capture with 2025 (the default data leaves that year out). */
export const FULL_83625NED = join(V4, "83625NED", "observations-page-1.json");

export function read(file: string): string {
  return readFileSync(file, "utf8");
}

export function readJson(file: string): unknown {
  return JSON.parse(read(file)) as unknown;
}

/** The shipped indicator definitions. */
export function definitions(): MonitorDefinitionFile {
  return monitorDefinitionFileSchema.parse(readJson(join(MONITOR_DATA, "indicators.json")));
}

export function mappable(): MappableIndicator[] {
  return definitions().indicators.map((d) => ({ id: d.id, regions: d.regions, regionAggregate: d.regionAggregate, source: d.source, unit: d.unit }));
}

/** Observations of a v4 file, by region and period, straight from the JSON (to compare with). */
export function v4Values(file: string, measure: string): Map<string, { value: number | null; attribute: string }> {
  const json = readJson(file) as { value: { Measure: string; RegioS: string; Perioden: string; Value: number | null; ValueAttribute: string }[] };
  return new Map(json.value.filter((o) => o.Measure === measure).map((o) => [`${o.RegioS}|${o.Perioden}`, { value: o.Value, attribute: o.ValueAttribute }]));
}
