import { describe, expect, it } from "vitest";
import {
  cleanText,
  decodeEntities,
  mendWrappedHyphenation,
  readCell,
  stripNotePrefix,
} from "./programme-text";

describe("cleanText", () => {
  it("strips tags, decodes entities and mends superscript ordinals", () => {
    expect(cleanText("<p>Start 4 ^e kwartaal 2013</p>")).toBe("Start 4e kwartaal 2013");
    expect(cleanText("1^e kwartaal")).toBe("1e kwartaal");
    expect(cleanText("R&amp;D &#233;&#xe9;n")).toBe("R&D één");
    expect(cleanText("  veel   ruimte\u00a0hier ")).toBe("veel ruimte hier");
  });

  it("mends listed hyphenations only", () => {
    expect(cleanText("subsidie Tech-niekpact", ["Tech-niekpact"])).toBe("subsidie Techniekpact");
    expect(cleanText("Leidse regio Werk-top", ["Tech-niekpact"])).toBe("Leidse regio Werk-top");
  });
});

describe("mendWrappedHyphenation", () => {
  it("joins words split by a line-wrap hyphen", () => {
    expect(mendWrappedHyphenation("digitale bereikbaar- heid")).toBe("digitale bereikbaarheid");
    expect(mendWrappedHyphenation("knel- punten")).toBe("knelpunten");
    expect(mendWrappedHyphenation("ontwik- keling")).toBe("ontwikkeling");
  });

  it("keeps suspended compounds and real hyphens", () => {
    for (const text of [
      "onderwijs- & kennisinstellingen",
      "Regionaal Meld- en Coördinatiepunt",
      "zorg- en welzijninstellingen",
      "basis-, voortgezet",
      "VMBO-MBO-HBO-Bedrijfsleven",
      "Wi-Fi",
      "Holland-Rijnland",
    ]) {
      expect(mendWrappedHyphenation(text)).toBe(text);
    }
  });
});

describe("decodeEntities", () => {
  it("leaves unknown entities alone", () => {
    expect(decodeEntities("&bogus; &lt;p&gt;")).toBe("&bogus; <p>");
  });
});

describe("readCell", () => {
  it("splits <p> paragraphs and lifts out italic notes", () => {
    const cell = readCell("<p>7. Titel</p> <p>Tekst.</p> <p><i>N.B. Link met actie 17</i></p>");
    expect(cell.paragraphs).toEqual(["7. Titel", "Tekst."]);
    expect(cell.notes).toEqual([{ text: "Link met actie 17", source: "N.B. Link met actie 17" }]);
    expect(cell.hasParagraphMarkup).toBe(true);
  });

  it("lifts out an in-text NB note to the end of the paragraph", () => {
    const cell = readCell("Tekst over de actie. NB: Voor financiering subsidies gebruiken.");
    expect(cell.paragraphs).toEqual(["Tekst over de actie."]);
    expect(cell.notes).toEqual([
      {
        text: "Voor financiering subsidies gebruiken.",
        source: "NB: Voor financiering subsidies gebruiken.",
      },
    ]);
  });

  it("keeps italics that are not notes", () => {
    expect(readCell("Een <i>nadruk</i> hier").paragraphs).toEqual(["Een nadruk hier"]);
  });
});

describe("stripNotePrefix", () => {
  it.each([
    ["N.B. Link met actie 46", "Link met actie 46"],
    ["N.B Actie 10 is randvoorwaarde", "Actie 10 is randvoorwaarde"],
    ["NB: Voor financiering", "Voor financiering"],
    ["NB Link met acties", "Link met acties"],
  ])("%s", (input, output) => {
    expect(stripNotePrefix(input)).toBe(output);
  });
});
