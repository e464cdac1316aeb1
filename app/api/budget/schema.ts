import { z } from "zod";
import { MAX_LIMIT } from "../../domain/programmes/action-filters";
import { DEFAULT_LIMIT } from "../../domain/programmes/action-filter-links";
import { CAPACITY_UNITS, COST_KINDS, DECIDERS, SOURCE_KINDS } from "../../domain/budget/types";
import { area, listOf, op, type Answer } from "../schema";

/** The programme's budget and capacity: public lists of amounts (no names of people, no roles). */

const cents = z.int().min(0).describe("Whole euro cents: 1250000 is € 12.500,00.");
const actionRef = z
  .strictObject({ number: z.int().min(1), title: z.string() })
  .meta({ id: "BudgetActionRef", description: "An action of the programme." });

export const budgetSourceSchema = z
  .strictObject({
    id: z.int().min(1),
    year: z.int(),
    kind: z.enum(SOURCE_KINDS).describe("`contribution` of an organisation, a `subsidy`, or `other`."),
    organisation: z
      .string()
      .nullable()
      .describe("The contributing organisation's slug; null for a subsidy or other source."),
    name: z.string().describe("The organisation's name, or the source's own name."),
    amountCents: cents,
    note: z.string(),
  })
  .meta({ id: "BudgetSource", description: "Money coming in for a year." });

export const budgetAllocationSchema = z
  .strictObject({
    id: z.int().min(1),
    year: z.int(),
    action: actionRef.nullable().describe("The action it is for; null for a programme cost."),
    costKind: z.enum(COST_KINDS).nullable().describe("The programme cost it is for; null for an action."),
    amountCents: cents,
    spentCents: cents.describe("What was spent against it so far, in cents."),
    note: z.string(),
    decidedBy: z
      .enum(DECIDERS)
      .describe(
        "`steering-group` (see `decisionId`) or `mandate`: the programme manager within the year's mandate.",
      ),
    decisionId: z.int().min(1).nullable().describe("The steering group's decision in the register."),
  })
  .meta({ id: "BudgetAllocation", description: "Money set aside for an action or a programme cost." });

export const budgetSpendingSchema = z
  .strictObject({
    id: z.int().min(1),
    allocationId: z.int().min(1),
    year: z.int(),
    spentOn: z.iso.date(),
    amountCents: cents,
    description: z.string(),
    reference: z.string().describe("An invoice number or other reference; may be empty."),
  })
  .meta({ id: "BudgetSpending", description: "Money spent against an allocation." });

export const capacitySchema = z
  .strictObject({
    id: z.int().min(1),
    year: z.int(),
    action: actionRef,
    organisation: z.string().describe("The committing organisation's slug."),
    organisationName: z.string(),
    amountHundredths: z.int().min(1).describe("Hundredths of the unit: 50 is 0.5 FTE."),
    unit: z.enum(CAPACITY_UNITS),
  })
  .meta({
    id: "CapacityCommitment",
    description: "What an organisation commits in people to an action in a year.",
  });

export const budgetSourceListSchema = listOf(
  budgetSourceSchema,
  "BudgetSourceList",
  "A page of budget sources.",
);
export const budgetAllocationListSchema = listOf(
  budgetAllocationSchema,
  "BudgetAllocationList",
  "A page of allocations.",
);
export const budgetSpendingListSchema = listOf(
  budgetSpendingSchema,
  "BudgetSpendingList",
  "A page of spending.",
);
export const capacityListSchema = listOf(capacitySchema, "CapacityList", "A page of capacity commitments.");

export const SOURCE_CSV_HEADERS = [
  "id",
  "year",
  "kind",
  "organisation",
  "name",
  "amountCents",
  "note",
] as const;
export const ALLOCATION_CSV_HEADERS = [
  "id",
  "year",
  "action",
  "costKind",
  "amountCents",
  "spentCents",
  "decidedBy",
  "decisionId",
  "note",
] as const;
export const SPENDING_CSV_HEADERS = [
  "id",
  "allocationId",
  "year",
  "spentOn",
  "amountCents",
  "description",
  "reference",
] as const;
export const CAPACITY_CSV_HEADERS = [
  "id",
  "year",
  "action",
  "organisation",
  "amountHundredths",
  "unit",
] as const;

const csv = (headers: readonly string[], example: string): Answer => ({
  description: "All rows, sent as a download.",
  csv: {
    description: `UTF-8 with byte-order mark; \`;\`-separated; CRLF line ends; amounts in whole cents. Columns: ${headers.map((h) => `\`${h}\``).join(", ")}.`,
    example,
  },
});

const LIST = `Oldest year first. Paged like the other lists (\`limit\` 1 to ${MAX_LIMIT}, ${DEFAULT_LIMIT} by default). Amounts are whole euro cents, so sums are exact.`;

export const budgetOperations = area("budget", undefined, {
  "get /programmes/{slug}/budget/sources": op(
    "listBudgetSources",
    "Money coming in: contributions, subsidies and other sources",
    {
      description: LIST,
      query: ["budgetYear"],
      list: true,
      answers: { 200: { description: "A page of sources.", schema: budgetSourceListSchema } },
    },
  ),
  "get /programmes/{slug}/budget/sources.csv": op("downloadBudgetSourcesCsv", "The sources as CSV", {
    query: ["budgetYear"],
    answers: {
      200: csv(
        SOURCE_CSV_HEADERS,
        "\uFEFFid;year;kind;organisation;name;amountCents;note\r\n1;2014;contribution;gemeente-leiden;Gemeente Leiden;2500000;\r\n",
      ),
    },
  }),
  "get /programmes/{slug}/budget/allocations": op(
    "listBudgetAllocations",
    "Money set aside for actions and programme costs",
    {
      description: LIST,
      query: ["budgetYear"],
      list: true,
      answers: { 200: { description: "A page of allocations.", schema: budgetAllocationListSchema } },
    },
  ),
  "get /programmes/{slug}/budget/allocations.csv": op(
    "downloadBudgetAllocationsCsv",
    "The allocations as CSV",
    {
      query: ["budgetYear"],
      answers: {
        200: csv(
          ALLOCATION_CSV_HEADERS,
          "\uFEFFid;year;action;costKind;amountCents;spentCents;decidedBy;decisionId;note\r\n1;2014;4;;1000000;123456;steering-group;7;\r\n",
        ),
      },
    },
  ),
  "get /programmes/{slug}/budget/spending": op("listBudgetSpending", "Money spent against allocations", {
    description: LIST,
    query: ["budgetYear"],
    list: true,
    answers: { 200: { description: "A page of spending.", schema: budgetSpendingListSchema } },
  }),
  "get /programmes/{slug}/budget/spending.csv": op("downloadBudgetSpendingCsv", "The spending as CSV", {
    query: ["budgetYear"],
    answers: {
      200: csv(
        SPENDING_CSV_HEADERS,
        "\uFEFFid;allocationId;year;spentOn;amountCents;description;reference\r\n1;1;2014;2014-06-01;123456;Werkconferentie;F-17\r\n",
      ),
    },
  }),
  "get /programmes/{slug}/budget/capacity": op(
    "listCapacity",
    "What organisations commit in people to actions",
    {
      description: `${LIST} Roles and notes are not part of the open data.`,
      query: ["budgetYear"],
      list: true,
      answers: { 200: { description: "A page of capacity commitments.", schema: capacityListSchema } },
    },
  ),
  "get /programmes/{slug}/budget/capacity.csv": op("downloadCapacityCsv", "The capacity commitments as CSV", {
    query: ["budgetYear"],
    answers: {
      200: csv(
        CAPACITY_CSV_HEADERS,
        "\uFEFFid;year;action;organisation;amountHundredths;unit\r\n1;2014;4;gemeente-leiden;50;fte\r\n",
      ),
    },
  }),
});
