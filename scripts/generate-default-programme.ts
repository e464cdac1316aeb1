/**
 * Regenerates data/programmes/kennis-en-werk-071-2013-2015.json from the seed text, the
 * organisation registry and the document's hints:
 *   npx tsx scripts/generate-default-programme.ts
 * Exits non-zero, writing nothing, when the document cannot be read.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { organisationRegistrySchema } from "../app/domain/programmes/organisation-names";
import { parseProgrammeDocument, type ParseIssue } from "../app/domain/programmes/parse-programme-document";
import { programmeDocumentSchema, type ProgrammeDocument } from "../app/domain/programmes/programme-document";
import { programmeHintsSchema } from "../app/domain/programmes/programme-hints";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SLUG = "kennis-en-werk-071-2013-2015";

/** Paths of the inputs and output of one programme import. */
export interface ProgrammeFiles {
  slug: string;
  source: string;
  registry: string;
  hints: string;
  output: string;
}

/** The files for the default programme, relative to the repository root. */
export const DEFAULT_PROGRAMME_FILES: ProgrammeFiles = {
  slug: SLUG,
  source: join(ROOT, "data/sources/kennis-en-werk-071-uitvoeringsprogramma-2013-2015.txt"),
  registry: join(ROOT, "data/organisations.json"),
  hints: join(ROOT, `data/programmes/${SLUG}.hints.json`),
  output: join(ROOT, `data/programmes/${SLUG}.json`),
};

/** Reads, parses and validates a programme document; writes nothing. */
export function importProgrammeFiles(
  files: ProgrammeFiles,
): { ok: true; document: ProgrammeDocument; warnings: ParseIssue[] } | { ok: false; errors: ParseIssue[] } {
  const text = readFileSync(files.source, "utf8");
  const registry = organisationRegistrySchema.parse(JSON.parse(readFileSync(files.registry, "utf8")));
  const hints = programmeHintsSchema.parse(JSON.parse(readFileSync(files.hints, "utf8")));
  const result = parseProgrammeDocument(text, { slug: files.slug, registry, hints });
  if (!result.ok) return result;
  // Parsing through the schema also puts the keys in the schema's order, so the JSON is stable.
  return { ok: true, document: programmeDocumentSchema.parse(result.document), warnings: result.warnings };
}

/** The JSON text written for a document: 2-space indent, trailing newline. */
export function programmeJson(document: ProgrammeDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function formatIssue(file: string, issue: ParseIssue): string {
  return `${file}:${issue.line}: ${issue.code}: ${issue.message}`;
}

function main(): void {
  const files = DEFAULT_PROGRAMME_FILES;
  const result = importProgrammeFiles(files);
  if (!result.ok) {
    for (const issue of result.errors) console.error(formatIssue(files.source, issue));
    process.exitCode = 1;
    return;
  }
  for (const issue of result.warnings) console.warn(formatIssue(files.source, issue));
  writeFileSync(files.output, programmeJson(result.document));
  console.log(
    `Wrote ${files.output}: ${result.document.actions.length} actions, ${result.document.organisations.length} organisations`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
