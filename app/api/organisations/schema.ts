import { z } from "zod";
import {
  organisationCreateSchema,
  organisationMergeSchema,
  organisationPatchSchema,
} from "../../domain/editing/organisation-changes";
import { organisationKindSchema } from "../programmes/schema";
import { area, AUTH, CHANGE_ORDER, listOf, op, RECORD_ETAG } from "../schema";

/** The organisation registry: the shapes the API answers with, the bodies it takes, and the operations. */

const count = z.int().min(0);

export const organisationListItemSchema = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    kind: organisationKindSchema,
    actionCounts: z.strictObject({ lead: count, partner: count, toInvolve: count }),
  })
  .meta({
    id: "OrganisationListItem",
    description: "An organisation with the number of actions it takes part in, per role, over all programmes.",
  });

const organisationActionSchema = z
  .strictObject({
    programme: z.string().describe("Slug of the programme."),
    number: z.int(),
    title: z.string(),
    qualifier: z.string().nullable().describe("The remark the document adds to this role."),
  })
  .meta({ id: "OrganisationAction" });

export const organisationSchema = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    kind: organisationKindSchema,
    aliases: z.array(z.string()).describe("Other spellings met in documents."),
    actions: z.strictObject({
      lead: z.array(organisationActionSchema),
      partner: z.array(organisationActionSchema),
      toInvolve: z.array(organisationActionSchema),
    }),
  })
  .meta({ id: "Organisation", description: "One organisation with its actions grouped by role." });

export const organisationListSchema = listOf(organisationListItemSchema, "OrganisationList", "A page of organisations.");

export type OrganisationListItemBody = z.infer<typeof organisationListItemSchema>;
export type OrganisationBody = z.infer<typeof organisationSchema>;

const newOrganisation = organisationCreateSchema.meta({
  id: "NewOrganisation",
  description:
    "A new organisation. Its slug is made from the name (with -2, -3 … when that slug is or was another organisation's).",
});
const organisationChanges = organisationPatchSchema.meta({
  id: "OrganisationChanges",
  description: "A change to an organisation: any of these fields.",
});
const organisationMerge = organisationMergeSchema.meta({ id: "OrganisationMerge", description: "Which organisation to merge into." });

// ---- Operations

const FOR = `For a programme manager of any programme. ${AUTH}`;

export const organisationOperations = area("organisations", RECORD_ETAG, {
  "get /organisations": op("listOrganisations", "List organisations", {
    description: "By name. Action counts are over all programmes.",
    query: ["kind"],
    list: true,
    answers: { 200: { description: "A page of organisations.", schema: organisationListSchema } },
  }),
  "post /organisations": op("createOrganisation", "Add an organisation", {
    description: `${FOR} Checked in this order: 401, 403, 400 (also for a name or alias that belongs to another organisation: the message names it).`,
    body: newOrganisation,
    answers: { 201: { description: "The new organisation.", schema: organisationSchema, headers: { Location: "The new record's address in this API." } } },
  }),
  "get /organisations/{slug}": op("getOrganisation", "One organisation with its actions by role", {
    answers: {
      200: { description: "The organisation.", schema: organisationSchema },
      301: {
        description: "The slug was merged into another organisation or changed on purpose: `Location` gives where the organisation is now.",
        headers: { Location: "The organisation's address now." },
      },
    },
  }),
  "patch /organisations/{slug}": op("updateOrganisation", "Rename an organisation, change its kind, aliases or (on purpose) its slug", {
    description: `${FOR} ${CHANGE_ORDER} A former slug (merged away or changed) answers 404 with a \`Link\` to where the organisation is now.`,
    body: organisationChanges,
    answers: { 200: { description: "The organisation as it is now.", schema: organisationSchema } },
  }),
  "post /organisations/{slug}/merge": op("mergeOrganisation", "Merge an organisation into another", {
    description: `${FOR} \`If-Match\` carries the ETag of the organisation that disappears. ${CHANGE_ORDER} In one transaction every reference moves to \`into\` (roles in actions and programmes, participation in themes, contacts, accounts, meeting attendance); where both had the same role in an action one remains, keeping both qualifiers. The merged organisation's name and aliases become aliases of \`into\`, its slug answers 301 to \`into\` from then on, and it is removed. Affected actions get a new version and a history entry. Merging into itself, or into an unknown slug, is a 400.`,
    match: true,
    body: organisationMerge,
    answers: {
      200: {
        description: "The organisation that remains, as it is now (with its ETag).",
        schema: organisationSchema,
        headers: { "Content-Location": "The address of the organisation that remains." },
      },
    },
  }),
});
