import { describe, expect, it } from "vitest";
import { findTitleEnd, readActionCell, readCategoryCell, readResultsCell } from "./action-cells";
import { nameKey } from "./organisation-names";

const KEYS = new Set(
  ["Leiden Marketing", "Universiteit Leiden", "WFIA/ROM", "Leiden Bio Science Park", "BSP"].map(nameKey),
);

function title(text: string): string {
  const tokens = text.split(" ");
  const end = findTitleEnd(tokens, KEYS, 4);
  return end === null ? "(none)" : tokens.slice(0, end).join(" ");
}

describe("findTitleEnd", () => {
  it("splits before a sentence opener", () => {
    expect(title("Opschalen Leiden Kennisstad Het programma wordt verbreed.")).toBe(
      "Opschalen Leiden Kennisstad",
    );
    expect(title("Hotspots vrije WiFi Ontmoetingsplekken regio We streven naar WiFi")).toBe(
      "Hotspots vrije WiFi Ontmoetingsplekken regio",
    );
  });

  it("splits before a capitalised word that starts a sentence", () => {
    expect(
      title("Instroom vergroten in tekortsectoren Scholieren, studenten en werkzoekenden stimuleren."),
    ).toBe("Instroom vergroten in tekortsectoren");
    expect(title("Leidse regio Werk-top Gemeenten organiseren een werktop.")).toBe("Leidse regio Werk-top");
    expect(title("Leidse agglomeratie bereikbaar (LAB071) Opstellen en uitvoeren agenda.")).toBe(
      "Leidse agglomeratie bereikbaar (LAB071)",
    );
  });

  it("splits before an organisation that is the subject", () => {
    expect(title("Regionale merknaam en beeldmerk Leiden Marketing bedenkt een merknaam.")).toBe(
      "Regionale merknaam en beeldmerk",
    );
    expect(title("Bedrijven acquisitie BSP Leiden Bio Science Park en WFIA zullen werven.")).toBe(
      "Bedrijven acquisitie BSP",
    );
    expect(title("Regiomarketing voor studenten Universiteit Leiden, Hogeschool Leiden communiceren.")).toBe(
      "Regiomarketing voor studenten",
    );
  });

  it("looks only within the first sentence", () => {
    expect(title("Iets zonder opener hier. De volgende zin.")).toBe("(none)");
  });
});

describe("readActionCell", () => {
  const options = { mendWords: [], organisationKeys: KEYS, maxNameWords: 4 };

  it("uses a short first <p> paragraph as the title", () => {
    const result = readActionCell("<p>7. Opzetten space cluster</p> <p>De regio doet mee.</p>", options);
    expect(result).toEqual({
      ok: true,
      cell: { number: 7, title: "Opzetten space cluster", description: "De regio doet mee.", notes: [] },
    });
  });

  it("follows a title hint and refuses one that does not match", () => {
    const cell = "12. Iets onduidelijks zonder opener in de eerste zin.";
    expect(readActionCell(cell, { ...options, titleHint: "Iets onduidelijks" })).toEqual({
      ok: true,
      cell: {
        number: 12,
        title: "Iets onduidelijks",
        description: "zonder opener in de eerste zin.",
        notes: [],
      },
    });
    expect(readActionCell(cell, { ...options, titleHint: "Iets anders" })).toMatchObject({
      ok: false,
      problem: { code: "title-hint-mismatch" },
    });
    expect(readActionCell(cell, options)).toMatchObject({
      ok: false,
      problem: { code: "action-title-unclear" },
    });
  });

  it("requires an action number", () => {
    expect(readActionCell("Zonder nummer. De tekst.", options)).toMatchObject({
      ok: false,
      problem: { code: "action-number-missing" },
    });
  });
});

describe("readResultsCell", () => {
  it("keeps <p> paragraphs and one plain result unless items were run together", () => {
    expect(readResultsCell("<p>Allianties</p> <p>Lange termijn visie</p>", [])).toEqual({
      ok: true,
      results: ["Allianties", "Lange termijn visie"],
    });
    expect(
      readResultsCell("Inzicht in toeleveranciers op BSP Succesvolle matches tussen MKB en bedrijven", []),
    ).toEqual({
      ok: true,
      results: ["Inzicht in toeleveranciers op BSP", "Succesvolle matches tussen MKB en bedrijven"],
    });
    expect(readResultsCell("Stuurgroep Economische agenda operationeel", [])).toEqual({
      ok: true,
      results: ["Stuurgroep Economische agenda operationeel"],
    });
  });

  it("follows a results hint that covers the text", () => {
    const cell = "Allianties Lange termijn visie en Uitvoeringsprogramma";
    expect(readResultsCell(cell, [], ["Allianties", "Lange termijn visie", "Uitvoeringsprogramma"])).toEqual({
      ok: true,
      results: ["Allianties", "Lange termijn visie", "Uitvoeringsprogramma"],
    });
    expect(readResultsCell(cell, [], ["Allianties", "Uitvoeringsprogramma"])).toMatchObject({
      ok: false,
      problem: { code: "results-hint-mismatch" },
    });
  });
});

describe("readCategoryCell", () => {
  it.each([
    ["2", 2, null],
    ["<p>3</p>", 3, null],
    ["2 (taak onderwijs)", 2, "taak onderwijs"],
    ["", null, null],
  ] as const)("%j", (cell, category, note) => {
    expect(readCategoryCell(cell, [])).toEqual({ ok: true, category, note });
  });

  it("refuses non-numeric and unknown categories", () => {
    expect(readCategoryCell("x", [])).toMatchObject({ ok: false, problem: { code: "category-not-numeric" } });
    expect(readCategoryCell("5", [])).toMatchObject({
      ok: false,
      problem: { code: "category-out-of-range" },
    });
  });
});
