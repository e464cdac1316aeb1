import { describe, expect, it } from "vitest";
import { EMPTY_PLAN, missingForSubmit, PLAN_FIELD_MAX, readPlanDecision, readPlanForm } from "./plan-input";

const full = { aim: "Doel", approach: "Aanpak", deliverables: "Rapport", milestones: "Q2 2014", budget: "€ 10.000", capacity: "0,2 fte", risks: "Weinig animo" };

describe("reading the plan form", () => {
  it("takes seven texts, normalises line ends and outer space, and reads a new or existing base", () => {
    expect(readPlanForm({ ...full, aim: "  Eén\r\ntwee\r\n ", versionNo: "", version: "" })).toEqual({
      ok: true,
      value: { fields: { ...full, aim: "Eén\ntwee" }, base: null },
    });
    expect(readPlanForm({ ...full, versionNo: "2", version: "5" })).toEqual({ ok: true, value: { fields: full, base: { versionNo: 2, version: 5 } } });
  });

  it("accepts a draft with empty parts", () => {
    const read = readPlanForm({ ...EMPTY_PLAN, aim: "Alleen een doel", versionNo: "", version: "" });
    expect(read.ok).toBe(true);
  });

  it("refuses a part over its maximum, naming the maximum, and accepts exactly the maximum", () => {
    for (const [field, max] of Object.entries(PLAN_FIELD_MAX)) {
      expect(readPlanForm({ ...full, [field]: "x".repeat(max), versionNo: "", version: "" }).ok, field).toBe(true);
      expect(readPlanForm({ ...full, [field]: "x".repeat(max + 1), versionNo: "", version: "" })).toEqual({ ok: false, errors: { [field]: { key: "edit.tooLong", params: { param: max } } } });
    }
  });

  it("refuses a form that lacks a part or carries a malformed base", () => {
    const { risks: _risks, ...withoutRisks } = full;
    expect(readPlanForm({ ...withoutRisks, versionNo: "", version: "" })).toEqual({ ok: false, errors: { risks: { key: "plans.fieldMissing" } } });
    for (const base of [{ versionNo: "1", version: "" }, { versionNo: "x", version: "1" }, { versionNo: "-1", version: "2" }, { versionNo: "1".repeat(7), version: "1" }, {}]) {
      expect(readPlanForm({ ...full, ...base }), JSON.stringify(base)).toEqual({ ok: false, errors: { form: { key: "plans.staleForm" } } });
    }
  });
});

describe("reading a decision", () => {
  it("reads submit, approve and return with their version and note", () => {
    expect(readPlanDecision({ intent: "submit", versionNo: "1", version: "3" })).toEqual({ ok: true, value: { intent: "submit", versionNo: 1, version: 3, note: null } });
    expect(readPlanDecision({ intent: "return", versionNo: "2", version: "1", note: " Te vaag\r\n" })).toEqual({
      ok: true,
      value: { intent: "return", versionNo: 2, version: 1, note: "Te vaag" },
    });
  });

  it("refuses an unknown intent, a missing version and an oversized note", () => {
    expect(readPlanDecision({ intent: "delete", versionNo: "1", version: "1" })).toEqual({ ok: false, errors: { intent: { key: "plans.unknownIntent" } } });
    expect(readPlanDecision({ intent: "approve", versionNo: "1" })).toEqual({ ok: false, errors: { form: { key: "plans.staleForm" } } });
    expect(readPlanDecision({ intent: "approve", versionNo: "1", version: "1", note: "x".repeat(2001) })).toEqual({ ok: false, errors: { note: { key: "edit.tooLong", params: { param: 2000 } } } });
  });
});

describe("what a plan needs before it is submitted", () => {
  it("names every empty part, in form order", () => {
    expect(missingForSubmit(full)).toEqual([]);
    expect(missingForSubmit({ ...full, budget: " ", aim: "" })).toEqual(["aim", "budget"]);
    expect(missingForSubmit(EMPTY_PLAN)).toEqual(["aim", "approach", "deliverables", "milestones", "budget", "capacity", "risks"]);
  });
});
