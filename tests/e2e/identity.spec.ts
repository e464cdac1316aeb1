import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { generateSync } from "otplib";

// Runs on its own server per project (see playwright.config.ts): no accounts yet and the second
// factor required for administrators, as an operator who never set REQUIRE_SECOND_FACTOR gets it.

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const codeAt = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

test("an administrator enrols a second factor and signs in with password and code", async ({ page, javaScriptEnabled }, testInfo) => {
  const setupPath = new URL(readFileSync(String(testInfo.project.metadata.setupLinkFile), "utf8").trim()).pathname;
  const check = async (what: string) => {
    if (javaScriptEnabled) expect(await violations(page), what).toEqual([]);
  };

  await page.goto(setupPath);
  await page.getByLabel("Naam").fill("Ilse Identiteit");
  await page.getByLabel("E-mailadres").fill("ilse@example.org");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een lang wachtwoord 2026");
  await page.getByLabel("Herhaal het wachtwoord").fill("een lang wachtwoord 2026");
  await page.getByRole("button", { name: "Beheerder aanmaken" }).click();

  // Administrators must enrol first: every other page sends them here.
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tweede factor" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Voor uw rol is een tweede factor verplicht");
  await check("enrolment page");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/account\/second-factor$/);

  const secret = (await page.locator("[data-secret]").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code").fill("123");
  await page.getByRole("button", { name: "Tweede factor instellen" }).click();
  await expect(page.getByRole("alert")).toContainText("Typ de zes cijfers");
  await check("enrolment page with an error");
  expect((await page.locator("[data-secret]").innerText()).replace(/\s/g, "")).toBe(secret);
  await page.getByLabel("Code").fill(codeAt(secret));
  await page.getByRole("button", { name: "Tweede factor instellen" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Uw herstelcodes" })).toBeVisible();
  await expect(page.locator("main code")).toHaveCount(10);
  await check("recovery codes");
  await page.getByRole("link", { name: "Verder naar mijn account" }).click();
  await expect(page).toHaveURL(/\/account$/);

  // Signed out, then in again: the password, then the code.
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill("ilse@example.org");
  await page.getByLabel("Wachtwoord").fill("een lang wachtwoord 2026");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Code van uw tweede factor" })).toBeVisible();
  await check("code step");
  await page.getByLabel("Code").fill(codeAt(secret, 1));
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("link", { name: "Ingelogd als Ilse Identiteit" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin$/);
});
