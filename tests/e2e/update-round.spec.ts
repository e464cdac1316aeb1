import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";

// An update round from start to finish: the programme manager opens a round; the contact of an
// action gets the request by email (read here from the outbox: the e2e server has no SMTP), follows
// the personal link without an account and reports the action delayed ("vertraagd"); the action
// page then shows it. With JavaScript on and off.
//
// Both projects share one database, and the dashboard journey (dashboard-timeline.spec.ts) reports
// on the newest round's period: so both projects use the one round for 2014-H1 (whichever comes
// first opens it, the other finds it open), and each answers for its own action: 26 with
// JavaScript, 27 without.
const P = "/programmes/kennis-en-werk-071-2013-2015";
const PASSWORD = "password123456";
const PERIOD = "2014-H1";
const CONTACTS = [
  { action: 26, name: "Rosa Respons", email: "rosa.respons.e2e@example.org" },
  { action: 27, name: "Ruben Respons", email: "ruben.respons.e2e@example.org" },
];

function sqlite(): Database.Database {
  const file = process.env.REGIE_E2E_SQLITE;
  if (!file) throw new Error("REGIE_E2E_SQLITE is not set (playwright.config.ts sets it)");
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  return db;
}

/** The contacts of actions 26 and 27 (no accounts), as the contact pages would add them; once, whichever project comes first. */
function addContacts(): void {
  const db = sqlite();
  try {
    // IMMEDIATE: take the write lock first (waiting for it), rather than fail when a read has to become a write.
    db.transaction(() => {
      const now = new Date().toISOString();
      for (const c of CONTACTS) {
        if (db.prepare("SELECT id FROM contact WHERE email = ?").get(c.email)) continue;
        const action = db
          .prepare(
            "SELECT action.id FROM action JOIN programme ON programme.id = action.programme_id WHERE programme.slug = 'kennis-en-werk-071-2013-2015' AND action.number = ?",
          )
          .get(c.action) as { id: number };
        const contact = db
          .prepare(
            "INSERT INTO contact (name, email, organisation_id, user_id, created_at, updated_at, version) VALUES (?, ?, NULL, NULL, ?, ?, 1) RETURNING id",
          )
          .get(c.name, c.email, now, now) as { id: number };
        db.prepare("INSERT INTO action_contact (action_id, contact_id, created_at) VALUES (?, ?, ?)").run(
          action.id,
          contact.id,
          now,
        );
      }
    }).immediate();
  } finally {
    db.close();
  }
}

/** The path of the personal link in the request mail to this address (the job runner sends it right after the round opens). */
async function emailedLink(email: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const db = sqlite();
        try {
          const row = db
            .prepare(
              "SELECT body_text FROM mail_outbox WHERE recipient = ? AND purpose = 'round-request' ORDER BY id DESC LIMIT 1",
            )
            .get(email) as { body_text: string } | undefined;
          found = row
            ? /https?:\/\/[^\s/]+(\/respond\/[A-Za-z0-9_-]{43})/.exec(row.body_text)?.[1]
            : undefined;
          return found ?? "";
        } finally {
          db.close();
        }
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\/respond\//);
  return found!;
}

/** Creates an account through the CLI; tried again when another process holds the database file for a moment. */
function addUser(args: string[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("node", ["bin/regie.js", "user", "add", ...args], {
        input: `${PASSWORD}\n`,
        env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
        stdio: ["pipe", "pipe", "pipe"],
      });
      return;
    } catch (error) {
      if (
        attempt >= 5 ||
        !String((error as { stderr?: unknown }).stderr ?? error).includes("database is locked")
      )
        throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500 * attempt);
    }
  }
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
}

async function noAxeViolations(page: Page, javaScriptEnabled: boolean, what: string) {
  // axe runs its script in the page; without JavaScript the HTML is the same.
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

/** A calendar date some days from today, as a date field takes it. */
function daysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Hook for the dashboard and the timeline (another part of issue 4): after the round, they must
 * show the reported action as delayed for the round's period, without the contact's name. Their
 * own journey (dashboard-timeline.spec.ts) checks the pages in depth; this checks that an answer
 * given through a personal link reaches them.
 */
async function dashboardAndTimelineShowDelayed(page: Page, action: number, contactName: string) {
  await page.goto(`${P}/dashboard`);
  await expect(page.getByText(`Rapportageperiode:`, { exact: false }).first()).toBeVisible();
  const attention = page
    .getByRole("table", { name: "Aandacht nodig" })
    .getByRole("row", { name: new RegExp(`Actie ${action}\\b`) });
  await expect(attention).toContainText("Vertraagd");
  await expect(page.locator("main")).not.toContainText(contactName);
  await page.goto(`${P}/timeline?view=table`);
  await expect(
    page
      .getByRole("table", { name: "Mijlpalen per actie" })
      .getByRole("row", { name: new RegExp(`^${action} `) })
      .first(),
  ).toContainText("Vertraagd");
}

test.describe("an update round: opened by the programme manager, answered through the emailed link", () => {
  let manager = "";
  let contact = CONTACTS[0]!;

  test.beforeAll(({ browserName: _ }, testInfo) => {
    const js = testInfo.project.name !== "sqlite-no-js";
    contact = CONTACTS[js ? 0 : 1]!;
    manager = `pim-rounds-${testInfo.project.name}@example.org`;
    addContacts();
    addUser(["--email", manager, "--name", "Pim Rondes", "--role", "programme-manager"]);
  });

  test("the manager opens the round, the contact reports 'vertraagd' without an account, the action page shows it", async ({
    page,
    javaScriptEnabled,
  }) => {
    const narrative = `Vertraagd: de zaal is pas na de zomer vrij (${javaScriptEnabled ? "met" : "zonder"} JavaScript).`;
    const A = `${P}/actions/${contact.action}`;

    // The programme manager finds the rounds from the action page and opens one for the first half of 2014.
    await signIn(page, manager);
    await page.goto(A);
    // The action page's own link (the main navigation offers the rounds to the manager too).
    await page.locator("#inhoud").getByRole("link", { name: "Voortgangsrondes" }).click();
    await expect(page).toHaveURL(`${P}/rounds`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Voortgangsrondes");
    await noAxeViolations(page, javaScriptEnabled, "rounds");
    await page.getByLabel("Periode", { exact: true }).fill(PERIOD);
    await page.getByLabel("Uiterste datum", { exact: true }).fill(daysFromToday(14));
    await expect(page.getByLabel("Herinneringen, in dagen vóór (-) of na de uiterste datum")).toHaveValue(
      "-7, 0, 7",
    );
    await page.getByRole("button", { name: "Ronde openen" }).click();
    const alreadyOpen = page
      .getByText("Voor deze periode is al een ronde geopend. Er is niets veranderd.")
      .first();
    await expect(page.getByRole("status").or(alreadyOpen)).toBeVisible();
    if (await alreadyOpen.isVisible()) {
      // The other project (same database) opened it first: go to it from the list.
      await page.getByRole("link", { name: PERIOD, exact: true }).click();
    } else {
      await expect(page.getByRole("status")).toContainText(
        /De ronde is geopend: \d+ contactpersonen krijgen nu een e-mail\./,
      );
    }
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Voortgangsronde ${PERIOD}`);
    const row = page.getByRole("row", { name: new RegExp(contact.name) });
    await expect(row).toContainText(`${contact.action}.`);
    await noAxeViolations(page, javaScriptEnabled, "round");
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();

    // The contact follows the link from the mail; no account, no sign-in.
    const link = await emailedLink(contact.email);
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      `Voortgang van actie ${contact.action}`,
    );
    await expect(page.getByText("U hebt geen account nodig")).toBeVisible();
    await noAxeViolations(page, javaScriptEnabled, "personal link");

    // An out-of-range percentage is refused with a message; nothing is kept.
    await page.getByLabel("Vertraagd").check();
    await page.getByLabel("Percentage gereed (optioneel)").fill("101");
    await page.getByLabel("Toelichting", { exact: true }).fill(narrative);
    await page.getByRole("button", { name: "Voortgang opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Het percentage moet tussen 0 en 100 liggen.");
    await noAxeViolations(page, javaScriptEnabled, "personal link with errors");
    await expect(page.getByLabel("Toelichting", { exact: true })).toHaveValue(narrative);

    const answer = async () => {
      await page.getByLabel("Vertraagd").check();
      await page.getByLabel("Percentage gereed (optioneel)").fill("35");
      await page.getByLabel("Toelichting", { exact: true }).fill(narrative);
      await page.getByRole("button", { name: "Voortgang opslaan" }).click();
    };
    await answer();
    // The dashboard journey writes an update for action 26 in this period too; when it lands between
    // opening the form and saving it, Regie shows the stored answer and the contact saves again.
    const conflict = page
      .getByRole("alert")
      .filter({ hasText: "Iemand anders heeft de voortgang voor deze periode intussen opgeslagen." });
    await expect(page.getByRole("status").or(conflict)).toBeVisible();
    if (await conflict.isVisible()) await answer();
    await expect(page.getByRole("status")).toHaveText("Dank u wel. Het antwoord is opgeslagen.");
    await expect(page.getByRole("region", { name: "Het antwoord", exact: true })).toContainText(narrative);
    await noAxeViolations(page, javaScriptEnabled, "personal link after saving");

    // The action page shows it to everyone, without the contact's name.
    await page.goto(A);
    const progress = page.getByRole("region", { name: "Voortgang", exact: true });
    await expect(progress).toContainText("Vertraagd");
    await expect(progress).toContainText(narrative);
    await expect(page.locator("main")).not.toContainText(contact.name);
    await noAxeViolations(page, javaScriptEnabled, "action page with progress");

    // Dashboard and timeline: see the hook above (the JavaScript project answers for action 26).
    if (contact.action === 26) await dashboardAndTimelineShowDelayed(page, 26, contact.name);
  });
});
