import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";

// An action contact writes and submits a plan of approach; the programme manager approves it; the
// public then finds it on the action page, the overview and the action list. With JavaScript on and
// off. Both projects share one database, so each works on its own action with its own accounts.
const P = "/programmes/kennis-en-werk-071-2013-2015";
const PASSWORD = "password123456";

/** Creates an account through the CLI, the way an administrator would. */
function addUser(args: string[]) {
  const file = process.env.REGIE_E2E_SQLITE;
  if (!file) throw new Error("REGIE_E2E_SQLITE is not set (playwright.config.ts sets it)");
  execFileSync("node", ["bin/regie.js", "user", "add", ...args], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
}

test.describe("plan of approach: written by the action contact, approved by the programme manager", () => {
  let action = 26;
  let contact = "";
  let manager = "";

  test.beforeAll(({ browserName: _ }, testInfo) => {
    // The project without JavaScript takes another action, so that both can run at the same time.
    const js = testInfo.project.name !== "sqlite-no-js";
    action = js ? 26 : 27;
    contact = `cora-${testInfo.project.name}@example.org`;
    manager = `pim-${testInfo.project.name}@example.org`;
    addUser(["--email", contact, "--name", "Cora Contact", "--role", "action-contact", "--actions", String(action), "--organisation", "gemeente-leiden"]);
    addUser(["--email", manager, "--name", "Pim Programmamanager", "--role", "programme-manager"]);
  });

  test("the contact submits, the manager approves, the public sees it", async ({ page }) => {
    const A = `${P}/actions/${action}`;

    // The contact finds the plan from the action page and writes it.
    await signIn(page, contact);
    await page.goto(A);
    await expect(page.getByText("Er is nog geen goedgekeurd plan van aanpak voor deze actie.")).toBeVisible();
    await page.getByRole("link", { name: "Naar het plan van aanpak" }).click();
    await expect(page).toHaveURL(`${A}/plan`);
    await page.getByRole("link", { name: "Plan van aanpak schrijven" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Plan van aanpak actie ${action} schrijven (versie 1)`);

    // An over-long aim is refused with a message at the field; the rest of the text stays.
    await page.getByLabel("Doel").fill("x".repeat(2001));
    await page.getByLabel("Aanpak").fill("Gastlessen op scholen, samen met bedrijven.");
    await page.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Dit veld is te lang (hoogstens 2000 tekens).");
    await expect(page.getByLabel("Aanpak")).toHaveValue("Gastlessen op scholen, samen met bedrijven.");

    await page.getByLabel("Doel").fill("Meer jongeren kiezen voor techniek.");
    await page.getByLabel("Op te leveren resultaten").fill("Twintig gastlessen per jaar");
    await page.getByLabel("Mijlpalen").fill("Q1 2014: eerste gastlessen");
    await page.getByLabel("Gevraagd budget").fill("€ 15.000 per jaar");
    await page.getByLabel("Gevraagde capaciteit").fill("0,3 fte coördinatie");
    await page.getByLabel("Risico's").fill("Te weinig bedrijven die meedoen.");
    await page.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(page).toHaveURL(`${A}/plan?done=saved`);
    await expect(page.getByRole("status")).toHaveText("Het concept is opgeslagen.");
    await expect(page.getByText("Dit is een concept: het is nog niet ingediend.")).toBeVisible();

    await page.getByRole("button", { name: "Indienen ter goedkeuring" }).click();
    await expect(page).toHaveURL(`${A}/plan?done=submitted`);
    await expect(page.getByRole("status")).toHaveText("Het plan is ingediend. De programmamanager heeft bericht gekregen.");
    await expect(page.getByRole("link", { name: "Concept bewerken" })).toHaveCount(0);
    await signOut(page);

    // The programme manager approves, with a note.
    await signIn(page, manager);
    await page.goto(`${A}/plan`);
    await expect(page.getByText("Te weinig bedrijven die meedoen.")).toBeVisible();
    // Returning without a note is refused.
    await page.getByRole("button", { name: "Terugsturen" }).click();
    await expect(page.getByRole("alert")).toContainText("Schrijf in de toelichting waarom het plan teruggaat.");
    await page.getByLabel("Toelichting").fill("Akkoord; graag halfjaarlijks rapporteren.");
    await page.getByRole("button", { name: "Goedkeuren" }).click();
    await expect(page).toHaveURL(`${A}/plan?done=approved`);
    await expect(page.getByRole("status")).toHaveText("Het plan is goedgekeurd.");
    await signOut(page);

    // The public reads the adopted plan, without the names of those who wrote and decided it.
    await page.goto(A);
    await expect(page.getByText(/Goedgekeurd plan van aanpak: versie 1, goedgekeurd op \d{1,2} \w+ \d{4}\./)).toBeVisible();
    await page.getByRole("link", { name: "Naar het plan van aanpak" }).click();
    await expect(page.getByText("Meer jongeren kiezen voor techniek.")).toBeVisible();
    await expect(page.getByText("Akkoord; graag halfjaarlijks rapporteren.")).toBeVisible();
    await expect(page.locator("main")).not.toContainText("Cora Contact");
    await expect(page.locator("main")).not.toContainText("Pim Programmamanager");

    await page.goto("/");
    const count = page.getByRole("link", { name: /\d+ van de 62 acties (heeft|hebben) een goedgekeurd plan van aanpak/ });
    await expect(count).toBeVisible();
    await count.click();
    await expect(page).toHaveURL(`${P}/actions?plan=approved`);
    await expect(page.getByLabel("Alleen acties met een goedgekeurd plan van aanpak")).toBeChecked();
    await expect(page.locator("tr", { has: page.locator(`a[href="${A}"]`) })).toContainText("Plan goedgekeurd");
  });
});
