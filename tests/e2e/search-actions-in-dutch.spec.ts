import { expect, test } from "@playwright/test";

const ACTIONS = "/programmes/kennis-en-werk-071-2013-2015/actions";

test("the action list searches in Dutch and keeps filters in a shareable address", async ({ page }) => {
  await page.goto(ACTIONS);
  await page.getByLabel("Zoeken").fill("ondernemerschap");
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/q=ondernemerschap/);
  await expect(page.getByText("Gesorteerd op relevantie")).toBeVisible();
  const first = page.locator("table.regie-table--actions tbody tr").first();
  await expect(first).toContainText("ondernemerschap", { ignoreCase: true });
});

test("an invalid filter in the address is explained above the form and at its field", async ({ page }) => {
  const response = await page.goto(`${ACTIONS}?year=abc`);
  expect(response?.status()).toBe(400);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Een of meer filters zijn ongeldig");
  // The summary links to the field; the field carries the same message as its description.
  await expect(summary.getByRole("link", { name: /Geef een jaartal op/ })).toHaveAttribute(
    "href",
    "#filter-year",
  );
  await expect(page.getByLabel("Planningsjaar")).toHaveAccessibleDescription(/Geef een jaartal op/);
  await expect(page.getByLabel("Planningsjaar")).toHaveAttribute("aria-invalid", "true");
});
