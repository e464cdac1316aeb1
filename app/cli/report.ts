import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { createActionRepository } from "../db/action.repository";
import { createDecisionRepository } from "../db/decision.repository";
import { createMonitorRepository } from "../db/monitor.repository";
import { createProgrammeRepository } from "../db/programme.repository";
import { createProgressReadModel } from "../db/progress.read-model";
import { createReportRepository } from "../db/report.repository";
import { calendarDate } from "../domain/calendar";
import { parseReportYear } from "../domain/reports/report-record";
import { systemClock } from "../domain/time";
import { isLanguage, type Language } from "../lib/i18n";
import { annualProgrammeDocument } from "../lib/reports/annual-programme-document.server";
import { programmeYear, readAnnualProgramme } from "../lib/reports/annual-programme.server";
import { readAnnualReport, reportableYear } from "../lib/reports/annual-report.server";
import { annualReportDocument } from "../lib/reports/report-document.server";
import { renderDocx } from "../lib/reports/report-docx.server";
import { renderHtml } from "../lib/reports/report-html.server";
import { renderPdf } from "../lib/reports/report-pdf.server";
import { CliError, type CliContext } from "./context";

const FORMATS = ["docx", "pdf", "html"] as const;
type Format = (typeof FORMATS)[number];

/** One step of four on standard error, so that the file (or a pipe) on standard output stays clean. */
function progress(ctx: CliContext, step: number, text: string): void {
  const width = 20;
  const done = Math.round((step / 4) * width);
  ctx.err(`[${"#".repeat(done)}${".".repeat(width - done)}] ${step}/4 ${text}`);
}

/** `regie report annual|programme --year 2014 --format docx|pdf|html --out FILE [--programme SLUG] [--lang nl|en]`. */
export async function reportCommand(
  ctx: CliContext,
  options: { kind?: string; year?: string; format?: string; out?: string; programme?: string; lang?: string },
): Promise<number> {
  const t = ctx.t;
  if (options.kind !== "annual" && options.kind !== "programme") throw new CliError(`${t("reportCli.unknownKind", { kind: options.kind ?? "" })}\n\n${t("reportCli.usage")}`, 2);
  if (!FORMATS.includes(options.format as Format)) throw new CliError(t("reportCli.badFormat"), 2);
  const format = options.format as Format;
  if (!options.out) throw new CliError(t("reportCli.missingOut"), 2);
  if (options.lang !== undefined && !isLanguage(options.lang)) throw new CliError(t("reportCli.badLanguage"), 2);
  const language: Language = options.lang ?? "nl";
  const year = parseReportYear(options.year ?? "");
  if (year === null) throw new CliError(t("reportCli.badYear"), 2);

  const db = await ctx.openDb();
  const programmes = createProgrammeRepository(db);
  progress(ctx, 1, t("reportCli.step_read"));
  const slug = options.programme ?? (await programmes.defaultSlug());
  const programme = slug ? await programmes.get(slug) : undefined;
  if (!programme) throw new CliError(t("reportCli.programmeNotFound", { slug: slug ?? "" }));
  const allowed = options.kind === "programme" ? programmeYear(programme, year) : reportableYear(programme, year, calendarDate(systemClock.now()));
  if (!allowed) throw new CliError(t("reportCli.badYear"), 2);
  const readers = {
    actions: createActionRepository(db),
    reports: createReportRepository(db),
    decisions: createDecisionRepository(db),
    monitor: createMonitorRepository(db),
    progressViews: createProgressReadModel(db),
    clock: systemClock,
  };
  progress(ctx, 2, t("reportCli.step_assemble"));
  const { document, final } =
    options.kind === "programme"
      ? await readAnnualProgramme(readers, programme, year).then((v) => ({ document: annualProgrammeDocument(v.model, language, v.final), final: v.final }))
      : await readAnnualReport(readers, programme, year, language).then((v) => ({ document: annualReportDocument(v.model, language, v.final), final: v.final }));
  progress(ctx, 3, t("reportCli.step_render", { format }));
  const bytes = format === "docx" ? await renderDocx(document) : format === "pdf" ? await renderPdf(document) : Buffer.from(renderHtml(document), "utf8");
  progress(ctx, 4, t("reportCli.step_write"));
  writeFileSync(options.out, bytes);
  ctx.out(
    t(options.kind === "programme" ? "reportCli.writtenProgramme" : "reportCli.written", {
      year,
      slug: programme.slug,
      file: relative(process.cwd(), options.out) || options.out,
      size: Math.max(1, Math.round(bytes.length / 1024)),
      final: final ? t(options.kind === "programme" ? "reportCli.adopted" : "reportCli.final") : "",
    }),
  );
  return 0;
}
