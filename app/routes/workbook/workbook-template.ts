import { templateWorkbook } from "../../lib/workbook.server";
import { xlsxResponse } from "./workbook.server";
import type { Route } from "./+types/workbook-template";

/** The blank template a new programme is filled in on. */
export async function loader({ context }: Route.LoaderArgs) {
  const bytes = await templateWorkbook(context.language);
  return xlsxResponse(bytes, context.language === "en" ? "regie-programme-template.xlsx" : "regie-programmasjabloon.xlsx", "public, max-age=3600");
}
