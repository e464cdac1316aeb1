import { PRECISIONS } from "../domain/progress/fuzzy-date";
import { NARRATIVE_MAX, PROGRESS_STATUSES } from "../domain/progress/progress-input";
import type { OperationObject, Ref, SchemaObject } from "./openapi";

/** Milestones and progress in the OpenAPI document (merged into it by `openApiDocument`). */

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID_HEADER: Record<string, Ref> = {
  "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
};
const date = (description: string): SchemaObject => ({ type: "string", format: "date", description });
const PERIOD: SchemaObject = {
  type: "string",
  pattern: "^[0-9]{4}-(H[12]|Q[1-4])$",
  description: "Reporting period: `2014-H1` (first half year), `2014-Q2` (second quarter).",
  examples: ["2014-H1"],
};

function object(properties: Record<string, SchemaObject>, description?: string): SchemaObject {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

const schemas: Record<string, SchemaObject> = {
  ProgressStatus: {
    type: "string",
    enum: PROGRESS_STATUSES,
    description:
      "`on-track` (op schema), `at-risk` (risico), `delayed` (vertraagd), `done` (afgerond), `stopped` (gestopt).",
  },
  Milestone: object(
    {
      label: {
        type: ["string", "null"],
        description: "The planning's own words for the step; null when the planning gave only a date.",
      },
      due: object(
        {
          text: {
            type: "string",
            description: 'The date as the planning words it, e.g. "2e kwartaal 2014".',
          },
          start: date("First day of the period the date names."),
          end: {
            type: ["string", "null"],
            format: "date",
            description:
              "Last day: the milestone is due then. Null when open-ended (`vanaf 2014`) or undated (`Continu`).",
          },
          precision: {
            type: "string",
            enum: PRECISIONS,
            description:
              "How precise the planning was: a day, month, quarter, season, half or year, a range, open-ended, recurring (start/end are the first occurrence) or none.",
          },
        },
        "When the milestone is due, as precisely as the planning said it.",
      ),
      doneOn: {
        type: ["string", "null"],
        format: "date",
        description: "The day it was marked done; null while open.",
      },
    },
    "A dated step of an action, read from its planning text (or corrected by the programme manager).",
  ),
  LatestProgress: object(
    {
      status: ref("ProgressStatus"),
      percent: {
        type: ["integer", "null"],
        minimum: 0,
        maximum: 100,
        description: "How far along, when the reporter said so.",
      },
      period: PERIOD,
      updatedAt: { type: "string", format: "date-time" },
    },
    "The newest progress update of an action (the latest period; no narrative, no names).",
  ),
  DependencyRisk: object(
    {
      number: {
        type: "integer",
        minimum: 1,
        description: "The number of the action that puts this one at risk.",
      },
      reason: {
        type: "string",
        enum: ["delayed", "stopped", "dropped"],
        description:
          "Why: its latest progress update says `delayed` or `stopped`, or the steering group dropped it (category 4).",
      },
    },
    "An action this one depends on that blocks: its delay, stop or drop puts this action at risk.",
  ),
  ProgressUpdate: object(
    {
      period: PERIOD,
      status: ref("ProgressStatus"),
      percent: { type: ["integer", "null"], minimum: 0, maximum: 100 },
      narrative: {
        type: ["string", "null"],
        maxLength: NARRATIVE_MAX,
        description: "The short narrative; null when its author did not make it public.",
      },
      milestonesReached: {
        type: "array",
        items: ref("Milestone"),
        description: "The milestones reported as reached with this update.",
      },
      createdAt: {
        type: "string",
        format: "date-time",
        description: "When the update for this period was first given.",
      },
      updatedAt: { type: "string", format: "date-time", description: "When it was last corrected." },
    },
    "An action's progress over one reporting period. Who reported it is not published.",
  ),
  ProgressHistory: object(
    {
      action: { type: "integer", minimum: 1, description: "The action's number." },
      data: {
        type: "array",
        items: ref("ProgressUpdate"),
        description: "One update per period, newest period first.",
      },
    },
    "An action's progress updates.",
  ),
};

const getProgress: OperationObject = {
  operationId: "getActionProgress",
  summary: "An action's progress updates",
  description:
    "One update per reporting period, newest first: status, percentage, the narrative when its author made it public, and the milestones reached. No names of people.",
  tags: ["programmes"],
  parameters: [param("programmeSlug"), param("actionNumber")],
  responses: {
    "200": {
      description: "The progress history.",
      headers: REQUEST_ID_HEADER,
      content: { "application/json": { schema: ref("ProgressHistory") } },
    },
    "400": response("BadRequest"),
    "404": response("NotFound"),
  },
};

export function progressOpenApi() {
  return { paths: { "/programmes/{slug}/actions/{number}/progress": { get: getProgress } }, schemas };
}
