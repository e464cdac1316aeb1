import type { TFunction } from "i18next";
import { type AppLoadContext } from "react-router";
import { fetchMonitorTable, importMonitorFile, type MonitorImportResult } from "../../db/monitor-files";
import { isCalendarDate } from "../../domain/calendar";
import { DEFAULT_CBS_ODATA_URL } from "../../domain/monitor/cbs-api";
import { cbsKeysOf } from "../../domain/monitor/indicator-definition";
import { importIndicatorDefinitions, MonitorImportError } from "../../db/monitor-import";
import { monitorDefinitionFileSchema } from "../../domain/monitor/indicator-definition";
import { describeLocation, type MonitorIssue } from "../../domain/monitor/issues";
import { decodeText, isDefinitionsJson, parseJson } from "../../domain/monitor/read-file";
import { requirePermission } from "../../lib/auth/guards.server";
import { type Language } from "../../lib/i18n";
import { translator } from "../../lib/i18n/catalogue.server";

/** The CBS OData v4 address: CBS_ODATA_URL, else CBS's own service. */
export function cbsOdataUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.CBS_ODATA_URL?.trim();
  return raw ? raw.replace(/\/+$/, "") : DEFAULT_CBS_ODATA_URL;
}

/** An issue in words of the language, with where it is. */
export function issueText(t: TFunction, issue: MonitorIssue, language: Language): string {
  const message = t(`monitorIssue.${issue.code}`, { ...issue.params, ...(issue.params.count !== undefined ? { count: Number(issue.params.count) } : {}) });
  const where = describeLocation(issue.location, language);
  return where ? t("monitor.import.where", { where, message }) : message;
}

export interface ImportActionResult {
  ok: boolean;
  intent: "import" | "fetch";
  dryRun: boolean;
  summary: string;
  perIndicator: { id: string; text: string }[];
  attribution: string | null;
  errors: string[];
  warnings: string[];
  fieldErrors: Record<string, string>;
}

/** The tables the programme's indicators can be fetched from (those with a chosen measure). */
export async function fetchableTables(context: AppLoadContext, programmeId: number): Promise<string[]> {
  const indicators = await context.services.monitor.list(programmeId);
  return [...new Set(indicators.flatMap((i) => cbsKeysOf(i.source).filter((k) => k.measure !== null).map((k) => k.table)))].sort();
}

function describe(result: MonitorImportResult, t: TFunction, language: Language, names: Map<string, string>, dryRun: boolean, source: string, intent: "import" | "fetch"): ImportActionResult {
  const empty = { perIndicator: [], attribution: null, warnings: [], fieldErrors: {} };
  if (!result.ok) {
    return {
      ok: false,
      intent,
      dryRun,
      summary: t(intent === "fetch" ? "monitor.import.fetchFailed" : "monitor.import.failed"),
      errors: result.issues.filter((i) => i.severity === "error").map((i) => issueText(t, i, language)),
      ...empty,
      warnings: result.issues.filter((i) => i.severity === "warning").map((i) => issueText(t, i, language)),
    };
  }
  const counts = { added: result.report.added, changed: result.report.changed, unchanged: result.report.unchanged };
  return {
    ok: true,
    intent,
    dryRun,
    summary: dryRun ? t("monitor.import.dryRunSuccess", counts) : t("monitor.import.success", { source, ...counts }),
    perIndicator: result.report.perIndicator.map((p) => ({
      id: p.indicator,
      text: t("monitor.import.perIndicator", { name: names.get(p.indicator) ?? p.indicator, ...p }),
    })),
    attribution: t("monitor.import.attribution", { attribution: result.attribution }),
    errors: [],
    warnings: result.issues.filter((i) => i.severity === "warning").map((i) => issueText(t, i, language)),
    fieldErrors: {},
  };
}


/** A text field of a form; files and absent fields are "". */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/**
 * Handles the monitor page's two forms (the caller has checked the permission): `intent=import`
 * with a file, `intent=fetch` with a CBS table. Answers the report and the HTTP status.
 */
export async function handleMonitorImport(
  context: AppLoadContext,
  request: Request,
  programmeId: number,
): Promise<{ status: number; result: ImportActionResult }> {
  const language = context.language;
  const t = translator(language);
  const maxMb = context.services.env.MAX_UPLOAD_MB;
  const form = await request.formData();
  const intent = form.get("intent") === "fetch" ? "fetch" : "import";
  const dryRun = form.get("dryRun") === "1";
  const indicators = await context.services.monitor.list(programmeId);
  const names = new Map(indicators.map((i) => [i.id, i.name]));
  const indicatorRaw = field(form, "indicator");
  const indicator = indicatorRaw === "" ? undefined : indicatorRaw;
  const fail = (status: number, fieldErrors: Record<string, string>) => ({
    status,
    result: {
      ok: false,
      intent,
      dryRun,
      summary: t(intent === "fetch" ? "monitor.import.fetchFailed" : "monitor.import.failed"),
      perIndicator: [],
      attribution: null,
      errors: Object.values(fieldErrors),
      warnings: [],
      fieldErrors,
    } satisfies ImportActionResult,
  });

  if (intent === "fetch") {
    const table = field(form, "table");
    const tables = await fetchableTables(context, programmeId);
    if (!tables.includes(table)) return fail(400, { table: t("monitor.import.badTable") });
    const baseUrl = cbsOdataUrl();
    const result = await fetchMonitorTable(context.services.db, { programmeId, table, baseUrl, since: "2013JJ00", dryRun, clock: context.services.clock });
    const report = describe(result, t, language, names, dryRun, result.url ?? baseUrl, "fetch");
    return { status: result.ok ? 200 : 502, result: report };
  }

  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail(400, { file: t("monitor.import.noFile") });
  if (file.size > maxMb * 1024 * 1024) return fail(413, { file: t("monitor.import.tooLarge", { mb: maxMb }) });
  const retrievedRaw = field(form, "retrieved");
  if (retrievedRaw !== "" && !isCalendarDate(retrievedRaw)) {
    return fail(400, { retrieved: t("monitor.import.badDate") });
  }
  const retrievedAt = retrievedRaw !== "" ? `${retrievedRaw}T00:00:00.000Z` : context.services.clock.now().toISOString();
  if (indicator !== undefined && !names.has(indicator)) {
    return fail(400, { indicator: t("monitorIssue.indicator-unknown", { indicator }) });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const definitions = await importDefinitionsUpload(context, request, programmeId, bytes, dryRun);
  if (definitions) return definitions;
  const result = await importMonitorFile(context.services.db, {
    programmeId,
    bytes,
    fileName: file.name,
    indicator,
    channel: "web",
    userId: context.principal?.user?.id ?? null,
    retrievedAt,
    dryRun,
    clock: context.services.clock,
  });
  return { status: result.ok ? 200 : 400, result: describe(result, t, language, names, dryRun, file.name, "import") };
}

/**
 * An uploaded indicator definitions file (JSON with "indicators"): the indicators themselves are
 * updated, for who may manage the monitor (`monitor.manage`). Undefined for any other file.
 */
async function importDefinitionsUpload(
  context: AppLoadContext,
  request: Request,
  programmeId: number,
  bytes: Uint8Array,
  dryRun: boolean,
): Promise<{ status: number; result: ImportActionResult } | undefined> {
  const text = decodeText(bytes);
  if (!text || !text.trimStart().startsWith("{")) return undefined;
  const json = parseJson(text);
  if (!json.ok || !isDefinitionsJson(json.value)) return undefined;
  const language = context.language;
  const t = translator(language);
  requirePermission(context, request, "monitor.manage", { programmeId });
  const base = { intent: "import" as const, dryRun, perIndicator: [], attribution: null, warnings: [], fieldErrors: {} };
  const parsed = monitorDefinitionFileSchema.safeParse(json.value);
  const slug = await context.services.programmes.slugOf(programmeId);
  if (slug === undefined) throw new Error(`No programme has id ${programmeId}.`);
  const programme = { slug };
  if (!parsed.success || parsed.data.programme !== programme.slug) {
    const errors = parsed.success
      ? [t("monitor.cli.programmeNotFound", { slug: parsed.data.programme })]
      : parsed.error.issues.slice(0, 30).map((i) => `${i.path.join(".")}: ${i.message}`);
    return { status: 400, result: { ...base, ok: false, summary: t("monitor.import.failed"), errors } };
  }
  try {
    const report = await importIndicatorDefinitions(context.services.db, parsed.data, { dryRun, clock: context.services.clock });
    const counts = { programme: programme.slug, created: report.created.length, updated: report.updated.length, unchanged: report.unchanged.length };
    const summary = t(dryRun ? "monitor.cli.definitionsDryRun" : "monitor.cli.definitions", counts);
    const warnings = report.notInFile.length ? [t("monitor.cli.notInFile", { ids: report.notInFile.join(", ") })] : [];
    return { status: 200, result: { ...base, ok: true, summary, errors: [], warnings } };
  } catch (error) {
    if (error instanceof MonitorImportError && error.code === "theme-unknown") {
      return { status: 400, result: { ...base, ok: false, summary: t("monitor.import.failed"), errors: [t("monitor.cli.themeUnknown", error.params)] } };
    }
    throw error;
  }
}
