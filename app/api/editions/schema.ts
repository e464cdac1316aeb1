import { z } from "zod";
import { area, op } from "../schema";

// ---- Answers

const kind = z.enum(["continued", "merged", "split", "dropped"]).meta({
  id: "LineageKind",
  description: "What became of the action: it continued (possibly renumbered or under another intention), was merged into another, split into several, or dropped.",
});
const period = z.strictObject({ start: z.number().int(), end: z.number().int() });

export const lineageLinkSchema = z
  .strictObject({
    number: z.number().int().nullable().describe("The action's number in that edition; null for a dropped action."),
    title: z.string().nullable(),
    programme: z.string().describe("The slug of that edition."),
    period,
    kind,
    reason: z.string().nullable().describe("Why the action was dropped."),
  })
  .meta({ id: "LineageLink" });

export const actionLineageSchema = z
  .strictObject({
    from: z.array(lineageLinkSchema).describe("The actions of the previous edition this one came from."),
    to: z.array(lineageLinkSchema).describe("What this action became in the next edition."),
  })
  .meta({ id: "ActionLineage", description: "Where an action came from and what it became, across editions." });

const diffPart = z.strictObject({ op: z.enum(["same", "removed", "added"]), text: z.string() }).meta({ id: "DiffPart" });
const fieldChange = z
  .strictObject({
    field: z.enum(["title", "description", "planningText", "intendedResults", "notes", "intentionCode", "category", "leads", "partners"]),
    before: z.string(),
    after: z.string(),
    diff: z.array(diffPart).nullable().describe("The changed words, for the text fields."),
  })
  .meta({ id: "FieldChange" });
const numbered = z.strictObject({ number: z.number().int(), title: z.string() });

export const editionComparisonSchema = z
  .strictObject({
    before: z.string().describe("The slug of the earlier edition."),
    after: z.string().describe("The slug of the later edition."),
    added: z.array(numbered),
    dropped: z.array(numbered.extend({ reason: z.string() })),
    merged: z.array(numbered.extend({ into: z.number().int() })),
    split: z.array(numbered.extend({ into: z.array(z.number().int()) })),
    renumbered: z.array(z.strictObject({ from: z.number().int(), to: z.number().int() })),
    changed: z.array(z.strictObject({ from: z.number().int(), to: z.number().int(), title: z.string(), changes: z.array(fieldChange) })),
    themesRenamed: z.array(z.strictObject({ number: z.number().int(), before: z.string(), after: z.string() })),
  })
  .meta({ id: "EditionComparison", description: "What differs between two editions of a programme, read from the lineage between them." });

export type ActionLineageBody = z.infer<typeof actionLineageSchema>;
export type EditionComparisonBody = z.infer<typeof editionComparisonSchema>;

// ---- Operations

export const editionOperations = area("editions", undefined, {
  "get /programmes/{slug}/actions/{number}/lineage": op("getActionLineage", "Where an action came from and what it became", {
    answers: { 200: { description: "The action's lineage across editions.", schema: actionLineageSchema } },
  }),
  "get /programmes/{slug}/compare/{other}": op("compareEditions", "The differences between two editions", {
    description: "`slug` is the earlier edition, `other` the one that follows it: actions added, dropped, merged, split and renumbered, and per continued action every field that changed, with the changed words.",
    answers: { 200: { description: "The differences.", schema: editionComparisonSchema } },
  }),
});
