import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

// The programme manager downloads the programme as Excel, changes two cells of the actions sheet,
// uploads the workbook, sees exactly those changes and applies them; the action page shows the new
// title. With JavaScript on and off, each on a server and database of its own (playwright.config.ts).
const P = "/programmes/kennis-en-werk-071-2013-2015";
const EMAIL = "wim.werkmap@example.org";
const PASSWORD = "een lang wachtwoord voor Wim";

test.beforeAll(({ browserName: _ }, testInfo) => {
  execFileSync("node", ["bin/regie.js", "user", "add", "--email", EMAIL, "--name", "Wim Werkmap", "--role", "programme-manager"], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, DATABASE_URL: String(testInfo.project.metadata.databaseUrl), LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
});

async function axe(page: Page, javaScriptEnabled: boolean) {
  // axe runs its script in the page; without JavaScript the same HTML is checked in the other project.
  if (!javaScriptEnabled) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("the programme manager edits actions in Excel, previews the changes and applies them", async ({ page, javaScriptEnabled }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(EMAIL);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

  await page.goto(P);
  await page.getByRole("link", { name: "Acties inlezen uit Excel" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acties inlezen uit Excel");
  await axe(page, javaScriptEnabled);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Downloaden als Excel" }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await download.path())) as unknown as ArrayBuffer);
  const actions = wb.getWorksheet("Acties")!;
  actions.getCell("B3").value = "Titel gewijzigd in Excel";
  actions.getCell("M4").value = "2015";
  const edited = Buffer.from(await wb.xlsx.writeBuffer());

  await page.getByLabel("Werkmap (.xlsx)").setInputFiles({ name: "acties.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: edited });
  await page.getByRole("button", { name: "Inlezen en wijzigingen tonen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wijzigingen uit acties.xlsx");
  await expect(page.getByText("2 acties met 2 gewijzigde velden, 0 nieuwe acties, 60 acties ongewijzigd.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(2);
  await expect(page.getByRole("cell", { name: "Titel gewijzigd in Excel" })).toBeVisible();
  await axe(page, javaScriptEnabled);

  await page.getByRole("button", { name: "Alle wijzigingen doorvoeren" }).click();
  await expect(page.getByText("De werkmap is ingelezen: 2 acties gewijzigd, 0 nieuwe acties, 0 organisaties aangemaakt.")).toBeVisible();
  await page.goto(`${P}/actions/2`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Titel gewijzigd in Excel");
});
