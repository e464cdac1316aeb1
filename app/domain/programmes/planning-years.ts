/**
 * The years an action's planning text touches, for filtering actions by year.
 * Reads Dutch planning phrases: years, ranges ("2014-2015", "2013-14", "2013 tot 2015"),
 * open starts ("vanaf 2014", "Start 4e kwartaal 2013") and standing activities ("Continu").
 */

// Activities that run for the whole programme period.
const WHOLE_PERIOD =
  /\b(continu\w*|doorlopend\w*|lopende\s+trajecten|lopend|jaarlijks\w*|structureel|permanent|voortdurend)\b/i;

// Years outside this window are not plannable dates (street numbers, amounts) and are ignored.
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

function plausible(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Years named or implied by a planning text, sorted and unique; empty text gives []. */
export function planningYears(planningText: string, period: { start: number; end: number }): number[] {
  const text = planningText.trim();
  if (text.length === 0) return [];
  const years = new Set<number>();
  const add = (list: number[]): void => list.forEach((y) => years.add(y));

  if (WHOLE_PERIOD.test(text)) add(range(period.start, period.end));

  // Ranges first, so that their end points are not read again as open starts.
  let rest = text.replace(
    /\b((?:19|20)\d{2})\s*(?:-|–|—|\/|t\/m|tot en met|tot)\s*((?:19|20)?\d{2})\b/gi,
    (whole, a: string, b: string) => {
      const from = Number(a);
      const to = b.length === 2 ? Math.floor(from / 100) * 100 + Number(b) : Number(b);
      if (!plausible(from) || !plausible(to) || to < from || to - from > 50) return whole;
      add(range(from, to));
      return " ";
    },
  );

  // "vanaf 2014", "Vanaf najaar 2013", "Start 4e kwartaal 2013": from that year to the end of the period.
  rest = rest.replace(
    /\b(?:vanaf|start|gestart|per|met ingang van)\b[^.;\n\d]*?(?:\d{1,2}(?:e|ste|de)?\s+\w+\s+)?((?:19|20)\d{2})\b/gi,
    (whole, a: string) => {
      const from = Number(a);
      if (!plausible(from)) return whole;
      add(range(from, Math.max(from, period.end)));
      return " ";
    },
  );

  // "t/m begin 2014", "tot eind 2014" without a start: from the start of the period.
  rest = rest.replace(
    /\b(?:t\/m|tot en met|tot|uiterlijk)\b[^.;\n\d]*?((?:19|20)\d{2})\b/gi,
    (whole, a: string) => {
      const to = Number(a);
      if (!plausible(to)) return whole;
      add(to >= period.start ? range(period.start, to) : [to]);
      return " ";
    },
  );

  for (const match of rest.matchAll(/\b((?:19|20)\d{2})\b/g)) {
    const year = Number(match[1]);
    if (plausible(year)) years.add(year);
  }
  return [...years].sort((a, b) => a - b);
}
