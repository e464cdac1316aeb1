import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db/database";
import { fetchMonitorTable, importMonitorFile, type MonitorImportResult } from "../db/monitor-files";
import { importIndicatorDefinitions, MonitorImportError } from "../db/monitor-import";
import { createProgrammeRepository } from "../db/programme.repository";
import { isCalendarDate } from "../domain/calendar";
import { DEFAULT_CBS_ODATA_URL } from "../domain/monitor/cbs-api";
import { monitorDefinitionFileSchema } from "../domain/monitor/indicator-definition";
import { describeLocation, type MonitorIssue } from "../domain/monitor/issues";
import { readPeriodStatuses, type PeriodStatuses } from "../domain/monitor/parse-files";
import { parsePeriod } from "../domain/monitor/periods";
import { decodeText, isDefinitionsJson, parseJson } from "../domain/monitor/read-file";
import { readEnv } from "../lib/env.server";
import { CliError, type CliContext } from "./context";

function issueLine(ctx: CliContext, issue: MonitorIssue): string {
  const params = issue.params.count !== undefined ? { ...issue.params, count: Number(issue.params.count) } : issue.params;
  const message = ctx.t(`monitorIssue.${issue.code}`, params);
  const where = describeLocation(issue.location, ctx.language);
  return where ? `${where}: ${message}` : message;
}

async function programmeOf(ctx: CliContext, db: Db, slug: string | undefined): Promise<{ id: number; slug: string }> {
  const repo = createProgrammeRepository(db);
  const wanted = slug ?? (await repo.defaultSlug());
  const programme = wanted ? await repo.get(wanted) : undefined;
  if (!programme) throw new CliError(ctx.t("monitor.cli.programmeNotFound", { slug: wanted ?? "" }));
  return { id: programme.id, slug: programme.slug };
}

function printResult(ctx: CliContext, result: MonitorImportResult, source: string, db: Db, dryRun: boolean, names?: Map<string, string>): number {
  const { t } = ctx;
  if (!result.ok) {
    ctx.err(t("monitor.cli.refused", { source }));
    for (const issue of result.issues) ctx.err(`  ${issueLine(ctx, issue)}`);
    return 1;
  }
  ctx.out(
    dryRun
      ? t("monitor.cli.dryRun", { source })
      : t("monitor.cli.imported", { source, database: db.description, format: result.format, table: result.table ? `, ${result.table}` : "" }),
  );
  for (const p of result.report.perIndicator) ctx.out(`  ${t("monitor.cli.counts", { what: names?.get(p.indicator) ?? p.indicator, ...p })}`);
  ctx.out(`  ${t("monitor.cli.counts", { what: t("monitor.cli.total"), ...result.report })}`);
  ctx.out(t("monitor.cli.attribution", { attribution: result.attribution }));
  for (const w of result.issues) ctx.out(t("monitor.cli.warning", { message: issueLine(ctx, w) }));
  return 0;
}

/** A CBS capture folder (index.json with observationPages, codes-Perioden.json): its pages as one v4 answer. */
function readCaptureFolder(dir: string): { json: string; periodStatuses?: PeriodStatuses; retrievedAt: string | null; name: string } {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as { observationPages?: string[]; capturedAt?: string; source?: string; tableId?: string };
  const pages = (index.observationPages ?? ["observations-page-1.json"]).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { "@odata.context"?: string; value?: unknown[] });
  const joined = { "@odata.context": pages[0]?.["@odata.context"], value: pages.flatMap((p) => p.value ?? []) };
  const codes = join(dir, "codes-Perioden.json");
  return {
    json: JSON.stringify(joined),
    periodStatuses: existsSync(codes) ? readPeriodStatuses(JSON.parse(readFileSync(codes, "utf8"))) : undefined,
    retrievedAt: index.capturedAt ?? null,
    name: index.source ?? dir,
  };
}

/** `regie import-monitor FILE [--indicator ID] [--table T] [--retrieved DATE] [--programme SLUG] [--dry-run]`. */
export async function importMonitorCommand(
  ctx: CliContext,
  options: { file?: string; indicator?: string; table?: string; retrieved?: string; programme?: string; dryRun: boolean },
): Promise<number> {
  const { t } = ctx;
  const usage = t("monitor.cli.usage", { url: DEFAULT_CBS_ODATA_URL });
  const file = options.file;
  if (!file) throw new CliError(`${t("cli.missingFile")}\n\n${usage}`, 2);
  if (options.retrieved !== undefined && !isCalendarDate(options.retrieved)) {
    throw new CliError(t("monitor.cli.badDate"), 2);
  }
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new CliError(t("cli.fileNotFound", { file }));
  }
  let bytes: Uint8Array | string;
  let periodStatuses: PeriodStatuses | undefined;
  let retrievedAt: string | null = options.retrieved ? `${options.retrieved}T00:00:00.000Z` : new Date().toISOString();
  let sourceName = file;
  if (stat.isDirectory()) {
    if (!existsSync(join(file, "index.json"))) throw new CliError(t("cli.fileNotFound", { file: join(file, "index.json") }));
    const capture = readCaptureFolder(file);
    bytes = capture.json;
    periodStatuses = capture.periodStatuses;
    if (!options.retrieved && capture.retrievedAt) retrievedAt = capture.retrievedAt;
    sourceName = capture.name;
  } else {
    const maxMb = readEnv().MAX_UPLOAD_MB;
    if (stat.size > maxMb * 1024 * 1024) throw new CliError(t("cli.fileTooLarge", { file, mb: maxMb }));
    bytes = readFileSync(file);
  }

  // An indicator definitions file (JSON with "indicators") updates the indicators themselves.
  const text = typeof bytes === "string" ? bytes : decodeText(bytes);
  const trimmed = text?.trimStart() ?? "";
  if (trimmed.startsWith("{")) {
    const parsed = parseJson(text!);
    if (parsed.ok && isDefinitionsJson(parsed.value)) return importDefinitions(ctx, file, parsed.value, options.dryRun);
  }

  const db = await ctx.openDb();
  const programme = await programmeOf(ctx, db, options.programme);
  const result = await importMonitorFile(db, {
    programmeId: programme.id,
    bytes,
    fileName: file,
    indicator: options.indicator,
    table: options.table,
    periodStatuses,
    channel: "cli",
    retrievedAt,
    sourceName,
    dryRun: options.dryRun,
  });
  return printResult(ctx, result, file, db, options.dryRun);
}

async function importDefinitions(ctx: CliContext, file: string, json: unknown, dryRun: boolean): Promise<number> {
  const { t } = ctx;
  const parsed = monitorDefinitionFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 30).map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new CliError([t("monitor.cli.invalidDefinitions", { file }), ...lines].join("\n"));
  }
  const db = await ctx.openDb();
  try {
    const report = await importIndicatorDefinitions(db, parsed.data, { dryRun });
    const counts = { programme: parsed.data.programme, created: report.created.length, updated: report.updated.length, unchanged: report.unchanged.length };
    ctx.out(dryRun ? t("monitor.cli.definitionsDryRun", counts) : t("monitor.cli.definitions", counts));
    if (report.notInFile.length) ctx.out(t("monitor.cli.notInFile", { ids: report.notInFile.join(", ") }));
    return 0;
  } catch (error) {
    if (error instanceof MonitorImportError) {
      throw new CliError(
        error.code === "programme-not-found"
          ? t("monitor.cli.programmeNotFound", { slug: String(error.params.programme) })
          : t("monitor.cli.themeUnknown", error.params),
      );
    }
    throw error;
  }
}

/** `regie fetch-monitor TABLE [--indicator ID] [--since PERIOD] [--programme SLUG] [--dry-run]`, from CBS_ODATA_URL. */
export async function fetchMonitorCommand(
  ctx: CliContext,
  options: { table?: string; indicator?: string; since?: string; programme?: string; dryRun: boolean; fetch?: typeof fetch },
): Promise<number> {
  const { t } = ctx;
  if (!options.table) throw new CliError(`${t("monitor.cli.missingTable")}\n\n${t("monitor.cli.usage", { url: DEFAULT_CBS_ODATA_URL })}`, 2);
  const since = options.since ?? "2013JJ00";
  if (!parsePeriod(since)) throw new CliError(t("monitor.cli.badPeriod"), 2);
  const baseUrl = (process.env.CBS_ODATA_URL?.trim() || DEFAULT_CBS_ODATA_URL).replace(/\/+$/, "");
  const db = await ctx.openDb();
  const programme = await programmeOf(ctx, db, options.programme);
  ctx.out(t("monitor.cli.fetching", { url: `${baseUrl}/${options.table}` }));
  const result = await fetchMonitorTable(db, {
    programmeId: programme.id,
    table: options.table,
    baseUrl,
    indicator: options.indicator,
    since,
    dryRun: options.dryRun,
    fetch: options.fetch,
  });
  return printResult(ctx, result, result.url ?? `${baseUrl}/${options.table}`, db, options.dryRun);
}

