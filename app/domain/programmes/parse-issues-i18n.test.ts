import { describe, expect, it } from "vitest";
import { serverMessagesEn } from "../../lib/i18n/server-messages.en";
import { serverMessagesNl } from "../../lib/i18n/server-messages.nl";
import { PARSE_ERROR_CODES, PARSE_WARNING_CODES } from "./parse-issues";

describe("import issues", () => {
  it("have a Dutch and an English text for every code", () => {
    for (const code of [...PARSE_ERROR_CODES, ...PARSE_WARNING_CODES]) {
      expect(serverMessagesNl.importIssue, code).toHaveProperty([code]);
      expect(serverMessagesEn.importIssue, code).toHaveProperty([code]);
    }
  });
});
