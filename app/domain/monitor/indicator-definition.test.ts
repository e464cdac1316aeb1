import { describe, expect, it } from "vitest";
import { readEnv } from "../../lib/env.server";
import { indicatorSourceSchema } from "./indicator-definition";

describe("addresses that end up as links", () => {
  it("accepts only http(s) addresses as an indicator's source", () => {
    const source = (url: string | null) => indicatorSourceSchema.safeParse({ type: "other", name: "Gemeente Leiden", url }).success;
    expect(source("https://www.leiden.nl/monitor")).toBe(true);
    expect(source("http://example.org/cijfers.csv")).toBe(true);
    expect(source(null)).toBe(true);
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x", "vbscript:msgbox(1)"])
      expect(source(bad), bad).toBe(false);
  });

  it("accepts only an http(s) PUBLIC_URL", () => {
    expect(readEnv({ PUBLIC_URL: "https://regie.example.org" }).PUBLIC_URL).toBe("https://regie.example.org");
    expect(() => readEnv({ PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
  });
});
