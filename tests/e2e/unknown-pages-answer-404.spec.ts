import { expect, test } from "@playwright/test";

test("an unknown action answers with a readable 404", async ({ page }) => {
  const response = await page.goto("/programmes/kennis-en-werk-071-2013-2015/actions/999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expect(page.getByText("Actie 999 bestaat niet")).toBeVisible();
});

test("an unknown organisation answers with a readable 404", async ({ page }) => {
  const response = await page.goto("/organisations/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expect(page.getByText("Er is geen organisatie met deze naam.")).toBeVisible();
  await page.getByRole("link", { name: "Naar het programma" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kennis & Werk #071");
});

test("an unknown address answers with a readable 404", async ({ page }) => {
  const response = await page.goto("/bestaat/niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expect(page.getByText("/bestaat/niet")).toBeVisible();
});
