import type { Transaction } from "kysely";
import type { ActionDoc, OrganisationRef, ProgrammeDocument } from "../domain/programmes/programme-document";
import { planningYears } from "../domain/programmes/planning-years";
import { nameKey as normaliseOrganisationName } from "../domain/programmes/organisation-names";
import { mergeQualifiers } from "../domain/editing/organisation-changes";
import { calendarDate } from "../domain/decisions/as-of";
import { importDecision, type ImportCategoryChange } from "../domain/decisions/import-decisions";
import { timestamp, type Clock, systemClock } from "../domain/time";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";
import { syncMilestonesFromPlanning } from "./milestone-store";
import type { Database } from "./schema";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ProgrammeImportReport {
  programme: { slug: string; status: "created" | "updated" | "unchanged" };
  organisations: ImportCounts;
  themes: ImportCounts;
  actions: ImportCounts;
  /** Action numbers in the database that the document no longer holds; kept, never deleted by an import. */
  actionsNotInDocument: number[];
  /**
   * On a re-import: the actions whose category the document changes, or which it adds, by number.
   * They are recorded as one decision of source "import" (`decision`), so that category history and
   * "as of" views agree with the new categories. Empty on a first import and when nothing changes.
   */
  categoryChanges: ImportCategoryChange[];
  /** The decision recorded for `categoryChanges` (with `dryRun`: the one that would be); null when none. */
  decision: { id: number | null; decidedOn: string; title: string } | null;
  dryRun: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly report: ProgrammeImportReport) {
    super("dry run");
  }
}

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });
const json = (v: unknown) => JSON.stringify(v);

/**
 * Writes a programme document into the database in one transaction, matching existing records by
 * their natural keys (programme slug, theme and action numbers, organisation slug or alias), so that
 * importing the same document twice changes nothing. On a re-import, category changes and new
 * actions are recorded as a decision of source "import" in the same transaction, with an audit
 * entry. With `dryRun` the same work is done and rolled back.
 */
export async function importProgrammeDocument(
  db: Db,
  doc: ProgrammeDocument,
  options: {
    isDefault?: boolean;
    dryRun?: boolean;
    clock?: Clock;
    /** The imported file's name (no folders), quoted in the decision a re-import records. */
    file?: string | null;
    /** Who imports, for history; "Regie" unless told. */
    actor?: Actor;
  } = {},
): Promise<ProgrammeImportReport> {
  const clock = options.clock ?? systemClock;
  const now = timestamp(clock);
  const report: ProgrammeImportReport = {
    programme: { slug: doc.slug, status: "unchanged" },
    organisations: counts(),
    themes: counts(),
    actions: counts(),
    actionsNotInDocument: [],
    categoryChanges: [],
    decision: null,
    dryRun: options.dryRun ?? false,
  };
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const orgIds = await upsertOrganisations(trx, doc, now, report);
      const programmeId = await upsertProgramme(trx, doc, options.isDefault, now, report);
      await replaceProgrammeOrganisations(trx, programmeId, doc, orgIds);
      await upsertCategories(trx, programmeId, doc);
      const { themeIds, intentionIds } = await upsertThemes(trx, programmeId, doc, orgIds, report);
      const changes = await upsertActions(trx, programmeId, doc, { orgIds, themeIds, intentionIds }, now, report);
      // A first import takes the document's categories as they are; only a re-import changes them.
      if (report.programme.status !== "created" && changes.length > 0) {
        await recordImportDecision(trx, {
          programmeId,
          doc,
          changes,
          now,
          today: calendarDate(clock.now()),
          file: options.file ?? null,
          actor: options.actor ?? { userId: null, label: "Regie" },
          report,
        });
      }
      if (report.dryRun) throw new DryRunRollback(report);
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
  return report;
}

async function upsertOrganisations(
  trx: Transaction<Database>,
  doc: ProgrammeDocument,
  now: string,
  report: ProgrammeImportReport,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const org of doc.organisations) {
    const names = [org.name, ...org.aliases];
    const keys = [...new Set(names.map(normaliseOrganisationName))];
    let existing = await trx.selectFrom("organisation").select(["id"]).where("slug", "=", org.slug).executeTakeFirst();
    if (!existing) {
      // A slug changed or merged away in the app still names its organisation.
      existing = await trx.selectFrom("organisation_former_slug").select(["organisation_id as id"]).where("slug", "=", org.slug).executeTakeFirst();
    }
    if (!existing) {
      // The same organisation may already exist under another slug (renamed in the app, or a variant).
      existing = await trx
        .selectFrom("organisation_alias")
        .select(["organisation_id as id"])
        .where("normalised", "in", keys)
        .executeTakeFirst();
    }
    let id: number;
    if (existing) {
      id = existing.id;
      const known = await trx.selectFrom("organisation_alias").select("normalised").where("organisation_id", "=", id).execute();
      const knownKeys = new Set(known.map((k) => k.normalised));
      const missing = names.filter((n, i, all) => {
        const key = normaliseOrganisationName(n);
        return !knownKeys.has(key) && all.findIndex((m) => normaliseOrganisationName(m) === key) === i;
      });
      if (missing.length > 0) {
        await insertAliases(trx, id, missing);
        report.organisations.updated++;
      } else {
        report.organisations.unchanged++;
      }
    } else {
      const row = await trx
        .insertInto("organisation")
        .values({ slug: org.slug, name: org.name, kind: org.kind, created_at: now, updated_at: now, version: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
      const unique = names.filter(
        (n, i, all) => all.findIndex((m) => normaliseOrganisationName(m) === normaliseOrganisationName(n)) === i,
      );
      await insertAliases(trx, id, unique);
      report.organisations.created++;
    }
    ids.set(org.slug, id);
  }
  return ids;
}

async function insertAliases(trx: Transaction<Database>, organisationId: number, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await trx
    .insertInto("organisation_alias")
    .values(names.map((alias) => ({ organisation_id: organisationId, alias, normalised: normaliseOrganisationName(alias) })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function upsertProgramme(
  trx: Transaction<Database>,
  doc: ProgrammeDocument,
  isDefault: boolean | undefined,
  now: string,
  report: ProgrammeImportReport,
): Promise<number> {
  const fields = {
    title: doc.title,
    subtitle: doc.subtitle,
    language: doc.language,
    period_start: doc.period.start,
    period_end: doc.period.end,
    adopted_on: doc.adoptedOn,
    adopted_by: doc.adoptedBy,
    ambition: doc.ambition,
    revision_interval_years: doc.revisionIntervalYears,
    introduction: json(doc.introduction),
    organisation_chapter: doc.organisationChapter ? json(doc.organisationChapter) : null,
  };
  const existing = await trx.selectFrom("programme").selectAll().where("slug", "=", doc.slug).executeTakeFirst();
  if (isDefault) await trx.updateTable("programme").set({ is_default: 0 }).where("slug", "!=", doc.slug).execute();
  if (!existing) {
    const row = await trx
      .insertInto("programme")
      .values({ slug: doc.slug, ...fields, is_default: isDefault ? 1 : 0, created_at: now, updated_at: now, version: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    report.programme.status = "created";
    return row.id;
  }
  const changed = differs(existing, fields) || (isDefault !== undefined && existing.is_default !== (isDefault ? 1 : 0));
  if (changed) {
    await trx
      .updateTable("programme")
      .set({
        ...fields,
        ...(isDefault === undefined ? {} : { is_default: isDefault ? 1 : 0 }),
        updated_at: now,
        version: existing.version + 1,
      })
      .where("id", "=", existing.id)
      .execute();
    report.programme.status = "updated";
  }
  return existing.id;
}

function differs(row: Record<string, unknown>, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).some(([k, v]) => row[k] !== v);
}

async function replaceProgrammeOrganisations(
  trx: Transaction<Database>,
  programmeId: number,
  doc: ProgrammeDocument,
  orgIds: Map<string, number>,
): Promise<void> {
  const rows = [
    ...doc.municipalities.map((slug, position) => ({ role: "municipality", slug, position })),
    ...doc.coAuthors.map((slug, position) => ({ role: "co-author", slug, position })),
  ]
    .map((r) => ({ programme_id: programmeId, organisation_id: requireId(orgIds, r.slug), role: r.role, position: r.position }))
    // Two of the document's names may be one organisation here (merged in the app): one row each.
    .filter((r, i, all) => all.findIndex((o) => o.role === r.role && o.organisation_id === r.organisation_id) === i);
  await trx.deleteFrom("programme_organisation").where("programme_id", "=", programmeId).execute();
  if (rows.length > 0) await trx.insertInto("programme_organisation").values(rows).execute();
}

function requireId(ids: Map<string, number>, slug: string): number {
  const id = ids.get(slug);
  if (id === undefined) throw new Error(`The document refers to organisation "${slug}", which it does not list.`);
  return id;
}

async function upsertCategories(trx: Transaction<Database>, programmeId: number, doc: ProgrammeDocument): Promise<void> {
  await trx.deleteFrom("category").where("programme_id", "=", programmeId).execute();
  if (doc.categories.length > 0) {
    await trx
      .insertInto("category")
      .values(doc.categories.map((c) => ({ programme_id: programmeId, code: c.code, colour: c.colour, label: c.label, description: c.description })))
      .execute();
  }
}

async function upsertThemes(
  trx: Transaction<Database>,
  programmeId: number,
  doc: ProgrammeDocument,
  orgIds: Map<string, number>,
  report: ProgrammeImportReport,
): Promise<{ themeIds: Map<number, number>; intentionIds: Map<string, number> }> {
  const themeIds = new Map<number, number>();
  const intentionIds = new Map<string, number>();
  for (const theme of doc.themes) {
    const fields = { title: theme.title, goal: theme.goal, intentions_intro: theme.intentionsIntro };
    const existing = await trx
      .selectFrom("theme")
      .selectAll()
      .where("programme_id", "=", programmeId)
      .where("number", "=", theme.number)
      .executeTakeFirst();
    let themeId: number;
    let changed = false;
    if (!existing) {
      const row = await trx
        .insertInto("theme")
        .values({ programme_id: programmeId, number: theme.number, ...fields, version: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      themeId = row.id;
      report.themes.created++;
    } else {
      themeId = existing.id;
      if (differs(existing, fields)) {
        await trx.updateTable("theme").set({ ...fields, version: existing.version + 1 }).where("id", "=", themeId).execute();
        changed = true;
      }
    }
    themeIds.set(theme.number, themeId);
    const current = await trx.selectFrom("intention").selectAll().where("theme_id", "=", themeId).execute();
    for (const [position, intention] of theme.intentions.entries()) {
      const found = current.find((i) => i.code === intention.code);
      if (!found) {
        const row = await trx
          .insertInto("intention")
          .values({ theme_id: themeId, code: intention.code, text: intention.text, position })
          .returning("id")
          .executeTakeFirstOrThrow();
        intentionIds.set(intention.code, row.id);
        changed = true;
      } else {
        if (found.text !== intention.text || found.position !== position) {
          await trx.updateTable("intention").set({ text: intention.text, position }).where("id", "=", found.id).execute();
          changed = true;
        }
        intentionIds.set(intention.code, found.id);
      }
    }
    const participation = theme.participation
      .map((p) => ({
        theme_id: themeId,
        organisation_id: requireId(orgIds, p.municipality),
        status: p.status,
        note: p.note,
      }))
      .filter((p, i, all) => all.findIndex((o) => o.organisation_id === p.organisation_id) === i);
    const existingParticipation = await trx.selectFrom("theme_participation").selectAll().where("theme_id", "=", themeId).execute();
    if (json(sortBy(existingParticipation, "organisation_id")) !== json(sortBy(participation, "organisation_id"))) {
      await trx.deleteFrom("theme_participation").where("theme_id", "=", themeId).execute();
      if (participation.length > 0) await trx.insertInto("theme_participation").values(participation).execute();
      changed = true;
    }
    if (existing) report.themes[changed ? "updated" : "unchanged"]++;
  }
  return { themeIds, intentionIds };
}

function sortBy<T>(rows: T[], key: keyof T): T[] {
  return [...rows].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

/** The text full-text search indexes besides the title. */
export function actionSearchText(a: Pick<ActionDoc, "description" | "intendedResults" | "notes">): string {
  return [a.description, ...a.intendedResults, ...a.notes].join("\n");
}

async function upsertActions(
  trx: Transaction<Database>,
  programmeId: number,
  doc: ProgrammeDocument,
  refs: { orgIds: Map<string, number>; themeIds: Map<number, number>; intentionIds: Map<string, number> },
  now: string,
  report: ProgrammeImportReport,
): Promise<(ImportCategoryChange & { actionId: number; title: string })[]> {
  const existingRows = await trx.selectFrom("action").selectAll().where("programme_id", "=", programmeId).execute();
  const byNumber = new Map(existingRows.map((r) => [r.number, r]));
  const actionIds = new Map<number, number>();
  const touched = new Set<number>();
  const categoryChanges: (ImportCategoryChange & { actionId: number; title: string })[] = [];

  for (const action of doc.actions) {
    const fields = {
      title: action.title,
      description: action.description,
      notes: json(action.notes),
      theme_id: action.themeNumber === null ? null : (refs.themeIds.get(action.themeNumber) ?? null),
      intention_id: action.intentionCode === null ? null : (refs.intentionIds.get(action.intentionCode) ?? null),
      group_name: action.group,
      lead_unknown: action.leadUnknown ? 1 : 0,
      intended_results: json(action.intendedResults),
      planning_text: action.planningText,
      category: action.category,
      category_note: action.categoryNote,
      search_text: actionSearchText(action),
    };
    const existing = byNumber.get(action.number);
    if (!existing) {
      const row = await trx
        .insertInto("action")
        .values({ programme_id: programmeId, number: action.number, ...fields, created_at: now, updated_at: now, version: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      actionIds.set(action.number, row.id);
      touched.add(action.number);
      report.actions.created++;
      categoryChanges.push({ number: action.number, from: null, to: action.category, created: true, actionId: row.id, title: action.title });
    } else {
      actionIds.set(action.number, existing.id);
      if (differs(existing, fields)) {
        await trx.updateTable("action").set({ ...fields, updated_at: now, version: existing.version + 1 }).where("id", "=", existing.id).execute();
        touched.add(action.number);
      }
      if (existing.category !== action.category) {
        categoryChanges.push({
          number: action.number,
          from: existing.category,
          to: action.category,
          created: false,
          actionId: existing.id,
          title: action.title,
        });
      }
    }
  }

  for (const action of doc.actions) {
    const actionId = actionIds.get(action.number)!;
    const changedRefs = await syncActionOrganisations(trx, actionId, action, refs.orgIds);
    const changedLinks = await syncActionLinks(trx, actionId, action, actionIds, refs.themeIds);
    const changedYears = await syncActionYears(trx, actionId, planningYears(action.planningText, doc.period));
    const existing = byNumber.get(action.number);
    // Milestones are read again only when the planning text is new or changed (hand corrections stay).
    if (!existing || existing.planning_text !== action.planningText) {
      await syncMilestonesFromPlanning(trx, { actionId, planningText: action.planningText, period: doc.period, now });
    }
    if (existing) {
      if (touched.has(action.number) || changedRefs || changedLinks || changedYears) {
        if (!touched.has(action.number)) {
          await trx.updateTable("action").set({ updated_at: now, version: existing.version + 1 }).where("id", "=", actionId).execute();
        }
        report.actions.updated++;
      } else {
        report.actions.unchanged++;
      }
    }
  }
  const inDoc = new Set(doc.actions.map((a) => a.number));
  report.actionsNotInDocument = existingRows.filter((r) => !inDoc.has(r.number)).map((r) => r.number).sort((a, b) => a - b);
  return categoryChanges;
}

/**
 * Records what a re-import changed in categories as one decision of source "import" (dated the day
 * of the import, no meeting), with the actions concerned and the history: an entry for the decision
 * and one per action whose category changed, as recording a steering-group decision does.
 */
async function recordImportDecision(
  trx: Transaction<Database>,
  input: {
    programmeId: number;
    doc: ProgrammeDocument;
    changes: (ImportCategoryChange & { actionId: number; title: string })[];
    now: string;
    today: string;
    file: string | null;
    actor: Actor;
    report: ProgrammeImportReport;
  },
): Promise<void> {
  const d = importDecision({ changes: input.changes, decidedOn: input.today, file: input.file, language: input.doc.language });
  if (!d) return;
  const row = await trx
    .insertInto("decision")
    .values({
      programme_id: input.programmeId,
      meeting_id: null,
      decided_on: d.decidedOn,
      kind: d.kind,
      status: d.status,
      source: "import",
      title: d.title,
      text: d.text,
      created_at: input.now,
      updated_at: input.now,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const byNumber = new Map(input.changes.map((c) => [c.number, c]));
  await trx
    .insertInto("decision_action")
    .values(d.actions.map((a) => ({ decision_id: row.id, action_id: byNumber.get(a.number)!.actionId, category_from: a.from, category_to: a.to })))
    .execute();
  for (const c of input.changes) {
    if (c.created) continue;
    await recordAudit(trx, {
      actor: input.actor,
      at: input.now,
      programmeId: input.programmeId,
      entityType: "action",
      entityId: c.actionId,
      entityLabel: `${c.number}. ${c.title}`,
      operation: "update",
      before: { category: c.from },
      after: { category: c.to },
    });
  }
  await recordAudit(trx, {
    actor: input.actor,
    at: input.now,
    programmeId: input.programmeId,
    entityType: "decision",
    entityId: row.id,
    entityLabel: `${d.decidedOn} ${d.title}`,
    operation: "create",
    before: null,
    after: {
      decidedOn: d.decidedOn,
      kind: d.kind,
      status: d.status,
      source: "import",
      title: d.title,
      text: d.text,
      meeting: null,
      file: input.file,
      actions: d.actions,
    },
  });
  input.report.categoryChanges = input.changes.map((c) => ({ number: c.number, from: c.from, to: c.to, created: c.created }));
  input.report.decision = { id: input.report.dryRun ? null : row.id, decidedOn: d.decidedOn, title: d.title };
}

async function syncActionOrganisations(
  trx: Transaction<Database>,
  actionId: number,
  action: ActionDoc,
  orgIds: Map<string, number>,
): Promise<boolean> {
  const wanted = [
    ...refRows(actionId, "lead", action.leads, orgIds),
    ...refRows(actionId, "partner", action.partners, orgIds),
    ...refRows(actionId, "to-involve", action.toInvolve, orgIds),
  ];
  const current = await trx
    .selectFrom("action_organisation")
    .select(["action_id", "organisation_id", "role", "qualifier", "position"])
    .where("action_id", "=", actionId)
    .orderBy("role")
    .orderBy("position")
    .execute();
  const sorted = [...wanted].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.position - b.position));
  if (json(current) === json(sorted)) return false;
  await trx.deleteFrom("action_organisation").where("action_id", "=", actionId).execute();
  if (wanted.length > 0) await trx.insertInto("action_organisation").values(wanted).execute();
  return true;
}

function refRows(actionId: number, role: string, refs: OrganisationRef[], orgIds: Map<string, number>) {
  const rows: { action_id: number; organisation_id: number; role: string; qualifier: string | null; position: number }[] = [];
  for (const r of refs) {
    const organisationId = requireId(orgIds, r.organisation);
    // Two of the document's names may be one organisation here (merged in the app): one role, both remarks.
    const same = rows.find((x) => x.organisation_id === organisationId);
    if (same) same.qualifier = mergeQualifiers(same.qualifier, r.qualifier);
    else rows.push({ action_id: actionId, organisation_id: organisationId, role, qualifier: r.qualifier, position: rows.length });
  }
  return rows;
}

async function syncActionLinks(
  trx: Transaction<Database>,
  actionId: number,
  action: ActionDoc,
  actionIds: Map<number, number>,
  themeIds: Map<number, number>,
): Promise<boolean> {
  const wanted = action.links.map((l, position) => {
    const target_action_id = "action" in l.target ? (actionIds.get(l.target.action) ?? null) : null;
    const target_theme_id = "theme" in l.target ? (themeIds.get(l.target.theme) ?? null) : null;
    if (target_action_id === null && target_theme_id === null) {
      throw new Error(`Action ${action.number} links to ${json(l.target)}, which the document does not hold.`);
    }
    return { action_id: actionId, type: l.type, target_action_id, target_theme_id, source_text: l.source, position };
  });
  const current = await trx
    .selectFrom("action_link")
    .select(["action_id", "type", "target_action_id", "target_theme_id", "source_text", "position"])
    .where("action_id", "=", actionId)
    .orderBy("position")
    .execute();
  if (json(current) === json(wanted)) return false;
  await trx.deleteFrom("action_link").where("action_id", "=", actionId).execute();
  if (wanted.length > 0) await trx.insertInto("action_link").values(wanted).execute();
  return true;
}

async function syncActionYears(trx: Transaction<Database>, actionId: number, years: number[]): Promise<boolean> {
  const current = await trx.selectFrom("action_year").select("year").where("action_id", "=", actionId).orderBy("year").execute();
  if (json(current.map((c) => c.year)) === json(years)) return false;
  await trx.deleteFrom("action_year").where("action_id", "=", actionId).execute();
  if (years.length > 0) await trx.insertInto("action_year").values(years.map((year) => ({ action_id: actionId, year }))).execute();
  return true;
}

