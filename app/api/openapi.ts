import { z } from "zod";
import { DEFAULT_LIMIT } from "../domain/programmes/action-filter-links";
import { MAX_LIMIT } from "../domain/programmes/action-filters";
import { actionOperations } from "./actions/schema";
import { decisionOperations } from "./decisions/schema";
import { ACTION_NUMBER, DECISION_ID, INDICATOR_ID, INDICATOR_ID_MAX, THEME_NUMBER } from "./lookup";
import { monitorOperations } from "./monitor/schema";
import { organisationOperations } from "./organisations/schema";
import { planOperations } from "./plans/schema";
import { programmeOperations } from "./programmes/schema";
import { progressOperations } from "./progress/schema";
import { workbookOperations } from "./workbook/schema";
import { reportOperations } from "./reports/schema";
import { editionOperations } from "./editions/schema";
import { budgetOperations } from "./budget/schema";
import { area, op, problemSchema, type Area, type Method, type Operation } from "./schema";

/**
 * The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json. Request and response
 * bodies are the Zod schemas the routes parse with and the presenters are typed against, turned
 * into JSON Schema 2020-12 by `z.toJSONSchema`; what is written here is the API's prose (its
 * introduction, its parameters and the answers several operations share) and the rules by which
 * an operation's parameters and usual answers follow from its path, method and flags.
 */

/** A JSON value as the document holds it. */
export type Json = { [key: string]: unknown };

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const REQUEST_ID = { "X-Request-Id": ref("headers", "X-Request-Id") };
const string = { type: "string" };
const SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

/** The introduction, one paragraph a line. */
const INTRODUCTION = [
  "Regie publishes implementation programmes of regional economic agendas, such as *Kennis & Werk #071, Uitvoeringsprogramma 2013-2015* of the Leidse regio: themes, intentions, numbered actions with the organisations that lead them, their planning, category and links.",
  "**Licences.** The licence below (EUPL-1.2) is that of the Regie software. The programme texts served here are the region's own: they are published as the region adopted them and Regie puts no licence of its own on them. (The CC BY 4.0 licence that Regie foresees is for monitoring data that a later version adds, not for the programme text.)",
  `**Conventions.** Lists answer \`{data, total, limit, offset}\`; \`limit\` is 1 to ${MAX_LIMIT}, ${DEFAULT_LIMIT} by default. A malformed, repeated or unknown parameter is never ignored: it is a \`400\` with an \`application/problem+json\` body whose \`errors\` are keyed by parameter. Problems are in Dutch unless \`Accept-Language\` (or \`?lang=en\`) asks for English. Other methods than GET and HEAD get \`405\`, a request body over the configured size \`413\`, an unknown path \`404\`, all as problems. Every answer carries an \`X-Request-Id\` header (a well-formed one sent with the request is kept). Answers may be cached for 60 seconds and are open to any origin (CORS).`,
  "**Writes.** Programme managers change the programme, its themes and actions, and the organisations, with a Bearer token (`Authorization: Bearer …`) or a session cookie plus its `X-CSRF-Token`. Single records carry a strong `ETag` from their version; a change must send it back in `If-Match` (`428` without it, `412` when the record changed meanwhile), so that concurrent edits never silently overwrite each other. `If-Match: *` asks for the change on whatever version is current: such writes to one record take their turns, and each one goes through. A body sent as JSON must hold a JSON object (an empty body is a `400`); text may not contain NUL characters, and ids and numbers are at most 2147483647. Writes are checked in the order 401, 404/403, 428/412, 400, and either happen whole, with a history entry, or not at all.",
].join("\n\n");

const TAGS = [
  { name: "programmes", description: "Programmes and their actions." },
  { name: "organisations", description: "Organisations over all programmes." },
  { name: "meta", description: "This description." },
  {
    name: "monitor",
    description:
      'The economic monitor (action 61): indicators per theme with their figures per region and period, mostly from CBS StatLine (CC BY 4.0; cite "Bron: CBS" and the table id given in each indicator\'s `attribution`).',
  },
  { name: "decisions", description: "The steering group's decisions, and the categories they set." },
  { name: "reports", description: "The yearly documents: the annual report as JSON, Word and tagged PDF." },
  { name: "editions", description: "Editions of a programme: where an action came from and what it became, and what differs between two editions." },
  { name: "budget", description: "The programme's budget (sources, allocations, spending) and the capacity organisations commit; amounts in whole cents." },
];

const path = (name: string, description: string, pattern?: RegExp, maxLength?: number) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", ...(pattern ? { pattern: pattern.source } : {}), ...(maxLength ? { maxLength } : {}) },
});
const query = (name: string, description: string, schema: Json, extra: Json = {}) => ({ name, in: "query", required: false, description, schema, ...extra });
const header = (name: string, description: string, required = false) => ({ name, in: "header", required, description, schema: string });
const int = (minimum: number, maximum: number, extra: Json = {}) => ({ type: "integer", minimum, maximum, ...extra });
const slugQuery = { type: "string", pattern: SLUG, maxLength: 200 };

const PARAMETERS: Record<string, Json> = {
  programmeSlug: path("slug", "The programme's slug, e.g. `kennis-en-werk-071-2013-2015`."),
  actionNumber: path("number", "The action's number within the programme (a positive whole number without leading zeros).", ACTION_NUMBER),
  themeNumber: path("number", "The theme's number within the programme.", THEME_NUMBER),
  organisationSlug: path("slug", "The organisation's slug, e.g. `gemeente-leiden`."),
  decisionId: path("id", "The decision's id (1 to 2147483647).", DECISION_ID),
  indicatorId: path("id", "The indicator's id, e.g. `verkoopprijs-koopwoningen`.", INDICATOR_ID, INDICATOR_ID_MAX),
  reportYear: path("year", "The report's year, within the programme's period and begun, e.g. `2014`.", /^\d{4}$/),
  otherProgrammeSlug: path("other", "The slug of the edition to compare with, e.g. `kennis-en-werk-071-2016-2017`."),
  q: query(
    "q",
    "Full-text search in title, description, intended results and notes. Every word must match, as a word or the start of one; accents are ignored. Results are ordered by relevance (the title weighs most), then by number.",
    { type: "string", maxLength: 200 },
  ),
  theme: query("theme", "Only actions of this theme (its number). A theme the programme does not have is a 400.", int(1, 999)),
  intention: query("intention", "Only actions under this intention, e.g. `2.1`. An unknown intention is a 400.", {
    type: "string",
    pattern: "^[0-9]{1,3}\\.[0-9]{1,3}$",
  }),
  category: query(
    "category",
    "Only actions in any of these categories; repeat the parameter for more than one (`category=1&category=2`).",
    { type: "array", items: int(1, 4), maxItems: 4 },
    { style: "form", explode: true },
  ),
  lead: query("lead", "Only actions this organisation (slug) leads. An unknown organisation is a 400.", slugQuery),
  partner: query("partner", "Only actions this organisation (slug) is a partner in. An unknown organisation is a 400.", slugQuery),
  year: query(
    "year",
    'Only actions whose planning names this year or a range that covers it; standing activities ("Continu", "jaarlijks") cover every year of the programme.',
    int(1000, 9999),
  ),
  plan: query("plan", "`approved`: only actions with an approved plan of approach.", { type: "string", enum: ["approved"] }),
  asOf: query(
    "asOf",
    "Categories as they were at the end of this day (YYYY-MM-DD): the last decision taken on or before it counts; before any decision an action has none. Today or later is the current state. A malformed or impossible date is a 400.",
    { type: "string", format: "date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
  ),
  limit: query("limit", `Page size, 1 to ${MAX_LIMIT}.`, int(1, MAX_LIMIT, { default: DEFAULT_LIMIT })),
  csvLimit: query("limit", `How many actions, 1 to ${MAX_LIMIT}; without it all actions up to ${MAX_LIMIT}.`, int(1, MAX_LIMIT, { default: MAX_LIMIT })),
  offset: query("offset", "How many items to skip.", int(0, 999_999_999, { default: 0 })),
  kind: query("kind", "Only organisations of this kind.", ref("schemas", "OrganisationKind")),
  indicatorTheme: query("theme", "Only the indicators of this theme (its number). A theme the programme does not have is a 400.", int(1, 999)),
  budgetYear: query("year", "Only this year of the programme; a year outside its period is a 400.", int(1000, 9999)),
  ifMatch: header("If-Match", "The record's ETag as last read (or `*` for whatever version is current). Without it: 428; with another version: 412.", true),
  planIfMatch: header(
    "If-Match",
    "The plan's ETag as last read. Required once the action has a plan (428 without it, 412 when the plan changed since); while it has none, leave it out (or send `*`, or the ETag of the empty plan) to write version 1.",
  ),
  csrfToken: header("X-CSRF-Token", "With a session cookie: the session's anti-forgery token (without it: 403). Not needed with a Bearer token."),
};

const problem = (description: string, headers: Record<string, Json> = {}, example?: Json) => ({
  description,
  headers: { ...REQUEST_ID, ...headers },
  content: { "application/problem+json": { schema: ref("schemas", "Problem"), ...(example ? { example } : {}) } },
});

const RESPONSES: Record<string, Json> = {
  BadRequest: problem(
    "A parameter is malformed, repeated where only one is allowed, or names something the programme does not have.",
    {},
    { status: 400, title: "Ongeldig verzoek", detail: "Een of meer filters zijn ongeldig.", errors: { year: "Geef een jaartal op (bijvoorbeeld 2014)." } },
  ),
  NotFound: problem("There is no such programme, action or organisation."),
  Unauthorised: problem("No credentials, or a token that is invalid or revoked.", {
    "WWW-Authenticate": { description: 'Bearer realm="regie"', schema: string },
  }),
  Forbidden: problem("Signed in, but without the right for this record; or a session cookie without its `X-CSRF-Token`."),
  PreconditionRequired: problem("No `If-Match` header: send the ETag of the version you read."),
  PreconditionFailed: problem(
    "The record has changed since that version (or `If-Match` names another record). Nothing was changed; read it again.",
    { ETag: { description: "The current version's ETag.", schema: string } },
  ),
  InvalidInput: problem(
    "The body is not JSON, not an object, has unknown fields, or a field is wrong (too long, wrong type, an unknown reference, a name that is taken); `errors` says what, per field. Nothing was changed.",
  ),
};

const AREAS: Area[] = [
  area("meta", undefined, {
    "get /openapi.json": op("getOpenApi", "This OpenAPI 3.1 description", {
      answers: { 200: { description: "The OpenAPI document.", schema: z.looseObject({}) } },
    }),
  }),
  ...[programmeOperations, actionOperations, organisationOperations, monitorOperations, planOperations, decisionOperations, progressOperations, workbookOperations, reportOperations, editionOperations, budgetOperations],
];

/** The OpenAPI 3.1 document. */
export function openApiDocument() {
  const schemas = componentSchemas();
  const paths: Record<string, Partial<Record<Method, Json>>> = {};
  for (const area of AREAS) {
    for (const [key, operation] of Object.entries(area.operations)) {
      const [method, route] = key.split(" ") as [Method, string];
      (paths[route] ??= {})[method] = describeOperation(method, route, area, operation, schemas);
    }
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Regie open-data API",
      version: "1.0.0",
      summary:
        "Open access to regional economic-agenda implementation programmes, their actions and organisations; writes for the people who keep them.",
      description: INTRODUCTION,
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: "/api/v1", description: "This server." }],
    tags: TAGS,
    paths,
    components: {
      schemas: schemas.components,
      parameters: PARAMETERS,
      responses: RESPONSES,
      headers: {
        "X-Request-Id": {
          description: "The request's id, for support; a well-formed id sent with the request (8-128 of `A-Za-z0-9._:-`) is kept.",
          schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,128}$" },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

/** Every schema that carries an `id` in its metadata, as a component; `of` gives the `$ref` to a schema. */
function componentSchemas() {
  // Referenced from here, so that the Problem schema is registered even if no area imports it.
  void problemSchema;
  const generated = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    // Request bodies are described as clients send them (defaults may be left out); answers have no defaults.
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
  });
  const components: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) components[id] = tidy(schema) as Json;
  return {
    components,
    of(schema: z.ZodType): Json {
      const id = z.globalRegistry.get(schema)?.id;
      if (!id || !components[id]) throw new Error("A body in the OpenAPI document must be a schema with an id.");
      return ref("schemas", id);
    },
  };
}

/** Drops what does not belong in a component (its own `$schema`, `$id`) and the integer bounds Zod adds to every `z.int()`. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "$schema" || key === "$id") continue;
    if ((key === "maximum" && v === Number.MAX_SAFE_INTEGER) || (key === "minimum" && v === Number.MIN_SAFE_INTEGER)) continue;
    out[key] = tidy(v);
  }
  return out;
}

/** Path parameters by the segment before them: `/actions/{number}` is an action's number. */
const PATH_PARAMETERS: Record<string, string> = {
  programmes: "programmeSlug",
  actions: "actionNumber",
  themes: "themeNumber",
  organisations: "organisationSlug",
  decisions: "decisionId",
  indicators: "indicatorId",
  reports: "reportYear",
  compare: "otherProgrammeSlug",
};
/** A slug that names nothing is a 404; every other parameter can also be malformed (400). */
const SLUGS = ["programmeSlug", "organisationSlug", "otherProgrammeSlug"];

/** An operation with what follows from its path, method and flags: parameters, the usual problems, ETags. */
function describeOperation(method: Method, route: string, area: Area, operation: Operation, schemas: ReturnType<typeof componentSchemas>): Json {
  const { match = ["patch", "put", "delete"].includes(method), body } = operation;
  const write = method !== "get";
  const path = [...route.matchAll(/([\w-]+)\/\{\w+\}/g)].map((m) => PATH_PARAMETERS[m[1]!]!);
  const query = [...(operation.query ?? []), ...(operation.list ? ["limit", "offset"] : [])];
  const headers = [...(match ? [match === "optional" ? "planIfMatch" : "ifMatch"] : []), ...(write ? ["csrfToken"] : [])];
  const parameters = [...path, ...query, ...headers];
  const answers: Operation["answers"] = {};
  if (write || [...path, ...query].some((name) => !SLUGS.includes(name))) answers[400] = write && body ? "InvalidInput" : "BadRequest";
  if (write) Object.assign(answers, { 401: "Unauthorised", 403: "Forbidden" });
  if (path.length > 0) answers[404] = "NotFound";
  if (match) Object.assign(answers, { 412: "PreconditionFailed", 428: "PreconditionRequired" });
  Object.assign(answers, operation.answers);
  // Lists have no ETag; a record's JSON answers carry its area's, unless the operation names its own.
  const etag = operation.etag ?? (operation.list ? false : area.etag);
  const responses: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(answers)) {
    if (typeof answer === "string") responses[status] = answer in RESPONSES ? ref("responses", answer) : problem(answer);
    else {
      const named = { ...(etag && answer.schema && status.startsWith("2") ? { ETag: etag } : {}), ...answer.headers };
      const headers: Record<string, Json> = { ...REQUEST_ID };
      for (const [name, description] of Object.entries(named)) headers[name] = { description, schema: string };
      const content = answer.csv
        ? { "text/csv": { schema: { type: "string", description: answer.csv.description }, example: answer.csv.example } }
        : answer.file
          ? { [answer.file.mediaType]: { schema: { type: "string", contentMediaType: answer.file.mediaType, description: answer.file.description } } }
          : answer.schema && { "application/json": { schema: jsonSchemaOf(answer.schema, schemas) } };
      responses[status] = { description: answer.description, headers, ...(content ? { content } : {}) };
    }
  }
  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [area.tag],
    ...(parameters.length > 0 ? { parameters: parameters.map((name) => ref("parameters", name)) } : {}),
    ...(body ? { requestBody: { required: !operation.bodyOptional, content: { "application/json": { schema: schemas.of(body) } } } } : {}),
    responses,
  };
}

function jsonSchemaOf(schema: z.ZodType, schemas: ReturnType<typeof componentSchemas>): Json {
  return z.globalRegistry.get(schema)?.id ? schemas.of(schema) : (tidy(z.toJSONSchema(schema, { target: "draft-2020-12" })) as Json);
}
