import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The programme manager writes the introduction of the 2014 annual report, downloads it as Word
// and PDF, and makes it final; the public can then read it. With JavaScript on and off.
const P = "/programmes/kennis-en-werk-071-2013-2015";
const EMAIL = "pia.jaarverslag@example.org";
const PASSWORD = "een lang wachtwoord 2026";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

// One worker for both journeys: the account is made once per database.
test.describe.configure({ mode: "serial" });

test.beforeAll(({ browserName: _ }, testInfo) => {
  const databaseFile: unknown = testInfo.project.metadata.databaseFile;
  // Only the annual-report projects name their database; anywhere else the CLI would make a new file.
  if (typeof databaseFile !== "string") throw new Error(`project ${testInfo.project.name} names no database for this journey`);
  execFileSync("node", ["bin/regie.js", "user", "add", "--email", EMAIL, "--name", "Pia Programmamanager", "--role", "programme-manager"], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
});

test("the programme manager writes the 2014 introduction, downloads Word and PDF, and makes the report final", async ({ page, javaScriptEnabled }) => {
  // Two documents with charts and four axe scans on a long page.
  test.setTimeout(240_000);
  const check = async (what: string) => {
    if (javaScriptEnabled) expect(await violations(page), what).toEqual([]);
  };

  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(EMAIL);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

  await page.goto(P);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Jaarverslagen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jaarverslagen");
  await check("list of reports");
  await page.getByRole("link", { name: "Jaarverslag 2014" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jaarverslag 2014: Kennis & Werk #071");
  await expect(page.getByText("Er is nog geen inleiding geschreven.")).toBeVisible();
  await check("draft report");

  await page.getByRole("link", { name: "Teksten bewerken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Teksten van het jaarverslag 2014");
  await check("texts form");
  await page.getByLabel("Inleiding").fill("In 2014 kwamen de eerste acties tot resultaat.");
  await page.getByLabel("Toelichting bij thema 1: Economische structuurversterking").fill("De kennisas kreeg vorm.");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De teksten zijn opgeslagen.");
  await expect(page.getByText("In 2014 kwamen de eerste acties tot resultaat.")).toBeVisible();
  await expect(page.getByText("De kennisas kreeg vorm.")).toBeVisible();

  const [word] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Word-document (.docx)" }).click()]);
  expect(word.suggestedFilename()).toBe("kennis-en-werk-071-2013-2015-jaarverslag-2014.docx");
  expect(readFileSync((await word.path())).subarray(0, 2).toString()).toBe("PK");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF (toegankelijk)" }).click()]);
  expect(pdf.suggestedFilename()).toBe("kennis-en-werk-071-2013-2015-jaarverslag-2014.pdf");
  expect(readFileSync((await pdf.path())).subarray(0, 5).toString()).toBe("%PDF-");

  // Finalising needs the box ticked.
  await page.getByRole("button", { name: "Definitief maken" }).click();
  await expect(page.getByRole("alert")).toContainText("Vink aan dat u het jaarverslag definitief wilt maken.");
  await page.getByLabel("Ik wil dit jaarverslag definitief maken").check();
  await page.getByRole("button", { name: "Definitief maken" }).click();
  await expect(page.getByRole("status")).toHaveText("Het jaarverslag is definitief.");
  await expect(page.getByRole("button", { name: "Definitief maken" })).toHaveCount(0);
  await check("final report");

  // The public reads the final report.
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.goto(`${P}/reports/2014`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jaarverslag 2014: Kennis & Werk #071");
  await expect(page.getByText("In 2014 kwamen de eerste acties tot resultaat.")).toBeVisible();
});

test("the programme manager proposes the 2015 annual programme, records its adoption and opens a meeting pack", async ({ page, javaScriptEnabled }) => {
  test.setTimeout(180_000);
  const check = async (what: string) => {
    if (javaScriptEnabled) expect(await violations(page), what).toEqual([]);
  };

  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(EMAIL);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

  await page.goto(`${P}/reports`);
  await page.getByRole("link", { name: "Jaarprogramma 2015" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jaarprogramma 2015: Kennis & Werk #071");
  await check("draft annual programme");
  await page.getByRole("button", { name: "Voorleggen ter vaststelling" }).click();
  await expect(page.getByRole("status")).toHaveText("Het jaarprogramma ligt ter vaststelling bij de stuurgroep.");

  // The meeting pack lists it among the decisions to take.
  await page.goto(`${P}/meetings`);
  await page.getByRole("link", { name: /Stuurgroep Economische agenda|14 oktober 2013/ }).first().click();
  await page.getByRole("link", { name: "Vergaderpakket" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Vergaderpakket 14 oktober 2013");
  await expect(page.getByRole("heading", { name: "Jaarprogramma ter vaststelling" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Jaarprogramma 2015" }).first()).toBeVisible();
  await check("meeting pack");

  await page.goto(`${P}/reports/2015/programme`);
  await page.getByLabel("Datum van het besluit").fill("2014-12-15");
  await page.getByRole("button", { name: "Vaststellen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het jaarprogramma is vastgesteld.");
  await expect(page.getByTestId("programme-status")).toHaveText("Vastgesteld");
  await expect(page.getByRole("button", { name: "Vaststellen" })).toHaveCount(0);
  await check("adopted annual programme");

  await page.goto(`${P}/decisions`);
  await expect(page.getByText("Jaarprogramma 2015 vastgesteld").first()).toBeVisible();
});
