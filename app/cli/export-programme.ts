import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { exportProgrammeDocument } from "../db/programme-export";
import { dataDir } from "../lib/paths.server";
import { CliError, type CliContext } from "./context";

/** `regie export-programme SLUG [--out FILE]`: the programme's structured form, ready for data/. */
export async function exportProgrammeCommand(ctx: CliContext, options: { slug?: string; out?: string }): Promise<number> {
  if (!options.slug) throw new CliError(ctx.t("cli.missingSlug"), 2);
  const db = await ctx.openDb();
  const doc = await exportProgrammeDocument(db, options.slug);
  if (!doc) throw new CliError(ctx.t("cli.programmeNotFound", { slug: options.slug }));
  const text = JSON.stringify(doc, null, 2) + "\n";
  if (options.out === "-") {
    process.stdout.write(text);
    return 0;
  }
  const file = options.out ?? join(dataDir(), "programmes", `${doc.slug}.json`);
  writeFileSync(file, text);
  ctx.out(ctx.t("cli.exported", { slug: doc.slug, file: relative(process.cwd(), file) || file }));
  return 0;
}
