import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cleanPlanningText,
  compareFuzzyDates,
  dueDate,
  expandOccurrences,
  formatFuzzyDate,
  fuzzyDateYears,
  parseFuzzyDate,
  type FuzzyDate,
  type FuzzyDateContext,
  type Precision,
  type YearSpan,
} from "./fuzzy-date";

const PERIOD = { start: 2013, end: 2015 };
const CTX = { period: PERIOD };

function read(text: string, context: FuzzyDateContext = CTX): [Precision, string, string | null] | null {
  const d = parseFuzzyDate(text, context);
  return d ? [d.precision, d.start, d.end] : null;
}

describe("parseFuzzyDate: the forms of the issue", () => {
  it.each([
    // days
    ["1 januari 2014", "day", "2014-01-01", "2014-01-01"],
    ["4 november 2013", "day", "2013-11-04", "2013-11-04"],
    ["29 februari 2016", "day", "2016-02-29", "2016-02-29"],
    ["1-3-2014", "day", "2014-03-01", "2014-03-01"],
    ["2014-03-01", "day", "2014-03-01", "2014-03-01"],
    // months
    ["december 2013", "month", "2013-12-01", "2013-12-31"],
    ["maart 2014", "month", "2014-03-01", "2014-03-31"],
    ["mrt 2014", "month", "2014-03-01", "2014-03-31"],
    ["februari 2016", "month", "2016-02-01", "2016-02-29"],
    // quarters
    ["1e kwartaal 2014", "quarter", "2014-01-01", "2014-03-31"],
    ["2e kwartaal 2014", "quarter", "2014-04-01", "2014-06-30"],
    ["4 ^e kwartaal 2013", "quarter", "2013-10-01", "2013-12-31"],
    ["4ᵉ kwartaal 2013", "quarter", "2013-10-01", "2013-12-31"],
    ["3de kwartaal 2014", "quarter", "2014-07-01", "2014-09-30"],
    ["eerste kwartaal 2014", "quarter", "2014-01-01", "2014-03-31"],
    ["tweede kwartaal 2014", "quarter", "2014-04-01", "2014-06-30"],
    ["laatste kwartaal van 2014", "quarter", "2014-10-01", "2014-12-31"],
    ["Q2 2014", "quarter", "2014-04-01", "2014-06-30"],
    ["2014-Q3", "quarter", "2014-07-01", "2014-09-30"],
    // seasons (meteorological)
    ["voorjaar 2014", "season", "2014-03-01", "2014-05-31"],
    ["lente 2014", "season", "2014-03-01", "2014-05-31"],
    ["zomer 2014", "season", "2014-06-01", "2014-08-31"],
    ["najaar 2013", "season", "2013-09-01", "2013-11-30"],
    ["herfst 2013", "season", "2013-09-01", "2013-11-30"],
    ["winter 2013", "season", "2013-12-01", "2014-02-28"],
    ["winter 2015/2016", "season", "2015-12-01", "2016-02-29"],
    ["winter 2013-14", "season", "2013-12-01", "2014-02-28"],
    // halves and vague parts (thirds)
    ["begin 2014", "half", "2014-01-01", "2014-04-30"],
    ["medio 2014", "half", "2014-05-01", "2014-08-31"],
    ["midden 2014", "half", "2014-05-01", "2014-08-31"],
    ["eind 2013", "half", "2013-09-01", "2013-12-31"],
    ["Eind 2013", "half", "2013-09-01", "2013-12-31"],
    ["einde 2013", "half", "2013-09-01", "2013-12-31"],
    ["eerste helft 2014", "half", "2014-01-01", "2014-06-30"],
    ["tweede helft 2014", "half", "2014-07-01", "2014-12-31"],
    ["H2 2014", "half", "2014-07-01", "2014-12-31"],
    // years
    ["2015", "year", "2015-01-01", "2015-12-31"],
    // ranges
    ["2014-2015", "range", "2014-01-01", "2015-12-31"],
    ["2014-15", "range", "2014-01-01", "2015-12-31"],
    ["2013-14", "range", "2013-01-01", "2014-12-31"],
    ["2013-2014", "range", "2013-01-01", "2014-12-31"],
    ["2013 tot 2015", "range", "2013-01-01", "2015-12-31"],
    ["2013 t/m 2015", "range", "2013-01-01", "2015-12-31"],
    ["2013 tot en met 2015", "range", "2013-01-01", "2015-12-31"],
    ["2013 – 2015", "range", "2013-01-01", "2015-12-31"],
    ["van 2013 tot 2015", "range", "2013-01-01", "2015-12-31"],
    ["januari t/m maart 2014", "range", "2014-01-01", "2014-03-31"],
    ["1e t/m 3e kwartaal 2014", "range", "2014-01-01", "2014-09-30"],
    ["najaar 2013 - voorjaar 2014", "range", "2013-09-01", "2014-05-31"],
    ["2014-01-01 t/m 2014-03-31", "range", "2014-01-01", "2014-03-31"],
    ["schooljaar 2015/2016", "range", "2015-08-01", "2016-07-31"],
    ["t/m begin 2014", "range", "2013-01-01", "2014-04-30"],
    ["tot eind 2013", "range", "2013-01-01", "2013-12-31"],
    ["uiterlijk 1 maart 2014", "day", "2014-03-01", "2014-03-01"],
    // open-ended
    ["vanaf 2014", "open", "2014-01-01", null],
    ["Vanaf 2014", "open", "2014-01-01", null],
    ["vanaf najaar 2013", "open", "2013-09-01", null],
    ["vanaf tweede kwartaal 2014", "open", "2014-04-01", null],
    ["per 1 maart 2014", "open", "2014-03-01", null],
    ["m.i.v. 2014", "open", "2014-01-01", null],
    ["vanaf het schooljaar 2015/2016", "open", "2015-08-01", null],
    // recurring: the first occurrence in the programme period
    ["jaarlijks", "recurring", "2013-01-01", "2013-12-31"],
    ["jaarlijks, laatste kwartaal van het jaar", "recurring", "2013-10-01", "2013-12-31"],
    ["Jaarlijks, laatste kwartaal van het jaar", "recurring", "2013-10-01", "2013-12-31"],
    ["jaarlijks in het najaar", "recurring", "2013-09-01", "2013-11-30"],
    ["jaarlijks in december", "recurring", "2013-12-01", "2013-12-31"],
    ["elk kwartaal", "recurring", "2013-01-01", "2013-03-31"],
    ["halfjaarlijks", "recurring", "2013-01-01", "2013-06-30"],
    ["maandelijks", "recurring", "2013-01-01", "2013-01-31"],
    // none: starts with the programme, no end
    ["Continu", "none", "2013-01-01", null],
    ["Lopende trajecten", "none", "2013-01-01", null],
    ["Daarna structureel", "none", "2013-01-01", null],
    ["doorlopend", "none", "2013-01-01", null],
  ] as [string, Precision, string, string | null][])("%j → %s %s…%s", (text, precision, start, end) => {
    expect(read(text)).toEqual([precision, start, end]);
  });

  it("keeps the phrase as written, cleaned", () => {
    expect(parseFuzzyDate("4 ^e kwartaal 2013", CTX)?.text).toBe("4e kwartaal 2013");
    expect(parseFuzzyDate("  Najaar\u00a02013 ", CTX)?.text).toBe("Najaar 2013");
  });

  it("reads 'van het jaar' only with a year from the context", () => {
    expect(read("laatste kwartaal van het jaar")).toBeNull();
    expect(read("laatste kwartaal van het jaar", { period: PERIOD, year: 2014 })).toEqual([
      "quarter",
      "2014-10-01",
      "2014-12-31",
    ]);
    expect(read("eind van het jaar", { period: PERIOD, year: 2015 })).toEqual([
      "half",
      "2015-09-01",
      "2015-12-31",
    ]);
  });

  it("uses the programme period it is given", () => {
    const ctx = { period: { start: 2016, end: 2019 } };
    expect(read("Continu", ctx)).toEqual(["none", "2016-01-01", null]);
    expect(read("jaarlijks, laatste kwartaal van het jaar", ctx)).toEqual([
      "recurring",
      "2016-10-01",
      "2016-12-31",
    ]);
    expect(read("t/m begin 2017", ctx)).toEqual(["range", "2016-01-01", "2017-04-30"]);
    // A deadline before the programme does not start the range earlier than its own start.
    expect(read("t/m 2014", ctx)).toEqual(["range", "2014-01-01", "2014-12-31"]);
  });

  it.each([
    "",
    "   ",
    "onbekend",
    "1e opzet in PvA",
    "31 februari 2014",
    "13-13-2014",
    "5e kwartaal 2014",
    "Q5 2014",
    "3500",
    "2015-2013",
    "jaarlijks overleg",
    "2 x per jaar",
  ])("%j is not a date", (text) => {
    expect(parseFuzzyDate(text, CTX)).toBeNull();
  });
});

describe("cleanPlanningText", () => {
  it("joins superscript ordinals and keeps line breaks", () => {
    expect(
      cleanPlanningText("Onderzoeksopzet: 1^e kwartaal 2014 \n Onderzoek gereed: 2 ^e kwartaal 2014"),
    ).toBe("Onderzoeksopzet: 1e kwartaal 2014\nOnderzoek gereed: 2e kwartaal 2014");
  });
});

describe("due dates, occurrences and years", () => {
  it("is due at the end of the period; open and undated have no due date", () => {
    expect(dueDate(parseFuzzyDate("najaar 2013", CTX)!)).toBe("2013-11-30");
    expect(dueDate(parseFuzzyDate("2014-2015", CTX)!)).toBe("2015-12-31");
    expect(dueDate(parseFuzzyDate("vanaf 2014", CTX)!)).toBeNull();
    expect(dueDate(parseFuzzyDate("Continu", CTX)!)).toBeNull();
    expect(dueDate(parseFuzzyDate("jaarlijks, laatste kwartaal van het jaar", CTX)!)).toBe("2013-12-31");
  });

  it("expands a yearly rule to one occurrence per programme year", () => {
    const d = parseFuzzyDate("jaarlijks, laatste kwartaal van het jaar", CTX)!;
    expect(d.recurrence).toEqual({ everyMonths: 12, occurrence: "quarter", until: "2015-12-31" });
    expect(expandOccurrences(d, PERIOD).map((o) => [o.text, o.start, o.end, o.precision])).toEqual([
      ["4e kwartaal 2013", "2013-10-01", "2013-12-31", "quarter"],
      ["4e kwartaal 2014", "2014-10-01", "2014-12-31", "quarter"],
      ["4e kwartaal 2015", "2015-10-01", "2015-12-31", "quarter"],
    ]);
    // Within a narrower window, and never past the programme.
    expect(expandOccurrences(d, { start: 2014, end: 2014 }).map((o) => o.start)).toEqual(["2014-10-01"]);
    expect(expandOccurrences(d, { start: 2013, end: 2020 })).toHaveLength(3);
  });

  it("expands winters across the year boundary and keeps leap days", () => {
    const d = parseFuzzyDate("jaarlijks in de winter", { period: { start: 2014, end: 2016 } })!;
    expect(expandOccurrences(d, { start: 2014, end: 2016 }).map((o) => [o.start, o.end])).toEqual([
      ["2014-12-01", "2015-02-28"],
      ["2015-12-01", "2016-02-29"],
      ["2016-12-01", "2017-02-28"],
    ]);
  });

  it("expands quarterly and monthly rules", () => {
    expect(expandOccurrences(parseFuzzyDate("elk kwartaal", CTX)!, PERIOD)).toHaveLength(12);
    expect(expandOccurrences(parseFuzzyDate("maandelijks", CTX)!, { start: 2015, end: 2015 })).toHaveLength(
      12,
    );
  });

  it("a date that is not recurring is its own only occurrence", () => {
    const d = parseFuzzyDate("2014", CTX)!;
    expect(expandOccurrences(d, PERIOD)).toEqual([d]);
  });

  it.each([
    ["2015", [2015]],
    ["winter 2013", [2013, 2014]],
    ["2013-14", [2013, 2014]],
    ["vanaf najaar 2013", [2013, 2014, 2015]],
    ["vanaf 2016", [2016]],
    ["Continu", [2013, 2014, 2015]],
    ["jaarlijks, laatste kwartaal van het jaar", [2013, 2014, 2015]],
    ["t/m begin 2014", [2013, 2014]],
  ] as [string, number[]][])("%j touches %j", (text, years) => {
    expect(fuzzyDateYears(parseFuzzyDate(text, CTX)!, PERIOD)).toEqual(years);
  });
});

describe("formatFuzzyDate", () => {
  it.each([
    ["1 januari 2014", "1 januari 2014"],
    ["Najaar 2013", "najaar 2013"],
    ["4 ^e kwartaal 2013", "4e kwartaal 2013"],
    ["Q2 2014", "2e kwartaal 2014"],
    ["begin 2014", "begin 2014"],
    ["H1 2014", "eerste helft 2014"],
    ["2014-15", "2014-2015"],
    ["t/m begin 2014", "januari 2013 t/m april 2014"],
    ["schooljaar 2015/2016", "augustus 2015 t/m juli 2016"],
    ["vanaf najaar 2013", "vanaf september 2013"],
    ["vanaf 2014", "vanaf 2014"],
    ["Jaarlijks, laatste kwartaal van het jaar", "jaarlijks, 4e kwartaal"],
    ["jaarlijks", "jaarlijks"],
    ["Lopende trajecten", "Continu"],
  ])("%j → %j", (text, formatted) => {
    expect(formatFuzzyDate(parseFuzzyDate(text, CTX)!)).toBe(formatted);
  });
});

describe("compareFuzzyDates", () => {
  it("orders by due date, then start, then precision, open and undated last", () => {
    const texts = [
      "Continu",
      "vanaf 2014",
      "2014",
      "vanaf najaar 2013",
      "4e kwartaal 2013",
      "december 2013",
      "eind 2013",
      "31 december 2013",
      "2013",
      "najaar 2013",
      "2013-2014",
    ];
    const sorted = texts.map((t) => parseFuzzyDate(t, CTX)!).sort(compareFuzzyDates);
    // Equal due dates (31 December 2013) go by start: the period that began earlier first.
    expect(sorted.map((d) => d.text)).toEqual([
      "najaar 2013",
      "2013",
      "eind 2013",
      "4e kwartaal 2013",
      "december 2013",
      "31 december 2013",
      "2013-2014",
      "2014",
      "Continu",
      "vanaf najaar 2013",
      "vanaf 2014",
    ]);
  });

  it("breaks a tie of due date and start by precision, finer first", () => {
    const month = parseFuzzyDate("december 2013", CTX)!;
    const range = parseFuzzyDate("december 2013 t/m december 2013", CTX)!;
    expect([range, month].sort(compareFuzzyDates)).toEqual([month, range]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: generate a period of each precision, write it in Dutch, read it back.

interface Sample {
  text: string;
  start: string;
  end: string | null;
  precision: Precision;
  period: YearSpan;
}

// Independent of the module under test: the calendar comes from Date.UTC here.
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const monthsOf = (y: number, from: number, to: number): { start: string; end: string } => {
  const endY = y + Math.floor((to - 1) / 12);
  const endM = ((to - 1) % 12) + 1;
  return { start: iso(y, from, 1), end: iso(endY, endM, lastDay(endY, endM)) };
};

const NAMES = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];
const SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const ORDINAL_WORDS = ["eerste", "tweede", "derde", "vierde"];
const SEASON_FORMS: [string, number][] = [
  ["voorjaar", 3],
  ["lente", 3],
  ["zomer", 6],
  ["Najaar", 9],
  ["herfst", 9],
  ["winter", 12],
];
const PART_FORMS: [string, number, number][] = [
  ["begin", 1, 4],
  ["Begin", 1, 4],
  ["medio", 5, 8],
  ["midden", 5, 8],
  ["eind", 9, 12],
  ["Eind", 9, 12],
  ["eerste helft", 1, 6],
  ["tweede helft", 7, 12],
  ["H1", 1, 6],
  ["H2", 7, 12],
];

const year = fc.integer({ min: 2000, max: 2040 });
const period = fc
  .tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 0, max: 5 }))
  .map(([start, length]) => ({ start, end: start + length }));
const pick = <T>(list: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...list);

type Closed = Omit<Sample, "period"> & { end: string };

const dayS: fc.Arbitrary<Closed> = fc
  .tuple(
    year,
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([y, m, rawD, form]) => {
    const d = Math.min(rawD, lastDay(y, m));
    const text = [`${d} ${NAMES[m - 1]} ${y}`, `${d}-${m}-${y}`, iso(y, m, d)][form] ?? "";
    return { text, start: iso(y, m, d), end: iso(y, m, d), precision: "day" };
  });

const monthS: fc.Arbitrary<Closed> = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.boolean())
  .map(([y, m, short]) => ({
    text: `${(short ? SHORT : NAMES)[m - 1]} ${y}`,
    ...monthsOf(y, m, m),
    precision: "month",
  }));

const quarterS: fc.Arbitrary<Closed> = fc
  .tuple(year, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 }))
  .map(([y, q, form]) => {
    const texts = [
      `${q}e kwartaal ${y}`,
      `${q} ^e kwartaal ${y}`,
      `${ORDINAL_WORDS[q - 1]} kwartaal ${y}`,
      `Q${q} ${y}`,
      `${y}-Q${q}`,
      q === 4 ? `laatste kwartaal van ${y}` : `${q}${q === 1 ? "ste" : "de"} kwartaal ${y}`,
    ];
    return { text: texts[form] ?? "", ...monthsOf(y, q * 3 - 2, q * 3), precision: "quarter" };
  });

const seasonS: fc.Arbitrary<Closed> = fc.tuple(year, pick(SEASON_FORMS)).map(([y, [name, first]]) => ({
  text: `${name} ${y}`,
  ...monthsOf(y, first, first + 2),
  precision: "season",
}));

const halfS: fc.Arbitrary<Closed> = fc.tuple(year, pick(PART_FORMS)).map(([y, [name, from, to]]) => ({
  text: `${name} ${y}`,
  ...monthsOf(y, from, to),
  precision: "half",
}));

const yearS: fc.Arbitrary<Closed> = year.map((y) => ({
  text: String(y),
  ...monthsOf(y, 1, 12),
  precision: "year",
}));

const closedPointS = fc.oneof(dayS, monthS, quarterS, seasonS, halfS, yearS);

const yearRangeS: fc.Arbitrary<Closed> = fc
  .tuple(year, year, fc.integer({ min: 0, max: 4 }))
  .map(([a, b, form]) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const texts = [
      `${from}-${to}`,
      `${from}-${String(to % 100).padStart(2, "0")}`,
      `${from} t/m ${to}`,
      `${from} tot ${to}`,
      `${from} – ${to}`,
    ];
    return { text: texts[form] ?? "", start: iso(from, 1, 1), end: iso(to, 12, 31), precision: "range" };
  });

const pointRangeS: fc.Arbitrary<Closed> = fc.tuple(closedPointS, closedPointS).map(([a, b]) => {
  const [first, last] = a.start <= b.start ? [a, b] : [b, a];
  return { text: `${first.text} t/m ${last.text}`, start: first.start, end: last.end, precision: "range" };
});

const closedS: fc.Arbitrary<Sample> = fc
  .tuple(fc.oneof(closedPointS, yearRangeS, pointRangeS), period)
  .map(([c, p]) => ({ ...c, period: p }));

const openS: fc.Arbitrary<Sample> = fc
  .tuple(closedPointS, pick(["vanaf", "Vanaf", "per", "met ingang van"]), period)
  .map(([c, word, p]) => ({
    text: `${word} ${c.text}`,
    start: c.start,
    end: null,
    precision: "open",
    period: p,
  }));

const recurringS: fc.Arbitrary<Sample> = fc
  .tuple(
    period,
    fc.oneof(
      fc.integer({ min: 1, max: 4 }).map((q) => ({ part: `${q}e kwartaal`, from: q * 3 - 2, to: q * 3 })),
      fc.constant({ part: "laatste kwartaal van het jaar", from: 10, to: 12 }),
      pick(SEASON_FORMS).map(([name, first]) => ({ part: `in het ${name}`, from: first, to: first + 2 })),
      pick(PART_FORMS).map(([name, from, to]) => ({ part: name, from, to })),
      fc.integer({ min: 1, max: 12 }).map((m) => ({ part: `in ${NAMES[m - 1]}`, from: m, to: m })),
      fc.constant({ part: "", from: 1, to: 12 }),
    ),
    pick(["jaarlijks", "Jaarlijks", "elk jaar"]),
  )
  .map(([p, { part, from, to }, word]) => ({
    text: part === "" ? word : `${word}, ${part}`,
    ...monthsOf(p.start, from, to),
    precision: "recurring",
    period: p,
  }));

const noneS: fc.Arbitrary<Sample> = fc
  .tuple(pick(["Continu", "Lopende trajecten", "Daarna structureel", "doorlopend", "structureel"]), period)
  .map(([text, p]) => ({ text, start: iso(p.start, 1, 1), end: null, precision: "none", period: p }));

const sampleS: fc.Arbitrary<Sample> = fc.oneof(closedS, closedS, openS, recurringS, noneS);

function parseSample(s: Sample): FuzzyDate {
  const d = parseFuzzyDate(s.text, { period: s.period });
  if (!d) throw new Error(`not read: ${s.text}`);
  return d;
}

describe("fuzzy dates, property tests", () => {
  it("reads the period it was written from", () => {
    fc.assert(
      fc.property(sampleS, (s) => {
        const d = parseSample(s);
        expect([d.precision, d.start, d.end]).toEqual([s.precision, s.start, s.end]);
      }),
      { numRuns: 2000 },
    );
  });

  it("a parsed period contains its own due date", () => {
    fc.assert(
      fc.property(sampleS, (s) => {
        const d = parseSample(s);
        const due = dueDate(d);
        if (d.end === null) {
          expect(due).toBeNull();
        } else {
          expect(d.start <= d.end).toBe(true);
          expect(due).not.toBeNull();
          expect(d.start <= due! && due! <= d.end).toBe(true);
          expect(due).toBe(d.end);
        }
        if (d.precision === "recurring") {
          for (const o of expandOccurrences(d, s.period)) {
            expect(o.end !== null && o.start <= o.end).toBe(true);
            expect(o.start >= d.start).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("parse ∘ format is stable", () => {
    fc.assert(
      fc.property(sampleS, (s) => {
        const d = parseSample(s);
        const canonical = formatFuzzyDate(d);
        const again = parseFuzzyDate(canonical, { period: s.period });
        expect(again).not.toBeNull();
        expect({ ...again!, text: "" }).toEqual({ ...d, text: "" });
        expect(formatFuzzyDate(again!)).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it("ordering is reflexive, antisymmetric and transitive", () => {
    fc.assert(
      fc.property(sampleS, sampleS, sampleS, (sa, sb, sc) => {
        const [a, b, c] = [parseSample(sa), parseSample(sb), parseSample(sc)];
        expect(compareFuzzyDates(a, a)).toBe(0);
        expect(Math.sign(compareFuzzyDates(a, b))).toBe(-Math.sign(compareFuzzyDates(b, a)) || 0);
        if (compareFuzzyDates(a, b) <= 0 && compareFuzzyDates(b, c) <= 0) {
          expect(compareFuzzyDates(a, c)).toBeLessThanOrEqual(0);
        }
        if (compareFuzzyDates(a, b) === 0 && compareFuzzyDates(b, c) === 0) {
          expect(compareFuzzyDates(a, c)).toBe(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("sorting is stable and agrees with due dates", () => {
    fc.assert(
      fc.property(fc.array(sampleS, { maxLength: 25 }), (samples) => {
        const indexed = samples.map((s, i) => ({ i, d: parseSample(s) }));
        const sorted = [...indexed].sort((x, y) => compareFuzzyDates(x.d, y.d));
        for (let k = 1; k < sorted.length; k++) {
          const prev = sorted[k - 1]!;
          const next = sorted[k]!;
          const [dp, dn] = [dueDate(prev.d), dueDate(next.d)];
          // Dated before undated; dated in due order.
          if (dp === null) expect(dn).toBeNull();
          else if (dn !== null) expect(dp <= dn).toBe(true);
          // Equal items keep their input order.
          if (compareFuzzyDates(prev.d, next.d) === 0) expect(prev.i).toBeLessThan(next.i);
        }
      }),
      { numRuns: 500 },
    );
  });
});
