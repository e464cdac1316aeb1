import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// Journey of the economic monitor (issue 5), with JavaScript on and off (the two projects). It runs
// against a server of its own with a fresh database, because it imports figures: the shared server's
// data stays as shipped for the other journeys.

const ROOT = join(import.meta.dirname, "..", "..");
const FULL_83625NED = join(ROOT, "data", "sources", "cbs", "cbs-odata-example", "v4", "83625NED", "observations-page-1.json");
const P = "/programmes/kennis-en-werk-071-2013-2015";
const ANALYST = { email: "analist@example.org", password: "monitor-analist-2013" };

let server: ChildProcess | undefined;
let base = "";
let dir = "";

test.describe.configure({ mode: "serial" });

/**
 * SQLite, or, when a PostgreSQL cluster is given (TEST_POSTGRES_URL), PostgreSQL for the run without
 * JavaScript, so that the journey is seen in the browser on both engines.
 */
function databaseUrl(projectName: string): string {
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin || !projectName.includes("no-js")) return `sqlite:${join(dir, "regie.sqlite")}`;
  const url = new URL(admin);
  url.pathname = `/regie_e2e_monitor_${process.pid}`;
  const made = spawnSync(process.execPath, [join(ROOT, "scripts", "create-database.js"), url.toString()], { cwd: ROOT, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`could not create ${url.pathname}: ${made.stderr}`);
  return url.toString();
}

test.beforeAll(async ({ browserName: _browser }, testInfo) => {
  dir = mkdtempSync(join(tmpdir(), "regie-e2e-monitor-"));
  const port = 4300 + Math.floor(Math.random() * 1500);
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl(testInfo.project.name), LOG_LEVEL: "warn", REGIE_LANG: "nl" };
  server = spawn(process.execPath, [join(ROOT, "server.js")], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the monitor's test server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  // An analyst of the programme, made the way an administrator does: `regie user add`, password on stdin.
  const add = spawnSync(
    process.execPath,
    [join(ROOT, "bin", "regie.js"), "user", "add", "--email", ANALYST.email, "--name", "Anna Analist", "--role", "analyst", "--programme", "kennis-en-werk-071-2013-2015"],
    { cwd: ROOT, env, input: `${ANALYST.password}\n`, encoding: "utf8" },
  );
  if (add.status !== 0) throw new Error(`regie user add failed: ${add.stderr}`);
});

test.afterAll(async () => {
  const stopped = new Promise((resolve) => server?.once("exit", resolve));
  server?.kill("SIGTERM");
  await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(`${P}/monitor`)}`);
  await page.getByLabel("E-mailadres").fill(ANALYST.email);
  await page.getByLabel("Wachtwoord").fill(ANALYST.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(new RegExp(`${P}/monitor$`));
}

/** The row of the data table for a period, by its header. */
const row = (page: Page, period: string) => page.locator("table.regie-table--monitor tbody tr").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${period}`) }) });

test("an analyst imports CBS's 2025 house prices, sees 2025 on the chart, and compares regions as an index", async ({ page }) => {
  // A visitor: the monitor by theme, then the house-price indicator without 2025 (the default data stops at 2024).
  await page.goto(`${base}${P}/monitor`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Economische monitor");
  await expect(page.getByRole("heading", { name: /Thema 4: Vestigingsklimaat/ })).toBeVisible();
  await page.getByRole("link", { name: "Gemiddelde verkoopprijs van bestaande koopwoningen" }).click();
  await expect(page).toHaveURL(new RegExp(`${P}/monitor/verkoopprijs-koopwoningen$`));
  const chart = page.getByRole("img", { name: /Gemiddelde verkoopprijs van bestaande koopwoningen per regio, 2015–2024/ });
  await expect(chart).toBeVisible();
  await expect(row(page, "2024")).toHaveCount(1);
  await expect(row(page, "2025")).toHaveCount(0);
  await expect(page.getByText("Bron: CBS, tabel 83625NED (Bestaande koopwoningen; gemiddelde verkoopprijzen, regio), CC BY 4.0").first()).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "2015 vervangend basisjaar" })).toBeVisible();

  // Visitors do not get the import form; the analyst signs in for it.
  await page.goto(`${base}${P}/monitor`);
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await signIn(page);
  await page.getByLabel("Bestand", { exact: true }).setInputFiles(FULL_83625NED);
  await page.getByRole("button", { name: "Inlezen" }).click();
  const report = page.locator("#import-resultaat");
  await expect(report).toContainText("Ingelezen uit observations-page-1.json: 7 nieuw, 0 gewijzigd, 70 ongewijzigd.");
  await expect(report).toContainText("Bron: CBS, tabel 83625NED");

  // 2025 is on the indicator's chart and in its table.
  await report.getByRole("link", { name: /Gemiddelde verkoopprijs van bestaande koopwoningen: 7 nieuw/ }).click();
  await expect(page).toHaveURL(new RegExp(`${P}/monitor/verkoopprijs-koopwoningen$`));
  await expect(page.getByRole("img", { name: /per regio, 2015–2025/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /per regio, 2015–2025/ }).locator("text", { hasText: /^2025$/ })).toHaveCount(1);
  await expect(row(page, "2025")).toContainText("479.527");

  // The index view: a plain link, then another base year through a GET form.
  await page.getByRole("navigation", { name: "Weergave" }).getByRole("link", { name: "Indexcijfers" }).click();
  await expect(page).toHaveURL(/view=index/);
  await expect(page.getByRole("heading", { name: "Indexcijfers (2015 = 100)" })).toBeVisible();
  await expect(row(page, "2015").locator('td[data-region="GM0546"]')).toHaveText("100,0");
  await page.getByLabel("Basisperiode van de index").selectOption("2019JJ00");
  await page.getByRole("button", { name: "Toon" }).click();
  await expect(page).toHaveURL(/view=index&base=2019JJ00/);
  await expect(page.getByRole("heading", { name: "Indexcijfers (2019 = 100)" })).toBeVisible();
  for (const region of ["GM0546", "GM0638", "PV28", "NL01"]) await expect(row(page, "2019").locator(`td[data-region="${region}"]`)).toHaveText("100,0");
  await expect(page.getByRole("img", { name: /index \(2019 = 100\), 2015–2025/ })).toBeVisible();
});

test("a bad file is refused with a clear message and changes nothing", async ({ page }) => {
  await signIn(page);
  await page.getByLabel("Bestand", { exact: true }).setInputFiles({
    name: "afgebroken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"@odata.context": "https://datasets.cbs.nl/odata/v1/CBS/83625NED/$metadata#Observations", "value": [{"Id": 20, "Measure": "M00'),
  });
  await page.getByRole("button", { name: "Inlezen" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Het bestand is niet ingelezen; er is niets opgeslagen.");
  await expect(alert).toContainText("Het bestand is geen geldige JSON");
});

test.describe("the monitor's pages pass axe (WCAG 2.1 A and AA)", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const scan = async (page: Page) => {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  };
  for (const [name, path] of [
    ["monitor", `${P}/monitor`],
    ["indicator", `${P}/monitor/bevolking`],
    ["indicator, index view", `${P}/monitor/bevolking?view=index&base=2019`],
    ["indicator with a bad base", `${P}/monitor/bevolking?view=index&base=1990`],
    ["indicator without figures", `${P}/monitor/kantorenleegstand`],
    ["theme with its indicators", `${P}/themes/4`],
    ["monitor in English", `${P}/monitor?lang=en`],
  ] as const) {
    test(name, async ({ page }) => {
      await page.goto(`${base}${path}`);
      expect(await scan(page)).toEqual([]);
    });
  }
  test("monitor with the import form and a report", async ({ page }) => {
    await signIn(page);
    expect(await scan(page)).toEqual([]);
    await page.getByLabel("Bestand", { exact: true }).setInputFiles(FULL_83625NED);
    await page.getByLabel("Alleen controleren, niets opslaan").first().check();
    await page.getByRole("button", { name: "Inlezen" }).click();
    await expect(page.locator("#import-resultaat")).toContainText("Proefdraai");
    expect(await scan(page)).toEqual([]);
  });
});
