import { expect, test } from "@playwright/test";

test("the organisation list groups organisations by kind, each with its count", async ({ page }) => {
  await page.goto("/organisations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisaties");
  await expect(page.getByText("62 organisaties")).toBeVisible();

  const groups = page.getByRole("heading", { level: 2 });
  await expect(groups).toHaveText([
    "Gemeenten (6)",
    "Bedrijfsleven (16)",
    "Kennisinstellingen (9)",
    "Overige overheden (8)",
    "Overig (23)",
  ]);

  const municipalities = page.getByRole("region", { name: "Gemeenten (6)" });
  await expect(municipalities.getByRole("row")).toHaveCount(7); // header and six municipalities
  await expect(municipalities.getByRole("rowheader", { name: "Gemeente Voorschoten" })).toBeVisible();
  await expect(municipalities.getByRole("rowheader", { name: "Hogeschool Leiden" })).toHaveCount(0);
  await expect(
    page
      .getByRole("region", { name: "Kennisinstellingen (9)" })
      .getByRole("rowheader", { name: "Hogeschool Leiden" }),
  ).toBeVisible();

  // Gemeente Leiden leads 20 actions.
  const leiden = municipalities.getByRole("row", { name: /Gemeente Leiden/ });
  await expect(leiden.getByRole("cell").first()).toHaveText("20");
  await leiden.getByRole("link", { name: "Gemeente Leiden" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeente Leiden");
  await expect(page.getByRole("heading", { name: "Trekker van (20)" })).toBeVisible();
});
