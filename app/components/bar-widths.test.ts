import { describe, expect, it } from "vitest";
import { fivePercentSteps } from "./bar-widths";

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("fivePercentSteps", () => {
  it("adds up to 100 where plain rounding would leave a gap", () => {
    // Theme 1 of Kennis & Werk #071: 2, 5, 2 and 0 actions.
    const widths = fivePercentSteps([2, 5, 2, 0]);
    expect(total(widths)).toBe(100);
    expect(widths[3]).toBe(0);
    expect(widths[1]).toBeGreaterThan(widths[0]!);
  });

  it("keeps a small share visible and still adds up to 100", () => {
    const widths = fivePercentSteps([1, 60, 1, 1]);
    expect(widths.every((w) => w >= 5)).toBe(true);
    expect(total(widths)).toBe(100);
  });

  it("gives nothing for nothing", () => {
    expect(fivePercentSteps([0, 0, 0])).toEqual([0, 0, 0]);
    expect(fivePercentSteps([3])).toEqual([100]);
  });
});
