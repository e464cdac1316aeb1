import { z } from "zod";
import { programmePatchSchema, themePatchSchema } from "../../domain/editing/programme-changes";
import { CATEGORY_COLOURS, ORGANISATION_KINDS } from "../../domain/programmes/programme-document";
import { area, AUTH, CHANGE_ORDER, listOf, nullable, op, RECORD_ETAG } from "../schema";

/** Programmes: the shapes the API answers with, the bodies it takes, and the operations. */

export const organisationKindSchema = z
  .enum(ORGANISATION_KINDS)
  .meta({ id: "OrganisationKind", description: "What kind of party an organisation is." });

export const categoryColourSchema = z
  .enum(CATEGORY_COLOURS)
  .meta({ id: "CategoryColour", description: "The traffic-light colour the steering group gave a category." });

const periodSchema = z
  .strictObject({ start: z.int().describe("First year."), end: z.int().describe("Last year.") })
  .meta({ id: "Period", description: "The years a programme runs, both included." });

export const organisationSummarySchema = z
  .strictObject({
    name: z.string().describe("Display name."),
    slug: z.string().describe("Stable key, used in URLs and filters."),
    kind: organisationKindSchema,
  })
  .meta({ id: "OrganisationSummary", description: "An organisation named in a programme." });

export const programmeSummarySchema = z
  .strictObject({
    slug: z.string().describe("Stable key of the programme."),
    title: z.string(),
    subtitle: z.string(),
    period: periodSchema,
    isDefault: z.boolean().describe("Whether this is the programme shown at the start page."),
  })
  .meta({ id: "ProgrammeSummary", description: "A programme in the list of programmes." });

export const intentionSchema = z
  .strictObject({ code: z.string().describe('Numbered within its theme, e.g. "2.1".'), text: z.string() })
  .meta({ id: "Intention" });

export const themeSchema = z
  .strictObject({
    number: z.int().min(1),
    title: z.string(),
    goal: z.string().describe('The "Doelstelling" section; paragraphs separated by a blank line.'),
    intentionsIntro: z.string().nullable().describe("The sentence that introduces the intentions."),
    intentions: z.array(intentionSchema),
    participation: z.array(
      z
        .strictObject({
          municipality: organisationSummarySchema,
          status: z.enum(["participating", "undecided", "not-participating"]),
          note: z.string().nullable().describe("The document's footnote about this municipality's part."),
        })
        .meta({ id: "Participation", description: "A municipality whose part in a theme differs from full participation." }),
    ),
  })
  .meta({ id: "Theme" });

export const programmeSchema = z
  .strictObject({
    slug: z.string(),
    title: z.string(),
    subtitle: z.string(),
    language: z.string().describe("Language of the programme's own texts (BCP 47)."),
    period: periodSchema,
    adoptedOn: z.iso.date().nullable().describe("When the programme was adopted."),
    adoptedBy: z.string().nullable().describe("Who adopted it."),
    isDefault: z.boolean(),
    revisionIntervalYears: z.int().nullable().describe("How often the programme is revised, in years."),
    ambition: z.string(),
    municipalities: z.array(organisationSummarySchema).describe("The municipalities that own the programme."),
    coAuthors: z.array(organisationSummarySchema).describe('The parties that co-authored it ("Met medewerking van").'),
    categories: z.array(
      z
        .strictObject({ code: z.int().min(1).max(4), colour: categoryColourSchema, label: z.string(), description: z.string() })
        .meta({ id: "CategoryDefinition", description: "One of the programme's action categories, as the document defines it." }),
    ),
    themes: z.array(themeSchema),
    organisationChapter: nullable(
      z
        .strictObject({
          number: z.int(),
          title: z.string(),
          groups: z.array(z.string()).describe("Group headings of the chapter's actions."),
        })
        .meta({
          id: "OrganisationChapter",
          description: "The closing chapter about running the programme; its actions have no theme but a group.",
        }),
      "The closing chapter, when the programme has one.",
    ),
    introduction: z
      .array(
        z
          .strictObject({
            heading: z.string(),
            paragraphs: z.array(z.string()).describe('List items are paragraphs that start with "- ".'),
          })
          .meta({ id: "Section" }),
      )
      .describe("The introduction chapter and other front matter."),
    actionCounts: z
      .array(
        z
          .strictObject({
            category: z.int().nullable().describe("Category code; null for actions without a category."),
            count: z.int().min(0),
          })
          .meta({ id: "CategoryCount" }),
      )
      .describe("Number of actions per category."),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Programme", description: "One programme, whole." });

export const programmeListSchema = listOf(programmeSummarySchema, "ProgrammeList", "A page of programmes.");

export type OrganisationSummaryBody = z.infer<typeof organisationSummarySchema>;
export type ProgrammeSummaryBody = z.infer<typeof programmeSummarySchema>;
export type ThemeBody = z.infer<typeof themeSchema>;
export type ProgrammeBody = z.infer<typeof programmeSchema>;

const programmeChanges = programmePatchSchema.meta({
  id: "ProgrammeChanges",
  description: "A change to a programme's front matter: any of these fields.",
});
const themeChanges = themePatchSchema.meta({ id: "ThemeChanges", description: "A change to a theme: any of these fields." });

// ---- Operations

export const programmeOperations = area("programmes", RECORD_ETAG, {
  "get /programmes": op("listProgrammes", "List programmes", {
    description: "The default programme first, then the newest period first.",
    list: true,
    answers: { 200: { description: "A page of programmes.", schema: programmeListSchema } },
  }),
  "get /programmes/{slug}": op("getProgramme", "One programme with its themes, intentions, categories and action counts", {
    query: ["asOf"],
    answers: { 200: { description: "The programme.", schema: programmeSchema } },
  }),
  "patch /programmes/{slug}": op("updateProgramme", "Change a programme's front matter", {
    description: `For the programme's programme manager. ${AUTH} ${CHANGE_ORDER} The change and its history entry are one transaction.`,
    body: programmeChanges,
    answers: { 200: { description: "The programme as it is now.", schema: programmeSchema } },
  }),
  "get /programmes/{slug}/themes/{number}": op("getTheme", "One theme, with its ETag", {
    answers: { 200: { description: "The theme.", schema: themeSchema } },
  }),
  "patch /programmes/{slug}/themes/{number}": op("updateTheme", "Change a theme: texts, intentions, participation", {
    description: `For the programme's programme manager. ${AUTH} ${CHANGE_ORDER}`,
    body: themeChanges,
    answers: { 200: { description: "The theme as it is now.", schema: themeSchema } },
  }),
});
