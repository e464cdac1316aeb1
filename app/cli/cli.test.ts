import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../tests/support/databases";
import { main } from "./main";

const ROOT = join(import.meta.dirname, "..", "..");
const SEED = join(ROOT, "data", "sources", "kennis-en-werk-071-uitvoeringsprogramma-2013-2015.txt");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

async function counts(database: TestDatabase) {
  const k = database.db.kysely;
  const n = async (table: "programme" | "action" | "organisation" | "action_link") =>
    Number((await k.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { programmes: await n("programme"), actions: await n("action"), organisations: await n("organisation"), links: await n("action_link") };
}

describe.each(testDialects())("regie import-programme on %s", (dialect) => {
  let database: TestDatabase;
  const saved = { url: process.env.DATABASE_URL, lang: process.env.REGIE_LANG };
  const dir = mkdtempSync(join(tmpdir(), "regie-cli-"));

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    process.env.DATABASE_URL = database.url;
    process.env.REGIE_LANG = "nl";
  });
  afterEach(async () => {
    await database.destroy();
  });
  afterAll(() => {
    process.env.DATABASE_URL = saved.url;
    process.env.REGIE_LANG = saved.lang;
  });

  it("imports the seed document, and a second import changes nothing", async () => {
    const first = capture();
    expect(await main(["import-programme", SEED], first.io)).toBe(0);
    expect(first.out.join("\n")).toContain("Acties: 62 nieuw, 0 gewijzigd, 0 ongewijzigd");
    const after = await counts(database);
    expect(after.programmes).toBe(1);
    expect(after.actions).toBe(62);

    const second = capture();
    expect(await main(["import-programme", SEED], second.io)).toBe(0);
    expect(second.out.join("\n")).toContain("Acties: 0 nieuw, 0 gewijzigd, 62 ongewijzigd");
    expect(second.out.join("\n")).toContain("Programma kennis-en-werk-071-2013-2015: ongewijzigd");
    expect(await counts(database)).toEqual(after);
  });

  it("reports a dry run without writing anything", async () => {
    const run = capture();
    expect(await main(["import-programme", SEED, "--dry-run"], run.io)).toBe(0);
    expect(run.out.join("\n")).toContain("Proefdraai: er is niets geschreven");
    expect(run.out.join("\n")).toContain("Acties: 62 nieuw");
    expect(await counts(database)).toEqual({ programmes: 0, actions: 0, organisations: 0, links: 0 });
  });

  it("records a category the file changes as a decision of source import, and reports it; a dry run only reports it", async () => {
    expect(await main(["import-programme", SEED, "--default"], capture().io)).toBe(0);
    const out = join(dir, `changed-${dialect}.json`);
    expect(await main(["export-programme", "kennis-en-werk-071-2013-2015", "--out", out], capture().io)).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8")) as { actions: { number: number; category: number | null }[] };
    doc.actions.find((a) => a.number === 5)!.category = 2;
    writeFileSync(out, JSON.stringify(doc));
    const decisions = async () => Number((await database.db.kysely.selectFrom("decision").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await decisions();

    const dry = capture();
    expect(await main(["import-programme", out, "--dry-run"], dry.io)).toBe(0);
    const dryText = dry.out.join("\n");
    expect(dryText).toContain(`1 actie zou worden vastgelegd in het besluit „Categorieën gewijzigd bij import van „changed-${dialect}.json””`);
    expect(dryText).toContain("actie 5: categorie 3 → 2");
    expect(await decisions()).toBe(before);

    const run = capture();
    expect(await main(["import-programme", out], run.io)).toBe(0);
    expect(run.out.join("\n")).toContain("1 actie vastgelegd in het besluit");
    expect(run.out.join("\n")).toContain("actie 5: categorie 3 → 2");
    expect(await decisions()).toBe(before + 1);
    const row = await database.db.kysely.selectFrom("decision").select(["source", "text"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(row.source).toBe("import");
    // The file's name, not the folder it was in.
    expect(row.text).toContain(`„changed-${dialect}.json”`);
    expect(row.text).not.toContain(dir);

    const again = capture();
    expect(await main(["import-programme", out], again.io)).toBe(0);
    expect(again.out.join("\n")).not.toContain("vastgelegd in het besluit");
    expect(await decisions()).toBe(before + 1);
  });

  it("refuses a broken file with line numbers and writes nothing", async () => {
    const lines = readFileSync(SEED, "utf8").split("\n");
    const row = lines.findIndex((l) => l.includes("11. Ondernemerschap in onderwijscurricula"));
    expect(row).toBeGreaterThan(0);
    lines[row] = lines[row]!.split("\t").slice(0, 4).join("\t");
    const file = join(dir, `broken-${dialect}.txt`);
    writeFileSync(file, lines.join("\n"));
    const run = capture();
    expect(await main(["import-programme", file], run.io)).toBe(1);
    const message = run.err.join("\n");
    expect(message).toContain("is geweigerd; er is niets geschreven");
    expect(message).toContain(`regel ${row + 1}: Deze rij heeft 4 kolommen; verwacht zijn er 6`);
    expect(await counts(database)).toEqual({ programmes: 0, actions: 0, organisations: 0, links: 0 });
  });

  it("refuses files it cannot read, in the user's language", async () => {
    const missing = capture();
    expect(await main(["import-programme", join(dir, "nope.txt")], missing.io)).toBe(1);
    expect(missing.err.join("\n")).toContain("bestaat niet");

    const binary = join(dir, "binary.txt");
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    const bin = capture();
    expect(await main(["import-programme", binary], bin.io)).toBe(1);
    expect(bin.err.join("\n")).toContain("geen tekstbestand");

    const json = join(dir, "broken.json");
    writeFileSync(json, '{"slug": "x", ');
    const badJson = capture();
    expect(await main(["import-programme", json], badJson.io)).toBe(1);
    expect(badJson.err.join("\n")).toContain("geen geldige JSON");

    const wrongShape = join(dir, "wrong.json");
    writeFileSync(wrongShape, JSON.stringify({ slug: "x", actions: "none" }));
    const shape = capture();
    expect(await main(["import-programme", wrongShape], shape.io)).toBe(1);
    expect(shape.err.join("\n")).toContain("geen geldig programmadocument");

    process.env.REGIE_LANG = "en";
    const english = capture();
    expect(await main(["import-programme"], english.io)).toBe(2);
    expect(english.err.join("\n")).toContain("Name the file to import.");
    expect(await counts(database)).toEqual({ programmes: 0, actions: 0, organisations: 0, links: 0 });
  });

  it("exports what it imported, and the export imports to the same programme", async () => {
    expect(await main(["import-programme", SEED, "--default"], capture().io)).toBe(0);
    const out = join(dir, `export-${dialect}.json`);
    const run = capture();
    expect(await main(["export-programme", "kennis-en-werk-071-2013-2015", "--out", out], run.io)).toBe(0);
    const exported = JSON.parse(readFileSync(out, "utf8")) as { actions: unknown[]; slug: string };
    expect(exported.slug).toBe("kennis-en-werk-071-2013-2015");
    expect(exported.actions).toHaveLength(62);
    const again = capture();
    expect(await main(["import-programme", out], again.io)).toBe(0);
    expect(again.out.join("\n")).toContain("62 ongewijzigd");

    const unknown = capture();
    expect(await main(["export-programme", "no-such-programme"], unknown.io)).toBe(1);
    expect(unknown.err.join("\n")).toContain("Er is geen programma met slug „no-such-programme”");
  });
});

describe("the regie command", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: false });
  });
  afterAll(async () => {
    await database.destroy();
  });

  it("runs from bin/regie.js without a build, and says what went wrong on bad usage", () => {
    const env = { ...process.env, DATABASE_URL: database.url, REGIE_LANG: "nl" };
    const migrated = execFileSync("node", [join(ROOT, "bin", "regie.js"), "migrate"], { env, encoding: "utf8" });
    expect(migrated).toMatch(/migratie/);
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync("node", [join(ROOT, "bin", "regie.js"), "frobnicate"], { env, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toContain("Onbekende opdracht „frobnicate”");
    expect(failure?.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
