import { DEFAULT_LIMIT, MAX_LIMIT } from "../domain/programmes/action-filters";
import { CATEGORY_COLOURS, LINK_TYPES, ORGANISATION_KINDS } from "../domain/programmes/programme-document";
import { monitorOpenApi } from "./monitor-openapi";
import { planOpenApi } from "./plan-openapi";
import { decisionOpenApi } from "./decision-openapi";
import { progressOpenApi } from "./progress-openapi";
import { editingOpenApi, MOVED_ORGANISATION, withEditingPaths, withETag } from "./editing-openapi";

/**
 * The OpenAPI 3.1 description of the open-data API, served at /api/v1/openapi.json.
 *
 * Written by hand to match `router.ts` and the presenters (`app/presenters/`) field for field;
 * `tests/api/openapi.test.ts` checks that every route is described and that real answers fit the
 * schemas (every object schema is closed with `additionalProperties: false`, so a field added to a
 * presenter without being described here fails that test).
 */

// ---- The parts of OpenAPI 3.1 / JSON Schema 2020-12 this document uses ----

type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

export interface SchemaObject {
  $ref?: string;
  type?: JsonType | JsonType[];
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  enum?: readonly (string | number | null)[];
  const?: string | number;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  examples?: unknown[];
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header";
  description: string;
  required?: boolean;
  schema: SchemaObject;
  style?: "form" | "simple";
  explode?: boolean;
}

export type Ref = { $ref: string };

export interface MediaTypeObject {
  schema: SchemaObject;
  example?: unknown;
}

export interface HeaderObject {
  description: string;
  schema: SchemaObject;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Ref>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (ParameterObject | Ref)[];
  requestBody?: { required: boolean; description?: string; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | Ref>;
}

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The operations of one path; the read-only API has only `get`, writes add the others. */
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: {
    title: string;
    version: string;
    summary?: string;
    description: string;
    license: { name: string; identifier: string };
  };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    headers: Record<string, HeaderObject>;
  };
}

// ---- Small helpers that keep the document readable ----

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const nullable = (schema: SchemaObject): SchemaObject => ({ anyOf: [schema, { type: "null" }] });
const string = (description?: string): SchemaObject => ({
  type: "string",
  ...(description ? { description } : {}),
});
const nullableString = (description: string): SchemaObject => ({ type: ["string", "null"], description });
const integer = (description?: string, extra: Partial<SchemaObject> = {}): SchemaObject => ({
  type: "integer",
  ...(description ? { description } : {}),
  ...extra,
});
const arrayOf = (items: SchemaObject, description?: string): SchemaObject => ({
  type: "array",
  items,
  ...(description ? { description } : {}),
});

/** A closed object: every property listed is required, no other property appears. */
function object(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** The list envelope every list answer has. */
function listOf(item: string, description: string): SchemaObject {
  return object(
    {
      data: arrayOf(ref(item), "This page of the list."),
      total: integer("How many items the whole list holds (with the same filters), not just this page.", {
        minimum: 0,
      }),
      limit: integer("The page size used.", { minimum: 1, maximum: MAX_LIMIT }),
      offset: integer("How many items were skipped.", { minimum: 0 }),
    },
    description,
  );
}

const REQUEST_ID_HEADER: Record<string, Ref> = {
  "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
};

const json = (schema: SchemaObject, description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: { "application/json": { schema } },
});

// ---- Schemas, one per presenter ----

const schemas: Record<string, SchemaObject> = {
  OrganisationKind: {
    type: "string",
    enum: ORGANISATION_KINDS,
    description: "What kind of party an organisation is.",
  },
  LinkType: {
    type: "string",
    enum: LINK_TYPES,
    description:
      "How an action relates to its target: `related` (see also), `prerequisiteFor` (this action must be done first), `enables` (this action leads to the target).",
  },
  CategoryColour: {
    type: "string",
    enum: CATEGORY_COLOURS,
    description: "The traffic-light colour the steering group gave a category.",
  },

  Period: object(
    { start: integer("First year."), end: integer("Last year.") },
    "The years a programme runs, both included.",
  ),

  OrganisationSummary: object(
    {
      name: string("Display name."),
      slug: string("Stable key, used in URLs and filters."),
      kind: ref("OrganisationKind"),
    },
    "An organisation named in a programme.",
  ),

  OrganisationRef: object(
    {
      name: string(),
      slug: string(),
      kind: ref("OrganisationKind"),
      qualifier: nullableString('A remark the document adds to this role, such as "tot eind 2013".'),
    },
    "An organisation in one of an action's roles.",
  ),

  ProgrammeSummary: object(
    {
      slug: string("Stable key of the programme."),
      title: string(),
      subtitle: string(),
      period: ref("Period"),
      isDefault: { type: "boolean", description: "Whether this is the programme shown at the start page." },
    },
    "A programme in the list of programmes.",
  ),

  CategoryDefinition: object(
    {
      code: integer(undefined, { minimum: 1, maximum: 4 }),
      colour: ref("CategoryColour"),
      label: string(),
      description: string(),
    },
    "One of the programme's action categories, as the document defines it.",
  ),

  Intention: object({ code: string('Numbered within its theme, e.g. "2.1".'), text: string() }),

  Participation: object(
    {
      municipality: ref("OrganisationSummary"),
      status: { type: "string", enum: ["participating", "undecided", "not-participating"] },
      note: nullableString("The document's footnote about this municipality's part."),
    },
    "A municipality whose part in a theme differs from full participation.",
  ),

  Theme: object({
    number: integer(undefined, { minimum: 1 }),
    title: string(),
    goal: string('The "Doelstelling" section; paragraphs separated by a blank line.'),
    intentionsIntro: nullableString("The sentence that introduces the intentions."),
    intentions: arrayOf(ref("Intention")),
    participation: arrayOf(ref("Participation")),
  }),

  Section: object({
    heading: string(),
    paragraphs: arrayOf(string(), 'List items are paragraphs that start with "- ".'),
  }),

  OrganisationChapter: object(
    {
      number: integer(),
      title: string(),
      groups: arrayOf(string(), "Group headings of the chapter's actions."),
    },
    "The closing chapter about running the programme; its actions have no theme but a group.",
  ),

  CategoryCount: object({
    category: {
      type: ["integer", "null"],
      description: "Category code; null for actions without a category.",
    },
    count: integer(undefined, { minimum: 0 }),
  }),

  Programme: object(
    {
      slug: string(),
      title: string(),
      subtitle: string(),
      language: string("Language of the programme's own texts (BCP 47)."),
      period: ref("Period"),
      adoptedOn: { type: ["string", "null"], format: "date", description: "When the programme was adopted." },
      adoptedBy: nullableString("Who adopted it."),
      isDefault: { type: "boolean" },
      revisionIntervalYears: {
        type: ["integer", "null"],
        description: "How often the programme is revised, in years.",
      },
      ambition: string(),
      municipalities: arrayOf(ref("OrganisationSummary"), "The municipalities that own the programme."),
      coAuthors: arrayOf(
        ref("OrganisationSummary"),
        'The parties that co-authored it ("Met medewerking van").',
      ),
      categories: arrayOf(ref("CategoryDefinition")),
      themes: arrayOf(ref("Theme")),
      organisationChapter: nullable(ref("OrganisationChapter")),
      introduction: arrayOf(ref("Section"), "The introduction chapter and other front matter."),
      actionCounts: arrayOf(ref("CategoryCount"), "Number of actions per category."),
      updatedAt: { type: "string", format: "date-time" },
    },
    "One programme, whole.",
  ),

  Category: object(
    {
      code: integer(undefined, { minimum: 1, maximum: 4 }),
      colour: {
        ...nullable(ref("CategoryColour")),
        description: "null only when the programme does not define this code.",
      },
      label: nullableString("null only when the programme does not define this code."),
    },
    "The category the steering group gave an action.",
  ),

  Link: object(
    {
      type: ref("LinkType"),
      target: {
        oneOf: [
          object({ action: integer("Number of the target action.") }),
          object({ theme: integer("Number of the target theme.") }),
        ],
      },
    },
    "A link from this action to another action or to a whole theme.",
  ),

  Backlink: object(
    { type: ref("LinkType"), source: object({ action: integer("Number of the action that links here.") }) },
    "A link from another action to this one.",
  ),

  Action: object(
    {
      number: integer("Number within the programme.", { minimum: 1 }),
      title: string(),
      description: string("Paragraphs separated by a blank line."),
      notes: arrayOf(string(), 'The document\'s "N.B." remarks.'),
      theme: {
        ...nullable(object({ number: integer(), title: string() })),
        description: "null for actions of the organisation chapter.",
      },
      intention: {
        ...nullable(ref("Intention")),
        description: "null when the action sits under a group instead.",
      },
      group: nullableString("Group heading in the organisation chapter; null elsewhere."),
      leads: arrayOf(ref("OrganisationRef"), 'Who leads ("Trekker").'),
      partners: arrayOf(ref("OrganisationRef")),
      toInvolve: arrayOf(ref("OrganisationRef"), 'Parties still to be involved ("Te betrekken").'),
      leadUnknown: { type: "boolean", description: "The document says the lead is not known yet." },
      intendedResults: arrayOf(string()),
      planningText: string("The planning as the document words it; may be empty."),
      planningYears: arrayOf(
        integer(),
        "The years the planning names or covers; standing activities cover the whole period.",
      ),
      category: nullable(ref("Category")),
      categoryNote: nullableString('The remark in the category cell, e.g. "taak onderwijs".'),
      links: arrayOf(ref("Link")),
      linkedFrom: arrayOf(ref("Backlink")),
      updatedAt: { type: "string", format: "date-time" },
      plan: { ...nullable(ref("ApprovedPlan")), description: "The adopted plan of approach; null while none is approved." },
      milestones: arrayOf(ref("Milestone"), "Dated steps read from the planning text (corrected by hand where needed), in the planning's order."),
      progress: { ...nullable(ref("LatestProgress")), description: "The newest progress update; null while none was reported." },
      atRiskThrough: arrayOf(
        ref("DependencyRisk"),
        "The actions this one depends on (through `prerequisiteFor` and `enables` links, also further up the chain) that are delayed, stopped or dropped, by number; empty when none. Always as the programme stands now, also with `asOf`.",
      ),
    },
    "One action of a programme.",
  ),

  OrganisationListItem: object(
    {
      slug: string(),
      name: string(),
      kind: ref("OrganisationKind"),
      actionCounts: object({
        lead: integer(undefined, { minimum: 0 }),
        partner: integer(undefined, { minimum: 0 }),
        toInvolve: integer(undefined, { minimum: 0 }),
      }),
    },
    "An organisation with the number of actions it takes part in, per role, over all programmes.",
  ),

  OrganisationAction: object({
    programme: string("Slug of the programme."),
    number: integer(),
    title: string(),
    qualifier: nullableString("The remark the document adds to this role."),
  }),

  Organisation: object(
    {
      slug: string(),
      name: string(),
      kind: ref("OrganisationKind"),
      aliases: arrayOf(string(), "Other spellings met in documents."),
      actions: object({
        lead: arrayOf(ref("OrganisationAction")),
        partner: arrayOf(ref("OrganisationAction")),
        toInvolve: arrayOf(ref("OrganisationAction")),
      }),
    },
    "One organisation with its actions grouped by role.",
  ),

  ProgrammeList: listOf("ProgrammeSummary", "A page of programmes."),
  ActionList: listOf("Action", "A page of actions."),
  OrganisationList: listOf("OrganisationListItem", "A page of organisations."),

  Problem: {
    type: "object",
    description:
      "An RFC 9457 problem, in the request's language (Dutch unless Accept-Language or ?lang= asks for English).",
    properties: {
      status: integer("The HTTP status code."),
      title: string("Short summary of the kind of problem."),
      detail: string("What went wrong with this request."),
      errors: {
        type: "object",
        description: "One message per query parameter (or path parameter) that is wrong, keyed by its name.",
        additionalProperties: { type: "string" },
      },
    },
    required: ["status", "title"],
    additionalProperties: false,
  },
};

// ---- Parameters ----

const query = (name: string, description: string, schema: SchemaObject): ParameterObject => ({
  name,
  in: "query",
  description,
  required: false,
  schema,
});

const slugSchema: SchemaObject = { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", maxLength: 200 };

const parameters: Record<string, ParameterObject> = {
  programmeSlug: {
    name: "slug",
    in: "path",
    required: true,
    description: "The programme's slug, e.g. `kennis-en-werk-071-2013-2015`.",
    schema: { type: "string" },
  },
  actionNumber: {
    name: "number",
    in: "path",
    required: true,
    description: "The action's number within the programme (a positive whole number without leading zeros).",
    schema: { type: "string", pattern: "^[1-9][0-9]{0,5}$" },
  },
  organisationSlug: {
    name: "slug",
    in: "path",
    required: true,
    description: "The organisation's slug, e.g. `gemeente-leiden`.",
    schema: { type: "string" },
  },
  q: query(
    "q",
    "Full-text search in title, description, intended results and notes. Every word must match, as a word or the start of one; accents are ignored. Results are ordered by relevance (the title weighs most), then by number.",
    { type: "string", maxLength: 200 },
  ),
  theme: query(
    "theme",
    "Only actions of this theme (its number). A theme the programme does not have is a 400.",
    integer(undefined, { minimum: 1, maximum: 999 }),
  ),
  intention: query(
    "intention",
    "Only actions under this intention, e.g. `2.1`. An unknown intention is a 400.",
    {
      type: "string",
      pattern: "^[0-9]{1,3}\\.[0-9]{1,3}$",
    },
  ),
  category: {
    ...query(
      "category",
      "Only actions in any of these categories; repeat the parameter for more than one (`category=1&category=2`).",
      { type: "array", items: integer(undefined, { minimum: 1, maximum: 4 }), maxItems: 4 },
    ),
    style: "form",
    explode: true,
  },
  lead: query(
    "lead",
    "Only actions this organisation (slug) leads. An unknown organisation is a 400.",
    slugSchema,
  ),
  partner: query(
    "partner",
    "Only actions this organisation (slug) is a partner in. An unknown organisation is a 400.",
    slugSchema,
  ),
  year: query(
    "year",
    'Only actions whose planning names this year or a range that covers it; standing activities ("Continu", "jaarlijks") cover every year of the programme.',
    { type: "integer", minimum: 1000, maximum: 9999 },
  ),
  limit: query("limit", `Page size, 1 to ${MAX_LIMIT}.`, {
    type: "integer",
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
  }),
  csvLimit: query(
    "limit",
    `How many actions, 1 to ${MAX_LIMIT}; without it all actions up to ${MAX_LIMIT}.`,
    {
      type: "integer",
      minimum: 1,
      maximum: MAX_LIMIT,
      default: MAX_LIMIT,
    },
  ),
  offset: query("offset", "How many items to skip.", {
    type: "integer",
    minimum: 0,
    maximum: 999_999_999,
    default: 0,
  }),
  kind: query("kind", "Only organisations of this kind.", ref("OrganisationKind")),
};

// ---- Responses shared by several operations ----

const problem = (description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

const responses: Record<string, ResponseObject> = {
  BadRequest: {
    ...problem(
      "A parameter is malformed, repeated where only one is allowed, or names something the programme does not have.",
    ),
    content: {
      "application/problem+json": {
        schema: ref("Problem"),
        example: {
          status: 400,
          title: "Ongeldig verzoek",
          detail: "Een of meer filters zijn ongeldig.",
          errors: { year: "Geef een jaartal op (bijvoorbeeld 2014)." },
        },
      },
    },
  },
  NotFound: problem("There is no such programme, action or organisation."),
};

const filterParameters = ["q", "theme", "intention", "category", "lead", "partner", "year", "plan", "asOf"].map(param);

const CSV_DESCRIPTION = [
  "The same actions as the JSON list, as CSV the way Dutch spreadsheet programs open it: UTF-8 with a byte-order mark,",
  '`;` between cells, CRLF between rows, cells quoted when they hold `;`, `"` or a line break.',
  "The header row uses the JSON field names. Lists are joined with ` | `; organisations are written as",
  "`name (qualifier)`, `theme` is the theme's number, `intention` its code, `category` the category code,",
  "links as `type:action N` or `type:theme N`, `atRiskThrough` as the numbers of those actions. A text cell that starts with `=`, `+`, `-`, `@`, a tab or a",
  "carriage return gets a leading `'` so that no spreadsheet runs it as a formula.",
].join(" ");

// ---- The document ----

/** The OpenAPI 3.1 description of the open-data API, served at /api/v1/openapi.json. */
export function openApiDocument(): OpenApiDocument {
  const decisionDoc = decisionOpenApi({ action: schemas.Action! });
  return {
    openapi: "3.1.0",
    info: {
      title: "Regie open-data API",
      version: "1.0.0",
      summary:
        "Open access to regional economic-agenda implementation programmes, their actions and organisations; writes for the people who keep them.",
      description: [
        "Regie publishes implementation programmes of regional economic agendas, such as *Kennis & Werk #071,",
        "Uitvoeringsprogramma 2013-2015* of the Leidse regio: themes, intentions, numbered actions with the",
        "organisations that lead them, their planning, category and links.",
        "",
        "**Licences.** The licence below (EUPL-1.2) is that of the Regie software. The programme texts served here",
        "are the region's own: they are published as the region adopted them and Regie puts no licence of its own on",
        "them. (The CC BY 4.0 licence that Regie foresees is for monitoring data that a later version adds, not for",
        "the programme text.)",
        "",
        "**Conventions.** Lists answer `{data, total, limit, offset}`; `limit` is 1 to 500, 100 by default.",
        "A malformed, repeated or unknown parameter is never ignored: it is a `400` with an",
        "`application/problem+json` body whose `errors` are keyed by parameter. Problems are in Dutch unless",
        "`Accept-Language` (or `?lang=en`) asks for English. Other methods than GET and HEAD get `405`, a request",
        "body over the configured size `413`, an unknown path `404`, all as problems. Every answer carries an",
        "`X-Request-Id` header (a well-formed one sent with the request is kept). Answers may be cached for 60 seconds",
        "and are open to any origin (CORS).",
        "",
        "**Writes.** Programme managers change the programme, its themes and actions, and the organisations, with a",
        "Bearer token (`Authorization: Bearer …`) or a session cookie plus its `X-CSRF-Token`. Single records carry a",
        "strong `ETag` from their version; a change must send it back in `If-Match` (`428` without it, `412` when the",
        "record changed meanwhile), so that concurrent edits never silently overwrite each other. Writes are checked in",
        "the order 401, 404/403, 428/412, 400, and either happen whole, with a history entry, or not at all.",
      ].join("\n"),
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: "/api/v1", description: "This server." }],
    tags: [
      { name: "programmes", description: "Programmes and their actions." },
      { name: "organisations", description: "Organisations over all programmes." },
      { name: "meta", description: "This description." },
      monitorOpenApi().tag,
      decisionDoc.tag,
    ],
    paths: withEditingPaths({
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This OpenAPI 3.1 description",
          tags: ["meta"],
          responses: { "200": json({ type: "object" }, "The OpenAPI document.") },
        },
      },
      "/programmes": {
        get: {
          operationId: "listProgrammes",
          summary: "List programmes",
          description: "The default programme first, then the newest period first.",
          tags: ["programmes"],
          parameters: [param("limit"), param("offset")],
          responses: {
            "200": json(ref("ProgrammeList"), "A page of programmes."),
            "400": response("BadRequest"),
          },
        },
      },
      "/programmes/{slug}": {
        get: {
          operationId: "getProgramme",
          summary: "One programme with its themes, intentions, categories and action counts",
          tags: ["programmes"],
          parameters: [param("programmeSlug"), param("asOf")],
          responses: { "200": withETag(json(ref("Programme"), "The programme.")), "400": response("BadRequest"), "404": response("NotFound") },
        },
      },
      "/programmes/{slug}/actions": {
        get: {
          operationId: "listActions",
          summary: "List and filter a programme's actions",
          description:
            "Filters combine (all must hold); `category` may repeat (any of). Sorted by number, or by relevance when `q` is given.",
          tags: ["programmes"],
          parameters: [param("programmeSlug"), ...filterParameters, param("limit"), param("offset")],
          responses: {
            "200": json(ref("ActionList"), "A page of actions."),
            "400": response("BadRequest"),
            "404": response("NotFound"),
          },
        },
      },
      "/programmes/{slug}/actions.csv": {
        get: {
          operationId: "downloadActionsCsv",
          summary: "A programme's actions as CSV",
          description: CSV_DESCRIPTION,
          tags: ["programmes"],
          parameters: [param("programmeSlug"), ...filterParameters, param("csvLimit"), param("offset")],
          responses: {
            "200": {
              description: "The actions as CSV, sent as a download (`Content-Disposition: attachment`).",
              headers: REQUEST_ID_HEADER,
              content: {
                "text/csv": {
                  schema: {
                    type: "string",
                    description: "UTF-8 with byte-order mark; `;`-separated; CRLF line ends.",
                  },
                  example:
                    "\uFEFFnumber;title;description;notes;theme;intention;group;leads;…\r\n1;Opschalen Leiden Kennisstad;…\r\n",
                },
              },
            },
            "400": response("BadRequest"),
            "404": response("NotFound"),
          },
        },
      },
      "/programmes/{slug}/actions/{number}": {
        get: {
          operationId: "getAction",
          summary: "One action",
          tags: ["programmes"],
          parameters: [param("programmeSlug"), param("actionNumber"), param("asOf")],
          responses: {
            "200": withETag(json(ref("ActionDetail"), "The action, with its category history.")),
            "400": response("BadRequest"),
            "404": response("NotFound"),
          },
        },
      },
      "/organisations": {
        get: {
          operationId: "listOrganisations",
          summary: "List organisations",
          description: "By name. Action counts are over all programmes.",
          tags: ["organisations"],
          parameters: [param("kind"), param("limit"), param("offset")],
          responses: {
            "200": json(ref("OrganisationList"), "A page of organisations."),
            "400": response("BadRequest"),
          },
        },
      },
      "/organisations/{slug}": {
        get: {
          operationId: "getOrganisation",
          summary: "One organisation with its actions by role",
          tags: ["organisations"],
          parameters: [param("organisationSlug")],
          responses: {
            "200": withETag(json(ref("Organisation"), "The organisation.")),
            "301": MOVED_ORGANISATION,
            "404": response("NotFound"),
          },
        },
      },
      ...monitorOpenApi().paths,
      ...planOpenApi().paths,
      ...decisionDoc.paths,
      ...progressOpenApi().paths,
    }),
    components: {
      schemas: { ...schemas, ...monitorOpenApi().schemas, ...planOpenApi().schemas, ...decisionDoc.schemas, ...editingOpenApi().schemas, ...progressOpenApi().schemas },
      parameters: { ...parameters, ...monitorOpenApi().parameters, ...planOpenApi().parameters, ...decisionDoc.parameters, ...editingOpenApi().parameters },
      responses: { ...responses, ...editingOpenApi().responses },
      headers: {
        "X-Request-Id": {
          description:
            "The request's id, for support; a well-formed id sent with the request (8-128 of `A-Za-z0-9._:-`) is kept.",
          schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,128}$" },
        },
      },
    },
  };
}
