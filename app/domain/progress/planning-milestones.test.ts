import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planningYears } from "../programmes/planning-years";
import { programmeDocumentSchema } from "../programmes/programme-document";
import { formatFuzzyDate, parseFuzzyDate, type Precision } from "./fuzzy-date";
import {
  compareMilestones,
  isOverdue,
  markDone,
  milestoneYears,
  parseMilestones,
  toApiMilestone,
  type Milestone,
} from "./planning-milestones";

const PERIOD = { start: 2013, end: 2015 };
const ALL = [2013, 2014, 2015];

/** [label, due.text, start, end, precision] */
type Expected = [string | null, string, string, string | null, Precision];

function read(text: string, period = PERIOD): { milestones: Expected[]; unread: string[] } {
  const { milestones, unread } = parseMilestones(text, { period });
  return {
    milestones: milestones.map((m) => [m.label, m.due.text, m.due.start, m.due.end, m.due.precision]),
    unread,
  };
}

const seed = programmeDocumentSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../../data/programmes/kennis-en-werk-071-2013-2015.json", import.meta.url),
      "utf8",
    ),
  ),
);

// Every action of the seed, checked by hand against the planning column of
// data/sources/kennis-en-werk-071-uitvoeringsprogramma-2013-2015.txt ("4 ^e" there is "4e" here).
const Y2014: Expected = [null, "2014", "2014-01-01", "2014-12-31", "year"];
const Y2015: Expected = [null, "2015", "2015-01-01", "2015-12-31", "year"];
const CONTINU: Expected = [null, "Continu", "2013-01-01", null, "none"];
const NAJAAR_2013: Expected = [null, "Najaar 2013", "2013-09-01", "2013-11-30", "season"];
const SEED: [number, string, Expected[]][] = [
  [1, "Start 4e kwartaal 2013", [["Start", "4e kwartaal 2013", "2013-10-01", "2013-12-31", "quarter"]]],
  [
    2,
    "Plan van aanpak gereed op 1 januari 2014 Uitvoering: 2014-2015",
    [
      ["Plan van aanpak gereed", "1 januari 2014", "2014-01-01", "2014-01-01", "day"],
      ["Uitvoering", "2014-2015", "2014-01-01", "2015-12-31", "range"],
    ],
  ],
  [
    3,
    "Business case uitgewerkt: 2e kwartaal 2014",
    [["Business case uitgewerkt", "2e kwartaal 2014", "2014-04-01", "2014-06-30", "quarter"]],
  ],
  [
    4,
    "Onderzoek gereed: 1e kwartaal 2014 Start Matchmaking: vanaf tweede kwartaal 2014",
    [
      ["Onderzoek gereed", "1e kwartaal 2014", "2014-01-01", "2014-03-31", "quarter"],
      ["Start Matchmaking", "vanaf tweede kwartaal 2014", "2014-04-01", null, "open"],
    ],
  ],
  [5, "2015", [Y2015]],
  [
    6,
    "Uitvoeringsprogramma korte termijn (2014): december 2013. Lange termijn visie en strategie op de biobased economy: gereed zomer 2014.",
    [
      ["Uitvoeringsprogramma korte termijn (2014)", "december 2013", "2013-12-01", "2013-12-31", "month"],
      [
        "Lange termijn visie en strategie op de biobased economy gereed",
        "zomer 2014",
        "2014-06-01",
        "2014-08-31",
        "season",
      ],
    ],
  ],
  [
    7,
    "Kickoff 4 november 2013\nUitvoering 2014-2015",
    [
      ["Kickoff", "4 november 2013", "2013-11-04", "2013-11-04", "day"],
      ["Uitvoering", "2014-2015", "2014-01-01", "2015-12-31", "range"],
    ],
  ],
  [8, "2015", [Y2015]],
  [
    9,
    "Onderzoeksopzet: 1e kwartaal 2014\nOnderzoek gereed: 2e kwartaal 2014",
    [
      ["Onderzoeksopzet", "1e kwartaal 2014", "2014-01-01", "2014-03-31", "quarter"],
      ["Onderzoek gereed", "2e kwartaal 2014", "2014-04-01", "2014-06-30", "quarter"],
    ],
  ],
  [
    10,
    "Afgerond eerste kwartaal 2014",
    [["Afgerond", "eerste kwartaal 2014", "2014-01-01", "2014-03-31", "quarter"]],
  ],
  [11, "2015", [Y2015]],
  [12, "2015", [Y2015]],
  [13, "", []],
  [
    14,
    // "Aanjagersol" is the document's own spelling.
    "Aanjagersol t/m begin 2014\nDaarna structureel",
    [
      ["Aanjagersol", "t/m begin 2014", "2013-01-01", "2014-04-30", "range"],
      [null, "Daarna structureel", "2013-01-01", null, "none"],
    ],
  ],
  [15, "Eind 2013", [[null, "Eind 2013", "2013-09-01", "2013-12-31", "half"]]],
  [16, "2015", [Y2015]],
  [17, "2015", [Y2015]],
  [18, "2015", [Y2015]],
  [19, "2015", [Y2015]],
  [20, "vanaf 2014", [[null, "vanaf 2014", "2014-01-01", null, "open"]]],
  [21, "2014", [Y2014]],
  [22, "2014", [Y2014]],
  [23, "2015", [Y2015]],
  [24, "2014", [Y2014]],
  [25, "2014", [Y2014]],
  [26, "2014", [Y2014]],
  [27, "2014", [Y2014]],
  [28, "Najaar 2013", [NAJAAR_2013]],
  [29, "2014", [Y2014]],
  [30, "2015", [Y2015]],
  [31, "Vanaf 2014", [[null, "Vanaf 2014", "2014-01-01", null, "open"]]],
  [32, "2015", [Y2015]],
  [
    33,
    "Plan: 2013 Uitvoering: vanaf 2014",
    [
      ["Plan", "2013", "2013-01-01", "2013-12-31", "year"],
      ["Uitvoering", "vanaf 2014", "2014-01-01", null, "open"],
    ],
  ],
  [34, "2014", [Y2014]],
  [35, "2013-14", [[null, "2013-14", "2013-01-01", "2014-12-31", "range"]]],
  [36, "2015", [Y2015]],
  [37, "2015", [Y2015]],
  [38, "Lopende trajecten", [[null, "Lopende trajecten", "2013-01-01", null, "none"]]],
  [39, "", []],
  [40, "2014-15", [[null, "2014-15", "2014-01-01", "2015-12-31", "range"]]],
  [41, "2015", [Y2015]],
  [42, "", []],
  [43, "2015", [Y2015]],
  [44, "", []],
  [45, "2015", [Y2015]],
  [46, "2013-2014", [[null, "2013-2014", "2013-01-01", "2014-12-31", "range"]]],
  [47, "Najaar 2013", [NAJAAR_2013]],
  [48, "Continu", [CONTINU]],
  [49, "2014", [Y2014]],
  // The note after the date is what is due then.
  [
    50,
    "Najaar 2013; 1e opzet in PvA",
    [["1e opzet in PvA", "Najaar 2013", "2013-09-01", "2013-11-30", "season"]],
  ],
  [51, "Vanaf najaar 2013", [[null, "Vanaf najaar 2013", "2013-09-01", null, "open"]]],
  [52, "Continu", [CONTINU]],
  [53, "Continu", [CONTINU]],
  [54, "Start najaar 2013", [["Start", "najaar 2013", "2013-09-01", "2013-11-30", "season"]]],
  [55, "2015", [Y2015]],
  [56, "2015", [Y2015]],
  [57, "Continu", [CONTINU]],
  [58, "Continu", [CONTINU]],
  [59, "Continu", [CONTINU]],
  [
    60,
    "Jaarlijks, laatste kwartaal van het jaar",
    [[null, "Jaarlijks, laatste kwartaal van het jaar", "2013-10-01", "2013-12-31", "recurring"]],
  ],
  [
    61,
    "Nulmeting najaar 2013 Monitoring jaarlijks, laatste kwartaal van het jaar",
    [
      ["Nulmeting", "najaar 2013", "2013-09-01", "2013-11-30", "season"],
      ["Monitoring", "jaarlijks, laatste kwartaal van het jaar", "2013-10-01", "2013-12-31", "recurring"],
    ],
  ],
  [62, "Continu", [CONTINU]],
];

describe("parseMilestones on the seed programme", () => {
  it("the table covers every action with the seed's own planning text", () => {
    expect(seed.period).toEqual(PERIOD);
    expect(seed.actions).toHaveLength(62);
    expect(SEED.map(([n, text]) => [n, text])).toEqual(seed.actions.map((a) => [a.number, a.planningText]));
  });

  it.each(SEED)("action %i: %j", (_number, text, expected) => {
    expect(read(text, seed.period)).toEqual({ milestones: expected, unread: [] });
  });

  it("reads every planning text of the seed without leftovers", () => {
    const unread = seed.actions.flatMap(
      (a) => parseMilestones(a.planningText, { period: seed.period }).unread,
    );
    expect(unread).toEqual([]);
  });

  it("repeats every recurring milestone in each programme year", () => {
    const m = parseMilestones("Jaarlijks, laatste kwartaal van het jaar", { period: PERIOD }).milestones[0]!;
    expect(m.due.recurrence).toEqual({ everyMonths: 12, occurrence: "quarter", until: "2015-12-31" });
  });
});

describe("milestone years against planningYears (the year filter)", () => {
  // planningYears reads "Start X" as an activity that runs from X to the end of the programme;
  // a milestone dates the start itself, which is due in X. Every other seed text agrees.
  const DIFFERENT: Record<number, { milestones: number[]; planning: number[] }> = {
    1: { milestones: [2013], planning: ALL },
    54: { milestones: [2013], planning: ALL },
  };

  it.each(seed.actions.map((a) => [a.number, a.planningText] as const))("action %i: %j", (number, text) => {
    const fromMilestones = milestoneYears(parseMilestones(text, { period: PERIOD }).milestones, PERIOD);
    const fromFilter = planningYears(text, PERIOD);
    const difference = DIFFERENT[number];
    if (difference) {
      expect({ milestones: fromMilestones, planning: fromFilter }).toEqual(difference);
    } else {
      expect(fromMilestones).toEqual(fromFilter);
    }
  });
});

describe("parseMilestones: the forms of the issue", () => {
  it.each([
    ["2015", [[null, "2015", "2015-01-01", "2015-12-31", "year"]]],
    ["Eind 2013", [[null, "Eind 2013", "2013-09-01", "2013-12-31", "half"]]],
    ["Vanaf najaar 2013", [[null, "Vanaf najaar 2013", "2013-09-01", null, "open"]]],
    ["Start 4 ^e kwartaal 2013", [["Start", "4e kwartaal 2013", "2013-10-01", "2013-12-31", "quarter"]]],
    ["Opzet: Q2 2014", [["Opzet", "Q2 2014", "2014-04-01", "2014-06-30", "quarter"]]],
    ["Evaluatie eerste helft 2015", [["Evaluatie", "eerste helft 2015", "2015-01-01", "2015-06-30", "half"]]],
    ["Uitvoering 2013 t/m 2015", [["Uitvoering", "2013 t/m 2015", "2013-01-01", "2015-12-31", "range"]]],
    ["Uitvoering 2013 tot 2015", [["Uitvoering", "2013 tot 2015", "2013-01-01", "2015-12-31", "range"]]],
    [
      "Fase 1: januari t/m maart 2014; fase 2: vanaf 1 april 2014",
      [
        ["Fase 1", "januari t/m maart 2014", "2014-01-01", "2014-03-31", "range"],
        ["fase 2", "vanaf 1 april 2014", "2014-04-01", null, "open"],
      ],
    ],
    [
      "Pilot 1e t/m 3e kwartaal 2014\nEvaluatie: jaarlijks in het najaar",
      [
        ["Pilot", "1e t/m 3e kwartaal 2014", "2014-01-01", "2014-09-30", "range"],
        ["Evaluatie", "jaarlijks in het najaar", "2013-09-01", "2013-11-30", "recurring"],
      ],
    ],
    [
      "Alle scholen vanaf het schooljaar 2015/2016",
      [["Alle scholen", "vanaf het schooljaar 2015/2016", "2015-08-01", null, "open"]],
    ],
    [
      "Winter 2013/2014: evaluatie",
      [["evaluatie", "Winter 2013/2014", "2013-12-01", "2014-02-28", "season"]],
    ],
  ] as [string, Expected[]][])("%j", (text, expected) => {
    expect(read(text)).toEqual({ milestones: expected, unread: [] });
  });
});

describe("parseMilestones: edge cases", () => {
  it("empty text has no milestones and nothing unread", () => {
    expect(read("")).toEqual({ milestones: [], unread: [] });
    expect(read("  \n ; ")).toEqual({ milestones: [], unread: [] });
  });

  it("text without a date is unread", () => {
    expect(read("onbekend")).toEqual({ milestones: [], unread: ["onbekend"] });
    expect(read("2 x per jaar, 12 bijeenkomsten")).toEqual({
      milestones: [],
      unread: ["2 x per jaar, 12 bijeenkomsten"],
    });
    expect(read("nader te bepalen")).toEqual({ milestones: [], unread: ["nader te bepalen"] });
  });

  it("text after a labelled date is unread, the milestone is kept", () => {
    expect(read("Kickoff 4 november 2013, budget 3500 euro")).toEqual({
      milestones: [["Kickoff", "4 november 2013", "2013-11-04", "2013-11-04", "day"]],
      unread: ["budget 3500 euro"],
    });
  });

  it("a dateless part only labels the date right before it", () => {
    expect(read("Rapport 2014\nMet partners")).toEqual({
      milestones: [["Rapport", "2014", "2014-01-01", "2014-12-31", "year"]],
      unread: ["Met partners"],
    });
    expect(read("Voorbereiding\n2014")).toEqual({
      milestones: [[null, "2014", "2014-01-01", "2014-12-31", "year"]],
      unread: ["Voorbereiding"],
    });
  });

  it("a year in brackets belongs to the label, and numbers that are no years are no dates", () => {
    expect(read("Programma (2014-2015) gereed: eind 2013")).toEqual({
      milestones: [["Programma (2014-2015) gereed", "eind 2013", "2013-09-01", "2013-12-31", "half"]],
      unread: [],
    });
    expect(read("Budget 20145 euro")).toEqual({ milestones: [], unread: ["Budget 20145 euro"] });
  });
});

describe("milestone state", () => {
  const day = (text: string, label: string | null = "Gereed"): Milestone => ({
    label,
    due: parseFuzzyDate(text, { period: PERIOD })!,
    doneOn: null,
  });

  it("is overdue after its due date until it is done", () => {
    const m = day("1 januari 2014");
    expect(isOverdue(m, "2013-12-31")).toBe(false);
    expect(isOverdue(m, "2014-01-01")).toBe(false);
    expect(isOverdue(m, "2014-01-02")).toBe(true);
    expect(isOverdue(markDone(m, "2014-02-01"), "2014-03-01")).toBe(false);
    expect(isOverdue(markDone(markDone(m, "2014-02-01"), null), "2014-03-01")).toBe(true);
  });

  it("a quarter is due on its last day", () => {
    expect(isOverdue(day("2e kwartaal 2014"), "2014-06-30")).toBe(false);
    expect(isOverdue(day("2e kwartaal 2014"), "2014-07-01")).toBe(true);
  });

  it("open and undated milestones are never overdue", () => {
    expect(isOverdue(day("vanaf 2014"), "2030-01-01")).toBe(false);
    expect(isOverdue(day("Continu"), "2030-01-01")).toBe(false);
  });

  it("a recurring milestone is overdue when its latest ended occurrence was not done", () => {
    const m = day("jaarlijks, laatste kwartaal van het jaar");
    expect(isOverdue(m, "2013-11-01")).toBe(false);
    expect(isOverdue(m, "2014-01-05")).toBe(true);
    expect(isOverdue(markDone(m, "2013-12-10"), "2014-01-05")).toBe(false);
    expect(isOverdue(markDone(m, "2013-12-10"), "2015-01-05")).toBe(true);
    expect(isOverdue(markDone(m, "2015-01-20"), "2015-02-01")).toBe(false);
    // The series ends with the programme: the 2015 occurrence is the last one to do.
    expect(isOverdue(markDone(m, "2015-11-01"), "2030-01-01")).toBe(false);
  });

  it("markDone does not change the milestone it is given", () => {
    const m = day("2014");
    markDone(m, "2014-05-01");
    expect(m.doneOn).toBeNull();
  });

  it("sorts milestones by due date", () => {
    const { milestones } = parseMilestones(
      "Uitvoering: vanaf 2014 Plan van aanpak gereed op 1 januari 2014 Onderzoek gereed: 4e kwartaal 2013",
      { period: PERIOD },
    );
    expect([...milestones].sort(compareMilestones).map((m) => m.label)).toEqual([
      "Onderzoek gereed",
      "Plan van aanpak gereed",
      "Uitvoering",
    ]);
  });

  it("has the open-data API shape with ISO dates", () => {
    const [monitoring] = parseMilestones("Monitoring jaarlijks, laatste kwartaal van het jaar", {
      period: PERIOD,
    }).milestones;
    expect(toApiMilestone(markDone(monitoring!, "2013-12-15"))).toEqual({
      label: "Monitoring",
      due: {
        text: "jaarlijks, laatste kwartaal van het jaar",
        start: "2013-10-01",
        end: "2013-12-31",
        precision: "recurring",
      },
      doneOn: "2013-12-15",
    });
    expect(toApiMilestone(day("vanaf 2014", null)).due.end).toBeNull();
  });
});

describe("parseMilestones, property tests", () => {
  const LABELS = [
    "Plan van aanpak gereed",
    "Uitvoering",
    "Onderzoek gereed",
    "Start Matchmaking",
    "Kickoff",
    "Nulmeting",
    "Monitoring",
    "Business case uitgewerkt",
  ];
  const year = fc.integer({ min: 2000, max: 2040 });
  const phrase = fc.oneof(
    year.map(String),
    fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${q}e kwartaal ${y}`),
    fc.tuple(year, fc.constantFrom("voorjaar", "zomer", "najaar", "winter")).map(([y, s]) => `${s} ${y}`),
    fc.tuple(year, fc.constantFrom("begin", "eind", "eerste helft")).map(([y, p]) => `${p} ${y}`),
    fc
      .tuple(year, fc.integer({ min: 1, max: 28 }), fc.constantFrom("januari", "mei", "november"))
      .map(([y, d, m]) => `${d} ${m} ${y}`),
    fc.tuple(year, fc.integer({ min: 0, max: 5 })).map(([y, n]) => `${y}-${y + n}`),
    year.map((y) => `vanaf ${y}`),
    fc.constantFrom("Continu", "jaarlijks, laatste kwartaal van het jaar"),
  );
  const entry = fc.record({
    label: fc.constantFrom(...LABELS),
    phrase,
    separator: fc.constantFrom(": ", " "),
  });

  it("reads back every label and date of a composed planning text", () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("\n", "; ", " ", ". "),
        (entries, joiner) => {
          const text = entries.map((e) => `${e.label}${e.separator}${e.phrase}`).join(joiner);
          const { milestones, unread } = parseMilestones(text, { period: PERIOD });
          expect(unread).toEqual([]);
          expect(milestones.map((m) => m.label)).toEqual(entries.map((e) => e.label));
          expect(milestones.map((m) => m.due.text)).toEqual(entries.map((e) => e.phrase));
          for (const [i, m] of milestones.entries()) {
            const alone = parseFuzzyDate(entries[i]!.phrase, { period: PERIOD })!;
            expect(m.due).toEqual(alone);
            // A milestone read back from its canonical phrase is the same milestone.
            const again = parseMilestones(`${m.label}: ${formatFuzzyDate(m.due)}`, { period: PERIOD });
            expect(again.milestones.map((x) => [x.label, x.due.start, x.due.end, x.due.precision])).toEqual([
              [m.label, m.due.start, m.due.end, m.due.precision],
            ]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
