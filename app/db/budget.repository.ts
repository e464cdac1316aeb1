import { sql, type Transaction } from "kysely";
import { allocationRefusal, spendingRefusal } from "../domain/budget/overview";
import { formatMoney } from "../domain/budget/money";
import type { AllocationInput, CommitmentInput, MandateInput, SourceInput, SpendingInput } from "../domain/budget/budget-input";
import type {
  ActionRef,
  BudgetAllocation,
  BudgetSource,
  BudgetSpending,
  BudgetYear,
  CapacityCommitment,
  CapacityUnit,
  CostKind,
  Decider,
  SourceKind,
} from "../domain/budget/types";
import { type Actor, recordAudit } from "./audit";
import type { Db } from "./database";
import { recordDecisionWithin } from "./decision.repository";
import type { Database } from "./schema";
import { forUpdate } from "./write-locks";

type Trx = Transaction<Database>;

/**
 * A write's answer. Errors are message keys with parameters after bars ("budget.yearOutside|2013|2015"),
 * by field; `refused` is a rule the budget keeps in its present state (not enough room). Amounts in
 * messages are cents, written out in the asker's language at the edge (`budgetMessage`).
 */
export type BudgetWriteResult =
  | { status: "ok"; id: number }
  | { status: "invalid"; errors: Record<string, string> }
  | { status: "refused"; reason: string; errors: Record<string, string> };

export interface WriteContext {
  programmeId: number;
  actor: Actor;
  now: string;
  /** Today's calendar date: a decision taken cannot lie after it. */
  today: string;
  requestId?: string | null;
}

export interface BudgetFilter {
  year?: number;
  actionNumber?: number;
  organisationSlug?: string;
}

const money = (cents: number) => formatMoney(cents, "nl");

/** Reads a programme's money and capacity. */
function budgetReads(db: Db) {
  const k = db.kysely;

  async function actionRefs(ids: readonly number[]): Promise<Map<number, ActionRef>> {
    if (ids.length === 0) return new Map();
    const rows = await k
      .selectFrom("action")
      .leftJoin("theme", "theme.id", "action.theme_id")
      .select(["action.id", "action.number", "action.title", "action.category", "theme.number as theme_number", "theme.title as theme_title"])
      .where("action.id", "in", [...new Set(ids)])
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          number: r.number,
          title: r.title,
          category: r.category,
          theme: r.theme_number !== null && r.theme_title !== null ? { number: r.theme_number, title: r.theme_title } : null,
        },
      ]),
    );
  }

  async function sources(programmeId: number, filter: BudgetFilter = {}): Promise<BudgetSource[]> {
    let q = k
      .selectFrom("budget_source")
      .leftJoin("organisation", "organisation.id", "budget_source.organisation_id")
      .select([
        "budget_source.id",
        "budget_source.year",
        "budget_source.kind",
        "budget_source.name",
        "budget_source.amount_cents",
        "budget_source.note",
        "organisation.slug",
        "organisation.name as organisation_name",
      ])
      .where("budget_source.programme_id", "=", programmeId);
    if (filter.year !== undefined) q = q.where("budget_source.year", "=", filter.year);
    if (filter.organisationSlug !== undefined) q = q.where("organisation.slug", "=", filter.organisationSlug);
    const rows = await q.orderBy("budget_source.year").orderBy("budget_source.id").execute();
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      kind: r.kind as SourceKind,
      organisation: r.slug !== null && r.organisation_name !== null ? { slug: r.slug, name: r.organisation_name } : null,
      name: r.organisation_name ?? r.name,
      amountCents: Number(r.amount_cents),
      note: r.note,
    }));
  }

  async function allocations(programmeId: number, filter: BudgetFilter = {}): Promise<BudgetAllocation[]> {
    let q = k
      .selectFrom("budget_allocation")
      .leftJoin("decision", "decision.id", "budget_allocation.decision_id")
      .leftJoin("action", "action.id", "budget_allocation.action_id")
      .select((eb) => [
        "budget_allocation.id",
        "budget_allocation.year",
        "budget_allocation.action_id",
        "budget_allocation.cost_kind",
        "budget_allocation.amount_cents",
        "budget_allocation.note",
        "budget_allocation.decided_by",
        "decision.id as decision_id",
        "decision.decided_on",
        "decision.title as decision_title",
        eb
          .selectFrom("budget_spending")
          .select((e) => e.fn.coalesce(e.fn.sum<number>("budget_spending.amount_cents"), sql<number>`0`).as("s"))
          .whereRef("budget_spending.allocation_id", "=", "budget_allocation.id")
          .as("spent"),
      ])
      .where("budget_allocation.programme_id", "=", programmeId);
    if (filter.year !== undefined) q = q.where("budget_allocation.year", "=", filter.year);
    if (filter.actionNumber !== undefined) q = q.where("action.number", "=", filter.actionNumber);
    const rows = await q.orderBy("budget_allocation.year").orderBy("budget_allocation.id").execute();
    const refs = await actionRefs(rows.map((r) => r.action_id).filter((id): id is number => id !== null));
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      action: r.action_id !== null ? (refs.get(r.action_id) ?? null) : null,
      costKind: r.cost_kind as CostKind | null,
      amountCents: Number(r.amount_cents),
      spentCents: Number(r.spent ?? 0),
      note: r.note,
      decidedBy: r.decided_by as Decider,
      decision: r.decision_id !== null ? { id: r.decision_id, decidedOn: r.decided_on ?? "", title: r.decision_title ?? "" } : null,
    }));
  }

  async function spending(programmeId: number, filter: BudgetFilter = {}): Promise<BudgetSpending[]> {
    let q = k
      .selectFrom("budget_spending")
      .innerJoin("budget_allocation", "budget_allocation.id", "budget_spending.allocation_id")
      .leftJoin("action", "action.id", "budget_allocation.action_id")
      .select([
        "budget_spending.id",
        "budget_spending.allocation_id",
        "budget_allocation.year",
        "budget_spending.spent_on",
        "budget_spending.amount_cents",
        "budget_spending.description",
        "budget_spending.reference",
      ])
      .where("budget_allocation.programme_id", "=", programmeId);
    if (filter.year !== undefined) q = q.where("budget_allocation.year", "=", filter.year);
    if (filter.actionNumber !== undefined) q = q.where("action.number", "=", filter.actionNumber);
    const rows = await q.orderBy("budget_spending.spent_on").orderBy("budget_spending.id").execute();
    return rows.map((r) => ({
      id: r.id,
      allocationId: r.allocation_id,
      year: r.year,
      spentOn: r.spent_on,
      amountCents: Number(r.amount_cents),
      description: r.description,
      reference: r.reference,
    }));
  }

  async function commitments(programmeId: number, filter: BudgetFilter = {}): Promise<CapacityCommitment[]> {
    let q = k
      .selectFrom("capacity_commitment")
      .innerJoin("organisation", "organisation.id", "capacity_commitment.organisation_id")
      .innerJoin("action", "action.id", "capacity_commitment.action_id")
      .select([
        "capacity_commitment.id",
        "capacity_commitment.year",
        "capacity_commitment.action_id",
        "capacity_commitment.amount_hundredths",
        "capacity_commitment.unit",
        "capacity_commitment.role",
        "capacity_commitment.note",
        "organisation.slug",
        "organisation.name",
      ])
      .where("capacity_commitment.programme_id", "=", programmeId);
    if (filter.year !== undefined) q = q.where("capacity_commitment.year", "=", filter.year);
    if (filter.actionNumber !== undefined) q = q.where("action.number", "=", filter.actionNumber);
    if (filter.organisationSlug !== undefined) q = q.where("organisation.slug", "=", filter.organisationSlug);
    const rows = await q.orderBy("capacity_commitment.year").orderBy("action.number").orderBy("organisation.name").orderBy("capacity_commitment.id").execute();
    const refs = await actionRefs(rows.map((r) => r.action_id));
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      action: refs.get(r.action_id)!,
      organisation: { slug: r.slug, name: r.name },
      amountHundredths: Number(r.amount_hundredths),
      unit: r.unit as CapacityUnit,
      role: r.role,
      note: r.note,
    }));
  }

  return {
    sources,
    allocations,
    spending,
    commitments,

    /** One year of a programme's money, with what was spent against each allocation. */
    async year(programmeId: number, year: number): Promise<BudgetYear> {
      const [row, s, a, sp] = await Promise.all([
        k
          .selectFrom("budget_year")
          .leftJoin("decision", "decision.id", "budget_year.mandate_decision_id")
          .select(["budget_year.mandate_cents", "decision.id as decision_id", "decision.decided_on", "decision.title"])
          .where("budget_year.programme_id", "=", programmeId)
          .where("budget_year.year", "=", year)
          .executeTakeFirst(),
        sources(programmeId, { year }),
        allocations(programmeId, { year }),
        spending(programmeId, { year }),
      ]);
      return {
        year,
        mandateCents: Number(row?.mandate_cents ?? 0),
        mandateDecision: row?.decision_id ? { id: row.decision_id, decidedOn: row.decided_on ?? "", title: row.title ?? "" } : null,
        sources: s,
        allocations: a,
        spending: sp,
      };
    },

    /** The years with any money or capacity recorded, besides the programme's own period. */
    async years(programmeId: number): Promise<number[]> {
      const rows = await k
        .selectFrom("programme")
        .select(["period_start", "period_end"])
        .where("id", "=", programmeId)
        .executeTakeFirst();
      if (!rows) return [];
      const out: number[] = [];
      for (let y = rows.period_start; y <= rows.period_end; y++) out.push(y);
      return out;
    },

    /**
     * Category-3 actions (promising, not yet under way) without a lead organisation or without money
     * in a year: what the steering group should look at first.
     */
    async attention(programmeId: number, year: number): Promise<{ action: ActionRef; missing: ("lead" | "budget")[] }[]> {
      const rows = await k
        .selectFrom("action")
        .select((eb) => [
          "action.id",
          eb
            .selectFrom("action_organisation")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("action_organisation.action_id", "=", "action.id")
            .where("action_organisation.role", "=", "lead")
            .as("leads"),
          eb
            .selectFrom("budget_allocation")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("budget_allocation.action_id", "=", "action.id")
            .where("budget_allocation.year", "=", year)
            .as("allocations"),
        ])
        .where("action.programme_id", "=", programmeId)
        .where("action.category", "=", 3)
        .orderBy("action.number")
        .execute();
      const refs = await actionRefs(rows.map((r) => r.id));
      return rows
        .map((r) => ({
          action: refs.get(r.id)!,
          missing: [...(Number(r.leads ?? 0) === 0 ? (["lead"] as const) : []), ...(Number(r.allocations ?? 0) === 0 ? (["budget"] as const) : [])],
        }))
        .filter((r) => r.missing.length > 0);
    },
  };
}

/**
 * The year's row, made when missing and locked for the rest of the transaction: every change to a
 * year's money passes here first, so that on PostgreSQL two allocations wait for each other instead
 * of both seeing the same room (SQLite's `BEGIN IMMEDIATE` already lets one writer in at a time).
 */
async function lockYear(trx: Trx, db: Db, programmeId: number, year: number, now: string) {
  await trx
    .insertInto("budget_year")
    .values({ programme_id: programmeId, year, mandate_cents: 0, mandate_decision_id: null, created_at: now, updated_at: now, version: 1 })
    .onConflict((oc) => oc.columns(["programme_id", "year"]).doNothing())
    .execute();
  return forUpdate(
    trx.selectFrom("budget_year").selectAll().where("programme_id", "=", programmeId).where("year", "=", year),
    db.dialect,
  ).executeTakeFirstOrThrow();
}

/** The year's totals as the locked transaction sees them. */
async function totalsIn(trx: Trx, programmeId: number, year: number, mandateCents: number) {
  const sum = (table: "budget_source" | "budget_allocation") =>
    trx
      .selectFrom(table)
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), sql<number>`0`).as("s"))
      .where("programme_id", "=", programmeId)
      .where("year", "=", year)
      .executeTakeFirstOrThrow();
  const [sources, allocated, mandateUsed] = await Promise.all([
    sum("budget_source"),
    sum("budget_allocation"),
    trx
      .selectFrom("budget_allocation")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), sql<number>`0`).as("s"))
      .where("programme_id", "=", programmeId)
      .where("year", "=", year)
      .where("decided_by", "=", "mandate")
      .executeTakeFirstOrThrow(),
  ]);
  const sourcesCents = Number(sources.s);
  const allocatedCents = Number(allocated.s);
  return {
    sourcesCents,
    allocatedCents,
    availableCents: sourcesCents - allocatedCents,
    spentCents: 0,
    unspentCents: 0,
    mandateCents,
    mandateUsedCents: Number(mandateUsed.s),
  };
}

async function periodOf(trx: Trx, programmeId: number) {
  return trx.selectFrom("programme").select(["period_start", "period_end"]).where("id", "=", programmeId).executeTakeFirstOrThrow();
}

const outside = (p: { period_start: number; period_end: number }, year: number) =>
  year < p.period_start || year > p.period_end ? { year: `budget.yearOutside|${p.period_start}|${p.period_end}` } : null;

/** Thrown inside a transaction to roll it back with an answer for the caller. */
class Rollback extends Error {
  constructor(readonly result: BudgetWriteResult) {
    super(result.status);
  }
}

/** Changes a programme's money and capacity, each change one transaction with its history. */
function budgetChanges(db: Db) {
  const run = async (work: (trx: Trx) => Promise<BudgetWriteResult>): Promise<BudgetWriteResult> => {
    try {
      return await db.kysely.transaction().execute(work);
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
  };

  return {
    /** Adds money coming in: an organisation's contribution, a subsidy or another source. */
    addSource(ctx: WriteContext, input: SourceInput): Promise<BudgetWriteResult> {
      return run(async (trx): Promise<BudgetWriteResult> => {
        const bad = outside(await periodOf(trx, ctx.programmeId), input.year);
        if (bad) return { status: "invalid", errors: bad };
        let organisation: { id: number; name: string } | undefined;
        if (input.kind === "contribution") {
          organisation = await trx.selectFrom("organisation").select(["id", "name"]).where("slug", "=", input.organisation ?? "").executeTakeFirst();
          if (!organisation) return { status: "invalid", errors: { organisation: "budget.organisationUnknown" } };
        }
        await lockYear(trx, db, ctx.programmeId, input.year, ctx.now);
        const name = organisation?.name ?? input.name;
        const row = await trx
          .insertInto("budget_source")
          .values({
            programme_id: ctx.programmeId,
            year: input.year,
            kind: input.kind,
            organisation_id: organisation?.id ?? null,
            name,
            amount_cents: input.amountCents,
            note: input.note,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: ctx.actor,
          at: ctx.now,
          programmeId: ctx.programmeId,
          entityType: "budget-source",
          entityId: row.id,
          entityLabel: `${input.year} ${name}`,
          operation: "create",
          before: null,
          after: { year: input.year, kind: input.kind, name, amountCents: input.amountCents, note: input.note },
          requestId: ctx.requestId ?? null,
        });
        return { status: "ok", id: row.id };
      });
    },

    /** Sets the year's mandate: what the programme manager may allocate without the steering group, itself a steering-group decision. */
    setMandate(ctx: WriteContext, input: MandateInput): Promise<BudgetWriteResult> {
      return run(async (trx): Promise<BudgetWriteResult> => {
        const bad = outside(await periodOf(trx, ctx.programmeId), input.year);
        if (bad) return { status: "invalid", errors: bad };
        if (input.decidedOn > ctx.today) return { status: "invalid", errors: { decidedOn: "decisions.takenInFuture" } };
        const year = await lockYear(trx, db, ctx.programmeId, input.year, ctx.now);
        const totals = await totalsIn(trx, ctx.programmeId, input.year, Number(year.mandate_cents));
        if (input.amountCents < totals.mandateUsedCents) {
          return { status: "refused", reason: `budget.mandateBelowUsed|${totals.mandateUsedCents}`, errors: { amountCents: `budget.mandateBelowUsed|${totals.mandateUsedCents}` } };
        }
        const decision = await recordDecisionWithin(trx, {
          programmeId: ctx.programmeId,
          decidedOn: input.decidedOn,
          meetingId: input.meetingId,
          title: `Mandaat programmamanager ${input.year}: ${money(input.amountCents)}`,
          text: `De stuurgroep geeft de programmamanager voor ${input.year} een mandaat om tot ${money(input.amountCents)} toe te kennen.`,
          actions: [],
          actor: ctx.actor,
          now: ctx.now,
          requestId: ctx.requestId,
        });
        if (!decision) throw new Rollback({ status: "invalid", errors: { meetingId: "decisions.meetingUnknown" } });
        await trx
          .updateTable("budget_year")
          .set({ mandate_cents: input.amountCents, mandate_decision_id: decision.id, updated_at: ctx.now, version: year.version + 1 })
          .where("programme_id", "=", ctx.programmeId)
          .where("year", "=", input.year)
          .execute();
        await recordAudit(trx, {
          actor: ctx.actor,
          at: ctx.now,
          programmeId: ctx.programmeId,
          entityType: "budget-year",
          entityId: null,
          entityLabel: String(input.year),
          operation: "update",
          before: { mandateCents: Number(year.mandate_cents) },
          after: { mandateCents: input.amountCents, decision: decision.id },
          requestId: ctx.requestId ?? null,
        });
        return { status: "ok", id: decision.id };
      });
    },

    /**
     * Sets money aside for an action of this programme or a programme cost. Refused when the year's
     * sources do not cover it (or, within the mandate, when the mandate does not); checked after the
     * year's row is locked, so concurrent allocations are counted one after the other.
     */
    allocate(ctx: WriteContext, input: AllocationInput): Promise<BudgetWriteResult> {
      return run(async (trx): Promise<BudgetWriteResult> => {
        const bad = outside(await periodOf(trx, ctx.programmeId), input.year);
        if (bad) return { status: "invalid", errors: bad };
        let action: { id: number; number: number; title: string; category: number | null } | undefined;
        if (input.action !== null) {
          action = await trx
            .selectFrom("action")
            .select(["id", "number", "title", "category"])
            .where("programme_id", "=", ctx.programmeId)
            .where("number", "=", input.action)
            .executeTakeFirst();
          if (!action) return { status: "invalid", errors: { action: `budget.actionUnknownNumber|${input.action}` } };
        }
        if (input.decidedBy === "steering-group" && input.decidedOn !== null && input.decidedOn > ctx.today) {
          return { status: "invalid", errors: { decidedOn: "decisions.takenInFuture" } };
        }
        const year = await lockYear(trx, db, ctx.programmeId, input.year, ctx.now);
        const totals = await totalsIn(trx, ctx.programmeId, input.year, Number(year.mandate_cents));
        const refusal = allocationRefusal(totals, input.amountCents, input.decidedBy === "mandate");
        if (refusal) {
          const reason = `${refusal.key}|${input.amountCents}|${refusal.roomCents}|${input.year}`;
          return { status: "refused", reason, errors: { amountCents: reason } };
        }
        const target = action ? `actie ${action.number} (${action.title})` : `programmakosten (${input.costKind})`;
        let decisionId: number | null = null;
        if (input.decidedBy === "steering-group") {
          const decision = await recordDecisionWithin(trx, {
            programmeId: ctx.programmeId,
            decidedOn: input.decidedOn!,
            meetingId: input.meetingId,
            title: `Toekenning ${money(input.amountCents)} aan ${action ? `actie ${action.number}` : "programmakosten"} (${input.year})`,
            text: `De stuurgroep kent ${money(input.amountCents)} uit de begroting ${input.year} toe aan ${target}.${input.note ? ` ${input.note}` : ""}`,
            actions: action ? [action] : [],
            actor: ctx.actor,
            now: ctx.now,
            requestId: ctx.requestId,
          });
          if (!decision) throw new Rollback({ status: "invalid", errors: { meetingId: "decisions.meetingUnknown" } });
          decisionId = decision.id;
        }
        const row = await trx
          .insertInto("budget_allocation")
          .values({
            programme_id: ctx.programmeId,
            year: input.year,
            action_id: action?.id ?? null,
            cost_kind: action ? null : input.costKind,
            amount_cents: input.amountCents,
            note: input.note,
            decided_by: input.decidedBy,
            decision_id: decisionId,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: ctx.actor,
          at: ctx.now,
          programmeId: ctx.programmeId,
          entityType: "budget-allocation",
          entityId: row.id,
          entityLabel: `${input.year} ${target}`,
          operation: "create",
          before: null,
          after: {
            year: input.year,
            action: action?.number ?? null,
            costKind: action ? null : input.costKind,
            amountCents: input.amountCents,
            decidedBy: input.decidedBy,
            decision: decisionId,
            note: input.note,
          },
          requestId: ctx.requestId ?? null,
        });
        return { status: "ok", id: row.id };
      });
    },

    /** Records money spent against an allocation; refused beyond what is left of it. */
    spend(ctx: WriteContext, input: SpendingInput): Promise<BudgetWriteResult> {
      return run(async (trx): Promise<BudgetWriteResult> => {
        const allocation = await trx
          .selectFrom("budget_allocation")
          .select(["id", "year", "amount_cents"])
          .where("programme_id", "=", ctx.programmeId)
          .where("id", "=", input.allocationId)
          .executeTakeFirst();
        if (!allocation) return { status: "invalid", errors: { allocationId: "budget.allocationUnknown" } };
        await lockYear(trx, db, ctx.programmeId, allocation.year, ctx.now);
        const spent = await trx
          .selectFrom("budget_spending")
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), sql<number>`0`).as("s"))
          .where("allocation_id", "=", allocation.id)
          .executeTakeFirstOrThrow();
        const refusal = spendingRefusal({ amountCents: Number(allocation.amount_cents), spentCents: Number(spent.s) }, input.amountCents);
        if (refusal) {
          const reason = `${refusal.key}|${input.amountCents}|${refusal.roomCents}`;
          return { status: "refused", reason, errors: { amountCents: reason } };
        }
        const row = await trx
          .insertInto("budget_spending")
          .values({
            allocation_id: allocation.id,
            spent_on: input.spentOn,
            amount_cents: input.amountCents,
            description: input.description,
            reference: input.reference,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: ctx.actor,
          at: ctx.now,
          programmeId: ctx.programmeId,
          entityType: "budget-spending",
          entityId: row.id,
          entityLabel: `${input.spentOn} ${input.description}`,
          operation: "create",
          before: null,
          after: { allocation: allocation.id, spentOn: input.spentOn, amountCents: input.amountCents, description: input.description, reference: input.reference },
          requestId: ctx.requestId ?? null,
        });
        return { status: "ok", id: row.id };
      });
    },

    /** Records what an organisation commits in people to an action in a year. */
    addCommitment(ctx: WriteContext, input: CommitmentInput): Promise<BudgetWriteResult> {
      return run(async (trx): Promise<BudgetWriteResult> => {
        const errors: Record<string, string> = { ...outside(await periodOf(trx, ctx.programmeId), input.year) };
        const action = await trx
          .selectFrom("action")
          .select(["id", "number", "title"])
          .where("programme_id", "=", ctx.programmeId)
          .where("number", "=", input.action)
          .executeTakeFirst();
        if (!action) errors.action = `budget.actionUnknownNumber|${input.action}`;
        const organisation = await trx.selectFrom("organisation").select(["id", "name"]).where("slug", "=", input.organisation).executeTakeFirst();
        if (!organisation) errors.organisation = "budget.organisationUnknown";
        if (!action || !organisation || Object.keys(errors).length > 0) return { status: "invalid", errors };
        const row = await trx
          .insertInto("capacity_commitment")
          .values({
            programme_id: ctx.programmeId,
            action_id: action.id,
            organisation_id: organisation.id,
            year: input.year,
            amount_hundredths: input.amountHundredths,
            unit: input.unit,
            role: input.role,
            note: input.note,
            created_at: ctx.now,
            updated_at: ctx.now,
            version: 1,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: ctx.actor,
          at: ctx.now,
          programmeId: ctx.programmeId,
          entityType: "capacity-commitment",
          entityId: row.id,
          entityLabel: `${input.year} ${organisation.name} → ${action.number}. ${action.title}`,
          operation: "create",
          before: null,
          after: { year: input.year, action: action.number, organisation: input.organisation, amountHundredths: input.amountHundredths, unit: input.unit, role: input.role, note: input.note },
          requestId: ctx.requestId ?? null,
        });
        return { status: "ok", id: row.id };
      });
    },
  };
}

export function createBudgetRepository(db: Db) {
  return { ...budgetReads(db), ...budgetChanges(db) };
}

export type BudgetRepository = ReturnType<typeof createBudgetRepository>;
