import { expect, test } from "@playwright/test";

// A browser that asks for English gets English without choosing; a choice made with the visible
// switch wins over the browser and holds on the next page.
test.use({ locale: "en", extraHTTPHeaders: { "Accept-Language": "en" } });

test("Accept-Language: en gives English by default, and the switch to Dutch holds", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Ambition" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
  // Programme text stays Dutch, marked as such inside the English page.
  await expect(
    page.getByRole("heading", { level: 1 }).locator("xpath=ancestor-or-self::*[@lang][1]"),
  ).toHaveAttribute("lang", "nl");

  await page.getByRole("link", { name: "Actions", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Actions");
  await expect(page.getByRole("button", { name: "Filter" })).toBeVisible();

  const toDutch = page.getByRole("link", { name: /Nederlands/ });
  await expect(toDutch).toHaveAttribute("lang", "nl");
  await toDutch.click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Acties");

  await page.getByRole("link", { name: "Organisaties", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisaties");
});
