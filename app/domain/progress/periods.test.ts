import { describe, expect, it } from "vitest";
import { addDays, calendarDate, amsterdamMoment, daysBetween, endOfAmsterdamDay, isCalendarDate } from "../calendar";
import {
  checkReportingPeriod,
  comparePeriodsDesc,
  halfYearsUpTo,
  parsePeriod,
  periodOfDate,
  previousPeriod,
} from "./periods";

describe("reporting periods", () => {
  it("reads half years and quarters, and nothing else", () => {
    expect(parsePeriod("2014-H1")).toEqual({
      code: "2014-H1",
      year: 2014,
      kind: "half",
      index: 1,
      start: "2014-01-01",
      end: "2014-06-30",
    });
    expect(parsePeriod(" 2014-h2 ")).toMatchObject({
      code: "2014-H2",
      start: "2014-07-01",
      end: "2014-12-31",
    });
    expect(parsePeriod("2016-Q1")).toMatchObject({
      code: "2016-Q1",
      kind: "quarter",
      start: "2016-01-01",
      end: "2016-03-31",
    });
    expect(parsePeriod("2014-Q4")).toMatchObject({ start: "2014-10-01", end: "2014-12-31" });
    for (const bad of ["2014-H3", "2014-Q5", "2014H1", "14-H1", "2014-S1", "", "2014-H1x", "1800-H1"])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it("finds the period of a date and the one before it", () => {
    expect(periodOfDate("2014-06-30").code).toBe("2014-H1");
    expect(periodOfDate("2014-07-01").code).toBe("2014-H2");
    expect(periodOfDate("2014-05-15", "quarter").code).toBe("2014-Q2");
    expect(previousPeriod(parsePeriod("2014-H1")!).code).toBe("2013-H2");
    expect(previousPeriod(parsePeriod("2014-Q1")!).code).toBe("2013-Q4");
  });

  it("orders later periods first, a quarter after the half it ends", () => {
    const codes = ["2014-H1", "2014-Q2", "2013-H2", "2014-Q1"].map((c) => parsePeriod(c)!);
    expect(codes.sort(comparePeriodsDesc).map((p) => p.code)).toEqual([
      "2014-Q2",
      "2014-H1",
      "2014-Q1",
      "2013-H2",
    ]);
  });

  it("lists the half years a form offers, newest first", () => {
    expect(halfYearsUpTo({ start: 2013, end: 2015 }, "2014-08-01").map((p) => p.code)).toEqual([
      "2014-H2",
      "2014-H1",
      "2013-H2",
      "2013-H1",
    ]);
  });

  it("refuses malformed, pre-programme and future periods with their own message", () => {
    const programme = { start: 2013, end: 2015 };
    expect(checkReportingPeriod("2014-H1", programme, "2014-06-01")).toMatchObject({ ok: true });
    expect(checkReportingPeriod("2014-H2", programme, "2014-06-01")).toEqual({
      ok: false,
      error: { key: "progress.periodFuture" },
    });
    expect(checkReportingPeriod("2012-H2", programme, "2014-06-01")).toEqual({
      ok: false,
      error: { key: "progress.periodBeforeProgramme", params: { param: 2013 } },
    });
    expect(checkReportingPeriod("eerste helft", programme, "2014-06-01")).toEqual({
      ok: false,
      error: { key: "progress.periodMalformed" },
    });
  });
});

describe("the calendar in Amsterdam", () => {
  it("knows which dates exist", () => {
    expect(isCalendarDate("2016-02-29")).toBe(true);
    expect(isCalendarDate("2014-02-29")).toBe(false);
    expect(isCalendarDate("2014-6-1")).toBe(false);
  });

  it("counts days across month and year ends", () => {
    expect(addDays("2014-06-30", 7)).toBe("2014-07-07");
    expect(addDays("2014-12-28", 7)).toBe("2015-01-04");
    expect(addDays("2014-03-01", -1)).toBe("2014-02-28");
    expect(daysBetween("2014-06-23", "2014-06-30")).toBe(7);
  });

  it("turns Amsterdam wall-clock times into moments in winter and summer time, and back", () => {
    expect(amsterdamMoment("2014-06-30", 9).toISOString()).toBe("2014-06-30T07:00:00.000Z");
    expect(amsterdamMoment("2014-12-01", 9).toISOString()).toBe("2014-12-01T08:00:00.000Z");
    // The clocks go forward at 2:00 on 30 March 2014: nine o'clock is already summer time.
    expect(amsterdamMoment("2014-03-30", 9).toISOString()).toBe("2014-03-30T07:00:00.000Z");
    expect(endOfAmsterdamDay("2014-07-14").toISOString()).toBe("2014-07-14T22:00:00.000Z");
    expect(calendarDate(new Date("2014-06-30T22:30:00.000Z"))).toBe("2014-07-01");
    expect(calendarDate(new Date("2014-06-30T21:59:00.000Z"))).toBe("2014-06-30");
  });
});
