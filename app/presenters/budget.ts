import type { z } from "zod";
import type {
  budgetAllocationSchema,
  budgetSourceSchema,
  budgetSpendingSchema,
  capacitySchema,
} from "../api/budget/schema";
import {
  ALLOCATION_CSV_HEADERS,
  CAPACITY_CSV_HEADERS,
  SOURCE_CSV_HEADERS,
  SPENDING_CSV_HEADERS,
} from "../api/budget/schema";
import type {
  BudgetAllocation,
  BudgetSource,
  BudgetSpending,
  CapacityCommitment,
} from "../domain/budget/types";
import { toCsv } from "./csv";

export const presentBudgetSource = (s: BudgetSource): z.infer<typeof budgetSourceSchema> => ({
  id: s.id,
  year: s.year,
  kind: s.kind,
  organisation: s.organisation?.slug ?? null,
  name: s.name,
  amountCents: s.amountCents,
  note: s.note,
});

export const presentBudgetAllocation = (a: BudgetAllocation): z.infer<typeof budgetAllocationSchema> => ({
  id: a.id,
  year: a.year,
  action: a.action ? { number: a.action.number, title: a.action.title } : null,
  costKind: a.costKind,
  amountCents: a.amountCents,
  spentCents: a.spentCents,
  note: a.note,
  decidedBy: a.decidedBy,
  decisionId: a.decision?.id ?? null,
});

export const presentBudgetSpending = (s: BudgetSpending): z.infer<typeof budgetSpendingSchema> => ({
  id: s.id,
  allocationId: s.allocationId,
  year: s.year,
  spentOn: s.spentOn,
  amountCents: s.amountCents,
  description: s.description,
  reference: s.reference,
});

/** Without role and note: the open data holds amounts, not who does what. */
export const presentCapacity = (c: CapacityCommitment): z.infer<typeof capacitySchema> => ({
  id: c.id,
  year: c.year,
  action: { number: c.action.number, title: c.action.title },
  organisation: c.organisation.slug,
  organisationName: c.organisation.name,
  amountHundredths: c.amountHundredths,
  unit: c.unit,
});

export const budgetSourcesCsv = (rows: readonly BudgetSource[]) =>
  toCsv(
    SOURCE_CSV_HEADERS,
    rows.map((s) => [s.id, s.year, s.kind, s.organisation?.slug ?? null, s.name, s.amountCents, s.note]),
  );
export const budgetAllocationsCsv = (rows: readonly BudgetAllocation[]) =>
  toCsv(
    ALLOCATION_CSV_HEADERS,
    rows.map((a) => [
      a.id,
      a.year,
      a.action?.number ?? null,
      a.costKind,
      a.amountCents,
      a.spentCents,
      a.decidedBy,
      a.decision?.id ?? null,
      a.note,
    ]),
  );
export const budgetSpendingCsv = (rows: readonly BudgetSpending[]) =>
  toCsv(
    SPENDING_CSV_HEADERS,
    rows.map((s) => [s.id, s.allocationId, s.year, s.spentOn, s.amountCents, s.description, s.reference]),
  );
export const capacityCsv = (rows: readonly CapacityCommitment[]) =>
  toCsv(
    CAPACITY_CSV_HEADERS,
    rows.map((c) => [c.id, c.year, c.action.number, c.organisation.slug, c.amountHundredths, c.unit]),
  );
