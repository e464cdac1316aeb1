import { historyFilter } from "../../domain/admin/history-filter";
import { requireAdmin } from "./admin.server";
import { historyCsv } from "../../presenters/history";
import { translator } from "../../lib/i18n/catalogue.server";
import type { Route } from "./+types/admin-history-csv";

const BATCH = 1000;

/** The whole history (or one kind of record) as CSV for Dutch Excel: UTF-8 with BOM, `;`, formulas neutralised. */
export async function loader({ context, request }: Route.LoaderArgs) {
  requireAdmin(context, request, "history.readAll");
  const type = historyFilter(new URL(request.url).searchParams.get("type"));
  const entries = [];
  for (let offset = 0; ; offset += BATCH) {
    const { data } = await context.services.history.list({ limit: BATCH, offset, entityType: type });
    entries.push(...data);
    if (data.length < BATCH) break;
  }
  const body = historyCsv(entries, translator(context.language));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="regie-history-${type ?? "all"}-${stamp}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
