import { describe, expect, it } from "vitest";
import { clientCatalogue, translator } from "./catalogue.server";
import { en } from "./en";
import { governanceEn } from "./governance.en";
import { governanceNl } from "./governance.nl";
import { nl } from "./nl";
import { serverMessagesEn } from "./server-messages.en";
import { serverMessagesNl } from "./server-messages.nl";

/** Every key path to a text ("monitor.cli.refused"). */
function leafKeys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : leafKeys(value as object, `${prefix}${key}.`),
  );
}

describe("the catalogues", () => {
  it("hold the same keys in Dutch and English, for the client and for the server", () => {
    expect(leafKeys({ ...en, ...governanceEn }).sort()).toEqual(leafKeys({ ...nl, ...governanceNl }).sort());
    expect(leafKeys(serverMessagesEn).sort()).toEqual(leafKeys(serverMessagesNl).sort());
  });

  it("send the browser only the client texts of one language", () => {
    for (const [language, messages, serverOnly] of [
      ["nl", { ...nl, ...governanceNl }, serverMessagesNl],
      ["en", { ...en, ...governanceEn }, serverMessagesEn],
    ] as const) {
      const catalogue = clientCatalogue(language);
      const sent = JSON.parse(catalogue.json) as object;
      expect(sent).toEqual(messages);
      const keys = new Set(leafKeys(sent));
      for (const key of leafKeys(serverOnly)) expect(keys.has(key), key).toBe(false);
      expect(catalogue.path).toMatch(new RegExp(`^/i18n/${language}-[0-9a-f]{12}\\.json$`));
    }
    expect(clientCatalogue("nl").path).not.toBe(clientCatalogue("en").path);
  });

  it("let the server say client and server-only texts in both languages", () => {
    for (const [language, serverOnly] of [
      ["nl", serverMessagesNl],
      ["en", serverMessagesEn],
    ] as const) {
      const t = translator(language);
      expect(t("auth.signIn")).toBe(language === "nl" ? governanceNl.auth.signIn : governanceEn.auth.signIn);
      expect(t("auth.resetMailSubject")).toBe(serverOnly.auth.resetMailSubject);
      expect(t("monitor.cli.refused", { source: "x.csv" })).toContain("x.csv");
      expect(t("monitor.import.heading")).toBe((language === "nl" ? nl : en).monitor.import.heading);
      expect(t("progress.mail.signature")).toBe(serverOnly.progress.mail.signature);
      expect(t("plans.mail.noteLabel")).toBe(serverOnly.plans.mail.noteLabel);
      expect(t("cli.unknownCommand", { command: "zz" })).toContain("zz");
    }
  });
});
