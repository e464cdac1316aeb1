import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { importProgrammeDocument } from "../lib/programme-import.server";
import type { ProgrammeImportReport } from "../domain/programmes/programme-import";
import { organisationRegistrySchema, organisationSlug, type OrganisationRegistry } from "../domain/programmes/organisation-names";
import { parseProgrammeDocument, type ParseIssue } from "../domain/programmes/parse-programme-document";
import { programmeDocumentSchema, type ProgrammeDocument } from "../domain/programmes/programme-document";
import { programmeHintsSchema, type ProgrammeHints } from "../domain/programmes/programme-hints";
import { readEnv } from "../lib/env.server";
import { dataDir } from "../lib/paths.server";
import { CliError, type CliContext } from "./context";
import { importProgrammeWorkbook, workbookErrorText } from "../lib/workbook.server";

/** The slug a programme gets when none is given: its title and period ("kennis-en-werk-071-2013-2015"). */
export function defaultProgrammeSlug(doc: Pick<ProgrammeDocument, "title" | "period">): string {
  return organisationSlug(`${doc.title.replace(/&/g, " en ")} ${doc.period.start}-${doc.period.end}`);
}

/** The curated organisation registry shipped in data/organisations.json. */
export function readOrganisationRegistry(dir = dataDir()): OrganisationRegistry | undefined {
  const file = join(dir, "organisations.json");
  if (!existsSync(file)) return undefined;
  return organisationRegistrySchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** The per-document hints for a slug, when data/programmes/<slug>.hints.json exists. */
export function readProgrammeHints(slug: string, dir = dataDir()): ProgrammeHints | undefined {
  const file = join(dir, "programmes", `${slug}.hints.json`);
  if (!existsSync(file)) return undefined;
  return programmeHintsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export type ReadDocumentResult =
  | { ok: true; document: ProgrammeDocument; warnings: ParseIssue[] }
  | { ok: false; errors: ParseIssue[] };

/** Parses a Word text export into a document, with the registry and the hints for its slug. */
export function readProgrammeText(text: string, options: { slug?: string; dir?: string } = {}): ReadDocumentResult {
  const registry = readOrganisationRegistry(options.dir);
  let slug = options.slug;
  if (!slug) {
    const first = parseProgrammeDocument(text, { slug: "programme", registry });
    if (!first.ok) return first;
    slug = defaultProgrammeSlug(first.document);
  }
  return parseProgrammeDocument(text, { slug, registry, hints: readProgrammeHints(slug, options.dir) });
}

/** `regie import-programme FILE [--slug S] [--dry-run] [--default]`. */
export async function importProgrammeCommand(
  ctx: CliContext,
  options: { file?: string; slug?: string; dryRun: boolean; isDefault?: boolean },
): Promise<number> {
  const { t } = ctx;
  const file = options.file;
  if (!file) throw new CliError(`${t("cli.missingFile")}\n\n${t("cli.usage")}`, 2);
  if (options.slug !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(options.slug)) {
    throw new CliError(t("cli.badOption", { message: "--slug" }), 2);
  }
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch {
    throw new CliError(t("cli.fileNotFound", { file }));
  }
  const maxMb = readEnv().MAX_UPLOAD_MB;
  if (size > maxMb * 1024 * 1024) throw new CliError(t("cli.fileTooLarge", { file, mb: maxMb }));
  const bytes = readFileSync(file);
  if (/\.xlsx$/i.test(file) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return importWorkbookFile(ctx, file, new Uint8Array(bytes), options.dryRun);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(t("cli.notText", { file }));
  }

  let document: ProgrammeDocument;
  let warnings: ParseIssue[] = [];
  if (/^\s*[{[]/.test(text.replace(/^\uFEFF/, ""))) {
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new CliError(t("cli.invalidJson", { file, message: error instanceof Error ? error.message : String(error) }));
    }
    const parsed = programmeDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const lines = parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new CliError([t("cli.invalidDocument", { file }), ...lines, t("cli.refused", { file })].join("\n"));
    }
    document = options.slug ? { ...parsed.data, slug: options.slug } : parsed.data;
  } else {
    const result = readProgrammeText(text, { slug: options.slug });
    if (!result.ok) {
      const lines = result.errors.map((e) => `  ${t("cli.line", { line: e.line, message: issueMessage(ctx, e) })}`);
      throw new CliError([t("cli.refused", { file }), ...lines].join("\n"));
    }
    document = result.document;
    warnings = result.warnings;
  }

  const db = await ctx.openDb();
  const report = await importProgrammeDocument(db, document, {
    dryRun: options.dryRun,
    isDefault: options.isDefault,
    file: basename(file),
    actor: { userId: null, label: "CLI" },
  });
  if (warnings.length > 0) {
    ctx.out(t("cli.warnings"));
    for (const w of warnings) ctx.out(`  ${t("cli.line", { line: w.line, message: issueMessage(ctx, w) })}`);
  }
  ctx.out(options.dryRun ? t("cli.dryRun") : t("cli.imported", { database: db.description }));
  for (const line of reportLines(ctx, report)) ctx.out(`  ${line}`);
  return 0;
}

/** A parse issue in the user's language, falling back to the parser's own English text. */
function issueMessage(ctx: CliContext, issue: ParseIssue): string {
  const key = `importIssue.${issue.code}`;
  return ctx.t(key, { ...issue.params, defaultValue: issue.message });
}

function reportLines(ctx: CliContext, r: ProgrammeImportReport): string[] {
  const { t } = ctx;
  const lines = [t("cli.reportProgramme", { slug: r.programme.slug, status: t(`cli.status_${r.programme.status}`) })];
  for (const what of ["organisations", "themes", "actions"] as const) {
    lines.push(t("cli.reportCounts", { what: t(`cli.what_${what}`), ...r[what] }));
  }
  if (r.actionsNotInDocument.length > 0) lines.push(t("cli.reportNotInDocument", { numbers: r.actionsNotInDocument.join(", ") }));
  if (r.decision) {
    const key = r.dryRun ? "cli.reportCategoryDecisionDry" : "cli.reportCategoryDecision";
    lines.push(t(key, { count: r.categoryChanges.length, title: r.decision.title, date: r.decision.decidedOn }));
    const show = (c: number | null) => (c === null ? "–" : String(c));
    for (const c of r.categoryChanges) {
      lines.push(
        c.created
          ? `  ${t("cli.reportCategoryNew", { number: c.number, to: show(c.to) })}`
          : `  ${t("cli.reportCategoryChange", { number: c.number, from: show(c.from), to: show(c.to) })}`,
      );
    }
  }
  return lines;
}

/** A filled-in template (.xlsx): the same reading, errors and import as the upload page. */
async function importWorkbookFile(ctx: CliContext, file: string, bytes: Uint8Array, dryRun: boolean): Promise<number> {
  const { t } = ctx;
  const db = await ctx.openDb();
  const result = await importProgrammeWorkbook(db, bytes, { dryRun, file: basename(file), actor: { userId: null, label: "CLI" } });
  if (!result.ok) throw new CliError([t("workbook.cliRefused", { file }), ...result.errors.map((e) => `  ${workbookErrorText(t, e)}`)].join("\n"));
  for (const o of result.organisations) {
    ctx.out(o.status === "matched" ? t("workbook.cliOrganisationMatched", { name: o.name, match: o.match?.name }) : t("workbook.cliOrganisationNew", { name: o.name }));
  }
  ctx.out(dryRun ? t("cli.dryRun") : t("cli.imported", { database: db.description }));
  for (const line of reportLines(ctx, result.report)) ctx.out(`  ${line}`);
  return 0;
}
