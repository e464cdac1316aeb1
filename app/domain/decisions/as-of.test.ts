import { describe, expect, it } from "vitest";
import { effectiveAsOf, parseAsOf } from "./as-of";
import { calendarDate, isCalendarDate } from "../calendar";

describe("as-of dates", () => {
  it("accepts dates that exist, written YYYY-MM-DD", () => {
    for (const d of ["2014-01-01", "2013-10-14", "2016-02-29", "2000-02-29", "1999-12-31"]) expect(isCalendarDate(d), d).toBe(true);
  });

  it("refuses impossible and malformed dates", () => {
    for (const d of ["2014-02-30", "2015-02-29", "1900-02-29", "2014-13-01", "2014-00-10", "2014-04-31", "2014-1-1", "14-01-2014", "2014-01-01T00:00", " 2014-01-01", "", "gisteren", "0999-01-01"]) {
      expect(isCalendarDate(d), d).toBe(false);
    }
  });

  it("reads asOf from a query string: absent is today, one date is that date, anything else is refused", () => {
    expect(parseAsOf(new URLSearchParams(""))).toEqual({ ok: true, asOf: null });
    expect(parseAsOf(new URLSearchParams("asOf="))).toEqual({ ok: true, asOf: null });
    expect(parseAsOf(new URLSearchParams("asOf=2014-01-01"))).toEqual({ ok: true, asOf: "2014-01-01" });
    expect(parseAsOf(new URLSearchParams("asOf=2014-02-30"))).toEqual({ ok: false, value: "2014-02-30" });
    expect(parseAsOf(new URLSearchParams("asOf=2014-01-01&asOf=2014-02-01"))).toEqual({ ok: false, value: "2014-01-01, 2014-02-01" });
  });

  it("reads the current state for today and later, the date before today", () => {
    expect(effectiveAsOf("2014-01-01", "2026-05-01")).toBe("2014-01-01");
    expect(effectiveAsOf("2026-04-30", "2026-05-01")).toBe("2026-04-30");
    expect(effectiveAsOf("2026-05-01", "2026-05-01")).toBeNull();
    expect(effectiveAsOf("2030-01-01", "2026-05-01")).toBeNull();
    expect(effectiveAsOf(null, "2026-05-01")).toBeNull();
  });

  it("takes today's date in the Netherlands, not in UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1 in winter).
    expect(calendarDate(new Date("2013-12-31T23:30:00Z"))).toBe("2014-01-01");
    expect(calendarDate(new Date("2014-06-30T21:59:00Z"))).toBe("2014-06-30");
    expect(calendarDate(new Date("2014-06-30T22:00:00Z"))).toBe("2014-07-01");
  });
});
