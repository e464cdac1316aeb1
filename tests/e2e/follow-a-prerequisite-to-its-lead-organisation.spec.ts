import { expect, test } from "@playwright/test";

// Journey 1 of the domain guide, as a visitor without an account, with JavaScript on and off:
// overview → theme 2 → its actions → category 1 → action 10 → the actions it is a prerequisite
// for → back from action 11 → the lead organisation → the same site in English.
test("a visitor follows a prerequisite from the overview to an organisation, then reads it in English", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kennis & Werk #071");
  // Counts per category are shown by colour and by text.
  await expect(page.getByRole("link", { name: /Categorie 1 \(groen\)/ }).first()).toBeVisible();

  await page.getByRole("link", { name: "2. Ondernemerschap & starters" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ondernemerschap & starters");
  await expect(page.getByRole("heading", { name: "Doelstelling" })).toBeVisible();

  await page.getByRole("link", { name: "Acties van dit thema in de lijst" }).click();
  await expect(page).toHaveURL(/\/actions\?theme=2$/);
  await page.getByLabel("Categorie 1 (groen)").check();
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/theme=2/);
  await expect(page).toHaveURL(/category=1/);
  const rows = page.locator("table.regie-table--actions tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "2 acties gevonden" })).toBeVisible();

  await page.getByRole("link", { name: "Inventarisatie onderwijsprogramma's voor ondernemerschap" }).click();
  await expect(page).toHaveURL(/\/actions\/10$/);
  const outgoing = page.getByRole("list", { name: "Deze actie" });
  await expect(outgoing).toContainText("is randvoorwaarde voor");
  await expect(outgoing.getByRole("link", { name: /^Actie 11:/ })).toBeVisible();
  await expect(outgoing.getByRole("link", { name: /^Actie 12:/ })).toBeVisible();

  await outgoing.getByRole("link", { name: /^Actie 11:/ }).click();
  await expect(page).toHaveURL(/\/actions\/11$/);
  const incoming = page.getByRole("list", { name: "Andere acties over deze actie" });
  await expect(incoming).toContainText("is randvoorwaarde voor actie 11");
  await incoming.getByRole("link", { name: /^Actie 10:/ }).click();
  await expect(page).toHaveURL(/\/actions\/10$/);

  await page.getByRole("complementary").getByRole("link", { name: "Gemeente Leiden" }).click();
  await expect(page).toHaveURL(/\/organisations\/gemeente-leiden$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gemeente Leiden");
  await expect(page.getByRole("link", { name: /Actie 10:/ })).toBeVisible();

  await page.getByRole("link", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: /^Leads/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Organisations" }).first()).toBeVisible();
  // The programme's own text stays Dutch, and says so.
  await expect(page.getByRole("link", { name: /^Action 10:/ }).locator("[lang=nl]")).toHaveText(
    "Inventarisatie onderwijsprogramma's voor ondernemerschap",
  );
  // The choice holds on the next page.
  await page.getByRole("link", { name: "Programme", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Ambition" })).toBeVisible();
});
