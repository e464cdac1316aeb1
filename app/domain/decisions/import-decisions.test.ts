import { describe, expect, it } from "vitest";
import { importDecision } from "./import-decisions";

describe("the decision a re-import records", () => {
  it("is none when nothing changes", () => {
    expect(importDecision({ changes: [], decidedOn: "2031-06-01", file: "x.json", language: "nl" })).toBeNull();
  });

  it("names the file and the day, says it is not the steering group's, and lists the actions by number", () => {
    const d = importDecision({
      changes: [
        { number: 63, from: null, to: 4, created: true },
        { number: 5, from: 3, to: 2, created: false },
        { number: 12, from: 2, to: null, created: false },
      ],
      decidedOn: "2031-06-01",
      file: "programma.json",
      language: "nl",
    })!;
    expect(d).toMatchObject({ decidedOn: "2031-06-01", kind: "categories", status: "taken", title: "Categorieën gewijzigd bij import van „programma.json”" });
    expect(d.actions).toEqual([
      { number: 5, from: 3, to: 2 },
      { number: 12, from: 2, to: null },
      { number: 63, from: null, to: 4 },
    ]);
    expect(d.text.split("\n\n")).toEqual([
      "Vastgelegd bij het importeren van het programmabestand „programma.json” op 2031-06-01.",
      expect.stringContaining("Dit is geen besluit van de stuurgroep.") as string,
      "Andere categorie: actie 5 (3 → 2).",
      "Nieuwe acties: 63.",
      "Zonder categorie in het bestand (de vorige categorie staat tussen haakjes): actie 12 (2).",
    ]);
  });

  it("speaks the programme's language, and is a general decision when only actions without a category are added", () => {
    const d = importDecision({ changes: [{ number: 7, from: null, to: null, created: true }], decidedOn: "2031-06-01", file: null, language: "en" })!;
    expect(d.kind).toBe("general");
    expect(d.title).toBe("Categories changed by importing the programme document");
    expect(d.text).toContain("This is not a decision of the steering group.");
    expect(d.text).toContain("New actions: 7.");
  });
});
