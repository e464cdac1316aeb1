import type { TFunction } from "i18next";
import type { Actor } from "../db/audit";
import type { Db } from "../db/database";
import { createOrganisationRepository } from "../db/organisation.repository";
import { createProgrammeRepository } from "../db/programme.repository";
import { createWorkbookRepository, type ApplyEditsResult } from "../db/workbook.repository";
import { readActionRows } from "../domain/workbook/action-rows";
import { planWorkbookEdits, resolveChoices, type EditPlan, type OrganisationChoices, type OrganisationProposal } from "../domain/workbook/edit-plan";
import { EXPORT_SHEETS, TEMPLATE_SHEETS } from "../domain/workbook/layout";
import { programmeFromWorkbook } from "../domain/workbook/programme-from-workbook";
import { readWorkbook, type WorkbookError } from "../domain/workbook/read-workbook";
import { documentContent, historyContent, writeWorkbook } from "../domain/workbook/write-workbook";
import type { ProgrammeDocument } from "../domain/programmes/programme-document";
import type { ProgrammeImportReport } from "../domain/programmes/programme-import";
import type { Programme } from "../domain/programmes/types";
import { importProgrammeDocument } from "./programme-import.server";
import type { Clock } from "../domain/time";

/**
 * The workbook's orchestration: downloads (a programme, the blank template), previews of an
 * uploaded workbook and applying them. The domain reads and plans; the data layer reads and writes.
 */

/** The programme as a workbook: the template's sheets filled in, then what happened since. */
export async function programmeWorkbook(db: Db, programme: { id: number; slug: string }, language: string): Promise<Buffer | undefined> {
  const store = createWorkbookRepository(db);
  const current = await store.current(programme.slug);
  if (!current) return undefined;
  const history = await store.history(programme.id);
  return writeWorkbook(EXPORT_SHEETS, { ...documentContent(current.document, language), ...historyContent(history) }, language);
}

/** The blank template: the sheets a new programme is made of, headers only. */
export function templateWorkbook(language: string): Promise<Buffer> {
  return writeWorkbook(TEMPLATE_SHEETS, {}, language);
}

/** A file name that says programme and kind: "kennis-en-werk-071-2013-2015-acties.xlsx". */
export function workbookFileName(slug: string, language: string): string {
  return `${slug}-${language === "en" ? "workbook" : "werkmap"}.xlsx`;
}

export type EditPreview = { ok: true; plan: EditPlan } | { ok: false; errors: WorkbookError[] };

/** Reads an edited workbook's actions sheet and compares it with the programme. */
export async function previewWorkbookEdits(db: Db, programme: Pick<Programme, "slug" | "organisationChapter">, bytes: Uint8Array, language: string): Promise<EditPreview> {
  const read = await readWorkbook(bytes, { sheets: ["actions"], required: ["actions"] });
  if (!read.ok) return read;
  const store = createWorkbookRepository(db);
  const current = await store.current(programme.slug);
  if (!current) throw new Error(`No programme ${programme.slug}.`);
  const lookup = await createOrganisationRepository(db).lookup();
  const sheet = read.sheets.get("actions")!;
  const errors: WorkbookError[] = [];
  const rows = readActionRows(sheet, (t) => lookup.resolve(t) !== undefined, errors);
  const plan = planWorkbookEdits(
    sheet,
    rows,
    {
      actions: current.actions,
      intentions: new Map(current.document.themes.flatMap((t) => t.intentions.map((i) => [i.code, t.number] as const))),
      themes: current.document.themes.map((t) => t.number),
      groups: programme.organisationChapter?.groups ?? [],
      organisations: lookup.all,
      resolve: (name) => lookup.resolve(name),
    },
    errors,
    language,
  );
  return plan.errors.length > 0 ? { ok: false, errors: plan.errors } : { ok: true, plan };
}

export type ApplyOutcome = ApplyEditsResult | { status: "stale"; preview: EditPreview } | { status: "errors"; errors: WorkbookError[] };

/**
 * Applies an edited workbook if the plan is still the one previewed (`fingerprint`): otherwise the
 * data changed since and the new preview is returned instead. All or nothing, in one transaction.
 */
export async function applyWorkbookEdits(
  db: Db,
  programme: Pick<Programme, "id" | "slug" | "organisationChapter">,
  bytes: Uint8Array,
  input: { fingerprint: string; choices: OrganisationChoices; actor: Actor; requestId?: string; now: string; language: string },
): Promise<ApplyOutcome> {
  const preview = await previewWorkbookEdits(db, programme, bytes, input.language);
  if (!preview.ok) return { status: "errors", errors: preview.errors };
  if (preview.plan.fingerprint !== input.fingerprint) return { status: "stale", preview };
  const lookup = await createOrganisationRepository(db).lookup();
  const { plan, create } = resolveChoices(preview.plan, input.choices, new Set(lookup.all.map((o) => o.slug)));
  return createWorkbookRepository(db).applyEdits({ programmeId: programme.id, plan, createOrganisations: create, actor: input.actor, requestId: input.requestId, now: input.now });
}

export type ProgrammePreview =
  | { ok: true; document: ProgrammeDocument; organisations: OrganisationProposal[]; report: ProgrammeImportReport }
  | { ok: false; errors: WorkbookError[] };

/**
 * Reads a filled-in template into a new programme and imports it (with `dryRun`, only says what
 * the import would do). A programme whose slug exists is refused: the template makes new ones.
 */
export async function importProgrammeWorkbook(
  db: Db,
  bytes: Uint8Array,
  options: { dryRun: boolean; file: string | null; actor: Actor; clock?: Clock },
): Promise<ProgrammePreview> {
  const read = await readWorkbook(bytes, { sheets: TEMPLATE_SHEETS, required: TEMPLATE_SHEETS });
  if (!read.ok) return read;
  const organisations = createOrganisationRepository(db);
  const [lookup, choices, programmes] = await Promise.all([organisations.lookup(), organisations.choices(), createProgrammeRepository(db).list()]);
  const slugs = new Set(programmes.map((p) => p.slug));
  const built = programmeFromWorkbook(read.sheets, { organisations: choices, resolve: (name) => lookup.resolve(name), programmeExists: (s) => slugs.has(s) }, []);
  if (!built.ok) return built;
  const report = await importProgrammeDocument(db, built.document, { dryRun: options.dryRun, file: options.file, actor: options.actor, clock: options.clock });
  return { ok: true, document: built.document, organisations: built.organisations, report };
}

/** A workbook error in words: where it is (sheet, row, column) and what is wrong. */
export function workbookErrorText(t: TFunction, e: WorkbookError): string {
  const message = t(e.key, { param: "", param2: "", ...(e.params ?? {}) });
  if (e.sheet === null) return message;
  const where =
    e.row !== null && e.column !== null
      ? t("workbook.whereCell", { sheet: e.sheet, row: e.row, column: e.column })
      : e.row !== null
        ? t("workbook.whereRow", { sheet: e.sheet, row: e.row })
        : e.column !== null
          ? t("workbook.whereColumn", { sheet: e.sheet, column: e.column })
          : t("workbook.whereSheet", { sheet: e.sheet });
  return `${where}: ${message}`;
}
