import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBudgetRepository, type WriteContext } from "../../app/db/budget.repository";
import { createDecisionRepository } from "../../app/db/decision.repository";
import {
  allocationInputSchema,
  commitmentInputSchema,
  sourceInputSchema,
  spendingInputSchema,
} from "../../app/domain/budget/budget-input";
import { formatMoney } from "../../app/domain/budget/money";
import { budgetTotals, capacityBy, capacityTotals } from "../../app/domain/budget/overview";
import { DEFAULT_PROGRAMME_SLUG, loadDefaultDataIfEmpty } from "../../app/lib/default-data.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";

const DATA = new URL("../../data", import.meta.url).pathname;
const source = (input: Record<string, unknown>) =>
  sourceInputSchema.parse({ kind: "contribution", organisation: "gemeente-leiden", ...input });
const allocation = (input: Record<string, unknown>) =>
  allocationInputSchema.parse({ decidedBy: "steering-group", decidedOn: "2014-03-01", ...input });

describe.each(testDialects())("the programme budget (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: WriteContext;
  const repo = () => createBudgetRepository(t.db);
  const count = async (
    table:
      | "budget_source"
      | "budget_allocation"
      | "budget_spending"
      | "decision"
      | "audit_event"
      | "capacity_commitment",
  ) =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await loadDefaultDataIfEmpty(t.db, DATA);
    const programmeId = (
      await t.db.kysely
        .selectFrom("programme")
        .select("id")
        .where("slug", "=", DEFAULT_PROGRAMME_SLUG)
        .executeTakeFirstOrThrow()
    ).id;
    ctx = {
      programmeId,
      actor: { userId: null, label: "Programmamanager (test)" },
      now: "2026-05-01T10:00:00.000Z",
      today: "2026-05-01",
    };
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    for (const table of [
      "budget_spending",
      "budget_allocation",
      "budget_source",
      "budget_year",
      "capacity_commitment",
    ] as const)
      await t.db.kysely.deleteFrom(table).execute();
  });

  it("adds many small amounts exactly: 1,000 × € 0,01 and 333 × € 3,33", async () => {
    for (let i = 0; i < 1000; i++)
      expect((await repo().addSource(ctx, source({ year: 2014, amountCents: 1 }))).status).toBe("ok");
    for (let i = 0; i < 333; i++)
      expect((await repo().addSource(ctx, source({ year: 2015, amountCents: 333 }))).status).toBe("ok");
    expect(budgetTotals(await repo().year(ctx.programmeId, 2014)).sourcesCents).toBe(1000);
    expect(budgetTotals(await repo().year(ctx.programmeId, 2015)).sourcesCents).toBe(110_889);
    for (let i = 0; i < 333; i++)
      expect(
        (
          await repo().allocate(
            ctx,
            allocation({
              year: 2015,
              costKind: "meetings",
              decidedBy: "mandate",
              decidedOn: null,
              amountCents: 333,
            }),
          )
        ).status,
      ).toBe("refused");
    await repo().setMandate(ctx, {
      year: 2015,
      amountCents: 110_889,
      decidedOn: "2015-01-10",
      meetingId: null,
    });
    for (let i = 0; i < 333; i++)
      expect(
        (
          await repo().allocate(
            ctx,
            allocation({
              year: 2015,
              costKind: "meetings",
              decidedBy: "mandate",
              decidedOn: null,
              amountCents: 333,
            }),
          )
        ).status,
      ).toBe("ok");
    const totals = budgetTotals(await repo().year(ctx.programmeId, 2015));
    expect(totals).toMatchObject({ allocatedCents: 110_889, availableCents: 0, mandateUsedCents: 110_889 });
  }, 120_000);

  it("records a contribution, a steering-group allocation with its decision, and spending, each in the history", async () => {
    const decisionsBefore = await count("decision");
    const auditBefore = await count("audit_event");
    const s = await repo().addSource(
      ctx,
      source({ year: 2014, amountCents: 2_500_000, note: "Bijdrage 2014" }),
    );
    expect(s.status).toBe("ok");
    const a = await repo().allocate(ctx, allocation({ year: 2014, action: 4, amountCents: 1_000_000 }));
    expect(a.status).toBe("ok");
    expect(await count("decision")).toBe(decisionsBefore + 1);
    const year = await repo().year(ctx.programmeId, 2014);
    const alloc = year.allocations[0]!;
    expect(alloc.action?.number).toBe(4);
    expect(alloc.decision?.title).toBe(`Toekenning ${formatMoney(1_000_000, "nl")} aan actie 4 (2014)`);
    const decision = await createDecisionRepository(t.db).get(ctx.programmeId, alloc.decision!.id);
    expect(decision?.actions.map((x) => [x.number, x.to])).toEqual([[4, null]]);
    const sp = await repo().spend(
      ctx,
      spendingInputSchema.parse({
        allocationId: alloc.id,
        spentOn: "2014-06-01",
        amountCents: 250_000,
        description: "Bijeenkomst",
        reference: "F-2014-01",
      }),
    );
    expect(sp.status).toBe("ok");
    const totals = budgetTotals(await repo().year(ctx.programmeId, 2014));
    expect(totals).toEqual({
      sourcesCents: 2_500_000,
      allocatedCents: 1_000_000,
      availableCents: 1_500_000,
      spentCents: 250_000,
      unspentCents: 750_000,
      mandateCents: 0,
      mandateUsedCents: 0,
    });
    // Source, decision, allocation and spending: four entries in the history.
    expect(await count("audit_event")).toBe(auditBefore + 4);
    expect(year.sources[0]).toMatchObject({
      name: "Gemeente Leiden",
      organisation: { slug: "gemeente-leiden" },
    });
  });

  it("refuses what does not fit and bad input with a clear message, changing nothing", async () => {
    await repo().addSource(ctx, source({ year: 2014, amountCents: 100_000 }));
    const before = {
      a: await count("budget_allocation"),
      s: await count("budget_spending"),
      d: await count("decision"),
      h: await count("audit_event"),
    };
    expect(await repo().allocate(ctx, allocation({ year: 2014, action: 4, amountCents: 100_001 }))).toEqual({
      status: "refused",
      reason: "budget.overAvailable|100001|100000|2014",
      errors: { amountCents: "budget.overAvailable|100001|100000|2014" },
    });
    expect(await repo().allocate(ctx, allocation({ year: 2016, action: 4, amountCents: 1 }))).toEqual({
      status: "invalid",
      errors: { year: "budget.yearOutside|2013|2015" },
    });
    expect(await repo().addSource(ctx, source({ year: 2012, amountCents: 1 }))).toEqual({
      status: "invalid",
      errors: { year: "budget.yearOutside|2013|2015" },
    });
    expect(await repo().allocate(ctx, allocation({ year: 2014, action: 999, amountCents: 1 }))).toEqual({
      status: "invalid",
      errors: { action: "budget.actionUnknownNumber|999" },
    });
    expect(
      await repo().allocate(
        ctx,
        allocation({ year: 2014, action: 4, amountCents: 1, decidedOn: "2027-01-01" }),
      ),
    ).toEqual({ status: "invalid", errors: { decidedOn: "decisions.takenInFuture" } });
    expect(
      (
        await repo().allocate(
          ctx,
          allocation({
            year: 2014,
            costKind: "lobby",
            decidedBy: "mandate",
            decidedOn: null,
            amountCents: 1,
          }),
        )
      ).status,
    ).toBe("refused");
    expect(await count("budget_allocation")).toBe(before.a);
    expect(await count("decision")).toBe(before.d);

    expect(
      (await repo().allocate(ctx, allocation({ year: 2014, action: 4, amountCents: 50_000 }))).status,
    ).toBe("ok");
    const alloc = (await repo().year(ctx.programmeId, 2014)).allocations[0]!;
    const spend = (amountCents: number) =>
      repo().spend(
        ctx,
        spendingInputSchema.parse({
          allocationId: alloc.id,
          spentOn: "2014-06-01",
          amountCents,
          description: "Factuur",
        }),
      );
    expect((await spend(50_001)).status).toBe("refused");
    expect((await spend(50_000)).status).toBe("ok");
    expect(await spend(1)).toMatchObject({ status: "refused", reason: "budget.overAllocation|1|0" });
    expect(
      await repo().spend(
        ctx,
        spendingInputSchema.parse({
          allocationId: 2_000_000_000,
          spentOn: "2014-06-01",
          amountCents: 1,
          description: "x",
        }),
      ),
    ).toEqual({
      status: "invalid",
      errors: { allocationId: "budget.allocationUnknown" },
    });
    expect(await count("budget_spending")).toBe(before.s + 1);
  });

  it("refuses an allocation to another programme's action", async () => {
    const now = ctx.now;
    const other = await t.db.kysely
      .insertInto("programme")
      .values({
        slug: "ander-programma",
        title: "Ander",
        subtitle: "",
        language: "nl",
        period_start: 2014,
        period_end: 2016,
        adopted_on: null,
        adopted_by: null,
        is_default: 0,
        ambition: "",
        revision_interval_years: null,
        introduction: "[]",
        organisation_chapter: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await repo().addSource({ ...ctx, programmeId: other.id }, source({ year: 2014, amountCents: 100 }));
    // The other programme has no actions: action 4 of the default programme is not one of its.
    expect(
      await repo().allocate(
        { ...ctx, programmeId: other.id },
        allocation({ year: 2014, action: 4, amountCents: 1 }),
      ),
    ).toEqual({ status: "invalid", errors: { action: "budget.actionUnknownNumber|4" } });
    await t.db.kysely.deleteFrom("programme").where("id", "=", other.id).execute();
  });

  it("never allocates beyond the sources, however many allocations arrive at once", async () => {
    await repo().addSource(ctx, source({ year: 2015, amountCents: 1_000_000 }));
    // 20 allocations of € 1.500,00 against € 10.000,00: six fit.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repo().allocate(ctx, allocation({ year: 2015, action: (i % 5) + 1, amountCents: 150_000 })),
      ),
    );
    expect(results.filter((r) => r.status === "ok")).toHaveLength(6);
    for (const r of results.filter((x) => x.status !== "ok")) {
      expect(r.status).toBe("refused");
      expect(r.status === "refused" && r.reason.startsWith("budget.overAvailable|")).toBe(true);
    }
    const totals = budgetTotals(await repo().year(ctx.programmeId, 2015));
    expect(totals.allocatedCents).toBe(900_000);
    expect(totals.availableCents).toBe(100_000);
  });

  it("sums capacity per organisation, per action and per unit exactly as the commitments", async () => {
    const commit = (input: Record<string, unknown>) =>
      repo().addCommitment(ctx, commitmentInputSchema.parse({ year: 2014, role: "projectleider", ...input }));
    expect(
      (await commit({ action: 4, organisation: "gemeente-leiden", amountHundredths: 50, unit: "fte" }))
        .status,
    ).toBe("ok");
    expect(
      (await commit({ action: 5, organisation: "gemeente-leiden", amountHundredths: 12_000, unit: "hours" }))
        .status,
    ).toBe("ok");
    expect(
      (
        await commit({
          action: 4,
          organisation: "gemeente-leiden",
          amountHundredths: 25,
          unit: "fte",
          role: "accountmanager",
        })
      ).status,
    ).toBe("ok");
    expect(
      await commit({ action: 4, organisation: "bestaat-niet", amountHundredths: 25, unit: "fte" }),
    ).toEqual({ status: "invalid", errors: { organisation: "budget.organisationUnknown" } });
    expect(
      await commit({
        year: 2020,
        action: 4,
        organisation: "gemeente-leiden",
        amountHundredths: 25,
        unit: "fte",
      }),
    ).toEqual({ status: "invalid", errors: { year: "budget.yearOutside|2013|2015" } });
    const all = await repo().commitments(ctx.programmeId, { year: 2014 });
    const leiden = await repo().commitments(ctx.programmeId, {
      year: 2014,
      organisationSlug: "gemeente-leiden",
    });
    expect(capacityTotals(leiden)).toEqual({ fte: 75, hours: 12_000 });
    const byAction = capacityBy(all, (c) => c.action.number);
    expect(byAction.get(4)?.totals).toEqual({ fte: 75 });
    expect(byAction.get(5)?.totals).toEqual({ hours: 12_000 });
    expect(await count("capacity_commitment")).toBe(3);
  });
});
