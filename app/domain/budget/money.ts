/**
 * Money and capacity as whole numbers (decision 0023): euro amounts in cents, capacity in hundredths
 * of an hour or FTE. Sums of whole numbers are exact, where sums of binary fractions drift
 * (0.1 + 0.2), and both databases store them the same way.
 */

/** The largest amount one line may hold: € 100.000.000,00. Far above any programme's budget, and sums stay exact in a double. */
export const MAX_AMOUNT_CENTS = 10_000_000_000;
/** The largest capacity one commitment may hold: 100.000 hours (or FTE), in hundredths. */
export const MAX_CAPACITY_HUNDREDTHS = 10_000_000;

export type AmountError = "budget.amountInvalid" | "budget.amountTooPrecise" | "budget.amountNegative" | "budget.amountTooLarge" | "budget.amountZero";

const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const GROUPED_EN = /^\d{1,3}(?:,\d{3})+$/;

/**
 * Reads a decimal text as hundredths: "12.500,00" (Dutch), "12,500.00" (English), "12500", "12500.5"
 * and "€ 12.500" all work. A single dot before exactly three digits is a thousands separator, as in
 * Dutch ("12.500" is twelve thousand five hundred); a single comma before three digits would be three
 * decimals and is refused, as are negatives and amounts above `max`.
 */
export function parseHundredths(raw: string, max: number): { ok: true; value: number } | { ok: false; error: AmountError } {
  let s = raw.replace(/[\s\u00a0\u202f]/g, "").replace(/^€/, "").replace(/^EUR/i, "");
  if (s.startsWith("-") || s.startsWith("−")) return { ok: false, error: "budget.amountNegative" };
  if (s.startsWith("+")) s = s.slice(1);
  if (s === "" || !/^[\d.,]+$/.test(s)) return { ok: false, error: "budget.amountInvalid" };
  let whole: string;
  let fraction = "";
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one separates the decimals, the other groups thousands.
    const decimal = lastComma > lastDot ? "," : ".";
    const at = Math.max(lastComma, lastDot);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!(decimal === "," ? GROUPED : GROUPED_EN).test(whole) && !/^\d+$/.test(whole)) return { ok: false, error: "budget.amountInvalid" };
    whole = whole.replace(/[.,]/g, "");
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    const parts = s.split(sep);
    if (parts.length > 2 || (sep === "." && parts[1]!.length === 3)) {
      if (!(sep === "." ? GROUPED : GROUPED_EN).test(s)) return { ok: false, error: parts.length === 2 ? "budget.amountTooPrecise" : "budget.amountInvalid" };
      whole = parts.join("");
    } else {
      whole = parts[0]!;
      fraction = parts[1]!;
    }
  } else {
    whole = s;
  }
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return { ok: false, error: "budget.amountInvalid" };
  if (fraction.length > 2) return { ok: false, error: "budget.amountTooPrecise" };
  // Cut leading zeros before the length check, so that "000001" is one and not refused as large.
  const digits = whole.replace(/^0+(?=\d)/, "");
  if (digits.length > 15) return { ok: false, error: "budget.amountTooLarge" };
  const value = Number(digits) * 100 + Number(fraction.padEnd(2, "0"));
  if (value > max) return { ok: false, error: "budget.amountTooLarge" };
  return { ok: true, value };
}

/** Euro cents from a text (see `parseHundredths`), positive and at most € 100 million. */
export function parseAmount(raw: string): { ok: true; cents: number } | { ok: false; error: AmountError } {
  const r = parseHundredths(raw, MAX_AMOUNT_CENTS);
  if (!r.ok) return r;
  if (r.value === 0) return { ok: false, error: "budget.amountZero" };
  return { ok: true, cents: r.value };
}

const money = new Map<string, Intl.NumberFormat>();

/** "€ 12.500,00" in Dutch, "€12,500.00" in English. */
export function formatMoney(cents: number, language: string): string {
  const locale = language === "en" ? "en-GB" : "nl-NL";
  let f = money.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
    money.set(locale, f);
  }
  // Whole euros and cents apart, so that the division never rounds a large amount.
  const sign = cents < 0 ? -1 : 1;
  const abs = Math.abs(cents);
  return f.format(sign * (Math.trunc(abs / 100) + (abs % 100) / 100));
}

/** Hundredths as a plain decimal: "0,5" or "120" in Dutch, "0.5" in English. */
export function formatHundredths(hundredths: number, language: string): string {
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 2 }).format(hundredths / 100);
}

/** Hundredths as form text that `parseHundredths` reads back: "12500,50". */
export function hundredthsFormText(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const rest = hundredths % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, "0")}`;
}

/** Whole-number sum; a guard that nothing fractional slipped in. */
export function sumCents(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new Error(`not a whole amount: ${v}`);
    total += v;
  }
  return total;
}

/** Messages whose parameters (`p0`, `p1`) are amounts in cents. */
const AMOUNT_MESSAGES = new Set(["budget.overAvailable", "budget.overMandate", "budget.overAllocation", "budget.mandateBelowUsed"]);

/** A budget message's amounts written out in a language ("100001" → "€ 1.000,01"), other messages as they are. */
export function withAmounts<M extends { key: string; params?: Record<string, string | number> }>(m: M, language: string): M {
  if (!AMOUNT_MESSAGES.has(m.key) || !m.params) return m;
  const params: Record<string, string | number> = { ...m.params };
  for (const name of ["p0", "p1", "param"]) if (params[name] !== undefined && /^\d+$/.test(String(params[name]))) params[name] = formatMoney(Number(params[name]), language);
  return { ...m, params };
}
