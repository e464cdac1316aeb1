import { expect, test } from "@playwright/test";

const THEMES = "/programmes/kennis-en-werk-071-2013-2015/themes";

// Theme 3 of the programme has a footnote: Voorschoten has not decided whether it takes part.
test("theme 3 shows Voorschoten's participation footnote, in Dutch also on the English page", async ({
  page,
}) => {
  await page.goto(`${THEMES}/3`);
  const participation = page.getByRole("region", { name: "Deelname" });
  await expect(participation).toContainText(
    "Gemeente Voorschoten heeft nog niet besloten over deelname aan de uitvoering van dit thema.",
  );
  await expect(participation.getByText("Voetnoot in het programma")).toBeVisible();
  const footnote = participation.locator("blockquote");
  await expect(footnote).toContainText("vanwege lopende discussies omtrent arbeidsmarktregio's");

  await page.getByRole("link", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const inEnglish = page.getByRole("region", { name: "Participation" });
  await expect(inEnglish).toContainText("Gemeente Voorschoten has not yet decided whether to take part");
  await expect(inEnglish.locator("blockquote")).toHaveAttribute("lang", "nl");
  await expect(inEnglish.locator("blockquote")).toContainText(
    "vanwege lopende discussies omtrent arbeidsmarktregio's",
  );
});

test("a theme without a footnote has no participation section", async ({ page }) => {
  await page.goto(`${THEMES}/2`);
  await expect(page.getByRole("heading", { name: "Doelstelling" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Deelname" })).toHaveCount(0);
});
