import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";

// The contact of action 26 has reported it delayed ("vertraagd"); the public dashboard and the
// timeline show it, without the contact's name, and the dependency graph page renders with its
// text alternative. With JavaScript on and off (both projects share one database).
const P = "/programmes/kennis-en-werk-071-2013-2015";
const CONTACT = "Cora Contactpersoon";

/**
 * Writes the update straight into the server's database, as the progress store would: for the
 * period the dashboard reports on (the newest round's, or 2014-H1 when there is no round), once.
 */
function reportActionDelayed(): string {
  const file = process.env.REGIE_E2E_SQLITE;
  if (!file) throw new Error("REGIE_E2E_SQLITE is not set (playwright.config.ts sets it)");
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  try {
    return db.transaction(() => {
      const programme = db
        .prepare("SELECT id FROM programme WHERE slug = 'kennis-en-werk-071-2013-2015'")
        .get() as { id: number };
      const action = db
        .prepare("SELECT id FROM action WHERE programme_id = ? AND number = 26")
        .get(programme.id) as { id: number };
      const round = db
        .prepare(
          "SELECT period FROM update_round WHERE programme_id = ? ORDER BY opened_on DESC, id DESC LIMIT 1",
        )
        .get(programme.id) as { period: string } | undefined;
      const period = round?.period ?? "2014-H1";
      const now = new Date().toISOString();
      let contact = db.prepare("SELECT id FROM contact WHERE email = 'cora.e2e@example.org'").get() as
        { id: number } | undefined;
      if (!contact) {
        contact = db
          .prepare(
            "INSERT INTO contact (name, email, organisation_id, user_id, created_at, updated_at, version) VALUES (?, 'cora.e2e@example.org', NULL, NULL, ?, ?, 1) RETURNING id",
          )
          .get(CONTACT, now, now) as { id: number };
        db.prepare("INSERT INTO action_contact (action_id, contact_id, created_at) VALUES (?, ?, ?)").run(
          action.id,
          contact.id,
          now,
        );
      }
      db.prepare(
        `INSERT INTO progress_update (action_id, round_id, period, status, percent, narrative, narrative_public, milestones_reached,
           author_user_id, author_contact_id, author_label, created_at, updated_at, version)
         VALUES (?, NULL, ?, 'delayed', 40, 'De aanbesteding loopt vertraging op.', 1, '[]', NULL, ?, ?, ?, ?, 1)
         ON CONFLICT (action_id, period) DO UPDATE SET status = 'delayed', updated_at = excluded.updated_at, version = progress_update.version + 1`,
      ).run(action.id, period, contact.id, CONTACT, now, now);
      return period;
    })();
  } finally {
    db.close();
  }
}

async function noAxeViolations(page: Page, javaScriptEnabled: boolean, what: string) {
  // axe runs its script in the page; without JavaScript the HTML is the same as with it.
  if (!javaScriptEnabled) return;
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    ),
    what,
  ).toEqual([]);
}

test.describe("a delayed action on the dashboard, the timeline and the dependency graph", () => {
  let period = "";
  test.beforeAll(() => {
    period = reportActionDelayed();
  });

  test("the public sees action 26 delayed, and the graph of what depends on what", async ({
    page,
    javaScriptEnabled,
  }) => {
    // The dashboard, from the main navigation.
    await page.goto(`${P}/actions`);
    await page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("link", { name: "Voortgang" })
      .click();
    await expect(page).toHaveURL(`${P}/dashboard`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Voortgang van het programma");
    await expect(page.getByText(/^Rapportageperiode: /)).toBeVisible();
    const themeRow = page
      .getByRole("table", { name: "Per thema" })
      .getByRole("row", { name: /3\. Onderwijs & arbeidsmarkt/ });
    // Columns: theme, on track, at risk, delayed, …
    expect(Number(await themeRow.getByRole("cell").nth(2).innerText())).toBeGreaterThanOrEqual(1);
    const attention = page
      .getByRole("table", { name: "Aandacht nodig" })
      .getByRole("row", { name: /Actie 26/ });
    await expect(attention).toContainText("Vertraagd");
    await expect(attention).toContainText("Zelf gemeld: Vertraagd");
    await expect(page.getByRole("heading", { name: "Zo wordt er geteld" })).toBeVisible();
    // The public version names nobody.
    await expect(page.locator("main")).not.toContainText(CONTACT);
    await noAxeViolations(page, javaScriptEnabled, "dashboard");

    // The timeline, filtered to theme 3 through the form.
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Tijdlijn" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tijdlijn van de mijlpalen");
    await page.getByLabel("Thema").selectOption("3");
    await page.getByRole("button", { name: "Filteren" }).click();
    await expect(page).toHaveURL(/\/timeline\?.*theme=3/);
    await expect(page.getByRole("heading", { name: "8 acties gevonden" })).toBeVisible();
    const chart = page.getByRole("img", { name: "Tijdlijn van de mijlpalen, per actie" });
    await expect(chart).toBeVisible();
    await expect(chart.locator("text", { hasText: `Vertraagd (${period})` })).toHaveCount(1);
    await noAxeViolations(page, javaScriptEnabled, "timeline");
    await page.getByRole("link", { name: "Toon als tabel" }).click();
    await expect(page).toHaveURL(/view=table/);
    const rows = page.getByRole("table", { name: "Mijlpalen per actie" }).getByRole("row", { name: /^26 / });
    await expect(rows.first()).toContainText("Vertraagd");
    await noAxeViolations(page, javaScriptEnabled, "timeline as a table");

    // The dependency graph, from the dashboard's links.
    await page.goto(`${P}/dashboard`);
    await page.getByRole("link", { name: "Afhankelijkheden tussen acties" }).click();
    await expect(page).toHaveURL(`${P}/dependencies`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Afhankelijkheden tussen acties");
    await expect(
      page.getByRole("img", { name: "Afhankelijkheden tussen de acties van Kennis & Werk #071" }),
    ).toBeVisible();
    await expect(page.getByRole("list", { name: "Dezelfde koppelingen in tekst" })).toContainText(
      "Actie 20 maakt de acties 21, 22, 23, 24, 25, 26 en 27 mogelijk.",
    );
    await expect(page.getByRole("list", { name: "Dezelfde koppelingen in tekst" })).toContainText(
      "Actie 10 is randvoorwaarde voor de acties 11 en 12.",
    );
    await noAxeViolations(page, javaScriptEnabled, "dependency graph");
  });
});
