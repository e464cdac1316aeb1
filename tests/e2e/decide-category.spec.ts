import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The programme manager records a steering-group decision moving action 5 from category 3 to 2;
// the public overview then shows the new counts, while "as of 1 January 2014" shows the old ones.
// With JavaScript on and off, each on a server and database of its own (see playwright.config.ts).
const P = "/programmes/kennis-en-werk-071-2013-2015";
const EMAIL = "pim.besluit@example.org";
const PASSWORD = "een lang wachtwoord 2026";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Category 2's and 3's totals in the overview's counts table. */
async function greenAndOrange(page: Page): Promise<[number, number]> {
  const totals = page.getByRole("table", { name: "Aantal acties per thema en categorie" }).locator("tfoot td");
  return [Number(await totals.nth(1).textContent()), Number(await totals.nth(2).textContent())];
}

test.beforeAll(({ browserName: _ }, testInfo) => {
  // An administrator adds the programme manager with the CLI, on this project's own database.
  const databaseFile = String(testInfo.project.metadata.databaseFile);
  execFileSync("node", ["bin/regie.js", "user", "add", "--email", EMAIL, "--name", "Pim Programmamanager", "--role", "programme-manager"], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
});

test("the programme manager moves action 5 from category 3 to 2; the overview counts follow, and 1 January 2014 still shows the old ones", async ({ page, javaScriptEnabled }) => {
  // Seven axe scans, two of a form with a row per action: more than the default minute.
  test.setTimeout(180_000);
  const check = async (what: string) => {
    if (javaScriptEnabled) expect(await violations(page), what).toEqual([]);
  };

  // Before: the document's categories.
  await page.goto("/");
  // Polled: after a client-side navigation the address can change a moment before the page does.
  await expect.poll(() => greenAndOrange(page)).toEqual([25, 18]);

  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(EMAIL);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

  await page.goto(P);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Besluiten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Besluiten van de stuurgroep");
  await expect(page.getByRole("heading", { name: "Categorie 1 vastgesteld" })).toBeVisible();
  await check("decision register, signed in");
  await page.getByRole("link", { name: "Besluit vastleggen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Besluit vastleggen");
  await check("decision form");

  // A mistake first: no title. The choices stay.
  await page.getByLabel("Datum van het besluit").fill("2014-06-30");
  await page.getByLabel("Nieuwe categorie voor actie 5", { exact: true }).selectOption("2");
  await page.getByRole("button", { name: "Besluit vastleggen" }).click();
  await expect(page.getByRole("alert")).toContainText("Vul een titel in.");
  await expect(page.getByLabel("Nieuwe categorie voor actie 5", { exact: true })).toHaveValue("2");
  await check("decision form with an error");

  await page.getByLabel("Soort besluit").selectOption({ label: "Categorieën van acties" });
  await page.getByLabel("Vergadering (niet verplicht)").selectOption({ label: "14 oktober 2013: Stuurgroep Economische agenda" });
  await page.getByLabel("Titel", { exact: true }).fill("Actie 5 naar categorie 2");
  await page.getByLabel("Tekst van het besluit").fill("De regiogemeenten nemen de promotie op in hun accountmanagement; er is geen extra budget nodig.");
  await page.getByRole("button", { name: "Besluit vastleggen" }).click();

  await expect(page).toHaveURL(/\/decisions\?recorded=\d+&changed=1/);
  await expect(page.getByRole("status")).toHaveText("Het besluit is vastgelegd; de categorie van 1 actie is veranderd.");
  const recorded = page.getByRole("article", { name: "Actie 5 naar categorie 2" });
  await expect(recorded).toContainText("30 juni 2014");
  await expect(recorded.getByRole("link", { name: "Actie 5", exact: true })).toBeVisible();
  await check("decision register after recording");

  // The public overview shows the new counts.
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
  await page.goto("/");
  // Polled: after a client-side navigation the address can change a moment before the page does.
  await expect.poll(() => greenAndOrange(page)).toEqual([26, 17]);

  // As of 1 January 2014, through the date form: the old counts.
  await page.getByLabel("Stand op datum").fill("2014-01-01");
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page).toHaveURL(/\?asOf=2014-01-01$/);
  await expect(page.getByText("Stand op 1 januari 2014", { exact: true })).toBeVisible();
  // Polled: after a client-side navigation the address can change a moment before the page does.
  await expect.poll(() => greenAndOrange(page)).toEqual([25, 18]);
  await check("overview as of 1 January 2014");
  await page.getByRole("link", { name: "Terug naar de stand van vandaag" }).click();
  await expect(page).toHaveURL(/\/$/);
  // Polled: after a client-side navigation the address can change a moment before the page does.
  await expect.poll(() => greenAndOrange(page)).toEqual([26, 17]);

  // The action shows its category history, and its category then.
  await page.goto(`${P}/actions/5`);
  await expect(page.locator(".regie-lead-badge")).toHaveText("2Categorie 2 (groen)");
  const history = page.getByRole("region", { name: "Categorie door de tijd" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").nth(1)).toContainText("30 juni 2014");
  await check("action with its category history");
  await history.getByRole("link", { name: "Actie 5 naar categorie 2" }).click();
  await expect(page).toHaveURL(/\/decisions#besluit-\d+$/);
  await page.goto(`${P}/actions/5?asOf=2014-01-01`);
  await expect(page.locator(".regie-lead-badge")).toHaveText("3Categorie 3 (oranje)");

  // The meeting lists the decision.
  await page.goto(`${P}/meetings/1`);
  await expect(page.getByRole("region", { name: "Besluiten van deze vergadering" })).toContainText("Actie 5 naar categorie 2");
});
