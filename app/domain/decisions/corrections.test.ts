import { describe, expect, it } from "vitest";
import { baselineOf, before, categoryBefore, categoryOn, type ChainLink } from "./corrections";

const link = (decisionId: number, decidedOn: string, from: number | null, to: number | null): ChainLink => ({
  decisionId,
  decidedOn,
  from,
  to,
});

// Action 5: no category, 3 when the programme was adopted, 2 in March, 1 in June (recorded before March's).
const chain = [link(2, "2013-10-14", null, 3), link(9, "2014-03-01", 3, 2), link(7, "2014-06-01", 2, 1)];

describe("an action's categories from its decisions", () => {
  it("orders by date, then by the order recorded", () => {
    expect(before(link(9, "2014-03-01", 3, 2), link(7, "2014-06-01", 2, 1))).toBe(true);
    expect(before(link(4, "2014-03-01", 3, 2), link(5, "2014-03-01", 2, 1))).toBe(true);
    expect(before(link(5, "2014-03-01", 3, 2), link(4, "2014-03-01", 2, 1))).toBe(false);
  });

  it("reads the category on a date from the newest decision on or before it, the baseline before any", () => {
    expect(categoryOn(chain, "2013-10-13", null)).toBeNull();
    expect(categoryOn(chain, "2013-10-14", null)).toBe(3);
    expect(categoryOn(chain, "2014-03-15", null)).toBe(2);
    expect(categoryOn(chain, "2026-01-01", null)).toBe(1);
    expect(categoryOn([], "2026-01-01", 4)).toBe(4);
    // A decision dated after the day does not count yet.
    expect(categoryOn([...chain, link(12, "2030-01-01", 1, 4)], "2026-01-01", null)).toBe(1);
  });

  it("takes the baseline from the oldest decision's `from`, or the category now when there is none", () => {
    expect(baselineOf(chain, 1)).toBeNull();
    expect(baselineOf([link(4, "2014-01-01", 3, 2)], 2)).toBe(3);
    expect(baselineOf([], 2)).toBe(2);
  });

  it("finds the category just before a decision, leaving that decision out", () => {
    expect(categoryBefore(chain, { decidedOn: "2014-03-01", decisionId: 9 }, null)).toBe(3);
    // Moved after June, the March decision follows the June one.
    expect(categoryBefore(chain, { decidedOn: "2014-09-01", decisionId: 9 }, null)).toBe(1);
    // The oldest decision has the baseline before it.
    expect(categoryBefore(chain, { decidedOn: "2013-10-14", decisionId: 2 }, null)).toBeNull();
    // On the same day, decisions recorded earlier come first.
    expect(categoryBefore([link(3, "2014-03-01", 3, 4)], { decidedOn: "2014-03-01", decisionId: 9 }, 3)).toBe(
      4,
    );
    expect(
      categoryBefore([link(10, "2014-03-01", 3, 4)], { decidedOn: "2014-03-01", decisionId: 9 }, 3),
    ).toBe(3);
  });
});
