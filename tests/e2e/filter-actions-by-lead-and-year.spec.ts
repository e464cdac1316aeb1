import { expect, test } from "@playwright/test";

// Gemeente Leiden leads 20 actions; 13 of them are planned in 2014 (data/programmes/kennis-en-werk-071-2013-2015.json).
test("the action list filters by lead organisation and planning year through the form", async ({ page }) => {
  await page.goto("/programmes/kennis-en-werk-071-2013-2015/actions");
  await expect(page.getByRole("heading", { name: "62 acties gevonden" })).toBeVisible();

  await page.getByLabel("Trekker").selectOption({ label: "Gemeente Leiden" });
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/lead=gemeente-leiden/);
  await expect(page.getByRole("heading", { name: "20 acties gevonden" })).toBeVisible();

  await page.getByLabel("Planningsjaar").selectOption("2014");
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/lead=gemeente-leiden/);
  await expect(page).toHaveURL(/year=2014/);
  await expect(page.getByRole("heading", { name: "13 acties gevonden" })).toBeVisible();
  // The form shows what the list is filtered by.
  await expect(page.getByLabel("Trekker")).toHaveValue("gemeente-leiden");
  await expect(page.getByLabel("Planningsjaar")).toHaveValue("2014");

  const rows = page.locator("table.regie-table--actions tbody tr");
  await expect(rows).toHaveCount(13);
  for (const row of await rows.all()) await expect(row).toContainText("Gemeente Leiden");
  // Action 10 (2014) is in; action 5 (Gemeente Leiden, 2015 only) is not.
  await expect(
    page.getByRole("link", { name: "Inventarisatie onderwijsprogramma's voor ondernemerschap" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Rijksinstrumenten voor MKB promoten" })).toHaveCount(0);

  // Clearing the filters empties the form too.
  await page.getByRole("link", { name: "Filters wissen" }).click();
  await expect(page).toHaveURL(/\/actions$/);
  await expect(page.getByRole("heading", { name: "62 acties gevonden" })).toBeVisible();
  await expect(page.getByLabel("Trekker")).toHaveValue("");
  await expect(page.getByLabel("Planningsjaar")).toHaveValue("");
});
