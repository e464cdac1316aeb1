/**
 * Shares of a total in steps of 5 %, adding up to exactly 100, for the width classes the stylesheet
 * offers (`regie-w-0` … `regie-w-100`; no inline styles under the Content-Security-Policy). Largest
 * remainder rounding; a part with a count above zero keeps at least one step so it stays visible.
 */
export function fivePercentSteps(counts: readonly number[]): number[] {
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum <= 0) return counts.map(() => 0);
  const exact = counts.map((n) => (n / sum) * 20);
  const steps = counts.map((n, i) => (n > 0 ? Math.max(1, Math.floor(exact[i]!)) : 0));
  let left = 20 - steps.reduce((a, b) => a + b, 0);
  const byRemainder = counts
    .map((n, i) => ({ i, n, r: exact[i]! - steps[i]! }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) steps[byRemainder[k % byRemainder.length]!.i]! += 1;
  while (left < 0) {
    const largest = steps.indexOf(Math.max(...steps));
    steps[largest]! -= 1;
    left++;
  }
  return steps.map((s) => s * 5);
}
