import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../app/cli/main";
import { loadDefaultDataIfEmpty } from "../../app/lib/default-data.server";
import { createTestDatabase, testDialects, type TestDatabase } from "../support/databases";

/** `regie report annual`: the file on --out, progress on standard error, usage errors with exit code 2. */
describe.each(testDialects())("regie report annual (%s)", (dialect) => {
  let database: TestDatabase;
  const saved = { url: process.env.DATABASE_URL, lang: process.env.REGIE_LANG };
  const dir = mkdtempSync(join(tmpdir(), "regie-report-"));

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await loadDefaultDataIfEmpty(database.db, join(import.meta.dirname, "..", "..", "data"));
    process.env.DATABASE_URL = database.url;
    process.env.REGIE_LANG = "nl";
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved.url;
    process.env.REGIE_LANG = saved.lang;
    await database.destroy();
  });

  it("writes the 2014 report as HTML and Word, with a progress indication on standard error", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    const html = join(dir, "verslag.html");
    expect(await main(["report", "annual", "--year", "2014", "--format", "html", "--out", html, "--lang", "en"], io)).toBe(0);
    const text = readFileSync(html, "utf8");
    expect(text).toContain('<html lang="en">');
    expect(text).toContain("<h1");
    expect(text).toContain("Annual report 2014: Kennis &amp; Werk #071");
    expect(text.match(/<h4 /g)).toHaveLength(62);
    expect(err.join("\n")).toContain("4/4");
    expect(out.join("\n")).toContain("Jaarverslag 2014 van kennis-en-werk-071-2013-2015");

    const docx = join(dir, "verslag.docx");
    expect(await main(["report", "annual", "--year", "2014", "--format", "docx", "--out", docx], io)).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe("PK");
  }, 120_000);

  it("refuses wrong usage with exit code 2", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s) };
    expect(await main(["report", "annual", "--year", "2014", "--format", "odt", "--out", join(dir, "x")], io)).toBe(2);
    expect(await main(["report", "annual", "--year", "1999", "--format", "pdf", "--out", join(dir, "x")], io)).toBe(2);
    expect(await main(["report", "monthly", "--year", "2014"], io)).toBe(2);
    expect(err.join("\n")).toContain("--format moet docx, pdf of html zijn.");
  });
});
