import type { Request, Response, Router } from "express";
import { parsePaging } from "../../domain/programmes/action-filters";
import type { Programme } from "../../domain/programmes/types";
import { message, type FieldErrors } from "../../lib/errors";
import type { Services } from "../../lib/services.server";
import {
  budgetAllocationsCsv,
  budgetSourcesCsv,
  budgetSpendingCsv,
  capacityCsv,
  presentBudgetAllocation,
  presentBudgetSource,
  presentBudgetSpending,
  presentCapacity,
} from "../../presenters/budget";
import { programmeOf } from "../lookup";
import { invalidQuery, queryOf } from "../problem";

/**
 * The budget's open data under /api/v1/programmes/{slug}/budget: sources, allocations, spending and
 * capacity, as JSON pages and as CSV downloads, optionally of one year. Amounts only: no roles, no notes
 * about people.
 */
export function mountBudgetRoutes(router: Router, services: Services): void {
  /** Reads `year` (one, within the programme's period) and, for JSON, the paging; answers 400 otherwise. */
  function filters(req: Request, res: Response, programme: Programme, paged: boolean) {
    const query = queryOf(req);
    const errors: FieldErrors = {};
    const years = query.getAll("year").filter((v) => v.trim() !== "");
    let year: number | undefined;
    if (years.length > 1) errors.year = message("filter.repeated");
    else if (years.length === 1) {
      const y = /^\d{4}$/.test(years[0]!) ? Number(years[0]) : NaN;
      if (!(y >= programme.period.start && y <= programme.period.end))
        errors.year = message("budget.yearOutside", { p0: programme.period.start, p1: programme.period.end });
      else year = y;
    }
    const paging = paged ? parsePaging(query) : undefined;
    if (paging && !paging.ok) Object.assign(errors, paging.errors);
    if (Object.keys(errors).length > 0) {
      invalidQuery(res, errors);
      return undefined;
    }
    return { year, paging: paging?.ok ? paging.paging : { limit: 100, offset: 0 } };
  }

  function lists<T, B>(
    name: string,
    read: (programmeId: number, year: number | undefined) => Promise<T[]>,
    present: (row: T) => B,
    csv: (rows: readonly T[]) => string,
  ) {
    router.get(`/programmes/:slug/budget/${name}`, async (req, res) => {
      const programme = await programmeOf(services, req, res);
      if (!programme) return;
      const f = filters(req, res, programme, true);
      if (!f) return;
      const all = await read(programme.id, f.year);
      const { limit, offset } = f.paging;
      res.json({ data: all.slice(offset, offset + limit).map(present), total: all.length, limit, offset });
    });
    router.get(`/programmes/:slug/budget/${name}.csv`, async (req, res) => {
      const programme = await programmeOf(services, req, res);
      if (!programme) return;
      const f = filters(req, res, programme, false);
      if (!f) return;
      const all = await read(programme.id, f.year);
      res
        .type("text/csv; charset=utf-8")
        .setHeader(
          "Content-Disposition",
          `attachment; filename="${programme.slug}-budget-${name}${f.year ? `-${f.year}` : ""}.csv"`,
        )
        .send(csv(all));
    });
  }

  lists(
    "sources",
    (id, year) => services.budget.sources(id, { year }),
    presentBudgetSource,
    budgetSourcesCsv,
  );
  lists(
    "allocations",
    (id, year) => services.budget.allocations(id, { year }),
    presentBudgetAllocation,
    budgetAllocationsCsv,
  );
  lists(
    "spending",
    (id, year) => services.budget.spending(id, { year }),
    presentBudgetSpending,
    budgetSpendingCsv,
  );
  lists("capacity", (id, year) => services.budget.commitments(id, { year }), presentCapacity, capacityCsv);
}
