import { GOOD_DIRECTIONS, INDICATOR_KINDS, REGION_AGGREGATES } from "../domain/monitor/indicator-definition";
import { MEASUREMENT_STATUSES } from "../domain/monitor/values";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../domain/programmes/action-filters";
import { INDICATOR_CSV_HEADERS } from "../presenters/indicator";
import type { OperationObject, ParameterObject, Ref, ResponseObject, SchemaObject } from "./openapi";

/** The economic monitor's part of the OpenAPI document (merged into it by `openApiDocument`). */

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID_HEADER: Record<string, Ref> = { "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" } };
const str = (description?: string): SchemaObject => ({ type: "string", ...(description ? { description } : {}) });
const nullableString = (description: string): SchemaObject => ({ type: ["string", "null"], description });

function object(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return { type: "object", ...(description ? { description } : {}), properties, required: Object.keys(properties), additionalProperties: false };
}

const PERIOD_PATTERN = "^[0-9]{4}(JJ00|KW0[1-4]|MM(0[1-9]|1[0-2]))$";

const schemas: Record<string, SchemaObject> = {
  MeasurementStatus: {
    type: "string",
    enum: MEASUREMENT_STATUSES,
    description: "CBS's status of the figure: `final` (definitief), `provisional` (voorlopig), `revised-provisional` (nader voorlopig).",
  },
  Measurement: object(
    {
      region: str(
        "CBS region code (`GM0546` Leiden, `GM0547` Leiderdorp, `GM0579` Oegstgeest, `GM0626` Voorschoten, `GM0638` Zoeterwoude, `PV28` Zuid-Holland, `NL01` the Netherlands, `CR25` COROP area) or `LR071`, Regie's code for the five municipalities together (their sum for count indicators, computed by Regie; see the indicator's `regions[].computed`).",
      ),
      period: { type: "string", pattern: PERIOD_PATTERN, description: "CBS period code: `2024JJ00` a year, `2014KW02` a quarter, `2014MM03` a month." },
      value: { type: ["number", "null"], description: "The figure as published, in the indicator's unit; null when there is none (see valueAttribute)." },
      valueAttribute: str(
        "CBS's value attribute: `None` for a figure; otherwise why there is none: `Impossible` (cannot exist or not yet published), `Missing` (CBS `.`), `Confidential` (CBS `x`), `Empty`; `Nil` (CBS `-`) is a zero. `Incomplete` is Regie's own: an LR071 sum that lacks a municipality's figure.",
      ),
      status: ref("MeasurementStatus"),
      retrievedAt: { type: ["string", "null"], format: "date-time", description: "When the figure was taken from its source, when known." },
    },
    "One figure: an indicator's value for a region and a period.",
  ),
  IndicatorSource: {
    oneOf: [
      object(
        {
          type: { type: "string", const: "cbs" },
          table: str("CBS table id, e.g. `83625NED`."),
          measure: nullableString("The v4 measure identifier, e.g. `M001534`; null while not chosen yet."),
          title: str("The table's title."),
          url: str("The table on the CBS data portal."),
        },
        "A CBS StatLine table and measure (CC BY 4.0, cite \"Bron: CBS\" with the table id).",
      ),
      object({ type: { type: "string", const: "other" }, name: str(), url: nullableString("Where the source is published, when known.") }, "Another named source."),
    ],
  },
  IndicatorRegion: object({
    code: str("CBS region code, or `LR071`."),
    name: str("The region's Dutch name."),
    computed: { type: "boolean", description: "True when Regie computes the figures (LR071 as the sum of the five municipalities)." },
  }),
  Indicator: object(
    {
      id: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", description: "Stable slug of the indicator." },
      theme: { type: "integer", minimum: 1, description: "Number of the programme's theme the indicator belongs to." },
      name: str(),
      definition: str(),
      unit: str("The unit the values are in, as CBS writes it (`aantal`, `%`, `euro`, `x 1 000`, `1 000 euro`, `km`)."),
      decimals: { type: "integer", minimum: 0, maximum: 4, description: "Decimals to show." },
      kind: { type: "string", enum: INDICATOR_KINDS, description: "Only `count` indicators are summed over municipalities." },
      goodDirection: { type: "string", enum: GOOD_DIRECTIONS, description: "Which direction the programme regards as good; `neutral` when neither." },
      source: ref("IndicatorSource"),
      attribution: str('The attribution to show with the figures, e.g. "Bron: CBS, tabel 83625NED (…), CC BY 4.0".'),
      licence: { type: ["string", "null"], description: "SPDX id of the figures' licence (CBS: `CC-BY-4.0`); null for other sources." },
      regions: { type: "array", items: ref("IndicatorRegion"), description: "The regions the indicator is measured for, in display order." },
      regionAggregate: { type: ["string", "null"], enum: [...REGION_AGGREGATES, null], description: "How LR071 is made: `sum` of the five municipalities, or `stated` by the programme; null without LR071." },
      baselinePeriod: { type: "string", pattern: PERIOD_PATTERN, description: "The programme's baseline period (autumn 2013: the figures over 2013)." },
      baseline: object(
        {
          period: { type: ["string", "null"], description: "The period used as baseline: `baselinePeriod` when it has a figure, else the earliest period with one; null without figures." },
          substitute: { type: "boolean", description: "True when the earliest loaded period stands in for the programme's baseline." },
        },
        "The baseline in use.",
      ),
      target: {
        anyOf: [object({ value: { type: "number" }, year: { type: "integer" } }), { type: "null" }],
        description: "The programme's target for the indicator, when it has one.",
      },
      note: nullableString("Remarks on the figures."),
      measurements: { type: "array", items: ref("Measurement"), description: "Every figure, by region (in `regions` order) then period." },
      updatedAt: { type: "string", format: "date-time" },
    },
    "A monitor indicator with its figures.",
  ),
  IndicatorList: object(
    {
      data: { type: "array", items: ref("Indicator") },
      total: { type: "integer", minimum: 0 },
      limit: { type: "integer", minimum: 1, maximum: MAX_LIMIT },
      offset: { type: "integer", minimum: 0 },
    },
    "A page of indicators.",
  ),
};

const parameters: Record<string, ParameterObject> = {
  indicatorId: {
    name: "id",
    in: "path",
    required: true,
    description: "The indicator's id, e.g. `verkoopprijs-koopwoningen`.",
    schema: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", maxLength: 80 },
  },
  indicatorTheme: {
    name: "theme",
    in: "query",
    required: false,
    description: "Only the indicators of this theme (its number). A theme the programme does not have is a 400.",
    schema: { type: "integer", minimum: 1, maximum: 999 },
  },
};

const json = (schema: SchemaObject, description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: { "application/json": { schema } },
});

const csv = (description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: {
    "text/csv": {
      schema: {
        type: "string",
        description: `UTF-8 with byte-order mark; \`;\`-separated; CRLF line ends; decimal point. Columns: ${INDICATOR_CSV_HEADERS.map((h) => `\`${h}\``).join(", ")}. \`regie import-monitor\` reads it back.`,
      },
      example: "\uFEFFindicator;theme;region;regionName;period;value;valueAttribute;status;unit;retrievedAt;attribution\r\nverkoopprijs-koopwoningen;4;GM0546;Leiden;2015JJ00;236456;None;final;euro;2026-07-17T16:32:24.005Z;Bron: CBS, …\r\n",
    },
  },
});

const operation = (o: Omit<OperationObject, "tags">): { get: OperationObject } => ({ get: { ...o, tags: ["monitor"] } });

export function monitorOpenApi() {
  return {
    tag: {
      name: "monitor",
      description:
        "The economic monitor (action 61): indicators per theme with their figures per region and period, mostly from CBS StatLine (CC BY 4.0; cite \"Bron: CBS\" and the table id given in each indicator's `attribution`).",
    },
    schemas,
    parameters,
    paths: {
      "/programmes/{slug}/indicators": operation({
        operationId: "listIndicators",
        summary: "A programme's monitor indicators with their figures",
        description: `In theme order. Paged like the other lists (\`limit\` 1 to ${MAX_LIMIT}, ${DEFAULT_LIMIT} by default).`,
        parameters: [param("programmeSlug"), param("indicatorTheme"), param("limit"), param("offset")],
        responses: { "200": json(ref("IndicatorList"), "A page of indicators."), "400": response("BadRequest"), "404": response("NotFound") },
      }),
      "/programmes/{slug}/indicators.csv": operation({
        operationId: "downloadIndicatorsCsv",
        summary: "All figures of a programme's monitor as CSV",
        parameters: [param("programmeSlug"), param("indicatorTheme")],
        responses: { "200": csv("One row per indicator, region and period, sent as a download."), "400": response("BadRequest"), "404": response("NotFound") },
      }),
      "/programmes/{slug}/indicators/{id}": operation({
        operationId: "getIndicator",
        summary: "One indicator with its figures",
        parameters: [param("programmeSlug"), param("indicatorId")],
        responses: { "200": json(ref("Indicator"), "The indicator."), "400": response("BadRequest"), "404": response("NotFound") },
      }),
      "/programmes/{slug}/indicators/{id}.csv": operation({
        operationId: "downloadIndicatorCsv",
        summary: "One indicator's figures as CSV",
        parameters: [param("programmeSlug"), param("indicatorId")],
        responses: { "200": csv("One row per region and period, sent as a download."), "400": response("BadRequest"), "404": response("NotFound") },
      }),
    },
  };
}
