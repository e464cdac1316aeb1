import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = [
  ["overview", "/"],
  ["programme", "/programmes/kennis-en-werk-071-2013-2015"],
  ["programmes", "/programmes"],
  ["theme", "/programmes/kennis-en-werk-071-2013-2015/themes/3"],
  ["action list", "/programmes/kennis-en-werk-071-2013-2015/actions"],
  ["action list with errors", "/programmes/kennis-en-werk-071-2013-2015/actions?year=x&category=9"],
  ["action list searched", "/programmes/kennis-en-werk-071-2013-2015/actions?q=onderwijs&category=2"],
  ["action", "/programmes/kennis-en-werk-071-2013-2015/actions/10"],
  ["action in the organisation chapter", "/programmes/kennis-en-werk-071-2013-2015/actions/61"],
  ["organisations", "/organisations"],
  ["organisation", "/organisations/gemeente-leiden"],
  ["not found", "/does-not-exist"],
  ["overview in English", "/?lang=en"],
] as const;

// axe runs its script in the page, so the scan runs where JavaScript is on; the HTML is the same without it.
test.describe("every page template passes axe (WCAG 2.1 A and AA)", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs script in the page");
  for (const [name, path] of PAGES) {
    test(name, async ({ page }) => {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary).toEqual([]);
    });
  }
});
