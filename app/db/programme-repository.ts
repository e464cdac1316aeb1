import type { Paging } from "../domain/programmes/action-filters";
import type { CategoryColour, OrganisationKind, SectionDoc } from "../domain/programmes/programme-document";
import type { OrganisationSummary, Programme, ProgrammeSummary, Theme } from "../domain/programmes/types";
import type { Db } from "./database";
import type { ReadCache } from "./read-cache";

/**
 * Reads programmes with their themes, intentions, categories and organisations. With a read cache,
 * a whole programme (six queries) is read once per change of the database and shared, frozen, by
 * the requests that follow.
 */
export function createProgrammeRepository(db: Db, cache?: ReadCache) {
  const k = db.kysely;

  const repository = {
    /** All programmes (or one page of them), the default first, then newest period first. */
    async list(paging?: Paging): Promise<ProgrammeSummary[]> {
      let q = k
        .selectFrom("programme")
        .select(["slug", "title", "subtitle", "period_start", "period_end", "is_default"])
        .orderBy("is_default", "desc")
        .orderBy("period_start", "desc")
        .orderBy("slug");
      if (paging) q = q.limit(paging.limit).offset(paging.offset);
      const rows = await q.execute();
      return rows.map((r) => ({
        slug: r.slug,
        title: r.title,
        subtitle: r.subtitle,
        period: { start: r.period_start, end: r.period_end },
        isDefault: r.is_default === 1,
      }));
    },

    /** The slug of the default programme, or of the first one when none is marked. */
    async defaultSlug(): Promise<string | undefined> {
      return cache ? cache.get("programme:default-slug", readDefaultSlug) : readDefaultSlug();
    },

    async count(): Promise<number> {
      const row = await k
        .selectFrom("programme")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** One programme, whole, by slug. */
    async get(slug: string): Promise<Programme | undefined> {
      return cache
        ? cache.get(`programme:${slug}`, async () => deepFreeze(await readProgramme(slug)))
        : readProgramme(slug);
    },
  };

  async function readDefaultSlug(): Promise<string | undefined> {
    const row = await k
      .selectFrom("programme")
      .select("slug")
      .orderBy("is_default", "desc")
      .orderBy("id")
      .executeTakeFirst();
    return row?.slug;
  }

  async function readProgramme(slug: string): Promise<Programme | undefined> {
    const p = await k.selectFrom("programme").selectAll().where("slug", "=", slug).executeTakeFirst();
    if (!p) return undefined;
    const [orgs, categories, themes, intentions, participation] = await Promise.all([
      k
        .selectFrom("programme_organisation")
        .innerJoin("organisation", "organisation.id", "programme_organisation.organisation_id")
        .select([
          "programme_organisation.role",
          "organisation.slug",
          "organisation.name",
          "organisation.kind",
        ])
        .where("programme_organisation.programme_id", "=", p.id)
        .orderBy("programme_organisation.position")
        .execute(),
      k.selectFrom("category").selectAll().where("programme_id", "=", p.id).orderBy("code").execute(),
      k.selectFrom("theme").selectAll().where("programme_id", "=", p.id).orderBy("number").execute(),
      k
        .selectFrom("intention")
        .innerJoin("theme", "theme.id", "intention.theme_id")
        .select(["intention.theme_id", "intention.code", "intention.text"])
        .where("theme.programme_id", "=", p.id)
        .orderBy("intention.position")
        .execute(),
      k
        .selectFrom("theme_participation")
        .innerJoin("theme", "theme.id", "theme_participation.theme_id")
        .innerJoin("organisation", "organisation.id", "theme_participation.organisation_id")
        .select([
          "theme_participation.theme_id",
          "theme_participation.status",
          "theme_participation.note",
          "organisation.slug",
          "organisation.name",
          "organisation.kind",
        ])
        .where("theme.programme_id", "=", p.id)
        .orderBy("organisation.slug")
        .execute(),
    ]);
    const summary = (o: { slug: string; name: string; kind: string }): OrganisationSummary => ({
      slug: o.slug,
      name: o.name,
      kind: o.kind as OrganisationKind,
    });
    const themeViews: Theme[] = themes.map((t) => ({
      number: t.number,
      title: t.title,
      goal: t.goal,
      intentionsIntro: t.intentions_intro,
      version: t.version,
      intentions: intentions.filter((i) => i.theme_id === t.id).map((i) => ({ code: i.code, text: i.text })),
      participation: participation
        .filter((x) => x.theme_id === t.id)
        .map((x) => ({
          municipality: summary(x),
          status: x.status as Theme["participation"][number]["status"],
          note: x.note,
        })),
    }));
    return {
      id: p.id,
      slug: p.slug,
      title: p.title,
      subtitle: p.subtitle,
      language: p.language,
      period: { start: p.period_start, end: p.period_end },
      adoptedOn: p.adopted_on,
      adoptedBy: p.adopted_by,
      isDefault: p.is_default === 1,
      ambition: p.ambition,
      revisionIntervalYears: p.revision_interval_years,
      introduction: JSON.parse(p.introduction) as SectionDoc[],
      organisationChapter: p.organisation_chapter
        ? (JSON.parse(p.organisation_chapter) as Programme["organisationChapter"])
        : null,
      municipalities: orgs.filter((o) => o.role === "municipality").map(summary),
      coAuthors: orgs.filter((o) => o.role === "co-author").map(summary),
      categories: categories.map((c) => ({
        code: c.code,
        colour: c.colour as CategoryColour,
        label: c.label,
        description: c.description,
      })),
      themes: themeViews,
      updatedAt: p.updated_at,
      version: p.version,
    };
  }

  return repository;
}

/** Freezes a value and everything it holds, so that a shared copy cannot be changed by one reader. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export type ProgrammeRepository = ReturnType<typeof createProgrammeRepository>;
