import { requirePermission } from "../../lib/auth/guards.server";
import { programmeWorkbook, workbookFileName } from "../../lib/workbook.server";
import { requireProgramme } from "../shared/page-data.server";
import { xlsxResponse } from "./workbook.server";
import type { Route } from "./+types/programme-workbook";

/** The programme as an Excel workbook: what its pages show, one sheet per kind of record. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const programme = await requireProgramme(context, params.slug);
  requirePermission(context, request, "programme.read", { programmeId: programme.id });
  const bytes = await programmeWorkbook(context.services.db, programme, context.language);
  if (!bytes) throw new Response("Not found", { status: 404 });
  return xlsxResponse(bytes, workbookFileName(programme.slug, context.language), "private, no-store");
}
