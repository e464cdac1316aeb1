import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";

// The programme manager's working day: signed in, the work area lists the plan of approach waiting
// for approval and the open update round with the one action that has not answered; from the
// contacts page of action 17 the manager adds a person and invites them in the same step; the
// invitation (read here from the outbox: this server has no SMTP) leads to the first sign-in, which
// lands on "my actions". In Dutch and English, with JavaScript on and off, axe-clean.
const P = "/programmes/kennis-en-werk-071-2013-2015";
const EMAIL = "pim.werk@example.org";
const PASSWORD = "een lang wachtwoord 2026";

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

function open(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  return db;
}

/** Today and the current half year, as the server (Europe/Amsterdam) sees them. */
function today(): { date: string; half: string; due: string } {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
  const [year, month] = date.split("-").map(Number) as [number, number];
  const due = new Date(`${date}T12:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 10);
  return { date, half: `${year}-H${month <= 6 ? 1 : 2}`, due: due.toISOString().slice(0, 10) };
}

let databaseFile = "";

test.beforeAll(({ browserName: _ }, testInfo) => {
  const file: unknown = testInfo.project.metadata.databaseFile;
  // Only the work-area projects name their database; anywhere else the CLI would make a new file.
  if (typeof file !== "string") throw new Error(`project ${testInfo.project.name} names no database for this journey`);
  databaseFile = file;
  execFileSync("node", ["bin/regie.js", "user", "add", "--email", EMAIL, "--name", "Pim Programmamanager", "--role", "programme-manager"], {
    input: `${PASSWORD}\n`,
    env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // The contacts of actions 26 and 27 (without accounts), and a plan of approach for 26 that its
  // lead submitted: what the contacts and plan pages would have written.
  const db = open(file);
  try {
    db.transaction(() => {
      const now = new Date().toISOString();
      const actionId = (n: number) =>
        (db.prepare("SELECT action.id FROM action JOIN programme ON programme.id = action.programme_id WHERE programme.slug = 'kennis-en-werk-071-2013-2015' AND action.number = ?").get(n) as { id: number }).id;
      for (const [n, name, email] of [
        [26, "Rosa Werktop", "rosa.werktop@example.org"],
        [27, "Ruben Stroomlijn", "ruben.stroomlijn@example.org"],
      ] as const) {
        const contact = db
          .prepare("INSERT INTO contact (name, email, organisation_id, user_id, created_at, updated_at, version) VALUES (?, ?, NULL, NULL, ?, ?, 1) RETURNING id")
          .get(name, email, now, now) as { id: number };
        db.prepare("INSERT INTO action_contact (action_id, contact_id, created_at) VALUES (?, ?, ?)").run(actionId(n), contact.id, now);
      }
      db.prepare(
        "INSERT INTO plan_of_approach (action_id, version_no, status, aim, approach, deliverables, milestones, budget, capacity, risks, author_user_id, submitted_at, decided_at, decided_by_user_id, decision_note, created_at, updated_at, version) VALUES (?, 1, 'submitted', 'Doel', 'Aanpak', 'Resultaat', 'Q1', 'n.v.t.', '0,2 fte', 'Geen', NULL, ?, NULL, NULL, NULL, ?, ?, 2)",
      ).run(actionId(26), now, now, now);
    }).immediate();
  } finally {
    db.close();
  }
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
}

test("the programme manager's work area lists the submitted plan and the round's one missing answer; an invited contact lands on their actions", async ({ page, javaScriptEnabled }) => {
  test.setTimeout(180_000);
  const check = async (what: string) => {
    if (javaScriptEnabled) expect(await violations(page), what).toEqual([]);
  };
  const when = today();

  // Signing in without a destination lands on the work area.
  await signIn(page, EMAIL, PASSWORD);
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn werk");

  // The manager opens a round through the navigation; Rosa (action 26) answers, Ruben (27) does not.
  await page.goto(P);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Voortgangsrondes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Voortgangsrondes");
  await page.getByLabel("Periode").fill(when.half);
  await page.getByLabel("Uiterste datum", { exact: true }).fill(when.due);
  await page.getByRole("button", { name: "Ronde openen" }).click();
  await expect(page.getByText(/De ronde is geopend/)).toBeVisible();
  const db = open(databaseFile);
  try {
    db.prepare(
      "UPDATE round_request SET answered_at = ? WHERE action_id = (SELECT action.id FROM action WHERE action.number = 26 AND action.programme_id = (SELECT id FROM programme WHERE slug = 'kennis-en-werk-071-2013-2015'))",
    ).run(new Date().toISOString());
  } finally {
    db.close();
  }

  await page.getByRole("link", { name: "Mijn werk" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn werk");
  const plans = page.getByRole("region", { name: /Plannen van aanpak die wachten op goedkeuring/ });
  await expect(plans.getByRole("link", { name: "Actie 26: Leidse regio Werk-top" })).toBeVisible();
  const rounds = page.getByRole("region", { name: /Open updaterondes/ });
  await expect(rounds.getByText("1 actie zonder antwoord:")).toBeVisible();
  await expect(rounds.getByText("Actie 27: Ruben Stroomlijn")).toBeVisible();
  await expect(rounds.getByText("Rosa Werktop")).toHaveCount(0);
  await check("work area");

  await page.goto("/work?lang=en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My work");
  await expect(page.getByRole("region", { name: /Open update rounds/ }).getByText("1 action without an answer:")).toBeVisible();
  await check("work area in English");

  // Adding a contact to action 17 and inviting them in the same step.
  await page.goto(`${P}/actions/17/contacts?lang=nl`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Contactpersonen");
  await page.getByLabel("Naam").fill("Ina Uitgenodigd");
  await page.getByLabel("E-mailadres").fill("ina.uitgenodigd@example.org");
  await page.getByLabel("Uitnodigen voor een account").selectOption("action-contact");
  await page.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("Er is een uitnodiging voor een account gestuurd");
  await check("contacts page after the invitation");

  let link = "";
  await expect
    .poll(() => {
      const outbox = open(databaseFile);
      try {
        const row = outbox.prepare("SELECT body_text FROM mail_outbox WHERE recipient = ? AND purpose = 'invite' ORDER BY id DESC LIMIT 1").get("ina.uitgenodigd@example.org") as
          | { body_text: string }
          | undefined;
        expect(row?.body_text ?? "").toContain("Uw rol: Contactpersoon actie.");
        expect(row?.body_text ?? "").toContain("- actie 17: Haalbaarheidsstudie bedrijfshuisvesting");
        link = /\/invite\/[A-Za-z0-9_-]+/.exec(row?.body_text ?? "")?.[0] ?? "";
        return link;
      } finally {
        outbox.close();
      }
    })
    .toMatch(/^\/invite\//);

  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();

  // The invited person chooses a password and starts on their actions.
  await page.goto(link);
  await check("invitation");
  await page.getByLabel("Wachtwoord", { exact: true }).fill("nog een lang wachtwoord");
  await page.getByLabel("Herhaal het wachtwoord").fill("nog een lang wachtwoord");
  await page.getByRole("button", { name: "Account activeren" }).click();
  await expect(page).toHaveURL(/\/work\?welcome=1$/);
  await expect(page.getByRole("status")).toContainText("Welkom. Uw account is klaar");
  const mine = page.getByRole("region", { name: "Mijn acties" });
  await expect(mine.getByRole("link", { name: "Actie 17: Haalbaarheidsstudie bedrijfshuisvesting" })).toBeVisible();
  await expect(mine.getByText("Plan van aanpak schrijven")).toBeVisible();
  await check("my actions");

  // A page this person may not see says so in words.
  const refused = await page.goto(`${P}/rounds`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByText("U heeft geen toegang tot deze pagina.")).toBeVisible();
});
