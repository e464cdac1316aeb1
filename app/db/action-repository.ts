import { sql, type SelectQueryBuilder } from "kysely";
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
import type { Db } from "./database";
import { DUTCH_STOP_WORDS } from "./dutch-stop-words";
import type { Database } from "./schema";

type ActionQuery = SelectQueryBuilder<Database, "action", object>;

/** Reads actions: filtered pages for lists, one whole action, counts for the overview. */
export function createActionRepository(db: Db) {
  const k = db.kysely;

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
    if (f.category.length > 0) q = q.where("action.category", "in", f.category);
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
    const [orgs, links, backlinks, years] = await Promise.all([
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
    ]);
    return rows.map((r) => {
      const mine = orgs.filter((o) => o.action_id === r.id);
      const ref = (role: string): OrganisationRefView[] =>
        mine
          .filter((o) => o.role === role)
          .map((o) => ({
            slug: o.slug,
            name: o.name,
            kind: o.kind as OrganisationKind,
            qualifier: o.qualifier,
          }));
      const actionLinks: ActionLinkView[] = links
        .filter((l) => l.action_id === r.id)
        .map((l) => ({
          type: l.type as LinkType,
          target:
            l.target_number !== null
              ? { action: l.target_number, title: l.target_title }
              : { theme: l.theme_number ?? 0, title: l.theme_title },
          source: l.source_text,
        }));
      const linkedFrom: ActionBacklinkView[] = backlinks
        .filter((b) => b.target_action_id === r.id)
        .map((b) => ({ type: b.type as LinkType, source: { action: b.number, title: b.title } }));
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
        planningYears: years.filter((y) => y.action_id === r.id).map((y) => y.year),
        category: r.category,
        categoryNote: r.category_note,
        links: actionLinks,
        linkedFrom,
        updatedAt: r.updated_at,
        version: r.version,
      };
    });
  }

  function baseSelect(query: ActionQuery) {
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
        "action.category",
        "action.category_note",
        "action.updated_at",
        "action.version",
        "theme.number as theme_number",
        "theme.title as theme_title",
        "intention.code as intention_code",
        "intention.text as intention_text",
      ]);
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
      let page = baseSelect(query);
      if (rank) page = page.orderBy(rank, "desc");
      const rows = await page.orderBy("action.number").limit(paging.limit).offset(paging.offset).execute();
      return { data: await hydrate(rows), total: Number(totalRow.n) };
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

    /** Actions per category, for the whole programme. */
    async countByCategory(programmeId: number): Promise<CategoryCount[]> {
      const rows = await k
        .selectFrom("action")
        .select(["category", (eb) => eb.fn.countAll<number>().as("count")])
        .where("programme_id", "=", programmeId)
        .groupBy("category")
        .orderBy("category")
        .execute();
      return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
    },

    /** Actions per theme and category; theme null is the organisation chapter. */
    async countByThemeAndCategory(programmeId: number): Promise<ThemeCategoryCount[]> {
      const rows = await k
        .selectFrom("action")
        .leftJoin("theme", "theme.id", "action.theme_id")
        .select(["theme.number as theme", "action.category", (eb) => eb.fn.countAll<number>().as("count")])
        .where("action.programme_id", "=", programmeId)
        .groupBy(["theme.number", "action.category"])
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
