import { z } from "zod";
import { recordId, text } from "../primitives";

/**
 * The structured, reviewable form of a programme document (what `regie import-programme`
 * produces and what `data/programmes/*.json` holds). Loading validates against this schema.
 */

export const ORGANISATION_KINDS = [
  "municipality",
  "business",
  "knowledge-institution",
  "government",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LINK_TYPES = ["related", "prerequisiteFor", "enables"] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const CATEGORY_COLOURS = ["green", "orange", "red"] as const;
export type CategoryColour = (typeof CATEGORY_COLOURS)[number];

const slug = text().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug: lowercase letters, digits and hyphens");

export const organisationDocSchema = z.object({
  slug,
  name: text().min(1).max(200),
  kind: z.enum(ORGANISATION_KINDS),
  /** Other spellings met in documents ("VNO NCW" for "VNO-NCW"). */
  aliases: z.array(text().min(1).max(200)),
});
export type OrganisationDoc = z.infer<typeof organisationDocSchema>;

/** A reference from an action to an organisation, with an optional qualifier from the cell ("tot eind 2013"). */
export const organisationRefSchema = z.object({
  organisation: slug,
  qualifier: text().max(500).nullable(),
});
export type OrganisationRef = z.infer<typeof organisationRefSchema>;

export const linkTargetSchema = z.union([
  z.object({ action: recordId() }).strict(),
  z.object({ theme: recordId() }).strict(),
]);
export type LinkTarget = z.infer<typeof linkTargetSchema>;

export const actionLinkSchema = z.object({
  type: z.enum(LINK_TYPES),
  target: linkTargetSchema,
  /** The sentence the link was read from, verbatim. */
  source: text().max(1000).nullable(),
});
export type ActionLink = z.infer<typeof actionLinkSchema>;

export const actionDocSchema = z.object({
  number: recordId(),
  title: text().min(1).max(500),
  /** Paragraphs separated by a blank line ("\n\n"); N.B. notes are not part of it. */
  description: text().max(20000),
  /** N.B. notes from the action cell and the lead cell, verbatim without the "N.B." prefix. */
  notes: z.array(text().min(1).max(5000)),
  /** null for actions of the organisation chapter. */
  themeNumber: recordId().nullable(),
  /** e.g. "2.1"; null when the action sits under a group instead. */
  intentionCode: text().regex(/^\d+\.\d+$/).nullable(),
  /** Group heading in the organisation chapter ("Sturing op de uitvoering"); null elsewhere. */
  group: text().max(200).nullable(),
  leads: z.array(organisationRefSchema),
  partners: z.array(organisationRefSchema),
  toInvolve: z.array(organisationRefSchema),
  leadUnknown: z.boolean(),
  intendedResults: z.array(text().min(1).max(2000)),
  /** Verbatim; lines separated by "\n" where the cell had paragraphs. Empty string when the cell was empty. */
  planningText: text().max(2000),
  category: z.number().int().min(1).max(4).nullable(),
  /** The remark in the category cell, e.g. "taak onderwijs" for "2 (taak onderwijs)". */
  categoryNote: text().max(1000).nullable(),
  links: z.array(actionLinkSchema),
});
export type ActionDoc = z.infer<typeof actionDocSchema>;

export const intentionDocSchema = z.object({
  code: text().regex(/^\d+\.\d+$/),
  text: text().min(1).max(2000),
});
export type IntentionDoc = z.infer<typeof intentionDocSchema>;

export const participationDocSchema = z.object({
  municipality: slug,
  /** "undecided": the municipality supports the theme's intentions but has not decided to take part in its actions. */
  status: z.enum(["participating", "undecided", "not-participating"]),
  note: text().max(5000).nullable(),
});
export type ParticipationDoc = z.infer<typeof participationDocSchema>;

export const themeDocSchema = z.object({
  number: recordId(),
  title: text().min(1).max(300),
  /** Paragraphs of the "Doelstelling" section, separated by "\n\n". */
  goal: text().min(1).max(20000),
  /** The lead-in sentence of the "Voornemens" section. */
  intentionsIntro: text().max(2000).nullable(),
  intentions: z.array(intentionDocSchema),
  /** Municipalities whose participation in this theme differs from full participation (footnotes). */
  participation: z.array(participationDocSchema),
});
export type ThemeDoc = z.infer<typeof themeDocSchema>;

export const categoryDocSchema = z.object({
  code: z.number().int().min(1).max(4),
  colour: z.enum(CATEGORY_COLOURS),
  /** Short label ("Laaghangend fruit"). */
  label: text().min(1).max(200),
  /** The document's full description of the category. */
  description: text().min(1).max(2000),
});
export type CategoryDoc = z.infer<typeof categoryDocSchema>;

export const sectionDocSchema = z.object({
  heading: text().max(300),
  /** Paragraphs; list items are kept as paragraphs that start with "- ". */
  paragraphs: z.array(text()),
});
export type SectionDoc = z.infer<typeof sectionDocSchema>;

export const programmeDocumentSchema = z.object({
  slug,
  title: text().min(1).max(300),
  subtitle: text().max(300),
  /** Language of the programme's own texts. */
  language: text().min(2).max(10),
  period: z.object({ start: z.number().int(), end: z.number().int() }),
  /** ISO date. */
  adoptedOn: text().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  adoptedBy: text().max(300).nullable(),
  /** Organisation slugs of the municipalities that own the programme. */
  municipalities: z.array(slug),
  /** Organisation slugs of the parties that co-authored it ("Met medewerking van"). */
  coAuthors: z.array(slug),
  /** How often the programme is revised, in years. */
  revisionIntervalYears: recordId().nullable(),
  ambition: text().max(5000),
  /** The introduction chapter and other front matter, section by section. */
  introduction: z.array(sectionDocSchema),
  categories: z.array(categoryDocSchema),
  themes: z.array(themeDocSchema),
  /** The closing chapter about running the programme ("Organisatie") and its groups of actions. */
  organisationChapter: z
    .object({ number: recordId(), title: text(), groups: z.array(text()) })
    .nullable(),
  organisations: z.array(organisationDocSchema),
  actions: z.array(actionDocSchema),
});
export type ProgrammeDocument = z.infer<typeof programmeDocumentSchema>;
