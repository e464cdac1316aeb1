import { describe, expect, it } from "vitest";
import { expandNumberList, linksFromNote } from "./action-links";

function targets(note: string, citing: number) {
  return linksFromNote(note, citing).map((l) => [l.type, l.target]);
}

describe("expandNumberList", () => {
  it("reads lists and ranges", () => {
    expect(expandNumberList("6 en 7")).toEqual([6, 7]);
    expect(expandNumberList("21 t/m 27")).toEqual([21, 22, 23, 24, 25, 26, 27]);
    expect(expandNumberList("1, 2 en 4")).toEqual([1, 2, 4]);
    expect(expandNumberList("3-5")).toEqual([3, 4, 5]);
  });
});

describe("linksFromNote", () => {
  it("reads related actions and themes", () => {
    expect(targets("NB Link met acties van doelstelling 5", 2)).toEqual([["related", { theme: 5 }]]);
    expect(targets("N.B. Link met actie 17 en acties van doelstelling 5", 6)).toEqual([
      ["related", { action: 17 }],
      ["related", { theme: 5 }],
    ]);
    expect(targets("N.B. Link met acties 6 en 7", 17)).toEqual([
      ["related", { action: 6 }],
      ["related", { action: 7 }],
    ]);
    expect(
      targets("N.B. Link met doelstelling 3 en koppeling met programma Leiden Kennisstad (ambacht)", 49),
    ).toEqual([["related", { theme: 3 }]]);
  });

  it("reads directed links and drops the citing action itself", () => {
    expect(targets("N.B Actie 10 is randvoorwaarde voor acties 11 en 12", 10)).toEqual([
      ["prerequisiteFor", { action: 11 }],
      ["prerequisiteFor", { action: 12 }],
    ]);
    expect(targets("N.B. n.a.v. actie 20 wordt uitvoering gegeven aan acties 21 t/m 27.", 20)).toEqual(
      [21, 22, 23, 24, 25, 26, 27].map((n) => ["enables", { action: n }]),
    );
  });

  it("keeps the sentence as source", () => {
    expect(linksFromNote("N.B. Link met actie 46", 51)).toEqual([
      { type: "related", target: { action: 46 }, source: "N.B. Link met actie 46" },
    ]);
  });

  it("reads another action's prerequisite as related", () => {
    expect(targets("Actie 5 is randvoorwaarde voor actie 9", 9)).toEqual([["related", { action: 5 }]]);
  });

  it("finds nothing in notes without references", () => {
    expect(linksFromNote("Uitvoering gebeurt door de scholen zelf.", 10)).toEqual([]);
  });
});
