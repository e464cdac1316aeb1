import { describe, expect, it } from "vitest";
import { rollUp, type RollupAction } from "./rollup";

const action = (number: number): RollupAction => ({
  number,
  title: `Actie ${number}`,
  theme: 1,
  category: 2,
  leads: [],
  periodStatus: null,
  latest: null,
  milestones: [],
});

describe("needs attention for a missing update", () => {
  it("counts only the actions the round asked about; an action nobody could be asked is not late", () => {
    const r = rollUp({
      actions: [action(1), action(2), action(3)],
      links: [],
      period: "2014-H1",
      round: true,
      asked: new Set([2]),
      today: "2014-05-01",
    });
    expect(r.attention).toEqual([{ number: 2, title: "Actie 2", status: "none", reasons: [{ kind: "no-update", period: "2014-H1" }] }]);
    // The counts stay the same: all three are still without an update.
    expect(r.total.counts.none).toBe(3);
  });
});
