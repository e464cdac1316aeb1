import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const P = "/programmes/kennis-en-werk-071-2013-2015";
const PAGES = [
  ["overview", "/"],
  ["programme", P],
  ["programmes", "/programmes"],
  ["theme", `${P}/themes/3`],
  ["action list", `${P}/actions`],
  ["action list with errors", `${P}/actions?year=x&category=9`],
  ["action list searched", `${P}/actions?q=onderwijs&category=2`],
  ["action list filtered by lead and year", `${P}/actions?lead=gemeente-leiden&year=2014`],
  ["action", `${P}/actions/10`],
  ["action in the organisation chapter", `${P}/actions/61`],
  ["organisations", "/organisations"],
  ["organisation", "/organisations/gemeente-leiden"],
  ["not found", "/does-not-exist"],
  ["unknown organisation", "/organisations/bestaat-niet"],
  ["overview in English", "/?lang=en"],
  ["theme in English", `${P}/themes/3?lang=en`],
  ["action in English", `${P}/actions/11?lang=en`],
  ["organisation in English", "/organisations/gemeente-leiden?lang=en"],
  ["privacy statement", "/privacy"],
  ["privacy statement in English", "/privacy?lang=en"],
  ["accessibility statement", "/accessibility"],
  ["accessibility statement in English", "/accessibility?lang=en"],
  ["decisions", `${P}/decisions`],
  ["decisions in English", `${P}/decisions?lang=en`],
  ["meetings", `${P}/meetings`],
  ["meeting", `${P}/meetings/1`],
  ["overview as of a date", "/?asOf=2014-01-01"],
  ["action list as of a date", `${P}/actions?asOf=2013-07-18&category=1`],
  ["action as of a date", `${P}/actions/5?asOf=2013-09-01`],
  ["overview with an impossible date", "/?asOf=2014-02-30"],
  ["progress dashboard", `${P}/dashboard`],
  ["progress dashboard in English", `${P}/dashboard?lang=en`],
  ["timeline", `${P}/timeline`],
  ["timeline as a table", `${P}/timeline?view=table&theme=3`],
  ["timeline with errors", `${P}/timeline?year=x&category=9`],
  ["dependency graph", `${P}/dependencies`],
  ["dependency graph in English", `${P}/dependencies?lang=en`],
  ["action with dependencies", `${P}/actions/20`],
] as const;

// The pages whose layout changes on a phone: stacked action list, compact table headers, one-column form.
const NARROW = ["overview", "action list", "action list with errors", "action", "organisations", "decisions", "meeting", "overview as of a date", "progress dashboard", "timeline", "timeline as a table", "dependency graph", "action with dependencies"];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

// axe runs its script in the page, so the scan runs where JavaScript is on; the HTML is the same without it.
test.describe("every page template passes axe (WCAG 2.1 A and AA)", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  for (const [name, path] of PAGES) {
    test(name, async ({ page }) => {
      await page.goto(path);
      expect(await violations(page)).toEqual([]);
    });
  }
});

test.describe("on a 390 px wide screen", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  test.use({ viewport: { width: 390, height: 844 } });
  for (const [name, path] of PAGES.filter(([n]) => NARROW.includes(n))) {
    test(`${name} passes axe and does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      expect(await violations(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

// Plans of approach, signed in: every state of the plan pages a programme manager meets.
test.describe("plan of approach pages pass axe, signed in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const A = `${P}/actions/30`;
  const email = "axe-plan-pm@example.org";

  test.beforeAll(async ({ browserName: _ }, testInfo) => {
    // beforeAll runs even where the tests are skipped; the account is made once, for the project with script.
    if (testInfo.project.use.javaScriptEnabled === false) return;
    const { execFileSync } = await import("node:child_process");
    execFileSync("node", ["bin/regie.js", "user", "add", "--email", email, "--name", "Axe Programmamanager", "--role", "programme-manager"], {
      input: "password123456\n",
      env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
  });

  test("plan, edit form (empty, with errors), draft, submitted with the decision form, version page", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill("password123456");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

    await page.goto(`${A}/plan`);
    expect(await violations(page), "plan, none yet").toEqual([]);
    await page.goto(`${A}/plan/edit`);
    expect(await violations(page), "edit form").toEqual([]);
    await page.getByLabel("Doel").fill("x".repeat(2001));
    await page.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await violations(page), "edit form with errors").toEqual([]);
    for (const [label, value] of [
      ["Doel", "Doel"],
      ["Aanpak", "Aanpak"],
      ["Op te leveren resultaten", "Resultaat"],
      ["Mijlpalen", "Q1 2014"],
      ["Gevraagd budget", "n.v.t."],
      ["Gevraagde capaciteit", "0,1 fte"],
      ["Risico's", "Geen"],
    ]) {
      await page.getByLabel(label!).fill(value!);
    }
    await page.getByRole("button", { name: "Concept opslaan" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    expect(await violations(page), "draft").toEqual([]);
    await page.getByRole("button", { name: "Indienen ter goedkeuring" }).click();
    await expect(page.getByRole("button", { name: "Goedkeuren" })).toBeVisible();
    expect(await violations(page), "submitted, with the decision form").toEqual([]);
    await page.getByRole("button", { name: "Terugsturen" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await violations(page), "decision refused without a note").toEqual([]);
    await page.goto(`${A}/plan/versions/1`);
    expect(await violations(page), "version page").toEqual([]);
    await page.goto(`${A}/plan/edit`);
    expect(await violations(page), "edit while submitted").toEqual([]);
    await page.goto(`${A}/plan?lang=en`);
    expect(await violations(page), "plan in English").toEqual([]);
    await page.goto(`${P}/actions?plan=approved&lang=nl`);
    expect(await violations(page), "action list filtered by plan").toEqual([]);
  });
});

// Administration and contacts, signed in: every page an administrator and a programme manager meet.
test.describe("administration and contact pages pass axe, signed in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const email = "axe-admin@example.org";
  const password = "axe administrator password";

  test.beforeAll(async ({ browserName: _ }, testInfo) => {
    if (testInfo.project.use.javaScriptEnabled === false) return;
    const { execFileSync } = await import("node:child_process");
    // Both tests' workers run this; whichever comes second finds the account there.
    try {
      execFileSync("node", ["bin/regie.js", "user", "add", "--email", email, "--name", "Axe Beheerder", "--role", "admin"], {
        input: `${password}\n`,
        env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
        stdio: ["pipe", "pipe", "pipe"],
      });
    } catch (error) {
      if (!String((error as { stderr?: Buffer }).stderr ?? "").includes("Er is al een account")) throw error;
    }
  });

  const signIn = async (page: Page) => {
    await page.goto("/sign-in?lang=nl");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
  };

  test("overview, users (with errors), an account, outbox, message, history", async ({ page }) => {
    await signIn(page);
    await page.goto("/admin");
    expect(await violations(page), "administration").toEqual([]);
    await page.goto("/admin/users");
    expect(await violations(page), "users").toEqual([]);
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await violations(page), "users with errors").toEqual([]);
    await page.getByLabel("Naam").fill("Axe Genodigde");
    await page.getByLabel("E-mailadres").fill(`axe-invitee-${Date.now()}@example.org`);
    await page.getByLabel("Rol").selectOption({ label: "Stuurgroeplid" });
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect(page.getByRole("status")).toContainText("De uitnodiging is aangemaakt.");
    expect(await violations(page), "an account, invited").toEqual([]);
    await page.getByLabel("Actienummers").fill("abc");
    await page.getByRole("button", { name: "Contactacties opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Geef actienummers op");
    expect(await violations(page), "an account, with an error").toEqual([]);
    await page.goto("/admin/outbox");
    expect(await violations(page), "outbox").toEqual([]);
    await page.getByRole("row").nth(1).getByRole("link").click();
    await expect(page.locator("pre")).toContainText("/invite/");
    expect(await violations(page), "outbox message").toEqual([]);
    await page.goto("/admin/history");
    await page.locator("details summary").first().click();
    expect(await violations(page), "history, a change opened").toEqual([]);
    await page.goto("/admin/history?type=user&lang=en");
    expect(await violations(page), "history filtered, in English").toEqual([]);

  });

  test("contacts of an action, the action page with them, import (with errors), account", async ({ page }) => {
    await signIn(page);
    await page.goto(`${P}/actions/17/contacts?lang=nl`);
    await page.getByLabel("Naam").fill("Axe Contact");
    await page.getByLabel("E-mailadres").fill("axe-contact@example.org");
    await page.getByRole("button", { name: "Toevoegen" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    expect(await violations(page), "contacts of an action").toEqual([]);
    await page.goto(`${P}/actions/17`);
    expect(await violations(page), "action with its contacts").toEqual([]);
    await page.goto(`${P}/contacts/import`);
    expect(await violations(page), "contacts import").toEqual([]);
    await page.getByLabel("CSV-bestand").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from("action;name;email;organisation\n999;;nope;\n") });
    await page.getByRole("button", { name: "Inlezen" }).click();
    await expect(page.getByRole("alert")).toContainText("Regel 2");
    expect(await violations(page), "contacts import refused").toEqual([]);
    await page.goto("/account");
    expect(await violations(page), "account").toEqual([]);
  });
});

// The steering group's forms, signed in as a programme manager. Nothing is recorded here (the
// decision journey, on its own server, does that): the forms are checked empty and with errors.
test.describe("decision and meeting forms pass axe, signed in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const email = "axe-decisions-pm@example.org";
  const password = "axe programme manager password";

  test.beforeAll(async ({ browserName: _ }, testInfo) => {
    if (testInfo.project.use.javaScriptEnabled === false) return;
    const { execFileSync } = await import("node:child_process");
    execFileSync("node", ["bin/regie.js", "user", "add", "--email", email, "--name", "Axe Besluitvormer", "--role", "programme-manager"], {
      input: `${password}\n`,
      env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
  });

  test("decision form (empty, with errors), meeting form (empty, with errors), in Dutch and English", async ({ page }) => {
    // The decision form has a row per action (62): its scans take a while.
    test.setTimeout(120_000);
    await page.goto("/sign-in");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

    await page.goto(`${P}/decisions/new`);
    expect(await violations(page), "decision form").toEqual([]);
    await page.getByLabel("Datum van het besluit").fill("");
    await page.getByLabel("Soort besluit").selectOption({ label: "Algemeen besluit" });
    await page.getByLabel("Nieuwe categorie voor actie 5", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await expect(page.getByRole("alert")).toContainText("Vul een titel in.");
    expect(await violations(page), "decision form with errors").toEqual([]);
    await page.goto(`${P}/meetings/new`);
    expect(await violations(page), "meeting form").toEqual([]);
    await page.getByLabel("Datum van de vergadering").fill("");
    await page.getByRole("button", { name: "Vergadering vastleggen" }).click();
    await expect(page.getByRole("alert")).toContainText("Geef een bestaande datum op");
    expect(await violations(page), "meeting form with errors").toEqual([]);
    await page.goto(`${P}/decisions/new?lang=en`);
    expect(await violations(page), "decision form in English").toEqual([]);
    await page.goto(`${P}/decisions?lang=nl`);
    expect(await violations(page), "decision register with the record button").toEqual([]);
  });
});

// Correcting and withdrawing decisions, correcting a meeting, signed in as a programme manager (an
// account of its own: tests run in parallel). Nothing is saved: the forms are checked as filled in
// from the record, with errors, and the withdrawal's confirmation.
test.describe("decision and meeting corrections pass axe, signed in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const email = "axe-corrections-pm@example.org";
  const password = "axe corrections manager password";

  test.beforeAll(async ({ browserName: _ }, testInfo) => {
    if (testInfo.project.use.javaScriptEnabled === false) return;
    const { execFileSync } = await import("node:child_process");
    execFileSync("node", ["bin/regie.js", "user", "add", "--email", email, "--name", "Axe Corrector", "--role", "programme-manager"], {
      input: `${password}\n`,
      env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
  });

  test("decision page with its history, correction and withdrawal forms, meeting correction; with errors; in English", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/sign-in?lang=nl");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

    // Decision 1 is the document's decision of 18 July 2013; nothing is saved here.
    await page.goto(`${P}/decisions/1`);
    await expect(page.getByRole("heading", { level: 2, name: "Geschiedenis van dit besluit" })).toBeVisible();
    expect(await violations(page), "decision page").toEqual([]);
    await page.goto(`${P}/decisions/1/edit`);
    expect(await violations(page), "decision correction form").toEqual([]);
    await page.getByLabel("Titel", { exact: true }).fill("");
    await page.getByLabel("Datum van het besluit").fill("");
    await page.getByRole("button", { name: "Correctie opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Vul een titel in.");
    expect(await violations(page), "decision correction form with errors").toEqual([]);
    await page.goto(`${P}/decisions/1/withdraw`);
    expect(await violations(page), "withdrawal confirmation").toEqual([]);
    await page.getByRole("button", { name: "Besluit intrekken" }).click();
    await expect(page.getByRole("alert")).toContainText("Vink aan dat u dit besluit wilt intrekken.");
    expect(await violations(page), "withdrawal confirmation with an error").toEqual([]);
    await page.goto(`${P}/meetings/1/edit`);
    expect(await violations(page), "meeting correction form").toEqual([]);
    await page.getByLabel("Datum van de vergadering").fill("");
    await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Geef een bestaande datum op");
    expect(await violations(page), "meeting correction form with errors").toEqual([]);
    await page.goto(`${P}/meetings/1`);
    expect(await violations(page), "meeting page with its history").toEqual([]);
    await page.goto(`${P}/decisions/1/edit?lang=en`);
    expect(await violations(page), "decision correction form in English").toEqual([]);
    await page.goto(`${P}/decisions/1?lang=en`);
    expect(await violations(page), "decision page in English").toEqual([]);
    await page.goto(`${P}/decisions?lang=nl`);
  });
});

// Editing the register, signed in as a programme manager. Nothing is saved here (the editing journey,
// on its own server, does that): the forms are checked empty, with errors, and the merge confirmation.
test.describe("editing pages pass axe, signed in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const email = "axe-editing-pm@example.org";
  const password = "axe editing manager password";

  test.beforeAll(async ({ browserName: _ }, testInfo) => {
    if (testInfo.project.use.javaScriptEnabled === false) return;
    const { execFileSync } = await import("node:child_process");
    execFileSync("node", ["bin/regie.js", "user", "add", "--email", email, "--name", "Axe Redacteur", "--role", "programme-manager"], {
      input: `${password}\n`,
      env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
  });

  test("programme, theme, new action, new organisation, organisation edit and merge; with errors; in English", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/sign-in?lang=nl");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

    await page.goto(`${P}/edit`);
    expect(await violations(page), "programme form").toEqual([]);
    await page.getByLabel("Eerste jaar").fill("twintig");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Geef een jaartal op");
    expect(await violations(page), "programme form with errors").toEqual([]);
    await page.goto(`${P}/themes/3/edit`);
    expect(await violations(page), "theme form").toEqual([]);
    await page.getByLabel("Titel").fill("");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Dit veld is verplicht.");
    expect(await violations(page), "theme form with errors").toEqual([]);
    await page.goto(`${P}/actions/new`);
    expect(await violations(page), "new action form").toEqual([]);
    await page.getByLabel("Nummer").fill("17");
    await page.getByRole("button", { name: "Actie aanmaken" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await violations(page), "new action form with errors").toEqual([]);
    await page.goto("/organisations/new");
    expect(await violations(page), "new organisation form").toEqual([]);
    await page.getByLabel("Naam").fill("Gemeente Leiden");
    await page.getByRole("button", { name: "Organisatie aanmaken" }).click();
    await expect(page.getByRole("alert")).toContainText("Deze naam hoort al bij Gemeente Leiden.");
    expect(await violations(page), "new organisation form with errors").toEqual([]);
    await page.goto("/organisations/lab071/edit");
    expect(await violations(page), "organisation form").toEqual([]);
    await page.goto("/organisations/lab071/merge");
    expect(await violations(page), "merge: choose").toEqual([]);
    await page.getByLabel("Samenvoegen met").selectOption({ label: "Gemeente Leiden (Gemeente)" });
    await page.getByRole("button", { name: "Verder" }).click();
    await expect(page.getByRole("heading", { name: "Controleer wat er verhuist" })).toBeVisible();
    expect(await violations(page), "merge: confirm").toEqual([]);
    await page.goto("/organisations/lab071/merge?into=lab071");
    expect(await violations(page), "merge: refused").toEqual([]);
    await page.goto("/organisations/gemeente-leiden");
    expect(await violations(page), "organisation with its tools and history").toEqual([]);
    await page.goto(`${P}/themes/3/edit?lang=en`);
    expect(await violations(page), "theme form in English").toEqual([]);
    await page.goto("/organisations/lab071/merge?lang=en");
    expect(await violations(page), "merge in English").toEqual([]);
  });
});

// Milestones, progress updates and update rounds, signed in as programme manager. No round is
// opened here (the round page and the personal link are checked in update-round.spec.ts), so that
// the dashboard's reporting period stays what the journeys expect.
test.describe("milestone, progress and round pages pass axe, signed in", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  const email = "axe-progress-pm@example.org";
  const password = "axe progress manager password";

  test.beforeAll(async ({ browserName: _ }, testInfo) => {
    if (testInfo.project.use.javaScriptEnabled === false) return;
    const { execFileSync } = await import("node:child_process");
    execFileSync("node", ["bin/regie.js", "user", "add", "--email", email, "--name", "Axe Voortgang", "--role", "programme-manager"], {
      input: `${password}\n`,
      env: { ...process.env, DATABASE_URL: `sqlite:${process.env.REGIE_E2E_SQLITE}`, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "pipe"],
    });
  });

  test("milestones (list, edit, with errors), the update form (with errors), the rounds page (with errors), in English", async ({ page }) => {
    await page.goto("/sign-in?lang=nl");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

    await page.goto(`${P}/actions/6/milestones`);
    expect(await violations(page), "milestones with unread parts").toEqual([]);
    await page.getByRole("link", { name: /^Wijzigen mijlpaal/ }).first().click();
    await expect(page.getByRole("heading", { name: "Mijlpaal wijzigen" })).toBeVisible();
    expect(await violations(page), "milestone edit form").toEqual([]);
    await page.getByLabel("Gepland").fill("binnenkort");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Deze datum kan Regie niet lezen.");
    expect(await violations(page), "milestone edit form with errors").toEqual([]);

    await page.goto(`${P}/actions/40/progress/new`);
    expect(await violations(page), "update form").toEqual([]);
    await page.getByLabel("Percentage gereed (optioneel)").fill("x");
    await page.getByRole("button", { name: "Voortgang opslaan" }).click();
    await expect(page.getByRole("alert")).toContainText("Kies de stand van zaken.");
    expect(await violations(page), "update form with errors").toEqual([]);

    await page.goto(`${P}/rounds`);
    expect(await violations(page), "rounds").toEqual([]);
    await page.getByLabel("Periode").fill("2014-H3");
    await page.getByRole("button", { name: "Ronde openen" }).click();
    await expect(page.getByRole("alert")).toContainText("Schrijf de periode als jaar en halfjaar of kwartaal");
    expect(await violations(page), "rounds with errors").toEqual([]);
    await page.goto(`${P}/rounds?lang=en`);
    expect(await violations(page), "rounds in English").toEqual([]);
    await page.goto(`${P}/actions/6/milestones?lang=en`);
    expect(await violations(page), "milestones in English").toEqual([]);
    await page.goto(`${P}/actions/6?lang=nl`);
    expect(await violations(page), "action page with milestones and management links").toEqual([]);
  });
});
