import { data, type AppLoadContext } from "react-router";
import { effectiveAsOf, parseAsOf } from "../../domain/decisions/as-of";
import { calendarDate } from "../../domain/calendar";
import { translator } from "../../lib/i18n/catalogue.server";

/** Today's calendar date in the Netherlands, by the application's clock. */
export function today(context: AppLoadContext): string {
  return calendarDate(context.services.clock.now());
}

export interface AsOf {
  /** The date asked for (YYYY-MM-DD), or null for today. */
  date: string | null;
  /** The date to read categories at: null for the current state (today or later). */
  effective: string | null;
}

/** The page's `?asOf=YYYY-MM-DD`, or a 400 page that explains a malformed or impossible date. */
export function requireAsOf(context: AppLoadContext, request: Request): AsOf {
  const parsed = parseAsOf(new URL(request.url).searchParams);
  if (!parsed.ok) throw data(translator(context.language)("decisions.asOfInvalid", { value: parsed.value }), { status: 400 });
  return { date: parsed.asOf, effective: effectiveAsOf(parsed.asOf, today(context)) };
}
