import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import {
  OUTPUT,
  ROOT,
  shippedStylesheets,
  themeDeclarations,
  themeTokensCss,
  varsUsed,
} from "./theme-tokens";

/** Custom properties a stylesheet declares itself (Regie's own, such as --regie-…). */
function declared(css: string): Set<string> {
  return new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!));
}

describe("the theme tokens Regie ships", () => {
  it("are what scripts/theme-tokens.ts makes of today's stylesheets (run it after changing a stylesheet)", () => {
    expect(readFileSync(OUTPUT, "utf8")).toBe(themeTokensCss());
  });

  it("define every custom property the stylesheets read that the full theme defines, with the theme's value", () => {
    const theme = themeDeclarations();
    const shipped = readFileSync(OUTPUT, "utf8");
    const kept = new Map(
      [...shipped.matchAll(/(--[\w-]+)\s*:\s*([^;]*);/g)].map((m) => [m[1]!, m[2]!.trim()]),
    );
    const sheets = shippedStylesheets();
    expect(sheets.length).toBeGreaterThan(5);
    for (const { path, css } of sheets) {
      for (const name of varsUsed(css)) {
        if (theme.has(name)) expect(kept.get(name), `${name} (read in ${path})`).toBe(theme.get(name));
      }
    }
    for (const [name, value] of kept) {
      expect(value).toBe(theme.get(name));
      for (const next of varsUsed(value))
        if (theme.has(next)) expect(kept.has(next), `${next} (read by ${name})`).toBe(true);
    }
  });

  it("leave no var() in Regie's own stylesheets undefined", () => {
    const sheets = shippedStylesheets();
    const defined = new Set([
      ...declared(readFileSync(OUTPUT, "utf8")),
      ...sheets.flatMap(({ css }) => [...declared(css)]),
    ]);
    for (const { path, css } of sheets.filter(({ path }) => path.startsWith(join(ROOT, "app")))) {
      for (const name of varsUsed(css)) expect(defined.has(name), `${name} in ${path}`).toBe(true);
    }
  });
});
