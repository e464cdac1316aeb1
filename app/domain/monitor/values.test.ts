import { describe, expect, it } from "vitest";
import { readStatus, readV4Value, readValueText, statusFromDescription, worstStatus } from "./values";

describe("CBS values and special values", () => {
  it("reads numbers as CBS writes them (right-aligned, decimal point)", () => {
    expect(readValueText("  1591.8")).toEqual({ ok: true, value: 1591.8, valueAttribute: "None" });
    expect(readValueText(" 3563935")).toEqual({ ok: true, value: 3563935, valueAttribute: "None" });
    expect(readValueText("-657")).toEqual({ ok: true, value: -657, valueAttribute: "None" });
    expect(readValueText("12,5", { decimalComma: true })).toEqual({ ok: true, value: 12.5, valueAttribute: "None" });
    expect(readValueText("12,5")).toEqual({ ok: false, reason: "not-a-number" });
  });

  it("turns CBS symbols into no value with the reason", () => {
    expect(readValueText("       .")).toEqual({ ok: true, value: null, valueAttribute: "Missing" });
    expect(readValueText("x")).toEqual({ ok: true, value: null, valueAttribute: "Confidential" });
    expect(readValueText("")).toEqual({ ok: true, value: null, valueAttribute: "Empty" });
    expect(readValueText("   ")).toEqual({ ok: true, value: null, valueAttribute: "Empty" });
    expect(readValueText("-")).toEqual({ ok: true, value: 0, valueAttribute: "Nil" });
    expect(readValueText("Impossible")).toEqual({ ok: true, value: null, valueAttribute: "Impossible" });
    expect(readValueText("confidential")).toEqual({ ok: true, value: null, valueAttribute: "Confidential" });
  });

  it("refuses what is not a number", () => {
    for (const bad of ["abc", "1.2.3", "12a", "NaN", "Infinity", "1e999"]) expect(readValueText(bad).ok, bad).toBe(false);
  });

  it("keeps v4 value attributes, and gives a reason to every null", () => {
    expect(readV4Value(230194, "None")).toEqual({ ok: true, value: 230194, valueAttribute: "None" });
    expect(readV4Value(null, "Impossible")).toEqual({ ok: true, value: null, valueAttribute: "Impossible" });
    expect(readV4Value(null, "Confidential")).toEqual({ ok: true, value: null, valueAttribute: "Confidential" });
    expect(readV4Value(null, "None")).toEqual({ ok: true, value: null, valueAttribute: "Missing" });
    expect(readV4Value(null, undefined)).toEqual({ ok: true, value: null, valueAttribute: "Missing" });
    expect(readV4Value("12", "None")).toEqual({ ok: true, value: 12, valueAttribute: "None" });
    expect(readV4Value("twelve", "None").ok).toBe(false);
    expect(readV4Value({}, "None").ok).toBe(false);
  });

  it("reads statuses in CBS's Dutch and Regie's English", () => {
    expect(readStatus("Definitief")).toBe("final");
    expect(readStatus("Voorlopig")).toBe("provisional");
    expect(readStatus("Nader voorlopig")).toBe("revised-provisional");
    expect(readStatus("revised-provisional")).toBe("revised-provisional");
    expect(readStatus("")).toBe("final");
    expect(readStatus("maybe")).toBeUndefined();
    expect(statusFromDescription("Cijfers over 2025 zijn voorlopig.")).toBe("provisional");
    expect(statusFromDescription("nader voorlopige cijfers")).toBe("revised-provisional");
    expect(statusFromDescription("")).toBeUndefined();
    expect(worstStatus("final", "provisional")).toBe("provisional");
    expect(worstStatus("revised-provisional", "final")).toBe("revised-provisional");
  });
});
