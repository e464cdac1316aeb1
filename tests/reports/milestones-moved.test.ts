import { describe, expect, it } from "vitest";
import { movedOutOf, type ReportActionInput } from "../../app/domain/reports/annual-report";
import { parseFuzzyDate } from "../../app/domain/progress/fuzzy-date";

/** A milestone due in the report's year whose date was changed to another year is reported as moved, with its new date. */
const context = { period: { start: 2013, end: 2015 } };
const action = (milestones: { label: string; due: string }[]): ReportActionInput => ({
  number: 7,
  title: "Opzetten space cluster",
  theme: null,
  intention: null,
  group: null,
  leads: [],
  category: 2,
  planningYears: [2014, 2015],
  milestones: milestones.map((m) => ({ label: m.label, due: parseFuzzyDate(m.due, context)!, doneOn: null })),
});

describe("milestones moved out of the year", () => {
  it("lists a milestone moved from 2014 to 2015 as moved in 2014, and not in 2015", () => {
    const a = action([{ label: "Plan gereed", due: "2e kwartaal 2015" }]);
    const moves = [{ action: 7, label: "Plan gereed", fromText: "4e kwartaal 2014", toText: "2e kwartaal 2015", at: "2014-09-01T10:00:00Z" }];
    expect(movedOutOf(a, moves, 2014, "2014-12-31")).toEqual([
      { label: "Plan gereed", dueText: "4e kwartaal 2014", due: "2014-12-31", doneOn: null, outcome: "moved", movedTo: "2e kwartaal 2015" },
    ]);
    expect(movedOutOf(a, moves, 2015, "2015-12-31")).toEqual([]);
  });

  it("ignores moves within the year, moves after the day read at, and a milestone moved back into the year", () => {
    const within = action([{ label: "Start", due: "november 2014" }]);
    expect(movedOutOf(within, [{ action: 7, label: "Start", fromText: "maart 2014", toText: "november 2014", at: "2014-02-01T00:00:00Z" }], 2014, "2014-12-31")).toEqual([]);
    const later = action([{ label: "Plan gereed", due: "2e kwartaal 2015" }]);
    const move = { action: 7, label: "Plan gereed", fromText: "4e kwartaal 2014", toText: "2e kwartaal 2015", at: "2015-01-10T00:00:00Z" };
    expect(movedOutOf(later, [move], 2014, "2014-12-31")).toEqual([]);
    const back = action([{ label: "Plan gereed", due: "4e kwartaal 2014" }]);
    const there = { ...move, at: "2014-05-01T00:00:00Z" };
    const andBack = { action: 7, label: "Plan gereed", fromText: "2e kwartaal 2015", toText: "4e kwartaal 2014", at: "2014-06-01T00:00:00Z" };
    expect(movedOutOf(back, [there, andBack], 2014, "2014-12-31")).toEqual([]);
  });
});
