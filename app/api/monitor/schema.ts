import { z } from "zod";
import { GOOD_DIRECTIONS, INDICATOR_KINDS, REGION_AGGREGATES } from "../../domain/monitor/indicator-definition";
import { MEASUREMENT_STATUSES } from "../../domain/monitor/values";
import { DEFAULT_LIMIT } from "../../domain/programmes/action-filter-links";
import { MAX_LIMIT } from "../../domain/programmes/action-filters";
import { INDICATOR_CSV_HEADERS } from "../../presenters/indicator";
import { area, listOf, op, type Answer } from "../schema";

/** The economic monitor: the shapes the API answers with, and the operations. */

const periodCode = z.string().regex(/^[0-9]{4}(JJ00|KW0[1-4]|MM(0[1-9]|1[0-2]))$/);

const measurementSchema = z
  .strictObject({
    region: z
      .string()
      .describe(
        "CBS region code (`GM0546` Leiden, `GM0547` Leiderdorp, `GM0579` Oegstgeest, `GM0626` Voorschoten, `GM0638` Zoeterwoude, `PV28` Zuid-Holland, `NL01` the Netherlands, `CR25` COROP area) or `LR071`, Regie's code for the five municipalities together (their sum for count indicators, computed by Regie; see the indicator's `regions[].computed`).",
      ),
    period: periodCode.describe("CBS period code: `2024JJ00` a year, `2014KW02` a quarter, `2014MM03` a month."),
    value: z.number().nullable().describe("The figure as published, in the indicator's unit; null when there is none (see valueAttribute)."),
    valueAttribute: z
      .string()
      .describe(
        "CBS's value attribute: `None` for a figure; otherwise why there is none: `Impossible` (cannot exist or not yet published), `Missing` (CBS `.`), `Confidential` (CBS `x`), `Empty`; `Nil` (CBS `-`) is a zero. `Incomplete` is Regie's own: an LR071 sum that lacks a municipality's figure.",
      ),
    status: z.enum(MEASUREMENT_STATUSES).meta({
      id: "MeasurementStatus",
      description: "CBS's status of the figure: `final` (definitief), `provisional` (voorlopig), `revised-provisional` (nader voorlopig).",
    }),
    retrievedAt: z.iso.datetime().nullable().describe("When the figure was taken from its source, when known."),
  })
  .meta({ id: "Measurement", description: "One figure: an indicator's value for a region and a period." });

const sourceSchema = z
  .union([
    z
      .strictObject({
        type: z.literal("cbs"),
        table: z.string().describe("CBS table id, e.g. `83625NED`."),
        measure: z.string().nullable().describe("The v4 measure identifier, e.g. `M001534`; null while not chosen yet."),
        title: z.string().describe("The table's title."),
        url: z.string().describe("The table on the CBS data portal."),
      })
      .describe('A CBS StatLine table and measure (CC BY 4.0, cite "Bron: CBS" with the table id).'),
    z
      .strictObject({ type: z.literal("other"), name: z.string(), url: z.string().nullable().describe("Where the source is published, when known.") })
      .describe("Another named source."),
  ])
  .meta({ id: "IndicatorSource" });

export const indicatorSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).describe("Stable slug of the indicator."),
    theme: z.int().min(1).describe("Number of the programme's theme the indicator belongs to."),
    name: z.string(),
    definition: z.string(),
    unit: z.string().describe("The unit the values are in, as CBS writes it (`aantal`, `%`, `euro`, `x 1 000`, `1 000 euro`, `km`)."),
    decimals: z.int().min(0).max(4).describe("Decimals to show."),
    kind: z.enum(INDICATOR_KINDS).describe("Only `count` indicators are summed over municipalities."),
    goodDirection: z.enum(GOOD_DIRECTIONS).describe("Which direction the programme regards as good; `neutral` when neither."),
    source: sourceSchema,
    attribution: z.string().describe('The attribution to show with the figures, e.g. "Bron: CBS, tabel 83625NED (…), CC BY 4.0".'),
    licence: z.string().nullable().describe("SPDX id of the figures' licence (CBS: `CC-BY-4.0`); null for other sources."),
    regions: z
      .array(
        z
          .strictObject({
            code: z.string().describe("CBS region code, or `LR071`."),
            name: z.string().describe("The region's Dutch name."),
            computed: z.boolean().describe("True when Regie computes the figures (LR071 as the sum of the five municipalities)."),
          })
          .meta({ id: "IndicatorRegion" }),
      )
      .describe("The regions the indicator is measured for, in display order."),
    regionAggregate: z
      .enum(REGION_AGGREGATES)
      .nullable()
      .describe("How LR071 is made: `sum` of the five municipalities, or `stated` by the programme; null without LR071."),
    baselinePeriod: periodCode.describe("The programme's baseline period (autumn 2013: the figures over 2013)."),
    baseline: z
      .strictObject({
        period: z
          .string()
          .nullable()
          .describe("The period used as baseline: `baselinePeriod` when it has a figure, else the earliest period with one; null without figures."),
        substitute: z.boolean().describe("True when the earliest loaded period stands in for the programme's baseline."),
      })
      .describe("The baseline in use."),
    target: z
      .strictObject({ value: z.number(), year: z.int() })
      .nullable()
      .describe("The programme's target for the indicator, when it has one."),
    note: z.string().nullable().describe("Remarks on the figures."),
    measurements: z.array(measurementSchema).describe("Every figure, by region (in `regions` order) then period."),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Indicator", description: "A monitor indicator with its figures." });

export const indicatorListSchema = listOf(indicatorSchema, "IndicatorList", "A page of indicators.");

export type IndicatorBody = z.infer<typeof indicatorSchema>;

// ---- Operations

const csv = (description: string): Answer => ({
  description,
  csv: {
    description: `UTF-8 with byte-order mark; \`;\`-separated; CRLF line ends; decimal point. Columns: ${INDICATOR_CSV_HEADERS.map((h) => `\`${h}\``).join(", ")}. \`regie import-monitor\` reads it back.`,
    example:
      "\uFEFFindicator;theme;region;regionName;period;value;valueAttribute;status;unit;retrievedAt;attribution\r\nverkoopprijs-koopwoningen;4;GM0546;Leiden;2015JJ00;236456;None;final;euro;2026-07-17T16:32:24.005Z;Bron: CBS, …\r\n",
  },
});

export const monitorOperations = area("monitor", undefined, {
  "get /programmes/{slug}/indicators": op("listIndicators", "A programme's monitor indicators with their figures", {
    description: `In theme order. Paged like the other lists (\`limit\` 1 to ${MAX_LIMIT}, ${DEFAULT_LIMIT} by default).`,
    query: ["indicatorTheme"],
    list: true,
    answers: { 200: { description: "A page of indicators.", schema: indicatorListSchema } },
  }),
  "get /programmes/{slug}/indicators.csv": op("downloadIndicatorsCsv", "All figures of a programme's monitor as CSV", {
    query: ["indicatorTheme"],
    answers: { 200: csv("One row per indicator, region and period, sent as a download.") },
  }),
  "get /programmes/{slug}/indicators/{id}": op("getIndicator", "One indicator with its figures", {
    answers: { 200: { description: "The indicator.", schema: indicatorSchema } },
  }),
  "get /programmes/{slug}/indicators/{id}.csv": op("downloadIndicatorCsv", "One indicator's figures as CSV", {
    answers: { 200: csv("One row per region and period, sent as a download.") },
  }),
});
