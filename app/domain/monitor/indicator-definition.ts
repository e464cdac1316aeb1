import { z } from "zod";
import { text } from "../primitives";
import { parsePeriod } from "./periods";
import { REGION_AGGREGATE_CODE, regionInfo } from "./regions";

/**
 * The reviewable form of the monitor's indicators (`data/monitor/indicators.json`): what each
 * indicator measures, where its figures come from, and for which regions.
 */

const slug = text().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a slug: lower-case letters, digits and single hyphens");
const tableId = text().regex(/^[0-9]{4,5}[A-Za-z]{2,3}$/, "a CBS table id such as 83625NED");
const periodCode = text().refine((v) => parsePeriod(v) !== undefined, "a CBS period code such as 2013JJ00, 2014KW02 or 2014MM03");
const regionCode = text().refine((v) => regionInfo(v) !== undefined, "a region code the monitor knows (GM0546 … NL01, LR071)");

/** One CBS table and measure that publishes an indicator's figure. */
export const cbsKeySchema = z.object({
  table: tableId,
  /** The v4 measure identifier (stable across table revisions); null while not chosen yet. */
  measure: text().min(1).max(40).nullable(),
  /** The v3 topic keys of the same figure (they change with each table revision). */
  v3Keys: z.array(text().min(1).max(80)).default([]),
  /** Other dimensions fixed to one code, e.g. {"Geslacht": "T001038"} for "men and women". */
  dimensions: z.record(z.string(), text()).default({}),
});

export const indicatorSourceSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("cbs"),
    table: tableId,
    measure: text().min(1).max(40).nullable(),
    /** The table's title on StatLine. */
    title: text().min(1),
    v3Keys: z.array(text().min(1).max(80)).default([]),
    dimensions: z.record(z.string(), text()).default({}),
    /** Other CBS tables that publish exactly the same figure (checked where they overlap). */
    equivalents: z.array(cbsKeySchema).default([]),
  }),
  // Shown as a link on public pages: only http(s), never javascript: or data:.
  z.object({ type: z.literal("other"), name: text().min(1), url: z.url({ protocol: /^https?$/ }).nullable() }),
]);

export const INDICATOR_KINDS = ["count", "percentage", "average", "ratio"] as const;
export const GOOD_DIRECTIONS = ["up", "down", "neutral"] as const;
export const REGION_AGGREGATES = ["sum", "stated"] as const;

export const indicatorDefinitionSchema = z
  .object({
    id: slug.max(80),
    theme: z.number().int().min(1).max(999),
    name: text().min(1).max(200),
    definition: text().min(1).max(4000),
    unit: text().min(1).max(60),
    decimals: z.number().int().min(0).max(4),
    /** count indicators may be summed over the municipalities; the others may not. */
    kind: z.enum(INDICATOR_KINDS),
    goodDirection: z.enum(GOOD_DIRECTIONS),
    regions: z.array(regionCode).min(1),
    /** How LR071 is made: the sum of the five municipalities, or a figure the programme states. */
    regionAggregate: z.enum(REGION_AGGREGATES).nullable().default(null),
    source: indicatorSourceSchema,
    /** "Bron: …" as it must be shown; for CBS sources made from the table when left out. */
    attribution: text().min(1).max(400).optional(),
    /** Defaults to the programme's baseline period. */
    baselinePeriod: periodCode.optional(),
    target: z.object({ value: z.number(), year: z.number().int().min(1900).max(2200) }).nullable().default(null),
    note: text().max(2000).optional(),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.regions).size !== d.regions.length) ctx.addIssue({ code: "custom", path: ["regions"], message: "a region is listed twice" });
    const hasAggregate = d.regions.includes(REGION_AGGREGATE_CODE);
    if (d.regionAggregate === "sum" && d.kind !== "count") {
      ctx.addIssue({ code: "custom", path: ["regionAggregate"], message: "only count indicators may be summed over the municipalities" });
    }
    if (hasAggregate && d.regionAggregate === null) {
      ctx.addIssue({ code: "custom", path: ["regionAggregate"], message: `${REGION_AGGREGATE_CODE} needs regionAggregate "sum" or "stated"` });
    }
    if (!hasAggregate && d.regionAggregate !== null) {
      ctx.addIssue({ code: "custom", path: ["regions"], message: `regionAggregate is set, so ${REGION_AGGREGATE_CODE} must be one of the regions` });
    }
    if (d.source.type === "other" && !d.attribution) {
      ctx.addIssue({ code: "custom", path: ["attribution"], message: "a source other than CBS needs its attribution" });
    }
  });

export const monitorDefinitionFileSchema = z
  .object({
    $comment: text().optional(),
    programme: slug,
    /** The programme's baseline: autumn 2013, the figures over 2013. */
    baselinePeriod: periodCode,
    indicators: z.array(indicatorDefinitionSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.indicators.forEach((i, n) => {
      if (seen.has(i.id)) ctx.addIssue({ code: "custom", path: ["indicators", n, "id"], message: `indicator id ${i.id} is used twice` });
      seen.add(i.id);
    });
  });

export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;
export type CbsKey = z.infer<typeof cbsKeySchema>;
export type MonitorDefinitionFile = z.infer<typeof monitorDefinitionFileSchema>;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export type GoodDirection = (typeof GOOD_DIRECTIONS)[number];
export type RegionAggregate = (typeof REGION_AGGREGATES)[number];

/** "Bron: CBS, tabel 83625NED (…), CC BY 4.0", or the stated attribution. */
export function attributionOf(d: Pick<IndicatorDefinition, "attribution" | "source">): string {
  if (d.attribution) return d.attribution;
  if (d.source.type === "cbs") return `Bron: CBS, tabel ${d.source.table} (${d.source.title}), CC BY 4.0`;
  return d.source.name;
}

/** Every CBS table/measure that feeds an indicator: its own source first, then the equivalents. */
export function cbsKeysOf(source: IndicatorSource): CbsKey[] {
  if (source.type !== "cbs") return [];
  return [{ table: source.table, measure: source.measure, v3Keys: source.v3Keys, dimensions: source.dimensions }, ...source.equivalents];
}
