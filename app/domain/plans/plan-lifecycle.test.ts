import { describe, expect, it } from "vitest";
import { availableCommands, isOpen, transition, type PlanCommand, type PlanHead, type PlanStatus } from "./plan-lifecycle";

const head = (status: PlanStatus, versionNo = 3): PlanHead => ({ versionNo, status });

describe("the plan lifecycle", () => {
  // Every state × every command: what is allowed, what it does, why the rest is refused.
  const table: [PlanHead | null, PlanCommand, string | null, ReturnType<typeof transition>][] = [
    [null, "write", null, { ok: true, effect: "create-version", versionNo: 1, status: "draft" }],
    [null, "submit", null, { ok: false, reason: "noPlan" }],
    [null, "approve", "ok", { ok: false, reason: "noPlan" }],
    [null, "return", "why", { ok: false, reason: "noPlan" }],

    [head("draft"), "write", null, { ok: true, effect: "update-draft", versionNo: 3, status: "draft" }],
    [head("draft"), "submit", null, { ok: true, effect: "set-status", versionNo: 3, from: "draft", status: "submitted" }],
    [head("draft"), "approve", null, { ok: false, reason: "notSubmitted" }],
    [head("draft"), "return", "why", { ok: false, reason: "notSubmitted" }],

    [head("submitted"), "write", null, { ok: false, reason: "submittedReadOnly" }],
    [head("submitted"), "submit", null, { ok: false, reason: "notDraft" }],
    [head("submitted"), "approve", null, { ok: true, effect: "set-status", versionNo: 3, from: "submitted", status: "approved" }],
    [head("submitted"), "approve", "Akkoord, mits kwartaalrapportage", { ok: true, effect: "set-status", versionNo: 3, from: "submitted", status: "approved" }],
    [head("submitted"), "return", "Budget ontbreekt", { ok: true, effect: "set-status", versionNo: 3, from: "submitted", status: "returned" }],
    [head("submitted"), "return", null, { ok: false, reason: "noteRequired" }],
    [head("submitted"), "return", "   \n ", { ok: false, reason: "noteRequired" }],

    [head("approved"), "write", null, { ok: true, effect: "create-version", versionNo: 4, status: "draft" }],
    [head("approved"), "submit", null, { ok: false, reason: "notDraft" }],
    [head("approved"), "approve", null, { ok: false, reason: "notSubmitted" }],
    [head("approved"), "return", "why", { ok: false, reason: "notSubmitted" }],

    [head("returned"), "write", null, { ok: true, effect: "create-version", versionNo: 4, status: "draft" }],
    [head("returned"), "submit", null, { ok: false, reason: "notDraft" }],
    [head("returned"), "approve", null, { ok: false, reason: "notSubmitted" }],
    [head("returned"), "return", "why", { ok: false, reason: "notSubmitted" }],
  ];

  it.each(table)("from %j, %s (note %j) gives %j", (from, command, note, expected) => {
    expect(transition(from, command, note)).toEqual(expected);
  });

  it("covers every status with every command", () => {
    const seen = new Set(table.map(([h, c]) => `${h?.status ?? "none"}:${c}`));
    expect(seen.size).toBe(5 * 4);
  });

  it("offers the commands that would be accepted", () => {
    expect(availableCommands(null)).toEqual(["write"]);
    expect(availableCommands(head("draft"))).toEqual(["write", "submit"]);
    expect(availableCommands(head("submitted"))).toEqual(["approve", "return"]);
    expect(availableCommands(head("approved"))).toEqual(["write"]);
    expect(availableCommands(head("returned"))).toEqual(["write"]);
  });

  it("counts draft and submitted as open, decided versions as closed", () => {
    expect((["draft", "submitted", "approved", "returned"] as const).map(isOpen)).toEqual([true, true, false, false]);
  });
});
