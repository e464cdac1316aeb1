import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks the words that changed and keeps the rest", () => {
    expect(wordDiff("Wij starten een pilot in Leiden", "Wij starten twee pilots in Leiden")).toEqual([
      { op: "same", text: "Wij starten " },
      { op: "removed", text: "een pilot " },
      { op: "added", text: "twee pilots " },
      { op: "same", text: "in Leiden" },
    ]);
  });
  it("gives the whole text when one side is empty, and nothing changed for equal texts", () => {
    expect(wordDiff("", "Nieuw")).toEqual([{ op: "added", text: "Nieuw" }]);
    expect(wordDiff("Oud", "")).toEqual([{ op: "removed", text: "Oud" }]);
    expect(wordDiff("Gelijk blijft", "Gelijk blijft")).toEqual([{ op: "same", text: "Gelijk blijft" }]);
  });
});
