import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../app/cli/main";
import { loadDefaultMonitorIfEmpty } from "../../app/db/monitor-default-data";
import { loadDefaultDataIfEmpty } from "../../app/lib/default-data.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";
import { startCbsFixtureServer, type CbsFixtureServer } from "./cbs-fixture-server";
import { FULL_83625NED, MONITOR_DATA, ROOT, V3, V4, read } from "./fixtures";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err, text: () => [...out, ...err].join("\n") };
}

async function count(database: TestDatabase, table: "measurement" | "monitor_import" | "indicator") {
  const row = await database.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(testDialects())("regie import-monitor and fetch-monitor on %s", (dialect) => {
  let database: TestDatabase;
  let cbs: CbsFixtureServer;
  const saved = { url: process.env.DATABASE_URL, lang: process.env.REGIE_LANG, cbs: process.env.CBS_ODATA_URL };
  const dir = mkdtempSync(join(tmpdir(), "regie-monitor-cli-"));

  beforeAll(async () => {
    cbs = await startCbsFixtureServer({ pageSize: 20 });
  });
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await loadDefaultDataIfEmpty(database.db, join(ROOT, "data"));
    await loadDefaultMonitorIfEmpty(database.db, join(ROOT, "data"));
    process.env.DATABASE_URL = database.url;
    process.env.REGIE_LANG = "nl";
    process.env.CBS_ODATA_URL = cbs.url;
  });
  afterEach(async () => {
    await database.destroy();
  });
  afterAll(async () => {
    await cbs?.close();
    for (const [k, v] of [["DATABASE_URL", saved.url], ["REGIE_LANG", saved.lang], ["CBS_ODATA_URL", saved.cbs]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("imports the real v4 file, and a second import changes nothing", async () => {
    const first = capture();
    expect(await main(["import-monitor", FULL_83625NED, "--retrieved", "2026-07-17"], first.io)).toBe(0);
    expect(first.text()).toContain("(cbs-v4, 83625NED)");
    expect(first.text()).toContain("verkoopprijs-koopwoningen: 7 nieuw, 0 gewijzigd, 70 ongewijzigd");
    expect(first.text()).toContain("Bronvermelding: Bron: CBS, tabel 83625NED (Bestaande koopwoningen; gemiddelde verkoopprijzen, regio), CC BY 4.0");
    expect(first.text()).toContain("Let op: Het bestand zegt niet of de cijfers voorlopig zijn; ze zijn als definitief opgeslagen.");
    const n = await count(database, "measurement");
    const second = capture();
    expect(await main(["import-monitor", FULL_83625NED], second.io)).toBe(0);
    expect(second.text()).toContain("Totaal: 0 nieuw, 0 gewijzigd, 77 ongewijzigd");
    expect(await count(database, "measurement")).toBe(n);
  });

  it("reads a CBS capture folder with its period statuses, a v3 CSV, and --dry-run writes nothing", async () => {
    const folder = capture();
    expect(await main(["import-monitor", join(V4, "03759ned")], folder.io)).toBe(0);
    expect(folder.text()).toContain("bevolking: 0 nieuw, 0 gewijzigd, 56 ongewijzigd");
    expect(folder.text()).not.toContain("als definitief opgeslagen");
    const before = { m: await count(database, "measurement"), i: await count(database, "monitor_import") };
    const dry = capture();
    expect(await main(["import-monitor", FULL_83625NED, "--dry-run"], dry.io)).toBe(0);
    expect(dry.text()).toContain("Proefdraai");
    expect(dry.text()).toContain("7 nieuw");
    expect({ m: await count(database, "measurement"), i: await count(database, "monitor_import") }).toEqual(before);
    const v3 = capture();
    expect(await main(["import-monitor", join(V3, "70072ned_UntypedDataSet_PV28_2011-2019.csv")], v3.io)).toBe(0);
    expect(v3.text()).toContain("(cbs-v3-csv, 70072ned)");
    expect(v3.text()).toContain("Totaal: 0 nieuw, 0 gewijzigd, 99 ongewijzigd");
  });

  it("refuses bad input with its place and exit code 1, writing nothing; --indicator must fit the file", async () => {
    const before = await count(database, "measurement");
    const truncated = join(dir, "afgebroken.json");
    writeFileSync(truncated, read(FULL_83625NED).slice(0, 3000));
    const bad = capture();
    expect(await main(["import-monitor", truncated], bad.io)).toBe(1);
    expect(bad.text()).toContain("is niet ingelezen; er is niets opgeslagen");
    expect(bad.text()).toMatch(/regel \d+, kolom \d+: Het bestand is geen geldige JSON/);
    const csv = join(dir, "fout.csv");
    writeFileSync(csv, "indicator,region,period,value,status\nbevolking,GM0546,2012JJ00,1,final\nbevolking,Leiden,2012JJ00,x1,final\n");
    const wrong = capture();
    expect(await main(["import-monitor", csv], wrong.io)).toBe(1);
    expect(wrong.text()).toContain("regel 3, kolom region: „Leiden” is geen CBS-regiocode");
    const mismatch = capture();
    expect(await main(["import-monitor", FULL_83625NED, "--indicator", "bevolking"], mismatch.io)).toBe(1);
    expect(mismatch.text()).toContain("Indicator bevolking komt uit CBS-tabel 03759ned, 70072ned, niet uit 83625NED.");
    expect(await count(database, "measurement")).toBe(before);
    const usage = capture();
    expect(await main(["import-monitor"], usage.io)).toBe(2);
    expect(await main(["import-monitor", FULL_83625NED, "--retrieved", "gisteren"], capture().io)).toBe(2);
  });

  it("updates the indicator definitions from their JSON file", async () => {
    const run = capture();
    expect(await main(["import-monitor", join(MONITOR_DATA, "indicators.json")], run.io)).toBe(0);
    expect(run.text()).toContain("Indicatordefinities voor kennis-en-werk-071-2013-2015: 0 nieuw, 0 gewijzigd, 19 ongewijzigd.");
    const broken = join(dir, "indicatoren.json");
    writeFileSync(broken, JSON.stringify({ programme: "kennis-en-werk-071-2013-2015", baselinePeriod: "2013", indicators: [{ id: "x" }] }));
    const bad = capture();
    expect(await main(["import-monitor", broken], bad.io)).toBe(1);
    expect(bad.text()).toContain("is geen geldig bestand met indicatordefinities");
    expect(bad.text()).toContain("baselinePeriod");
  });

  it("fetches a table from the CBS API (CBS_ODATA_URL), following nextLink pages", async () => {
    cbs.requests.length = 0;
    const run = capture();
    expect(await main(["fetch-monitor", "83625NED"], run.io)).toBe(0);
    expect(run.text()).toContain(`Ophalen: ${cbs.url}/83625NED`);
    expect(run.text()).toContain("verkoopprijs-koopwoningen: 7 nieuw, 0 gewijzigd, 70 ongewijzigd");
    const pages = cbs.requests.filter((r) => r.includes("/Observations"));
    expect(pages).toHaveLength(4); // 77 rows in pages of 20
    expect(decodeURIComponent(pages[0]!)).toContain("$filter=(Measure eq 'M001534') and (RegioS eq 'GM0546'");
    expect(cbs.requests.some((r) => r.endsWith("/PeriodenCodes"))).toBe(true);
    const imports = await database.db.kysely.selectFrom("monitor_import").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(imports).toMatchObject({ channel: "cbs-api", format: "cbs-v4", table_id: "83625NED" });
    expect(imports.source_name).toContain(`${cbs.url}/83625NED/Observations?$filter=`);
    const again = capture();
    expect(await main(["fetch-monitor", "83625NED"], again.io)).toBe(0);
    expect(again.text()).toContain("Totaal: 0 nieuw, 0 gewijzigd, 77 ongewijzigd");
    const population = capture();
    expect(await main(["fetch-monitor", "03759ned", "--since", "2019JJ00"], population.io)).toBe(0);
    expect(population.text()).toContain("bevolking: 0 nieuw, 0 gewijzigd, 56 ongewijzigd");
  });

  it("refuses a table no indicator uses, and a service that cannot be reached", async () => {
    const other = capture();
    expect(await main(["fetch-monitor", "84000NED"], other.io)).toBe(1);
    expect(other.text()).toContain("Geen indicator van de monitor gebruikt CBS-tabel 84000NED");
    process.env.CBS_ODATA_URL = "http://127.0.0.1:9/odata/v1/CBS";
    const down = capture();
    expect(await main(["fetch-monitor", "83625NED"], down.io)).toBe(1);
    expect(down.text()).toContain("mislukte");
    expect(await main(["fetch-monitor"], capture().io)).toBe(2);
  });
});
