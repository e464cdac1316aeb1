import { z } from "zod";
import { actionPatchSchema } from "../../domain/actions/action-changes";
import { actionCreateSchema } from "../../domain/editing/action-create";
import { LINK_TYPES } from "../../domain/programmes/programme-document";
import { categoryChangeSchema } from "../decisions/schema";
import { approvedPlanSchema } from "../plans/schema";
import { categoryColourSchema, intentionSchema, organisationKindSchema } from "../programmes/schema";
import { dependencyRiskSchema, latestProgressSchema, milestoneSchema } from "../progress/schema";
import { area, AUTH, CHANGE_ORDER, listOf, nullable, op, RECORD_ETAG } from "../schema";

/** A programme's actions: the shapes the API answers with, the bodies it takes, and the operations. */

const linkTypeSchema = z.enum(LINK_TYPES).meta({
  id: "LinkType",
  description:
    "How an action relates to its target: `related` (see also), `prerequisiteFor` (this action must be done first), `enables` (this action leads to the target).",
});

const organisationRefSchema = z
  .strictObject({
    name: z.string(),
    slug: z.string(),
    kind: organisationKindSchema,
    qualifier: z.string().nullable().describe('A remark the document adds to this role, such as "tot eind 2013".'),
  })
  .meta({ id: "OrganisationRef", description: "An organisation in one of an action's roles." });

export const categorySchema = z
  .strictObject({
    code: z.int().min(1).max(4),
    colour: nullable(categoryColourSchema, "null only when the programme does not define this code."),
    label: z.string().nullable().describe("null only when the programme does not define this code."),
  })
  .meta({ id: "Category", description: "The category the steering group gave an action." });

export const actionSchema = z
  .strictObject({
    number: z.int().min(1).describe("Number within the programme."),
    title: z.string(),
    description: z.string().describe("Paragraphs separated by a blank line."),
    notes: z.array(z.string()).describe('The document\'s "N.B." remarks.'),
    theme: z.strictObject({ number: z.int(), title: z.string() }).nullable().describe("null for actions of the organisation chapter."),
    intention: nullable(intentionSchema, "null when the action sits under a group instead."),
    group: z.string().nullable().describe("Group heading in the organisation chapter; null elsewhere."),
    leads: z.array(organisationRefSchema).describe('Who leads ("Trekker").'),
    partners: z.array(organisationRefSchema),
    toInvolve: z.array(organisationRefSchema).describe('Parties still to be involved ("Te betrekken").'),
    leadUnknown: z.boolean().describe("The document says the lead is not known yet."),
    intendedResults: z.array(z.string()),
    planningText: z.string().describe("The planning as the document words it; may be empty."),
    planningYears: z.array(z.int()).describe("The years the planning names or covers; standing activities cover the whole period."),
    category: categorySchema.nullable(),
    categoryNote: z.string().nullable().describe('The remark in the category cell, e.g. "taak onderwijs".'),
    links: z.array(
      z
        .strictObject({
          type: linkTypeSchema,
          target: z.union([
            z.strictObject({ action: z.int().describe("Number of the target action.") }),
            z.strictObject({ theme: z.int().describe("Number of the target theme.") }),
          ]),
        })
        .meta({ id: "Link", description: "A link from this action to another action or to a whole theme." }),
    ),
    linkedFrom: z.array(
      z
        .strictObject({ type: linkTypeSchema, source: z.strictObject({ action: z.int().describe("Number of the action that links here.") }) })
        .meta({ id: "Backlink", description: "A link from another action to this one." }),
    ),
    updatedAt: z.iso.datetime(),
    plan: nullable(approvedPlanSchema, "The adopted plan of approach; null while none is approved."),
    milestones: z
      .array(milestoneSchema)
      .describe("Dated steps read from the planning text (corrected by hand where needed), in the planning's order."),
    progress: nullable(latestProgressSchema, "The newest progress update; null while none was reported."),
    atRiskThrough: z
      .array(dependencyRiskSchema)
      .describe(
        "The actions this one depends on (through `prerequisiteFor` and `enables` links, also further up the chain) that are delayed, stopped or dropped, by number; empty when none. Always as the programme stands now, also with `asOf`.",
      ),
  })
  .meta({ id: "Action", description: "One action of a programme." });

export const actionDetailSchema = actionSchema
  .extend({
    categoryHistory: z
      .array(categoryChangeSchema)
      .describe(
        "Every change of the action's category by a decision taken, oldest first. The category on a date is the `to` of the last change on or before it.",
      ),
  })
  .meta({ id: "ActionDetail", description: "One action of a programme, with the decisions that set its category." });

export const actionListSchema = listOf(actionSchema, "ActionList", "A page of actions.");

export type CategoryBody = z.infer<typeof categorySchema>;
export type ActionBody = z.infer<typeof actionSchema>;
export type ActionDetailBody = z.infer<typeof actionDetailSchema>;

const actionChanges = actionPatchSchema.meta({
  id: "ActionChanges",
  description:
    "A change to an action: any of its fields; references (intention, group, organisations, link targets) must exist in the programme.",
});
const newAction = actionCreateSchema.meta({
  id: "NewAction",
  description:
    "A new action: the fields of a change (title and `intentionCode` or `group` needed; the rest may be left out). It has no category until a decision gives it one.",
});

// ---- Operations

const CSV_DESCRIPTION =
  "The same actions as the JSON list, as CSV the way Dutch spreadsheet programs open it: UTF-8 with a byte-order mark, `;` between cells, CRLF between rows, cells quoted when they hold `;`, `\"` or a line break. The header row uses the JSON field names. Lists are joined with ` | `; organisations are written as `name (qualifier)`, `theme` is the theme's number, `intention` its code, `category` the category code, links as `type:action N` or `type:theme N`, `atRiskThrough` as the numbers of those actions. A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so that no spreadsheet runs it as a formula.";
const filters = ["q", "theme", "intention", "category", "lead", "partner", "year", "plan", "asOf"];

export const actionOperations = area("programmes", RECORD_ETAG, {
  "get /programmes/{slug}/actions": op("listActions", "List and filter a programme's actions", {
    description: "Filters combine (all must hold); `category` may repeat (any of). Sorted by number, or by relevance when `q` is given.",
    query: filters,
    list: true,
    answers: { 200: { description: "A page of actions.", schema: actionListSchema } },
  }),
  "post /programmes/{slug}/actions": op("createAction", "Add an action to a programme", {
    description: `For the programme's programme manager. ${AUTH} Checked in this order: 401 without credentials, 404 for an unknown programme, 403 without the right, 400 for a bad body.`,
    body: newAction,
    answers: { 201: { description: "The new action.", schema: actionSchema, headers: { Location: "The new record's address in this API." } } },
  }),
  "get /programmes/{slug}/actions.csv": op("downloadActionsCsv", "A programme's actions as CSV", {
    description: CSV_DESCRIPTION,
    query: [...filters, "csvLimit", "offset"],
    answers: {
      200: {
        description: "The actions as CSV, sent as a download (`Content-Disposition: attachment`).",
        csv: {
          description: "UTF-8 with byte-order mark; `;`-separated; CRLF line ends.",
          example: "\uFEFFnumber;title;description;notes;theme;intention;group;leads;…\r\n1;Opschalen Leiden Kennisstad;…\r\n",
        },
      },
    },
  }),
  "get /programmes/{slug}/actions/{number}": op("getAction", "One action", {
    query: ["asOf"],
    answers: { 200: { description: "The action, with its category history.", schema: actionDetailSchema } },
  }),
  "patch /programmes/{slug}/actions/{number}": op("updateAction", "Change an action", {
    description: `For the programme's programme manager. ${AUTH} ${CHANGE_ORDER} Of two changes sent with the same \`If-Match\`, exactly one succeeds; the other gets 412 and the current ETag.`,
    body: actionChanges,
    answers: { 200: { description: "The action as it is now.", schema: actionSchema } },
  }),
});
