import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDefaultMonitorIfEmpty, readDefinitionsFile } from "../../app/db/monitor-default-data";
import { importMonitorFile } from "../../app/db/monitor-files";
import { importIndicatorDefinitions } from "../../app/db/monitor-import";
import { createMonitorRepository } from "../../app/db/monitor.repository";
import { loadDefaultDataIfEmpty } from "../../app/lib/default-data.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { FULL_83625NED, MONITOR_DATA, ROOT, read, v4Values } from "./fixtures";

async function snapshot(database: TestDatabase) {
  const rows = await database.db.kysely
    .selectFrom("measurement")
    .select(["indicator_id", "region", "period", "value", "value_attribute", "status", "import_id", "updated_at"])
    .orderBy("indicator_id")
    .orderBy("region")
    .orderBy("period")
    .execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
}

async function importCount(database: TestDatabase) {
  const row = await database.db.kysely.selectFrom("monitor_import").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(testDialects())("the monitor in the database (%s)", (dialect) => {
  let database: TestDatabase;
  let programmeId: number;
  const repo = () => createMonitorRepository(database.db);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await loadDefaultDataIfEmpty(database.db, join(ROOT, "data"));
    const report = await loadDefaultMonitorIfEmpty(database.db, join(ROOT, "data"));
    expect(report?.definitions.created).toHaveLength(readDefinitionsFile(join(MONITOR_DATA, "indicators.json")).indicators.length);
    programmeId = (await database.db.kysely.selectFrom("programme").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("loads the shipped indicators and real figures once, into an empty monitor only", async () => {
    expect(await repo().count(programmeId)).toBe(19);
    expect(await loadDefaultMonitorIfEmpty(database.db, join(ROOT, "data"))).toBeNull();
    const list = await repo().listWithMeasurements(programmeId);
    const stored = (id: string) => list.find((i) => i.id === id)!.measurements.filter((m) => !m.computed);
    // Indicators without data yet are there, with an empty series.
    for (const id of ["vestigingen-life-sciences-health", "starters", "netto-arbeidsparticipatie", "pendelsaldo", "kantorenleegstand"]) {
      expect(stored(id), id).toEqual([]);
    }
    // 83625NED: 7 regions × 2015-2024; 2025 is left out of the default data.
    const prices = stored("verkoopprijs-koopwoningen");
    expect(prices).toHaveLength(70);
    expect(prices.some((m) => m.period === "2025JJ00")).toBe(false);
    const inFile = v4Values(FULL_83625NED, "M001534");
    for (const m of prices) expect(m.value, `${m.region} ${m.period}`).toBe(inFile.get(`${m.region}|${m.period}`)!.value);
    expect(prices.find((m) => m.region === "GM0546" && m.period === "2015JJ00")).toMatchObject({ value: 236456, status: "final", retrievedAt: "2026-07-17T16:32:24.005Z" });
    // Population: 03759ned 2019-2026, the Wijk- en Buurtkaart for 2017, Zuid-Holland from 70072ned (v3) back to 2011.
    const population = stored("bevolking");
    expect(population.find((m) => m.region === "GM0638" && m.period === "2017JJ00")?.value).toBe(8367);
    expect(population.find((m) => m.region === "PV28" && m.period === "2013JJ00")?.value).toBe(3563935);
    expect(population.find((m) => m.region === "NL01" && m.period === "2026JJ00")?.value).toBeGreaterThan(17_000_000);
  });

  it("computes the Leidse regio as the sum of the five municipalities, for counts only", async () => {
    const population = (await repo().get(programmeId, "bevolking"))!;
    const lr = population.measurements.filter((m) => m.region === "LR071");
    const five = ["GM0546", "GM0547", "GM0579", "GM0626", "GM0638"];
    const sum2017 = population.measurements.filter((m) => five.includes(m.region) && m.period === "2017JJ00").reduce((a, m) => a + m.value!, 0);
    expect(lr.find((m) => m.period === "2017JJ00")).toMatchObject({ value: sum2017, computed: true });
    expect(sum2017).toBe(123661 + 27128 + 23608 + 25315 + 8367);
    const prices = (await repo().get(programmeId, "verkoopprijs-koopwoningen"))!;
    expect(prices.measurements.some((m) => m.region === "LR071")).toBe(false);
  });

  it("says where each indicator's figures came from, with the CBS attribution and retrieval date", async () => {
    const sources = await repo().sources(programmeId, "bevolking");
    expect(sources.map((s) => [s.tableId, s.count])).toEqual([
      [null, 5],
      ["70072ned", 8],
      ["03759ned", 56],
    ]);
    expect(sources[2]).toMatchObject({
      attribution: "Bron: CBS, tabel 03759ned (Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio), CC BY 4.0",
      retrievedAt: "2026-07-02T12:11:02.089Z",
    });
    expect(sources[0]!.attribution).toBe("Bron: CBS, Wijk- en Buurtkaart 2017 (gemeenten), CC BY 4.0");
  });

  it("imports the real 83625NED file: 2025 arrives; importing it again changes nothing", async () => {
    const bytes = read(FULL_83625NED);
    const first = await importMonitorFile(database.db, { programmeId, bytes, fileName: "observations-page-1.json", channel: "cli", retrievedAt: "2026-07-17T00:00:00.000Z" });
    expect(first).toMatchObject({ ok: true, table: "83625NED", report: { added: 7, changed: 0, unchanged: 70 } });
    const after = await snapshot(database);
    const imports = await importCount(database);
    const second = await importMonitorFile(database.db, { programmeId, bytes, fileName: "observations-page-1.json", channel: "cli", retrievedAt: "2026-07-18T00:00:00.000Z" });
    expect(second).toMatchObject({ ok: true, report: { added: 0, changed: 0, unchanged: 77 } });
    expect(await snapshot(database)).toEqual(after);
    expect(await importCount(database)).toBe(imports + 1);
    const prices = (await repo().get(programmeId, "verkoopprijs-koopwoningen"))!;
    expect(prices.measurements.find((m) => m.region === "NL01" && m.period === "2025JJ00")?.value).toBe(479527);
  });

  it("changes a figure whose value or status differs, and records the import", async () => {
    const csv = "indicator,region,period,value,status\nverkoopprijs-koopwoningen,GM0546,2025JJ00,480000,provisional\nverkoopprijs-koopwoningen,GM0547,2025JJ00,,\n";
    const result = await importMonitorFile(database.db, { programmeId, bytes: csv, fileName: "correctie.csv", channel: "web", retrievedAt: null });
    expect(result).toMatchObject({ ok: true, format: "csv", report: { added: 0, changed: 2, unchanged: 0 } });
    const prices = (await repo().get(programmeId, "verkoopprijs-koopwoningen"))!;
    expect(prices.measurements.find((m) => m.region === "GM0546" && m.period === "2025JJ00")).toMatchObject({ value: 480000, status: "provisional" });
    expect(prices.measurements.find((m) => m.region === "GM0547" && m.period === "2025JJ00")).toMatchObject({ value: null, valueAttribute: "Empty" });
    const imports = await repo().imports(programmeId, 1);
    expect(imports[0]).toMatchObject({ channel: "web", format: "csv", sourceName: "correctie.csv", added: 0, changed: 2 });
    expect(imports[0]!.attribution).toContain("Bron: CBS, tabel 83625NED");
  });

  it("writes nothing on a dry run, and nothing at all when a file has any error", async () => {
    const before = await snapshot(database);
    const imports = await importCount(database);
    const dry = await importMonitorFile(database.db, {
      programmeId,
      bytes: "indicator,region,period,value,status\nbevolking,GM0546,2012JJ00,1,final\n",
      channel: "cli",
      retrievedAt: null,
      dryRun: true,
    });
    expect(dry).toMatchObject({ ok: true, report: { added: 1, importId: null } });
    const text = read(FULL_83625NED);
    const bad = [
      { name: "truncated JSON", bytes: text.slice(0, 5000) },
      { name: "another table", bytes: text.replace("/CBS/83625NED/", "/CBS/84000NED/") },
      { name: "a wrong region code", bytes: text.replace('"RegioS": "GM0547"', '"RegioS": "Leiderdorp"') },
      { name: "a non-numeric value", bytes: text.replace('"Value": 230194', '"Value": "veel"') },
      // Good rows first, one bad row last: all or nothing.
      { name: "one bad row among good ones", bytes: "indicator,region,period,value,status\nbevolking,GM0546,2012JJ00,1,final\nbevolking,GM0547,2012JJ00,één,final\n" },
    ];
    for (const b of bad) {
      const result = await importMonitorFile(database.db, { programmeId, bytes: b.bytes, channel: "cli", retrievedAt: null });
      expect(result.ok, b.name).toBe(false);
    }
    expect(await snapshot(database)).toEqual(before);
    expect(await importCount(database)).toBe(imports);
  });

  it("updates indicator definitions by id, keeps ones the file lost, and reports unchanged ones", async () => {
    const file = readDefinitionsFile(join(MONITOR_DATA, "indicators.json"));
    const same = await importIndicatorDefinitions(database.db, file);
    expect(same).toMatchObject({ created: [], updated: [], notInFile: [] });
    expect(same.unchanged).toHaveLength(19);
    const changed = {
      ...file,
      indicators: file.indicators
        .filter((i) => i.id !== "immigratie")
        .map((i) => (i.id === "banen" ? { ...i, target: { value: 120, year: 2015 }, regions: i.regions.filter((r) => r !== "NL01") } : i)),
    };
    const report = await importIndicatorDefinitions(database.db, changed);
    expect(report).toMatchObject({ created: [], updated: ["banen"], notInFile: ["immigratie"] });
    const banen = (await repo().get(programmeId, "banen"))!;
    expect(banen.target).toEqual({ value: 120, year: 2015 });
    expect(banen.regions).not.toContain("NL01");
    expect(await repo().count(programmeId)).toBe(19);
    await importIndicatorDefinitions(database.db, file);
    expect((await repo().get(programmeId, "banen"))!.regions).toContain("NL01");
  });
});
