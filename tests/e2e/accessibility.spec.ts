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
] as const;

// The pages whose layout changes on a phone: stacked action list, compact table headers, one-column form.
const NARROW = ["overview", "action list", "action list with errors", "action", "organisations"];

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
