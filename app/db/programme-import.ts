import type { Transaction } from "kysely";
import { nameKey } from "../domain/programmes/organisation-names";
import type { ProgrammeDocument } from "../domain/programmes/programme-document";
import {
  identityKey,
  type ImportBasis,
  type OrganisationIdentity,
  type PlannedAction,
  type ProgrammeImportPlan,
  type ProgrammeImportReport,
  type ImportCounts,
} from "../domain/programmes/programme-import";
import { recordAudit, type Actor } from "./audit";
import type { Db } from "./database";
import { syncMilestones } from "./milestone.repository";
import type { Database } from "./schema";

class DryRunRollback extends Error {
  constructor(readonly report: ProgrammeImportReport) {
    super("dry run");
  }
}

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });
const json = (v: unknown) => JSON.stringify(v);


/**
 * What the database holds that a programme document is matched against (see ImportBasis), read
 * before the import is planned and again inside its transaction.
 */
export async function readImportBasis(db: Db, doc: ProgrammeDocument): Promise<ImportBasis> {
  return basisFrom(db.kysely, doc);
}

async function basisFrom(k: Db["kysely"] | Transaction<Database>, doc: ProgrammeDocument): Promise<ImportBasis> {
  const slugs = doc.organisations.map((o) => o.slug);
  const keys = [...new Set(doc.organisations.flatMap((o) => [o.name, ...o.aliases]).map(nameKey))];
  const programme = await k.selectFrom("programme").select("id").where("slug", "=", doc.slug).executeTakeFirst();
  const [actions, bySlug, byFormerSlug, byKey] = await Promise.all([
    programme
      ? k.selectFrom("action").select(["number", "category"]).where("programme_id", "=", programme.id).orderBy("number").execute()
      : Promise.resolve([]),
    slugs.length ? k.selectFrom("organisation").select(["id", "slug"]).where("slug", "in", slugs).orderBy("slug").execute() : Promise.resolve([]),
    slugs.length
      ? k.selectFrom("organisation_former_slug").select(["organisation_id as id", "slug"]).where("slug", "in", slugs).orderBy("slug").execute()
      : Promise.resolve([]),
    keys.length
      ? k
          .selectFrom("organisation_alias")
          .select(["normalised", (eb) => eb.fn.min<number>("organisation_id").as("id")])
          .where("normalised", "in", keys)
          .groupBy("normalised")
          .orderBy("normalised")
          .execute()
      : Promise.resolve([]),
  ]);
  const ids = [...new Set([...bySlug, ...byFormerSlug, ...byKey].map((r) => Number(r.id)))].sort((a, b) => a - b);
  const aliases = ids.length
    ? await k
        .selectFrom("organisation_alias")
        .select(["organisation_id", "normalised"])
        .where("organisation_id", "in", ids)
        .orderBy("organisation_id")
        .orderBy("normalised")
        .execute()
    : [];
  const aliasKeys: Record<number, string[]> = {};
  for (const id of ids) aliasKeys[id] = [];
  for (const a of aliases) aliasKeys[a.organisation_id]!.push(a.normalised);
  return {
    programmeExists: programme !== undefined,
    organisationsBySlug: Object.fromEntries(bySlug.map((r) => [r.slug, r.id])),
    organisationsByFormerSlug: Object.fromEntries(byFormerSlug.map((r) => [r.slug, r.id])),
    organisationsByKey: Object.fromEntries(byKey.map((r) => [r.normalised, Number(r.id)])),
    aliasKeys,
    categories: Object.fromEntries(actions.map((a) => [a.number, a.category])),
  };
}

/** The database changed between planning an import and writing it: plan again. */
export class ImportBasisChanged extends Error {
  constructor() {
    super("The database changed while the import was planned.");
  }
}

/**
 * Writes a planned programme import in one transaction, matching existing records by their natural
 * keys (programme slug, theme and action numbers; organisations as the plan matched them), so that
 * importing the same document twice changes nothing. A re-import's category changes are recorded as
 * the plan's decision of source "import", with an audit entry. With `dryRun` the same work is done
 * and rolled back. Refuses with ImportBasisChanged when the database no longer holds what the plan
 * was made from.
 */
export async function writeProgrammeImport(
  db: Db,
  plan: ProgrammeImportPlan,
  basis: ImportBasis,
  options: {
    isDefault?: boolean;
    dryRun?: boolean;
    now: string;
    file: string | null;
    actor: Actor;
    /** More writes that belong with the import (a new edition's lineage), in its transaction. */
    within?: (trx: Transaction<Database>, written: { programmeId: number; actionIds: Map<number, number> }) => Promise<void>;
  },
): Promise<ProgrammeImportReport> {
  const doc = plan.document;
  const now = options.now;
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
      if (json(await basisFrom(trx, doc)) !== json(basis)) throw new ImportBasisChanged();
      const idOf = await writeOrganisations(trx, plan, now, report);
      const programmeId = await upsertProgramme(trx, doc, options.isDefault, now, report);
      await replaceProgrammeOrganisations(trx, programmeId, plan, idOf);
      await upsertCategories(trx, programmeId, doc);
      const { themeIds, intentionIds } = await upsertThemes(trx, programmeId, plan, idOf, report);
      const actionIds = await upsertActions(trx, programmeId, plan, { idOf, themeIds, intentionIds }, now, report);
      await recordImportDecision(trx, { programmeId, plan, actionIds, now, file: options.file, actor: options.actor, report });
      if (options.within) await options.within(trx, { programmeId, actionIds });
      if (report.dryRun) throw new DryRunRollback(report);
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
  return report;
}

async function writeOrganisations(
  trx: Transaction<Database>,
  plan: ProgrammeImportPlan,
  now: string,
  report: ProgrammeImportReport,
): Promise<(o: OrganisationIdentity) => number> {
  const created = new Map<string, number>();
  for (const org of plan.organisations) {
    let id: number;
    if (org.create) {
      const row = await trx
        .insertInto("organisation")
        .values({ slug: org.create.slug, name: org.create.name, kind: org.create.kind, created_at: now, updated_at: now, version: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
      created.set(identityKey(org.identity), id);
    } else {
      id = "id" in org.identity ? org.identity.id : created.get(identityKey(org.identity))!;
    }
    if (org.aliases.length > 0) {
      await trx
        .insertInto("organisation_alias")
        .values(org.aliases.map((a) => ({ organisation_id: id, alias: a.alias, normalised: a.normalised })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    report.organisations[org.outcome]++;
  }
  return (o) => ("id" in o ? o.id : created.get(identityKey(o))!);
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
  plan: ProgrammeImportPlan,
  idOf: (o: OrganisationIdentity) => number,
): Promise<void> {
  const rows = plan.programmeOrganisations.map((r) => ({ programme_id: programmeId, organisation_id: idOf(r.organisation), role: r.role, position: r.position }));
  await trx.deleteFrom("programme_organisation").where("programme_id", "=", programmeId).execute();
  if (rows.length > 0) await trx.insertInto("programme_organisation").values(rows).execute();
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
  plan: ProgrammeImportPlan,
  idOf: (o: OrganisationIdentity) => number,
  report: ProgrammeImportReport,
): Promise<{ themeIds: Map<number, number>; intentionIds: Map<string, number> }> {
  const themeIds = new Map<number, number>();
  const intentionIds = new Map<string, number>();
  for (const theme of plan.document.themes) {
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
    const participation = (plan.participation.get(theme.number) ?? []).map((p) => ({
      theme_id: themeId,
      organisation_id: idOf(p.organisation),
      status: p.status,
      note: p.note,
    }));
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

async function upsertActions(
  trx: Transaction<Database>,
  programmeId: number,
  plan: ProgrammeImportPlan,
  refs: { idOf: (o: OrganisationIdentity) => number; themeIds: Map<number, number>; intentionIds: Map<string, number> },
  now: string,
  report: ProgrammeImportReport,
): Promise<Map<number, number>> {
  const existingRows = await trx.selectFrom("action").selectAll().where("programme_id", "=", programmeId).execute();
  const byNumber = new Map(existingRows.map((r) => [r.number, r]));
  const actionIds = new Map<number, number>();
  const touched = new Set<number>();

  for (const action of plan.actions) {
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
      search_title: action.search.title,
      search_text: action.search.body,
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
    } else {
      actionIds.set(action.number, existing.id);
      if (differs(existing, fields)) {
        await trx.updateTable("action").set({ ...fields, updated_at: now, version: existing.version + 1 }).where("id", "=", existing.id).execute();
        touched.add(action.number);
      }
    }
  }

  for (const action of plan.actions) {
    const actionId = actionIds.get(action.number)!;
    const changedRefs = await syncActionOrganisations(trx, actionId, action, refs.idOf);
    const changedLinks = await syncActionLinks(trx, actionId, action, actionIds, refs.themeIds);
    const changedYears = await syncActionYears(trx, actionId, action.years);
    const existing = byNumber.get(action.number);
    // Milestones are read again only when the planning text is new or changed (hand corrections stay).
    if (!existing || existing.planning_text !== action.planningText) {
      await syncMilestones(trx, { actionId, readings: action.milestones, now });
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
  const inDoc = new Set(plan.actions.map((a) => a.number));
  report.actionsNotInDocument = existingRows.filter((r) => !inDoc.has(r.number)).map((r) => r.number).sort((a, b) => a - b);
  return actionIds;
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
    plan: ProgrammeImportPlan;
    actionIds: Map<number, number>;
    now: string;
    file: string | null;
    actor: Actor;
    report: ProgrammeImportReport;
  },
): Promise<void> {
  if (!input.plan.decision) return;
  const d = input.plan.decision.decision;
  const titles = new Map(input.plan.actions.map((a) => [a.number, a.title]));
  const changes = input.plan.decision.changes.map((c) => ({ ...c, actionId: input.actionIds.get(c.number)!, title: titles.get(c.number)! }));
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
  const byNumber = new Map(changes.map((c) => [c.number, c]));
  await trx
    .insertInto("decision_action")
    .values(d.actions.map((a) => ({ decision_id: row.id, action_id: byNumber.get(a.number)!.actionId, category_from: a.from, category_to: a.to })))
    .execute();
  for (const c of changes) {
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
  input.report.categoryChanges = changes.map((c) => ({ number: c.number, from: c.from, to: c.to, created: c.created }));
  input.report.decision = { id: input.report.dryRun ? null : row.id, decidedOn: d.decidedOn, title: d.title };
}

async function syncActionOrganisations(
  trx: Transaction<Database>,
  actionId: number,
  action: PlannedAction,
  idOf: (o: OrganisationIdentity) => number,
): Promise<boolean> {
  const wanted = action.organisations.map((r) => ({
    action_id: actionId,
    organisation_id: idOf(r.organisation),
    role: r.role,
    qualifier: r.qualifier,
    position: r.position,
  }));
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

async function syncActionLinks(
  trx: Transaction<Database>,
  actionId: number,
  action: PlannedAction,
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

