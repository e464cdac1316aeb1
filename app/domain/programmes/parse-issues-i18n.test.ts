import { describe, expect, it } from "vitest";
import { en } from "../../lib/i18n/en";
import { nl } from "../../lib/i18n/nl";
import { PARSE_ERROR_CODES, PARSE_WARNING_CODES } from "./parse-issues";

describe("import issues", () => {
  it("have a Dutch and an English text for every code", () => {
    for (const code of [...PARSE_ERROR_CODES, ...PARSE_WARNING_CODES]) {
      expect(nl.importIssue, code).toHaveProperty([code]);
      expect(en.importIssue, code).toHaveProperty([code]);
    }
  });
});
