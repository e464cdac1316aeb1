import type { TFunction } from "i18next";
import type { BlockReason, RiskFlag } from "../../domain/progress/dependencies";
import type { DashboardStatus } from "../../domain/progress/rollup";

/** Words for the dashboard, the timeline and the graphs, shared by their pages (React-free). */

// Intl formatters are costly to make: one per language, made once.
const listFormats = new Map<string, Intl.ListFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "11 en 12", "21, 22 en 23" (or "11 and 12"), in the page's language. */
export function listNumbers(numbers: readonly number[], language: string): string {
  const locale = language === "en" ? "en" : "nl";
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
    listFormats.set(locale, format);
  }
  return format.format(numbers.map(String));
}

export function statusLabel(t: TFunction, status: DashboardStatus): string {
  return t(`progressViews.status_${status}`);
}

export function reasonLabel(t: TFunction, reason: BlockReason): string {
  return t(`progressViews.reason_${reason}`);
}

/** "Risico door actie 10 (vertraagd)", with "via actie 11" when the chain is longer. */
export function riskFlagText(t: TFunction, flag: RiskFlag, language: string): string {
  const reason = reasonLabel(t, flag.reason);
  return flag.via.length > 0
    ? t("progressViews.flagTextVia", { through: flag.through, reason, via: listNumbers(flag.via, language) })
    : t("progressViews.flagText", { through: flag.through, reason });
}

/** A reporting period in words: "2014-H1" → "eerste helft 2014"; unknown shapes are shown as they are. */
export function formatPeriod(t: TFunction, period: string): string {
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half)
    return t(half[2] === "1" ? "progressViews.periodH1" : "progressViews.periodH2", { year: half[1] });
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return t("progressViews.periodQuarter", { year: quarter[1], quarter: quarter[2] });
  if (/^\d{4}$/.test(period)) return t("progressViews.periodYear", { year: period });
  return period;
}

/** A calendar date ("2014-03-31") written out in the page's language, without any time zone shift. */
export function formatDay(iso: string, language: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  const locale = language === "en" ? "en-GB" : "nl-NL";
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}
