import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// Runs on its own server per project (see playwright.config.ts): a database without accounts, so
// start-up printed a one-time setup link and wrote it to the file this spec reads.

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("the first administrator sets up their account through the one-time link, invites someone, and finds the invitation in the outbox", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const linkFile = String(testInfo.project.metadata.setupLinkFile);
  const setupPath = new URL(readFileSync(linkFile, "utf8").trim()).pathname;
  expect(setupPath).toMatch(/^\/setup\/[A-Za-z0-9_-]+$/);
  const check = async (what: string) => {
    if (javaScriptEnabled) expect(await violations(page), what).toEqual([]);
  };

  await page.goto(setupPath);
  await expect(page.getByRole("heading", { level: 1, name: "Eerste beheerder aanmaken" })).toBeVisible();
  await check("setup page");
  // A mistake first: the passwords differ.
  await page.getByLabel("Naam").fill("Fatima Eerste");
  await page.getByLabel("E-mailadres").fill("fatima@example.org");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een lang wachtwoord 2026");
  await page.getByLabel("Herhaal het wachtwoord").fill("een ander wachtwoord 2026");
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();
  await expect(page.getByRole("alert")).toContainText("De twee wachtwoorden zijn niet gelijk.");
  await check("setup page with an error");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een lang wachtwoord 2026");
  await page.getByLabel("Herhaal het wachtwoord").fill("een lang wachtwoord 2026");
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();

  // Signed in straight away, as administrator.
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expect(page.getByRole("link", { name: "Ingelogd als Fatima Eerste" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Beheerder");

  await page.getByRole("link", { name: "Beheer", exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin$/);
  await check("administration overview");
  await page.getByRole("main").getByRole("link", { name: "Gebruikers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gebruikers" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Fatima Eerste fatima@example\.org/ })).toContainText("Actief");

  await page.getByLabel("Naam").fill("Gerrit Genodigde");
  await page.getByLabel("E-mailadres").fill("gerrit@example.org");
  await page.getByLabel("Organisatie").selectOption({ label: "Gemeente Leiden" });
  await page.getByLabel("Rol").selectOption({ label: "Contactpersoon actie" });
  await page.getByLabel("Contactpersoon voor acties").fill("17, 18");
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gerrit Genodigde" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("De uitnodiging is aangemaakt.");
  await expect(page.getByRole("status")).toContainText("Er is geen SMTP ingesteld");
  await check("account page after inviting");

  await page.goto("/admin");
  await page.getByRole("main").getByRole("link", { name: "Uitgaande e-mail" }).click();
  const row = page.getByRole("row", { name: /Uitnodiging voor Regie gerrit@example\.org/ });
  await expect(row).toContainText("Bewaard (geen SMTP)");
  await check("outbox");
  await row.getByRole("link", { name: "Uitnodiging voor Regie" }).click();
  const body = await page.locator("pre").innerText();
  expect(body).toContain("Fatima Eerste nodigt u uit voor Regie");
  const invitePath = new URL(/http:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(body)![0]).pathname;
  await check("outbox message");

  // The invitee accepts in their own browser and is signed in.
  const other = await browser.newContext({ javaScriptEnabled, locale: "nl-NL" });
  const invitee = await other.newPage();
  await invitee.goto(testInfo.project.use.baseURL + invitePath);
  await expect(invitee.getByRole("main")).toContainText("gerrit@example.org");
  await invitee.getByLabel("Wachtwoord", { exact: true }).fill("gerrits geheime zin 17");
  await invitee.getByLabel("Herhaal het wachtwoord").fill("gerrits geheime zin 17");
  await invitee.getByRole("button", { name: "Account activeren" }).click();
  await expect(invitee.getByRole("link", { name: "Ingelogd als Gerrit Genodigde" })).toBeVisible();
  await other.close();

  // The setup link worked once.
  await page.goto(setupPath);
  await expect(page.getByRole("main")).toContainText("Deze link is ongeldig");
});
