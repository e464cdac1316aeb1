import { expect, test } from "@playwright/test";

// The same build on PostgreSQL: the overview, a Dutch search and an action page.
test("the programme reads the same on PostgreSQL", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kennis & Werk #071");
  await page.goto("/programmes/kennis-en-werk-071-2013-2015/actions?q=ondernemers");
  await expect(page.getByText("Gesorteerd op relevantie")).toBeVisible();
  await page.goto("/programmes/kennis-en-werk-071-2013-2015/actions/11");
  await expect(page.getByRole("list", { name: "Andere acties over deze actie" })).toContainText("Actie 10");
});
