import { describe, expect, it } from "vitest";
import { comparePeriods, fillPeriods, looksLikePeriodCode, nextPeriod, parsePeriod, periodLabel } from "./periods";

describe("CBS period codes", () => {
  it("reads a year, a quarter and a month", () => {
    expect(parsePeriod("2013JJ00")).toEqual({
      code: "2013JJ00",
      kind: "year",
      year: 2013,
      number: 0,
      start: "2013-01-01",
      end: "2013-12-31",
      label: { nl: "2013", en: "2013" },
    });
    expect(parsePeriod("2014KW02")).toMatchObject({ kind: "quarter", year: 2014, number: 2, start: "2014-04-01", end: "2014-06-30" });
    expect(parsePeriod("2014KW02")!.label).toEqual({ nl: "2e kwartaal 2014", en: "2014 Q2" });
    expect(parsePeriod("2014MM03")).toMatchObject({ kind: "month", year: 2014, number: 3, start: "2014-03-01", end: "2014-03-31" });
    expect(parsePeriod("2014MM03")!.label).toEqual({ nl: "maart 2014", en: "March 2014" });
    expect(parsePeriod("2016MM02")!.end).toBe("2016-02-29");
    expect(parsePeriod("2014KW04")!.end).toBe("2014-12-31");
  });

  it("trims and upper-cases, and refuses what is not a year, quarter or month", () => {
    expect(parsePeriod(" 2013jj00 ")?.code).toBe("2013JJ00");
    for (const bad of ["2013", "2013JJ01", "2014KW05", "2014KW00", "2014MM13", "2014MM00", "2013X000", "2013HJ01", "JJ00", ""]) {
      expect(parsePeriod(bad), bad).toBeUndefined();
    }
    expect(looksLikePeriodCode("2013X000")).toBe(true);
    expect(looksLikePeriodCode("2013")).toBe(false);
  });

  it("orders, steps and fills periods so that missing ones keep their place", () => {
    expect(nextPeriod(parsePeriod("2014KW04")!).code).toBe("2015KW01");
    expect(nextPeriod(parsePeriod("2014MM12")!).code).toBe("2015MM01");
    const filled = fillPeriods(["2017JJ00", "2013JJ00", "2015JJ00"].map((c) => parsePeriod(c)!));
    expect(filled.map((p) => p.code)).toEqual(["2013JJ00", "2014JJ00", "2015JJ00", "2016JJ00", "2017JJ00"]);
    const sorted = ["2014MM01", "2014JJ00", "2013KW04"].map((c) => parsePeriod(c)!).sort(comparePeriods);
    expect(sorted.map((p) => p.code)).toEqual(["2013KW04", "2014JJ00", "2014MM01"]);
    expect(periodLabel("2013JJ00", "en")).toBe("2013");
    expect(periodLabel("nonsense", "nl")).toBe("nonsense");
  });
});
