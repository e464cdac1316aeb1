import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudgetRepository, type WriteContext } from "../../app/db/budget.repository";
import { openDatabase, type Db } from "../../app/db/database";
import {
  allocationInputSchema,
  commitmentInputSchema,
  sourceInputSchema,
  spendingInputSchema,
} from "../../app/domain/budget/budget-input";
import { testDialects } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const P = "/programmes/kennis-en-werk-071-2013-2015";

describe.each(testDialects())("the budget page (%s)", (dialect) => {
  let app: TestServer;
  let db: Db;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    db = openDatabase(app.database.url);
    const programmeId = (
      await db.kysely
        .selectFrom("programme")
        .select("id")
        .where("slug", "=", "kennis-en-werk-071-2013-2015")
        .executeTakeFirstOrThrow()
    ).id;
    const ctx: WriteContext = {
      programmeId,
      actor: { userId: null, label: "Test" },
      now: "2026-05-01T10:00:00.000Z",
      today: "2026-05-01",
    };
    const repo = createBudgetRepository(db);
    await repo.addSource(
      ctx,
      sourceInputSchema.parse({
        year: 2014,
        kind: "contribution",
        organisation: "gemeente-leiden",
        amountCents: 2_500_000,
      }),
    );
    const a = await repo.allocate(
      ctx,
      allocationInputSchema.parse({
        year: 2014,
        action: 4,
        amountCents: 1_000_000,
        decidedBy: "steering-group",
        decidedOn: "2014-03-01",
      }),
    );
    if (a.status !== "ok") throw new Error(a.status);
    await repo.spend(
      ctx,
      spendingInputSchema.parse({
        allocationId: a.id,
        spentOn: "2014-06-01",
        amountCents: 123_456,
        description: "Werkconferentie",
        reference: "F-17",
      }),
    );
    await repo.addCommitment(
      ctx,
      commitmentInputSchema.parse({
        year: 2014,
        action: 4,
        organisation: "gemeente-leiden",
        amountHundredths: 50,
        unit: "fte",
        role: "projectleider",
      }),
    );
  });
  afterAll(async () => {
    await db?.close();
    await app?.stop();
  });

  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/[\s\u00a0\u202f]+/g, " ");

  it("shows the year's money and what is left, in Dutch and in English, to everyone", async () => {
    const res = await app.get(`${P}/budget?year=2014`);
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain("Begroting en capaciteit 2014");
    expect(page).toMatch(/Inkomsten € 25\.000,00/);
    expect(page).toMatch(/Toegekend € 10\.000,00/);
    expect(page).toMatch(/Nog toe te kennen € 15\.000,00/);
    expect(page).toMatch(/Uitgegeven € 1\.234,56/);
    expect(page).toMatch(/Toegekend, nog niet uitgegeven € 8\.765,44/);
    expect(page).toContain("Werkconferentie");
    expect(page).toMatch(/Gemeente Leiden : 0,5 fte/);
    expect(page).not.toContain("projectleider");
    const english = text(await (await app.get(`${P}/budget?year=2014&lang=en`)).text());
    expect(english).toMatch(/Still to allocate €15,000\.00/);
  });

  it("answers 404 for a year outside the programme or a malformed one", async () => {
    for (const year of ["2012", "2016", "abc", "2014&year=2015"])
      expect((await app.get(`${P}/budget?year=${year}`)).status).toBe(404);
    expect((await app.get(`${P}/budget`)).status).toBe(200);
  });
});

describe.each(testDialects())("the budget's open data (%s)", (dialect) => {
  let app: TestServer;
  let db: Db;

  beforeAll(async () => {
    app = await startTestServer(dialect);
    db = openDatabase(app.database.url);
    const programmeId = (
      await db.kysely
        .selectFrom("programme")
        .select("id")
        .where("slug", "=", "kennis-en-werk-071-2013-2015")
        .executeTakeFirstOrThrow()
    ).id;
    const ctx: WriteContext = {
      programmeId,
      actor: { userId: null, label: "Test" },
      now: "2026-05-01T10:00:00.000Z",
      today: "2026-05-01",
    };
    const repo = createBudgetRepository(db);
    for (let i = 0; i < 333; i++)
      await repo.addSource(
        ctx,
        sourceInputSchema.parse({ year: 2015, kind: "subsidy", name: "Provincie", amountCents: 333 }),
      );
    await repo.addCommitment(
      ctx,
      commitmentInputSchema.parse({
        year: 2015,
        action: 4,
        organisation: "gemeente-leiden",
        amountHundredths: 50,
        unit: "fte",
        role: "projectleider",
        note: "Jan",
      }),
    );
  });
  afterAll(async () => {
    await db?.close();
    await app?.stop();
  });

  it("lists amounts in whole cents that add up exactly, and leaves roles out", async () => {
    const body = (await (await app.get(`/api/v1${P}/budget/sources?year=2015&limit=500`)).json()) as {
      data: { amountCents: number }[];
      total: number;
    };
    expect(body.total).toBe(333);
    expect(body.data.reduce((s, r) => s + r.amountCents, 0)).toBe(110_889);
    const csv = await (await app.get(`/api/v1${P}/budget/sources.csv?year=2015`)).text();
    expect(csv.trim().split("\r\n")).toHaveLength(334);
    const capacity = await (await app.get(`/api/v1${P}/budget/capacity`)).text();
    expect(capacity).toContain('"amountHundredths":50');
    expect(capacity).not.toContain("projectleider");
    expect(capacity).not.toContain("Jan");
    const bad = await app.get(`/api/v1${P}/budget/sources?year=2016`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.year).toBe(
      "Het programma loopt van 2013 tot en met 2015.",
    );
  });
});
