import { ORGANISATION_ALIASES_MAX, ORGANISATION_NAME_MAX } from "../domain/editing/organisation-changes";
import { PARTICIPATION_STATUSES } from "../domain/editing/programme-changes";
import { LINK_TYPES } from "../domain/programmes/programme-document";
import type { ParameterObject, PathItemObject, Ref, ResponseObject, SchemaObject } from "./openapi";

/**
 * The writes of the register in the OpenAPI document (merged into it by `openApiDocument`): editing
 * the programme, its themes and actions, and the organisations; and the ETags of single records.
 */

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID_HEADER: Record<string, Ref> = {
  "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
};
const text = (maxLength: number, description?: string): SchemaObject => ({
  type: "string",
  maxLength,
  ...(description ? { description } : {}),
});
const nullableText = (maxLength: number, description: string): SchemaObject => ({
  type: ["string", "null"],
  maxLength,
  description,
});
const list = (items: SchemaObject, maxItems: number, description?: string): SchemaObject => ({
  type: "array",
  items,
  maxItems,
  ...(description ? { description } : {}),
});

/** A closed request object: only these properties, `required` as given. */
function body(
  properties: Record<string, SchemaObject>,
  required: string[],
  description: string,
): SchemaObject {
  return { type: "object", description, properties, required, additionalProperties: false };
}

const ETAG = {
  description:
    "A strong tag from the record's version, such as `\"action-17-v3\"`. Send it in `If-Match` to change the record. It names the record's own version only (an answer also shows names of other records), so `If-None-Match` is always answered in full.",
  schema: { type: "string" },
} as const;

/** A 200 answer with the record's ETag. */
export function withETag(answer: ResponseObject): ResponseObject {
  return { ...answer, headers: { ...(answer.headers ?? REQUEST_ID_HEADER), ETag: ETAG } };
}

const problem = (description: string): ResponseObject => ({
  description,
  headers: REQUEST_ID_HEADER,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

const record = (schema: string, description: string, status: 200 | 201 = 200): ResponseObject => ({
  description,
  headers: {
    ...REQUEST_ID_HEADER,
    ETag: ETAG,
    ...(status === 201
      ? { Location: { description: "The new record's address in this API.", schema: { type: "string" } } }
      : {}),
  },
  content: { "application/json": { schema: ref(schema) } },
});

const AUTH =
  "Needs a Bearer token (`Authorization: Bearer …`, made on the account page) or a session cookie with the session's `X-CSRF-Token` header.";
const ORDER =
  "Checked in this order: 401 without credentials, 404 for an unknown record, 403 without the right, 428 without `If-Match`, 412 when `If-Match` names another version, 400 for a bad body.";
const ORDER_CREATE =
  "Checked in this order: 401 without credentials, 404 for an unknown programme, 403 without the right, 400 for a bad body.";

const slugPattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
const organisationRefSchema = body(
  {
    organisation: { type: "string", pattern: slugPattern, description: "The organisation's slug." },
    qualifier: nullableText(500, 'A remark on the role, such as "tot eind 2013".'),
  },
  ["organisation"],
  "An organisation in one of an action's roles.",
);

const actionFields: Record<string, SchemaObject> = {
  title: text(500),
  description: text(20000, "Paragraphs separated by a blank line."),
  notes: list(text(5000), 50, 'The "N.B." remarks.'),
  intentionCode: {
    type: ["string", "null"],
    pattern: "^[0-9]+\\.[0-9]+$",
    description:
      "The intention the action sits under (e.g. `2.3`); null for an action of the organisation chapter, which has a `group`.",
  },
  group: nullableText(
    200,
    "The group heading of the organisation chapter; ignored when `intentionCode` is given.",
  ),
  leads: list(organisationRefSchema, 50),
  partners: list(organisationRefSchema, 100),
  toInvolve: list(organisationRefSchema, 100),
  leadUnknown: { type: "boolean", description: "The lead is not known yet; not together with leads." },
  intendedResults: list(text(2000), 50),
  planningText: text(2000, "The planning in words; the years it names become the action's planning years."),
  categoryNote: nullableText(
    1000,
    "A remark on the category. The category itself changes only through a decision.",
  ),
  links: list(
    body(
      {
        type: { type: "string", enum: LINK_TYPES },
        target: {
          oneOf: [
            body({ action: { type: "integer", minimum: 1 } }, ["action"], "Another action of the programme."),
            body({ theme: { type: "integer", minimum: 1 } }, ["theme"], "A theme of the programme."),
          ],
        },
      },
      ["type", "target"],
      "A link from this action.",
    ),
    100,
  ),
};

const schemas: Record<string, SchemaObject> = {
  ActionChanges: body(
    actionFields,
    [],
    "A change to an action: any of its fields; references (intention, group, organisations, link targets) must exist in the programme.",
  ),
  NewAction: body(
    {
      number: {
        type: "integer",
        minimum: 1,
        maximum: 999999,
        description: "The number it gets; without it, the next free one. A taken number is a 400.",
      },
      ...actionFields,
    },
    ["title"],
    "A new action: the fields of a change (title and `intentionCode` or `group` needed; the rest may be left out). It has no category until a decision gives it one.",
  ),
  ProgrammeChanges: body(
    {
      title: text(500),
      subtitle: text(500),
      ambition: text(20000, "Paragraphs separated by a blank line."),
      period: body(
        {
          start: { type: "integer", minimum: 1900, maximum: 2200 },
          end: { type: "integer", minimum: 1900, maximum: 2200 },
        },
        ["start", "end"],
        "The years, both included; start not after end. A new period recomputes every action's planning years.",
      ),
      adoptedOn: { type: ["string", "null"], format: "date", description: "When the programme was adopted." },
      adoptedBy: nullableText(500, "Who adopted it."),
    },
    [],
    "A change to a programme's front matter: any of these fields.",
  ),
  ThemeChanges: body(
    {
      title: text(500),
      goal: text(20000),
      intentionsIntro: nullableText(2000, "The sentence that introduces the intentions."),
      intentions: list(
        body(
          {
            code: {
              type: "string",
              pattern: "^[0-9]{1,3}\\.[0-9]{1,3}$",
              description:
                "An existing intention's code; leave it out for a new intention, which gets the next code.",
            },
            text: text(2000),
          },
          ["text"],
          "An intention, in the order they should appear.",
        ),
        50,
        "All intentions of the theme: listed ones are kept (with this text), new ones added, unlisted ones removed. An intention that still has actions cannot be removed (400).",
      ),
      participation: list(
        body(
          {
            municipality: {
              type: "string",
              pattern: slugPattern,
              description: "The slug of one of the programme's municipalities.",
            },
            status: { type: "string", enum: PARTICIPATION_STATUSES },
            note: nullableText(2000, "The remark (footnote) about this municipality's part."),
          },
          ["municipality", "status"],
          "How one municipality takes part in the theme.",
        ),
        100,
        "The participation of the municipalities, replacing what was recorded. Plain participation without a note is not stored (a municipality not listed participates).",
      ),
    },
    [],
    "A change to a theme: any of these fields.",
  ),
  NewOrganisation: body(
    {
      name: text(
        ORGANISATION_NAME_MAX,
        "Must not be the name or an alias of another organisation (compared without case, accents, spaces and punctuation).",
      ),
      kind: ref("OrganisationKind"),
      aliases: list(
        text(ORGANISATION_NAME_MAX),
        ORGANISATION_ALIASES_MAX,
        "Other spellings; each must be free like the name.",
      ),
    },
    ["name", "kind"],
    "A new organisation. Its slug is made from the name (with -2, -3 … when that slug is or was another organisation's).",
  ),
  OrganisationChanges: body(
    {
      name: text(ORGANISATION_NAME_MAX, "A new name; the slug stays the same."),
      kind: ref("OrganisationKind"),
      aliases: list(
        text(ORGANISATION_NAME_MAX),
        ORGANISATION_ALIASES_MAX,
        "All other spellings (replacing the list).",
      ),
      slug: {
        type: "string",
        pattern: slugPattern,
        maxLength: ORGANISATION_NAME_MAX,
        description: "Only to change the slug on purpose: the old slug keeps redirecting (301) here.",
      },
    },
    [],
    "A change to an organisation: any of these fields.",
  ),
  OrganisationMerge: body(
    { into: text(ORGANISATION_NAME_MAX, "The slug of the organisation that remains.") },
    ["into"],
    "Which organisation to merge into.",
  ),
};

const parameters: Record<string, ParameterObject> = {
  ifMatch: {
    name: "If-Match",
    in: "header",
    required: true,
    description:
      "The record's ETag as last read (or `*` for whatever version is current). Without it: 428; with another version: 412.",
    schema: { type: "string" },
  },
  csrfToken: {
    name: "X-CSRF-Token",
    in: "header",
    required: false,
    description:
      "With a session cookie: the session's anti-forgery token (without it: 403). Not needed with a Bearer token.",
    schema: { type: "string" },
  },
  themeNumber: {
    name: "number",
    in: "path",
    required: true,
    description: "The theme's number within the programme.",
    schema: { type: "string", pattern: "^[1-9][0-9]{0,2}$" },
  },
};

const responses: Record<string, ResponseObject> = {
  Unauthorised: {
    ...problem("No credentials, or a token that is invalid or revoked."),
    headers: {
      ...REQUEST_ID_HEADER,
      "WWW-Authenticate": { description: 'Bearer realm="regie"', schema: { type: "string" } },
    },
  },
  Forbidden: problem(
    "Signed in, but without the right for this record; or a session cookie without its `X-CSRF-Token`.",
  ),
  PreconditionRequired: problem("No `If-Match` header: send the ETag of the version you read."),
  PreconditionFailed: {
    ...problem(
      "The record has changed since that version (or `If-Match` names another record). Nothing was changed; read it again.",
    ),
    headers: {
      ...REQUEST_ID_HEADER,
      ETag: { description: "The current version's ETag.", schema: { type: "string" } },
    },
  },
  InvalidInput: problem(
    "The body is not JSON, not an object, has unknown fields, or a field is wrong (too long, wrong type, an unknown reference, a name that is taken); `errors` says what, per field. Nothing was changed.",
  ),
};

/** The standard answers of a write that needs If-Match. */
const writeAnswers = (ok: ResponseObject) => ({
  "200": ok,
  "400": response("InvalidInput"),
  "401": response("Unauthorised"),
  "403": response("Forbidden"),
  "404": response("NotFound"),
  "412": response("PreconditionFailed"),
  "428": response("PreconditionRequired"),
});
const createAnswers = (ok: ResponseObject) => ({
  "201": ok,
  "400": response("InvalidInput"),
  "401": response("Unauthorised"),
  "403": response("Forbidden"),
  "404": response("NotFound"),
});
const json = (schema: string) => ({
  required: true,
  content: { "application/json": { schema: ref(schema) } },
});

const operations: Record<string, PathItemObject> = {
  "/programmes/{slug}": {
    patch: {
      operationId: "updateProgramme",
      summary: "Change a programme's front matter",
      description: `For the programme's programme manager. ${AUTH} ${ORDER} The change and its history entry are one transaction.`,
      tags: ["programmes"],
      parameters: [param("programmeSlug"), param("ifMatch"), param("csrfToken")],
      requestBody: json("ProgrammeChanges"),
      responses: writeAnswers(record("Programme", "The programme as it is now.")),
    },
  },
  "/programmes/{slug}/themes/{number}": {
    get: {
      operationId: "getTheme",
      summary: "One theme, with its ETag",
      tags: ["programmes"],
      parameters: [param("programmeSlug"), param("themeNumber")],
      responses: {
        "200": record("Theme", "The theme."),
        "400": response("BadRequest"),
        "404": response("NotFound"),
      },
    },
    patch: {
      operationId: "updateTheme",
      summary: "Change a theme: texts, intentions, participation",
      description: `For the programme's programme manager. ${AUTH} ${ORDER}`,
      tags: ["programmes"],
      parameters: [param("programmeSlug"), param("themeNumber"), param("ifMatch"), param("csrfToken")],
      requestBody: json("ThemeChanges"),
      responses: writeAnswers(record("Theme", "The theme as it is now.")),
    },
  },
  "/programmes/{slug}/actions": {
    post: {
      operationId: "createAction",
      summary: "Add an action to a programme",
      description: `For the programme's programme manager. ${AUTH} ${ORDER_CREATE}`,
      tags: ["programmes"],
      parameters: [param("programmeSlug"), param("csrfToken")],
      requestBody: json("NewAction"),
      responses: createAnswers(record("Action", "The new action.", 201)),
    },
  },
  "/programmes/{slug}/actions/{number}": {
    patch: {
      operationId: "updateAction",
      summary: "Change an action",
      description: `For the programme's programme manager. ${AUTH} ${ORDER} Of two changes sent with the same \`If-Match\`, exactly one succeeds; the other gets 412 and the current ETag.`,
      tags: ["programmes"],
      parameters: [param("programmeSlug"), param("actionNumber"), param("ifMatch"), param("csrfToken")],
      requestBody: json("ActionChanges"),
      responses: writeAnswers(record("Action", "The action as it is now.")),
    },
  },
  "/organisations": {
    post: {
      operationId: "createOrganisation",
      summary: "Add an organisation",
      description: `For a programme manager of any programme. ${AUTH} Checked in this order: 401, 403, 400 (also for a name or alias that belongs to another organisation: the message names it).`,
      tags: ["organisations"],
      parameters: [param("csrfToken")],
      requestBody: json("NewOrganisation"),
      responses: {
        "201": record("Organisation", "The new organisation.", 201),
        "400": response("InvalidInput"),
        "401": response("Unauthorised"),
        "403": response("Forbidden"),
      },
    },
  },
  "/organisations/{slug}": {
    patch: {
      operationId: "updateOrganisation",
      summary: "Rename an organisation, change its kind, aliases or (on purpose) its slug",
      description: `For a programme manager of any programme. ${AUTH} ${ORDER} A former slug (merged away or changed) answers 404 with a \`Link\` to where the organisation is now.`,
      tags: ["organisations"],
      parameters: [param("organisationSlug"), param("ifMatch"), param("csrfToken")],
      requestBody: json("OrganisationChanges"),
      responses: writeAnswers(record("Organisation", "The organisation as it is now.")),
    },
  },
  "/organisations/{slug}/merge": {
    post: {
      operationId: "mergeOrganisation",
      summary: "Merge an organisation into another",
      description: [
        `For a programme manager of any programme. ${AUTH} \`If-Match\` carries the ETag of the organisation that disappears. ${ORDER}`,
        "In one transaction every reference moves to `into` (roles in actions and programmes, participation in themes, contacts, accounts, meeting attendance);",
        "where both had the same role in an action one remains, keeping both qualifiers. The merged organisation's name and aliases become aliases of `into`,",
        "its slug answers 301 to `into` from then on, and it is removed. Affected actions get a new version and a history entry. Merging into itself, or into",
        "an unknown slug, is a 400.",
      ].join(" "),
      tags: ["organisations"],
      parameters: [param("organisationSlug"), param("ifMatch"), param("csrfToken")],
      requestBody: json("OrganisationMerge"),
      responses: writeAnswers({
        ...record("Organisation", "The organisation that remains, as it is now (with its ETag)."),
        headers: {
          ...REQUEST_ID_HEADER,
          ETag: ETAG,
          "Content-Location": {
            description: "The address of the organisation that remains.",
            schema: { type: "string" },
          },
        },
      }),
    },
  },
};

/** A GET answer 301 for an organisation slug that was merged away or changed. */
export const MOVED_ORGANISATION: ResponseObject = {
  description:
    "The slug was merged into another organisation or changed on purpose: `Location` gives where the organisation is now.",
  headers: {
    ...REQUEST_ID_HEADER,
    Location: { description: "The organisation's address now.", schema: { type: "string" } },
  },
};

/** Adds the editing operations to the document's path items (next to the reads a path already has). */
export function withEditingPaths(paths: Record<string, PathItemObject>): Record<string, PathItemObject> {
  const out = { ...paths };
  for (const [path, item] of Object.entries(operations)) out[path] = { ...out[path], ...item };
  return out;
}

export function editingOpenApi() {
  return { schemas, parameters, responses };
}
