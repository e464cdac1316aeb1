import { describe, expect, it } from "vitest";
import { categoryAsOf, chronological, type CategoryChange } from "./category-history";

const change = (id: number, decidedOn: string, from: number | null, to: number): CategoryChange => ({ decidedOn, decision: { id, title: `Besluit ${id}` }, from, to, source: "steering-group" });

describe("an action's category as of a date", () => {
  // The default programme's action 5: provisionally 3 with the programme, later moved to 2.
  const history = [change(2, "2013-10-14", null, 3), change(7, "2014-06-30", 3, 2)];

  it("has no category before any decision", () => {
    expect(categoryAsOf(history, "2013-10-13")).toBeNull();
    expect(categoryAsOf([], "2030-01-01")).toBeNull();
  });

  it("takes the latest decision on or before the date, the date itself included", () => {
    expect(categoryAsOf(history, "2013-10-14")).toBe(3);
    expect(categoryAsOf(history, "2014-01-01")).toBe(3);
    expect(categoryAsOf(history, "2014-06-29")).toBe(3);
    expect(categoryAsOf(history, "2014-06-30")).toBe(2);
    expect(categoryAsOf(history, "2099-12-31")).toBe(2);
  });

  it("does not depend on the order the changes are given in", () => {
    expect(categoryAsOf([...history].reverse(), "2014-01-01")).toBe(3);
    expect(categoryAsOf([...history].reverse(), "2015-01-01")).toBe(2);
  });

  it("on one day, takes the decision recorded last", () => {
    const sameDay = [change(9, "2014-06-30", 2, 4), change(8, "2014-06-30", 3, 2), change(2, "2013-10-14", null, 3)];
    expect(categoryAsOf(sameDay, "2014-06-30")).toBe(4);
    expect(chronological(sameDay).map((c) => c.decision.id)).toEqual([2, 8, 9]);
  });
});
