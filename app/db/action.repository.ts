import { message, type FieldErrors } from "../lib/errors";
import { type ExpressionBuilder, type SelectQueryBuilder, type Transaction, sql } from "kysely";
import type { ActionFilters, Paging } from "../domain/programmes/action-filters";
import { searchQuery, searchWords } from "../domain/programmes/dutch-search";
import type { LinkType, OrganisationKind } from "../domain/programmes/programme-document";
import type {
  Action,
  ActionBacklinkView,
  ActionLinkView,
  CategoryCount,
  OrganisationRefView,
  ThemeCategoryCount,
} from "../domain/programmes/types";
import { approvedRef } from "../domain/plans/plan-types";
import type { Db } from "./database";
import { createMilestoneRepository, syncMilestones } from "./milestone.repository";
import { createProgressUpdateRepository } from "./progress-update.repository";
import { categoryAsOfQuery } from "./decision.repository";
import type { Database } from "./schema";
import type { ActionChanges, ActionPatch } from "../domain/actions/action-changes";
import { type Actor, recordAudit } from "./audit";
import { actionSearchIndex, derivePlanning } from "../domain/programmes/programme-import";
import { forUpdate } from "./write-locks";

type ActionQuery = SelectQueryBuilder<Database, "action", object>;

/** Reads actions: filtered pages for lists, one whole action, counts for the overview. */
function actionReads(db: Db) {
  const k = db.kysely;
  const milestoneStore = createMilestoneRepository(db);
  const progressStore = createProgressUpdateRepository(db);

  function applyFilters(query: ActionQuery, programmeId: number, f: ActionFilters): ActionQuery {
    let q = query.where("action.programme_id", "=", programmeId);
    if (f.theme !== undefined) {
      const theme = f.theme;
      q = q.where("action.theme_id", "in", (eb) =>
        eb
          .selectFrom("theme")
          .select("theme.id")
          .where("theme.programme_id", "=", programmeId)
          .where("theme.number", "=", theme),
      );
    }
    if (f.intention !== undefined) {
      const code = f.intention;
      q = q.where("action.intention_id", "in", (eb) =>
        eb
          .selectFrom("intention")
          .innerJoin("theme", "theme.id", "intention.theme_id")
          .select("intention.id")
          .where("theme.programme_id", "=", programmeId)
          .where("intention.code", "=", code),
      );
    }
    if (f.category.length > 0) {
      const codes = f.category;
      q = q.where((eb) => eb(categoryOf(eb, f.asOf), "in", codes));
    }
    for (const [role, slug] of [
      ["lead", f.lead],
      ["partner", f.partner],
    ] as const) {
      if (!slug) continue;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("action_organisation")
            .innerJoin("organisation", "organisation.id", "action_organisation.organisation_id")
            .select(sql.lit(1).as("one"))
            .whereRef("action_organisation.action_id", "=", "action.id")
            .where("action_organisation.role", "=", role)
            .where("organisation.slug", "=", slug),
        ),
      );
    }
    if (f.year !== undefined) {
      const year = f.year;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("action_year")
            .select(sql.lit(1).as("one"))
            .whereRef("action_year.action_id", "=", "action.id")
            .where("action_year.year", "=", year),
        ),
      );
    }
    if (f.plan === "approved") {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("plan_of_approach")
            .select(sql.lit(1).as("one"))
            .whereRef("plan_of_approach.action_id", "=", "action.id")
            .where("plan_of_approach.status", "=", "approved"),
        ),
      );
    }
    return q;
  }

  /**
   * Adds the full-text condition and returns an expression for relevance (higher is better). Both
   * engines match the stems Regie computed (app/domain/programmes/dutch-search.ts), so a query finds
   * the same actions on each; only the ranking functions differ (ts_rank, bm25), the title weighing most.
   */
  function applySearch(
    query: ActionQuery,
    q: string | undefined,
  ): { query: ActionQuery; rank: ReturnType<typeof sql<number>> | null } {
    if (!q || searchWords(q).length === 0) return { query, rank: null };
    const terms = searchQuery(q);
    // A query of stop words alone finds nothing.
    if (terms.length === 0) return { query: query.where(sql<boolean>`0 = 1`), rank: null };
    if (db.dialect === "postgres") {
      // Stems hold letters and digits only, so they are written into the tsquery as they are.
      const tsquery = terms
        .map((t) => `(${[`'${t.prefix}':*`, ...t.also.map((s) => `'${s}'`)].join(" | ")})`)
        .join(" & ");
      return {
        query: query.where(sql<boolean>`action.search_vector @@ ${tsquery}::tsquery`),
        rank: sql<number>`ts_rank(action.search_vector, ${tsquery}::tsquery)`,
      };
    }
    const match = terms
      .map((t) => `(${[`"${t.prefix}"*`, ...t.also.map((s) => `"${s}"`)].join(" OR ")})`)
      .join(" AND ");
    return {
      query: query.where(
        "action.id",
        "in",
        sql<number>`(SELECT rowid FROM action_fts WHERE action_fts MATCH ${match})`,
      ),
      // bm25 is lower for better matches; the title weighs ten times the body.
      rank: sql<number>`(SELECT -bm25(action_fts, 10.0, 1.0) FROM action_fts WHERE action_fts MATCH ${match} AND action_fts.rowid = action.id)`,
    };
  }

  async function hydrate(rows: RawAction[]): Promise<Action[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [orgs, links, backlinks, years, plans, milestones, progress] = await Promise.all([
      k
        .selectFrom("action_organisation")
        .innerJoin("organisation", "organisation.id", "action_organisation.organisation_id")
        .select([
          "action_organisation.action_id",
          "action_organisation.role",
          "action_organisation.qualifier",
          "organisation.slug",
          "organisation.name",
          "organisation.kind",
        ])
        .where("action_organisation.action_id", "in", ids)
        .orderBy("action_organisation.action_id")
        .orderBy("action_organisation.position")
        .execute(),
      k
        .selectFrom("action_link")
        .leftJoin("action as target", "target.id", "action_link.target_action_id")
        .leftJoin("theme as target_theme", "target_theme.id", "action_link.target_theme_id")
        .select([
          "action_link.action_id",
          "action_link.type",
          "action_link.source_text",
          "target.number as target_number",
          "target.title as target_title",
          "target_theme.number as theme_number",
          "target_theme.title as theme_title",
        ])
        .where("action_link.action_id", "in", ids)
        .orderBy("action_link.action_id")
        .orderBy("action_link.position")
        .execute(),
      k
        .selectFrom("action_link")
        .innerJoin("action as source", "source.id", "action_link.action_id")
        .select(["action_link.target_action_id", "action_link.type", "source.number", "source.title"])
        .where("action_link.target_action_id", "in", ids)
        .orderBy("source.number")
        .execute(),
      k
        .selectFrom("action_year")
        .select(["action_id", "year"])
        .where("action_id", "in", ids)
        .orderBy("year")
        .execute(),
      // The adopted plan of approach: the newest approved version.
      k
        .selectFrom("plan_of_approach")
        .select(["action_id", "version_no", "status", "decided_at"])
        .where("action_id", "in", ids)
        .where("status", "=", "approved")
        .execute(),
      // Milestones and the newest progress: one query each for the whole page.
      milestoneStore.listForActions(ids),
      progressStore.latestForActions(ids),
    ]);
    // Group the page's rows by action once, so hydrating stays linear in the page size.
    const orgsOf = groupBy(orgs, (o) => o.action_id);
    const linksOf = groupBy(links, (l) => l.action_id);
    const backlinksOf = groupBy(backlinks, (b) => b.target_action_id ?? 0);
    const yearsOf = groupBy(years, (y) => y.action_id);
    return rows.map((r) => {
      const mine = orgsOf.get(r.id) ?? [];
      const ref = (role: string): OrganisationRefView[] =>
        mine
          .filter((o) => o.role === role)
          .map((o) => ({
            slug: o.slug,
            name: o.name,
            kind: o.kind as OrganisationKind,
            qualifier: o.qualifier,
          }));
      const actionLinks: ActionLinkView[] = (linksOf.get(r.id) ?? []).map((l) => ({
        type: l.type as LinkType,
        target:
          l.target_number !== null
            ? { action: l.target_number, title: l.target_title }
            : { theme: l.theme_number ?? 0, title: l.theme_title },
        source: l.source_text,
      }));
      const linkedFrom: ActionBacklinkView[] = (backlinksOf.get(r.id) ?? []).map((b) => ({
        type: b.type as LinkType,
        source: { action: b.number, title: b.title },
      }));
      return {
        id: r.id,
        number: r.number,
        title: r.title,
        description: r.description,
        notes: JSON.parse(r.notes) as string[],
        theme: r.theme_number === null ? null : { number: r.theme_number, title: r.theme_title ?? "" },
        intention:
          r.intention_code === null ? null : { code: r.intention_code, text: r.intention_text ?? "" },
        group: r.group_name,
        leads: ref("lead"),
        partners: ref("partner"),
        toInvolve: ref("to-involve"),
        leadUnknown: r.lead_unknown === 1,
        intendedResults: JSON.parse(r.intended_results) as string[],
        planningText: r.planning_text,
        planningYears: (yearsOf.get(r.id) ?? []).map((y) => y.year),
        category: r.category,
        categoryNote: r.category_note,
        links: actionLinks,
        linkedFrom,
        updatedAt: r.updated_at,
        version: r.version,
        plan: approvedRef(
          plans
            .filter((p) => p.action_id === r.id)
            .map((p) => ({ versionNo: p.version_no, status: p.status, decidedAt: p.decided_at })),
        ),
        milestones: milestones.get(r.id) ?? [],
        progress: progress.get(r.id) ?? null,
      };
    });
  }

  /** The action's category: the current one, or as it was at the end of `asOf` (by the decisions taken). */
  function categoryOf(eb: ExpressionBuilder<Database, "action">, asOf: string | undefined) {
    return asOf ? categoryAsOfQuery(eb, asOf) : eb.ref("action.category");
  }

  function baseSelect(query: ActionQuery, asOf?: string) {
    return query
      .leftJoin("theme", "theme.id", "action.theme_id")
      .leftJoin("intention", "intention.id", "action.intention_id")
      .select([
        "action.id",
        "action.number",
        "action.title",
        "action.description",
        "action.notes",
        "action.group_name",
        "action.lead_unknown",
        "action.intended_results",
        "action.planning_text",
        "action.category_note",
        "action.updated_at",
        "action.version",
        "theme.number as theme_number",
        "theme.title as theme_title",
        "intention.code as intention_code",
        "intention.text as intention_text",
      ])
      .select((eb) => categoryOf(eb, asOf).as("category"));
  }

  return {
    /** One page of actions matching the filters, sorted by number, or by relevance when searching. */
    async list(
      programmeId: number,
      filters: ActionFilters,
      paging: Paging,
    ): Promise<{ data: Action[]; total: number }> {
      const filtered = applyFilters(k.selectFrom("action"), programmeId, filters);
      const { query, rank } = applySearch(filtered, filters.q);
      const totalRow = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      let page = baseSelect(query, filters.asOf);
      if (rank) page = page.orderBy(rank, "desc");
      const rows = await page.orderBy("action.number").limit(paging.limit).offset(paging.offset).execute();
      return { data: await hydrate(rows), total: Number(totalRow.n) };
    },

    /**
     * The ids of one page of actions matching the filters, in the order `list` gives them, with the
     * total: for read models that fetch their own columns for the same list (the timeline).
     */
    async listIds(
      programmeId: number,
      filters: ActionFilters,
      paging: Paging,
    ): Promise<{ ids: number[]; total: number }> {
      const filtered = applyFilters(k.selectFrom("action"), programmeId, filters);
      const { query, rank } = applySearch(filtered, filters.q);
      const totalRow = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      let page = query.select("action.id");
      if (rank) page = page.orderBy(rank, "desc");
      const rows = await page.orderBy("action.number").limit(paging.limit).offset(paging.offset).execute();
      return { ids: rows.map((r) => r.id), total: Number(totalRow.n) };
    },

    /** One action by its number, or undefined. */
    /** The ids of those of these action numbers that the programme holds. */
    async idsOf(programmeId: number, numbers: number[]): Promise<{ id: number; number: number }[]> {
      if (numbers.length === 0) return [];
      return k
        .selectFrom("action")
        .select(["id", "number"])
        .where("programme_id", "=", programmeId)
        .where("number", "in", numbers)
        .execute();
    },

    async get(programmeId: number, number: number): Promise<Action | undefined> {
      const rows = await baseSelect(k.selectFrom("action"))
        .where("action.programme_id", "=", programmeId)
        .where("action.number", "=", number)
        .execute();
      const [action] = await hydrate(rows);
      return action;
    },

    /** The actions of the organisation chapter (no theme), for the overview: number, title, group, category. */
    async chapterActions(programmeId: number, asOf?: string) {
      const rows = await k
        .selectFrom("action")
        .select((eb) => [
          "action.number",
          "action.title",
          "action.group_name",
          categoryOf(eb, asOf).as("category"),
        ])
        .where("action.programme_id", "=", programmeId)
        .where("action.theme_id", "is", null)
        .orderBy("action.number")
        .execute();
      return rows.map((r) => ({
        number: r.number,
        title: r.title,
        group: r.group_name,
        category: r.category,
      }));
    },

    /** Actions per category, for the whole programme; with `asOf`, the categories at the end of that day. */
    async countByCategory(programmeId: number, asOf?: string): Promise<CategoryCount[]> {
      const categorised = k
        .selectFrom("action")
        .select((eb) => categoryOf(eb, asOf).as("category"))
        .where("action.programme_id", "=", programmeId);
      const rows = await k
        .selectFrom(categorised.as("a"))
        .select(["a.category", (eb) => eb.fn.countAll<number>().as("count")])
        .groupBy("a.category")
        .orderBy("a.category")
        .execute();
      return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
    },

    /** Actions per theme and category; theme null is the organisation chapter. `asOf` as for countByCategory. */
    async countByThemeAndCategory(programmeId: number, asOf?: string): Promise<ThemeCategoryCount[]> {
      const categorised = k
        .selectFrom("action")
        .leftJoin("theme", "theme.id", "action.theme_id")
        .select((eb) => ["theme.number as theme", categoryOf(eb, asOf).as("category")])
        .where("action.programme_id", "=", programmeId);
      const rows = await k
        .selectFrom(categorised.as("a"))
        .select(["a.theme", "a.category", (eb) => eb.fn.countAll<number>().as("count")])
        .groupBy(["a.theme", "a.category"])
        .execute();
      return rows.map((r) => ({ theme: r.theme, category: r.category, count: Number(r.count) }));
    },

    /** Every planning year that occurs, for the year filter's choices. */
    async planningYears(programmeId: number): Promise<number[]> {
      const rows = await k
        .selectFrom("action_year")
        .innerJoin("action", "action.id", "action_year.action_id")
        .select("action_year.year")
        .distinct()
        .where("action.programme_id", "=", programmeId)
        .orderBy("action_year.year")
        .execute();
      return rows.map((r) => r.year);
    },
  };
}

interface RawAction {
  id: number;
  number: number;
  title: string;
  description: string;
  notes: string;
  group_name: string | null;
  lead_unknown: number;
  intended_results: string;
  planning_text: string;
  category: number | null;
  category_note: string | null;
  updated_at: string;
  version: number;
  theme_number: number | null;
  theme_title: string | null;
  intention_code: string | null;
  intention_text: string | null;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export type ActionSnapshot = ActionChanges & {
  number: number;
  category: number | null;
  version: number;
  updatedAt: string;
};

export type UpdateResult =
  | { status: "ok"; version: number; changed: string[] }
  | { status: "not-found" }
  | { status: "conflict"; current: ActionSnapshot }
  | { status: "invalid"; errors: FieldErrors };

/** Reads one action in its editable form (what history records and the edit form shows). */
export async function snapshotAction(
  trx: Transaction<Database> | Db["kysely"],
  actionId: number,
): Promise<ActionSnapshot | undefined> {
  const a = await trx
    .selectFrom("action")
    .leftJoin("intention", "intention.id", "action.intention_id")
    .select([
      "action.id",
      "action.number",
      "action.title",
      "action.description",
      "action.notes",
      "action.group_name",
      "action.lead_unknown",
      "action.intended_results",
      "action.planning_text",
      "action.category",
      "action.category_note",
      "action.version",
      "action.updated_at",
      "intention.code as intention_code",
    ])
    .where("action.id", "=", actionId)
    .executeTakeFirst();
  if (!a) return undefined;
  const [refs, links] = await Promise.all([
    trx
      .selectFrom("action_organisation")
      .innerJoin("organisation", "organisation.id", "action_organisation.organisation_id")
      .select(["action_organisation.role", "action_organisation.qualifier", "organisation.slug"])
      .where("action_organisation.action_id", "=", actionId)
      .orderBy("action_organisation.role")
      .orderBy("action_organisation.position")
      .execute(),
    trx
      .selectFrom("action_link")
      .leftJoin("action as target", "target.id", "action_link.target_action_id")
      .leftJoin("theme", "theme.id", "action_link.target_theme_id")
      .select(["action_link.type", "target.number as action_number", "theme.number as theme_number"])
      .where("action_link.action_id", "=", actionId)
      .orderBy("action_link.position")
      .execute(),
  ]);
  const byRole = (role: string) =>
    refs.filter((r) => r.role === role).map((r) => ({ organisation: r.slug, qualifier: r.qualifier }));
  return {
    number: a.number,
    title: a.title,
    description: a.description,
    notes: JSON.parse(a.notes) as string[],
    intentionCode: a.intention_code,
    group: a.group_name,
    leads: byRole("lead"),
    partners: byRole("partner"),
    toInvolve: byRole("to-involve"),
    leadUnknown: a.lead_unknown === 1,
    intendedResults: JSON.parse(a.intended_results) as string[],
    planningText: a.planning_text,
    category: a.category,
    categoryNote: a.category_note,
    links: links.map((l) => ({
      type: l.type as LinkType,
      target: l.action_number !== null ? { action: l.action_number } : { theme: l.theme_number ?? 0 },
    })),
    version: a.version,
    updatedAt: a.updated_at,
  };
}

const EDITABLE = [
  "title",
  "description",
  "notes",
  "intentionCode",
  "group",
  "leads",
  "partners",
  "toInvolve",
  "leadUnknown",
  "intendedResults",
  "planningText",
  "categoryNote",
  "links",
] as const;

export type CreateResult =
  | { status: "ok"; id: number; number: number; version: number }
  | { status: "invalid"; errors: FieldErrors };

/** What an action's references resolve to, or why they do not. */
interface References {
  errors: FieldErrors;
  intentionId: number | null;
  themeId: number | null;
  orgId: Map<string, number>;
  targets: { id: number; number: number }[];
  themes: { id: number; number: number }[];
}

/**
 * Checks an action's references against its programme: the intention or group, the organisations
 * in each role (known, each once), and link targets (other actions, themes). `next.group` is cleared
 * when an intention places the action.
 */
async function checkReferences(
  trx: Transaction<Database>,
  programmeId: number,
  number: number,
  next: ActionChanges,
): Promise<References> {
  const errors: FieldErrors = {};
  let intentionId: number | null = null;
  let themeId: number | null = null;
  if (next.intentionCode) {
    const intention = await trx
      .selectFrom("intention")
      .innerJoin("theme", "theme.id", "intention.theme_id")
      .select(["intention.id", "theme.id as theme_id"])
      .where("theme.programme_id", "=", programmeId)
      .where("intention.code", "=", next.intentionCode)
      .executeTakeFirst();
    if (!intention) errors.intentionCode = message("edit.intentionUnknown");
    else {
      intentionId = intention.id;
      themeId = intention.theme_id;
    }
    next.group = null;
  } else if (next.group) {
    const programme = await trx
      .selectFrom("programme")
      .select("organisation_chapter")
      .where("id", "=", programmeId)
      .executeTakeFirstOrThrow();
    const groups = programme.organisation_chapter
      ? (JSON.parse(programme.organisation_chapter) as { groups: string[] }).groups
      : [];
    if (!groups.includes(next.group)) errors.group = message("edit.groupUnknown");
  } else {
    errors.intentionCode = message("edit.placementRequired");
  }

  const slugs = [...new Set([...next.leads, ...next.partners, ...next.toInvolve].map((r) => r.organisation))];
  const orgs = slugs.length
    ? await trx.selectFrom("organisation").select(["id", "slug"]).where("slug", "in", slugs).execute()
    : [];
  const orgId = new Map(orgs.map((o) => [o.slug, o.id]));
  for (const field of ["leads", "partners", "toInvolve"] as const) {
    const missing = next[field].find((r) => !orgId.has(r.organisation));
    if (missing) errors[field] = message("edit.organisationUnknownName", { param: missing.organisation });
    const seen = new Set<string>();
    for (const r of next[field]) {
      if (seen.has(r.organisation)) errors[field] ??= message("edit.duplicate", { param: r.organisation });
      seen.add(r.organisation);
    }
  }
  if (next.leadUnknown && next.leads.length > 0) errors.leadUnknown = message("edit.leadUnknownWithLeads");

  const actionNumbers = next.links.flatMap((l) => ("action" in l.target ? [l.target.action] : []));
  const themeNumbers = next.links.flatMap((l) => ("theme" in l.target ? [l.target.theme] : []));
  const targets = actionNumbers.length
    ? await trx
        .selectFrom("action")
        .select(["id", "number"])
        .where("programme_id", "=", programmeId)
        .where("number", "in", actionNumbers)
        .execute()
    : [];
  const themes = themeNumbers.length
    ? await trx
        .selectFrom("theme")
        .select(["id", "number"])
        .where("programme_id", "=", programmeId)
        .where("number", "in", themeNumbers)
        .execute()
    : [];
  const badAction = actionNumbers.find((n) => n === number || !targets.some((t) => t.number === n));
  if (badAction !== undefined) errors.links = message("edit.linkActionUnknown", { param: badAction });
  const badTheme = themeNumbers.find((n) => !themes.some((t) => t.number === n));
  if (badTheme !== undefined) errors.links ??= message("edit.linkThemeUnknown", { param: badTheme });
  return { errors, intentionId, themeId, orgId, targets, themes };
}

const ROLE_OF = { leads: "lead", partners: "partner", toInvolve: "to-involve" } as const;

/** Rewrites the organisations, links and planning years of an action (those named in `parts`). */
async function writeRelations(
  trx: Transaction<Database>,
  action: { id: number; programmeId: number },
  next: ActionChanges,
  refs: References,
  parts: { organisations: boolean; links: boolean; years: boolean; now: string },
): Promise<void> {
  if (parts.organisations) {
    await trx.deleteFrom("action_organisation").where("action_id", "=", action.id).execute();
    const rows = (["leads", "partners", "toInvolve"] as const).flatMap((field) =>
      next[field].map((r, position) => ({
        action_id: action.id,
        organisation_id: refs.orgId.get(r.organisation)!,
        role: ROLE_OF[field],
        qualifier: r.qualifier,
        position,
      })),
    );
    if (rows.length) await trx.insertInto("action_organisation").values(rows).execute();
  }
  if (parts.links) {
    await trx.deleteFrom("action_link").where("action_id", "=", action.id).execute();
    const values = next.links.map((l, position) => ({
      action_id: action.id,
      type: l.type,
      target_action_id:
        "action" in l.target
          ? refs.targets.find((t) => t.number === (l.target as { action: number }).action)!.id
          : null,
      target_theme_id:
        "theme" in l.target
          ? refs.themes.find((t) => t.number === (l.target as { theme: number }).theme)!.id
          : null,
      source_text: null,
      position,
    }));
    if (values.length) await trx.insertInto("action_link").values(values).execute();
  }
  if (parts.years) {
    const programme = await trx
      .selectFrom("programme")
      .select(["period_start", "period_end"])
      .where("id", "=", action.programmeId)
      .executeTakeFirstOrThrow();
    const period = { start: programme.period_start, end: programme.period_end };
    const { years, milestones } = derivePlanning(next.planningText, period);
    await trx.deleteFrom("action_year").where("action_id", "=", action.id).execute();
    if (years.length)
      await trx
        .insertInto("action_year")
        .values(years.map((year) => ({ action_id: action.id, year })))
        .execute();
    // The milestones follow the planning text (hand corrections stay).
    await syncMilestones(trx, { actionId: action.id, readings: milestones, now: parts.now });
  }
}

export interface UpdateInput {
  programmeId: number;
  number: number;
  expectedVersion: number;
  patch: ActionPatch;
  actor: Actor;
  requestId?: string;
  now: string;
}

export interface CreateInput {
  programmeId: number;
  number?: number;
  changes: ActionChanges;
  actor: Actor;
  requestId?: string;
  now: string;
}

/** One action's change inside a transaction the caller holds (a page edit, the API, a workbook import). */
export async function updateActionIn(trx: Transaction<Database>, dialect: Db["dialect"], input: UpdateInput): Promise<UpdateResult> {
  const row = await forUpdate(
    trx.selectFrom("action").select(["id", "version"]).where("programme_id", "=", input.programmeId).where("number", "=", input.number),
    dialect,
  ).executeTakeFirst();
  if (!row) return { status: "not-found" };
  const before = (await snapshotAction(trx, row.id))!;
  if (row.version !== input.expectedVersion) return { status: "conflict", current: before };
  const next: ActionChanges = { ...pick(before), ...input.patch };
  const refs = await checkReferences(trx, input.programmeId, input.number, next);
  if (Object.keys(refs.errors).length > 0) return { status: "invalid", errors: refs.errors };

  const changed = EDITABLE.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f]));
  if (changed.length === 0) return { status: "ok", version: before.version, changed };

  const version = before.version + 1;
  await trx
    .updateTable("action")
    .set({
      title: next.title,
      description: next.description,
      notes: JSON.stringify(next.notes),
      intention_id: refs.intentionId,
      theme_id: refs.themeId,
      group_name: next.group,
      lead_unknown: next.leadUnknown ? 1 : 0,
      intended_results: JSON.stringify(next.intendedResults),
      planning_text: next.planningText,
      category_note: next.categoryNote,
      ...searchColumns(next),
      updated_at: input.now,
      version,
    })
    .where("id", "=", row.id)
    .execute();
  await writeRelations(trx, { id: row.id, programmeId: input.programmeId }, next, refs, {
    organisations: changed.some((f) => f === "leads" || f === "partners" || f === "toInvolve"),
    links: changed.includes("links"),
    years: changed.includes("planningText"),
    now: input.now,
  });
  await recordAudit(trx, {
    actor: input.actor,
    at: input.now,
    programmeId: input.programmeId,
    entityType: "action",
    entityId: row.id,
    entityLabel: `${input.number}. ${next.title}`,
    operation: "update",
    before: Object.fromEntries(changed.map((f) => [f, before[f]])),
    after: Object.fromEntries(changed.map((f) => [f, next[f]])),
    requestId: input.requestId,
  });
  return { status: "ok", version, changed };
}

/** One new action inside a transaction the caller holds. */
export async function createActionIn(trx: Transaction<Database>, dialect: Db["dialect"], input: CreateInput): Promise<CreateResult> {
  // One creation at a time per programme, so that two cannot take the same next number.
  await forUpdate(trx.selectFrom("programme").select("id").where("id", "=", input.programmeId), dialect).executeTakeFirstOrThrow();
  const errors: FieldErrors = {};
  let number = input.number;
  if (number !== undefined) {
    const taken = await trx.selectFrom("action").select("id").where("programme_id", "=", input.programmeId).where("number", "=", number).executeTakeFirst();
    if (taken) errors.number = message("editing.actionNumberTaken", { param: number });
  } else {
    const max = await trx.selectFrom("action").select((eb) => eb.fn.max("number").as("n")).where("programme_id", "=", input.programmeId).executeTakeFirst();
    number = Number(max?.n ?? 0) + 1;
  }
  const next: ActionChanges = { ...input.changes };
  const refs = await checkReferences(trx, input.programmeId, number, next);
  Object.assign(errors, refs.errors);
  if (Object.keys(errors).length > 0) return { status: "invalid", errors };

  const row = await trx
    .insertInto("action")
    .values({
      programme_id: input.programmeId,
      number,
      title: next.title,
      description: next.description,
      notes: JSON.stringify(next.notes),
      theme_id: refs.themeId,
      intention_id: refs.intentionId,
      group_name: next.group,
      lead_unknown: next.leadUnknown ? 1 : 0,
      intended_results: JSON.stringify(next.intendedResults),
      planning_text: next.planningText,
      category: null,
      category_note: next.categoryNote,
      ...searchColumns(next),
      created_at: input.now,
      updated_at: input.now,
      version: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeRelations(trx, { id: row.id, programmeId: input.programmeId }, next, refs, { organisations: true, links: true, years: true, now: input.now });
  await recordAudit(trx, {
    actor: input.actor,
    at: input.now,
    programmeId: input.programmeId,
    entityType: "action",
    entityId: row.id,
    entityLabel: `${number}. ${next.title}`,
    operation: "create",
    before: null,
    after: { number, ...pick(next) },
    requestId: input.requestId,
  });
  return { status: "ok", id: row.id, number, version: 1 };
}

/** Changes to actions, each in one transaction with optimistic concurrency and a history entry. */
function actionChanges(db: Db) {
  return {
    async snapshot(
      programmeId: number,
      number: number,
    ): Promise<(ActionSnapshot & { id: number }) | undefined> {
      const row = await db.kysely
        .selectFrom("action")
        .select("id")
        .where("programme_id", "=", programmeId)
        .where("number", "=", number)
        .executeTakeFirst();
      if (!row) return undefined;
      const s = await snapshotAction(db.kysely, row.id);
      return s ? { ...s, id: row.id } : undefined;
    },

    /** The number a new action gets when none is asked for: one above the highest. */
    async nextNumber(programmeId: number): Promise<number> {
      const row = await db.kysely
        .selectFrom("action")
        .select((eb) => eb.fn.max("number").as("n"))
        .where("programme_id", "=", programmeId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    /**
     * Applies a change if the action is still at the version the editor saw. References (intention,
     * group, organisations, link targets) are checked against the programme; nothing is written
     * unless all of it holds. The action's row is locked while the change is checked and written,
     * so that of two writers who saw the same version exactly one succeeds.
     */
    async update(input: UpdateInput): Promise<UpdateResult> {
      return db.kysely.transaction().execute((trx) => updateActionIn(trx, db.dialect, input));
    },

    /**
     * Adds an action to a programme: the number asked for (when free) or the next free one, the same
     * checks as a change, no category (the steering group decides it), and a history entry.
     */
    async create(input: CreateInput): Promise<CreateResult> {
      return db.kysely.transaction().execute((trx) => createActionIn(trx, db.dialect, input));
    },
  };
}

function pick(s: ActionChanges): ActionChanges {
  return Object.fromEntries(EDITABLE.map((f) => [f, s[f]])) as ActionChanges;
}

/** Every action's SQL: filtered pages for lists, one whole action, counts for the overview; editing and creating actions, each in one transaction with its history entry. */
/** The search columns of an action's row, from its texts. */
function searchColumns(a: Parameters<typeof actionSearchIndex>[0]) {
  const index = actionSearchIndex(a);
  return { search_title: index.title, search_text: index.body };
}

export function createActionRepository(db: Db) {
  return { ...actionReads(db), ...actionChanges(db) };
}

export type ActionRepository = ReturnType<typeof createActionRepository>;
