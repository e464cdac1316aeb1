import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";

// The programme manager edits action 17 ("Haalbaarheidsstudie bedrijfshuisvesting", lead unknown) and
// makes Gemeente Leiden its lead; the public action page shows the new lead and the action's history
// shows the change. With JavaScript on and off, each on a server and database of its own
// (see playwright.config.ts).
const P = "/programmes/kennis-en-werk-071-2013-2015";
const EMAIL = "eva.editor@example.org";
const PASSWORD = "een lang wachtwoord voor Eva";

test.beforeAll(({ browserName: _ }, testInfo) => {
  // An administrator adds the programme manager with the CLI, on this project's own database.
  execFileSync(
    "node",
    ["bin/regie.js", "user", "add", "--email", EMAIL, "--name", "Eva Editor", "--role", "programme-manager"],
    {
      input: `${PASSWORD}\n`,
      env: {
        ...process.env,
        DATABASE_URL: String(testInfo.project.metadata.databaseUrl),
        LOG_LEVEL: "silent",
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
});

// React calls this hook after every commit when it is present; counting commits shows that a page
// was hydrated, not merely that its scripts arrived.
function countReactCommits() {
  const counter = { commits: 0 };
  Object.assign(window, {
    regieReact: counter,
    __REACT_DEVTOOLS_GLOBAL_HOOK__: {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberRoot: () => {
        counter.commits++;
      },
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
    },
  });
}

test("the programme manager makes Gemeente Leiden the lead of action 17; the public page and the history show it", async ({
  page,
  browser,
  javaScriptEnabled,
}) => {
  const scriptErrors: string[] = [];
  page.on("pageerror", (error) => scriptErrors.push(error.message));
  page.on("console", (message) => {
    // The refused form answers 400 on purpose; the browser logs that as a failed resource, not a script error.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) scriptErrors.push(message.text());
  });
  await page.addInitScript(countReactCommits);
  const facts = page.getByRole("complementary");
  // Before: the document says the lead is not known yet.
  await page.goto(`${P}/actions/17`);
  await expect(facts).toContainText("Trekker onbekend");
  await expect(page.getByRole("link", { name: "Bewerken" })).toHaveCount(0);
  // A visitor's public page comes without client scripts (decision 0016).
  await expect(page.locator("script")).toHaveCount(0);
  await expect(page.locator('link[rel="modulepreload"]')).toHaveCount(0);

  await page.goto("/sign-in");
  await page.getByLabel("E-mailadres").fill(EMAIL);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();

  await page.goto(`${P}/actions/17`);
  // Signed in, the same page is hydrated, and its links navigate without loading a new document.
  await expect(page.locator('script[type="module"]').first()).toBeAttached();
  if (javaScriptEnabled) {
    await page.waitForFunction(() => (window as unknown as { regieReact: { commits: number } }).regieReact.commits > 0);
    await page.evaluate(() => Object.assign(window, { regieSameDocument: true }));
  }
  await page.getByRole("link", { name: "Bewerken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Actie 17 bewerken");
  if (javaScriptEnabled) expect(await page.evaluate(() => "regieSameDocument" in window)).toBe(true);

  // A lead while "lead unknown" is still ticked is refused, with the input kept.
  await page.getByLabel("Trekkers").fill("Gemeente Leiden");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Een actie met trekkers kan niet ook „trekker onbekend” zijn.",
  );
  await expect(page.getByLabel("Trekkers")).toHaveValue("Gemeente Leiden");

  await page.getByLabel("Trekker nog onbekend").uncheck();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`${P}/actions/17\\?saved=2$`));
  await expect(page.getByRole("status")).toHaveText("Opgeslagen (versie 2).");

  // The action's history, for the signed-in programme manager: who changed the leads, from nothing to Leiden.
  const history = page.getByRole("region", { name: "Geschiedenis" });
  await expect(history.getByRole("listitem").first()).toContainText("gewijzigd · Eva Editor");
  await expect(history.getByRole("listitem").first()).toContainText("leads");
  await expect(history.getByRole("listitem").first()).toContainText("gemeente-leiden");
  await expect(history.getByRole("listitem").first()).toContainText("leadUnknown");

  // The public page (no session) shows the new lead, and no history or edit link.
  const { baseURL } = test.info().project.use;
  const anonymous = await browser.newContext({ baseURL, javaScriptEnabled, locale: "nl-NL" });
  const visitor = await anonymous.newPage();
  await visitor.goto(`${P}/actions/17`);
  const publicFacts = visitor.getByRole("complementary");
  await expect(publicFacts.getByRole("link", { name: "Gemeente Leiden" })).toBeVisible();
  await expect(publicFacts).not.toContainText("Trekker onbekend");
  await expect(visitor.getByRole("region", { name: "Geschiedenis" })).toHaveCount(0);
  await expect(visitor.getByRole("link", { name: "Bewerken" })).toHaveCount(0);
  // Leiden's own page lists action 17 among the actions it leads.
  await publicFacts.getByRole("link", { name: "Gemeente Leiden" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Gemeente Leiden");
  await expect(visitor.getByRole("region", { name: /Trekker van/ })).toContainText(
    "Haalbaarheidsstudie bedrijfshuisvesting",
  );
  await anonymous.close();
  expect(scriptErrors).toEqual([]);
});
