import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { ActionFilters, Paging } from "../domain/programmes/action-filters";
import { searchTerms } from "../domain/programmes/search-terms";
import type { OrganisationKind, LinkType } from "../domain/programmes/programme-document";
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
import { createMilestoneStore } from "./milestone-store";
import { createProgressStore } from "./progress-store";
import { categoryAsOfQuery } from "./decision-repository";
import { DUTCH_STOP_WORDS } from "./dutch-stop-words";
import type { Database } from "./schema";

type ActionQuery = SelectQueryBuilder<Database, "action", object>;

/** Reads actions: filtered pages for lists, one whole action, counts for the overview. */
export function createActionRepository(db: Db) {
  const k = db.kysely;
  const milestoneStore = createMilestoneStore(db);
  const progressStore = createProgressStore(db);

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

  /** Adds the full-text condition and returns an expression for relevance (higher is better). */
  function applySearch(
    query: ActionQuery,
    q: string | undefined,
  ): { query: ActionQuery; rank: ReturnType<typeof sql<number>> | null } {
    const terms = q ? searchTerms(q) : [];
    if (terms.length === 0) return { query, rank: null };
    if (db.dialect === "postgres") {
      const tsquery = terms.map((t) => `${t}:*`).join(" & ");
      return {
        query: query.where(sql<boolean>`action.search_vector @@ to_tsquery('dutch', ${tsquery})`),
        rank: sql<number>`ts_rank(action.search_vector, to_tsquery('dutch', ${tsquery}))`,
      };
    }
    // PostgreSQL drops Dutch stop words from a query; so does this, and a query of stop words alone
    // finds nothing on either engine.
    const words = terms.filter((t) => !DUTCH_STOP_WORDS.has(t));
    if (words.length === 0) return { query: query.where(sql<boolean>`0 = 1`), rank: null };
    const match = words.map((t) => `"${t}"*`).join(" ");
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
        .select((eb) => ["action.number", "action.title", "action.group_name", categoryOf(eb, asOf).as("category")])
        .where("action.programme_id", "=", programmeId)
        .where("action.theme_id", "is", null)
        .orderBy("action.number")
        .execute();
      return rows.map((r) => ({ number: r.number, title: r.title, group: r.group_name, category: r.category }));
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

export type ActionRepository = ReturnType<typeof createActionRepository>;

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
