import { z } from "zod";
import { PRECISIONS } from "../../domain/progress/fuzzy-date";
import { NARRATIVE_MAX, PROGRESS_STATUSES } from "../../domain/progress/progress-input";
import { area, op } from "../schema";

/** Milestones and progress: the shapes the API answers with, and the progress history's operation. */

export const progressStatusSchema = z.enum(PROGRESS_STATUSES).meta({
  id: "ProgressStatus",
  description: "`on-track` (op schema), `at-risk` (risico), `delayed` (vertraagd), `done` (afgerond), `stopped` (gestopt).",
});

const period = z
  .string()
  .regex(/^[0-9]{4}-(H[12]|Q[1-4])$/)
  .meta({ description: "Reporting period: `2014-H1` (first half year), `2014-Q2` (second quarter).", examples: ["2014-H1"] });

export const milestoneSchema = z
  .strictObject({
    label: z.string().nullable().describe("The planning's own words for the step; null when the planning gave only a date."),
    due: z
      .strictObject({
        text: z.string().describe('The date as the planning words it, e.g. "2e kwartaal 2014".'),
        start: z.iso.date().describe("First day of the period the date names."),
        end: z.iso
          .date()
          .nullable()
          .describe("Last day: the milestone is due then. Null when open-ended (`vanaf 2014`) or undated (`Continu`)."),
        precision: z
          .enum(PRECISIONS)
          .describe(
            "How precise the planning was: a day, month, quarter, season, half or year, a range, open-ended, recurring (start/end are the first occurrence) or none.",
          ),
      })
      .describe("When the milestone is due, as precisely as the planning said it."),
    doneOn: z.iso.date().nullable().describe("The day it was marked done; null while open."),
  })
  .meta({ id: "Milestone", description: "A dated step of an action, read from its planning text (or corrected by the programme manager)." });

const percent = z.int().min(0).max(100).nullable();

export const latestProgressSchema = z
  .strictObject({
    status: progressStatusSchema,
    percent: percent.describe("How far along, when the reporter said so."),
    period,
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "LatestProgress", description: "The newest progress update of an action (the latest period; no narrative, no names)." });

export const dependencyRiskSchema = z
  .strictObject({
    number: z.int().min(1).describe("The number of the action that puts this one at risk."),
    reason: z
      .enum(["delayed", "stopped", "dropped"])
      .describe("Why: its latest progress update says `delayed` or `stopped`, or the steering group dropped it (category 4)."),
  })
  .meta({ id: "DependencyRisk", description: "An action this one depends on that blocks: its delay, stop or drop puts this action at risk." });

export const progressUpdateSchema = z
  .strictObject({
    period,
    status: progressStatusSchema,
    percent,
    narrative: z.string().max(NARRATIVE_MAX).nullable().describe("The short narrative; null when its author did not make it public."),
    milestonesReached: z.array(milestoneSchema).describe("The milestones reported as reached with this update."),
    createdAt: z.iso.datetime().describe("When the update for this period was first given."),
    updatedAt: z.iso.datetime().describe("When it was last corrected."),
  })
  .meta({ id: "ProgressUpdate", description: "An action's progress over one reporting period. Who reported it is not published." });

export const progressHistorySchema = z
  .strictObject({
    action: z.int().min(1).describe("The action's number."),
    data: z.array(progressUpdateSchema).describe("One update per period, newest period first."),
  })
  .meta({ id: "ProgressHistory", description: "An action's progress updates." });

export type MilestoneBody = z.infer<typeof milestoneSchema>;
export type ProgressUpdateBody = z.infer<typeof progressUpdateSchema>;
export type ProgressHistoryBody = z.infer<typeof progressHistorySchema>;
export type LatestProgressBody = z.infer<typeof latestProgressSchema>;
export type DependencyRiskBody = z.infer<typeof dependencyRiskSchema>;

// ---- Operations

export const progressOperations = area("programmes", undefined, {
  "get /programmes/{slug}/actions/{number}/progress": op("getActionProgress", "An action's progress updates", {
    description:
      "One update per reporting period, newest first: status, percentage, the narrative when its author made it public, and the milestones reached. No names of people.",
    answers: { 200: { description: "The progress history.", schema: progressHistorySchema } },
  }),
});
