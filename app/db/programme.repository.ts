import { message, type FieldErrors } from "../lib/errors";
import type { Paging } from "../domain/programmes/action-filters";
import type { CategoryColour, OrganisationKind, SectionDoc } from "../domain/programmes/programme-document";
import type { OrganisationSummary, Participation, Programme, ProgrammeSummary, Theme } from "../domain/programmes/types";
import type { Db } from "./database";
import type { ReadCache } from "./read-cache";
import type { Transaction } from "kysely";
import type { ProgrammePatch, ThemePatch } from "../domain/editing/programme-changes";
import { derivePlanning } from "../domain/programmes/programme-import";
import { type Actor, recordAudit } from "./audit";
import type { Database } from "./schema";
import { forUpdate } from "./write-locks";
import { syncMilestones } from "./milestone.repository";

/**
 * Reads programmes with their themes, intentions, categories and organisations. With a read cache,
 * a whole programme (six queries) is read once per change of the database and shared, frozen, by
 * the requests that follow.
 */
function programmeReads(db: Db, cache?: ReadCache) {
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

    /** A programme's id and slug: by slug, or without one the default programme (else the first). */
    async ref(slug?: string): Promise<{ id: number; slug: string } | undefined> {
      const q = k.selectFrom("programme").select(["id", "slug"]);
      return slug ? q.where("slug", "=", slug).executeTakeFirst() : q.orderBy("is_default", "desc").orderBy("id").executeTakeFirst();
    },

    async slugOf(id: number): Promise<string | undefined> {
      const row = await k.selectFrom("programme").select("slug").where("id", "=", id).executeTakeFirst();
      return row?.slug;
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

/** A programme's front matter in its editable form. */
export interface ProgrammeSnapshot {
  id: number;
  slug: string;
  title: string;
  subtitle: string;
  ambition: string;
  period: { start: number; end: number };
  adoptedOn: string | null;
  adoptedBy: string | null;
  version: number;
  updatedAt: string;
}

export interface ThemeParticipationSnapshot {
  /** The municipality's slug. */
  municipality: string;
  status: Participation["status"];
  note: string | null;
}

/** A theme in its editable form: texts, intentions (with how many actions each has) and participation. */
export interface ThemeSnapshot {
  id: number;
  programmeId: number;
  number: number;
  title: string;
  goal: string;
  intentionsIntro: string | null;
  intentions: { code: string; text: string; actions: number }[];
  participation: ThemeParticipationSnapshot[];
  version: number;
}

export type ProgrammeWriteResult<S> =
  | { status: "ok"; snapshot: S; changed: string[] }
  | { status: "not-found" }
  | { status: "conflict"; current: S }
  | { status: "invalid"; errors: FieldErrors };

type Reader = Transaction<Database> | Db["kysely"];

const PROGRAMME_FIELDS = ["title", "subtitle", "ambition", "period", "adoptedOn", "adoptedBy"] as const;
const THEME_FIELDS = ["title", "goal", "intentionsIntro", "intentions", "participation"] as const;

async function readProgramme(
  k: Reader,
  where: { id: number } | { slug: string },
  lock?: Db["dialect"],
): Promise<ProgrammeSnapshot | undefined> {
  let q = k.selectFrom("programme").selectAll();
  q = "id" in where ? q.where("id", "=", where.id) : q.where("slug", "=", where.slug);
  const p = await (lock ? forUpdate(q, lock) : q).executeTakeFirst();
  if (!p) return undefined;
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    subtitle: p.subtitle,
    ambition: p.ambition,
    period: { start: p.period_start, end: p.period_end },
    adoptedOn: p.adopted_on,
    adoptedBy: p.adopted_by,
    version: p.version,
    updatedAt: p.updated_at,
  };
}

async function readTheme(
  k: Reader,
  programmeId: number,
  number: number,
  lock?: Db["dialect"],
): Promise<ThemeSnapshot | undefined> {
  const q = k
    .selectFrom("theme")
    .selectAll()
    .where("programme_id", "=", programmeId)
    .where("number", "=", number);
  const t = await (lock ? forUpdate(q, lock) : q).executeTakeFirst();
  if (!t) return undefined;
  const [intentions, counts, participation] = await Promise.all([
    k
      .selectFrom("intention")
      .select(["id", "code", "text"])
      .where("theme_id", "=", t.id)
      .orderBy("position")
      .execute(),
    k
      .selectFrom("action")
      .innerJoin("intention", "intention.id", "action.intention_id")
      .select((eb) => ["intention.code", eb.fn.countAll<number>().as("n")])
      .where("intention.theme_id", "=", t.id)
      .groupBy("intention.code")
      .execute(),
    k
      .selectFrom("theme_participation")
      .innerJoin("organisation", "organisation.id", "theme_participation.organisation_id")
      .select(["organisation.slug", "theme_participation.status", "theme_participation.note"])
      .where("theme_participation.theme_id", "=", t.id)
      .orderBy("organisation.slug")
      .execute(),
  ]);
  return {
    id: t.id,
    programmeId,
    number: t.number,
    title: t.title,
    goal: t.goal,
    intentionsIntro: t.intentions_intro,
    intentions: intentions.map((i) => ({
      code: i.code,
      text: i.text,
      actions: Number(counts.find((c) => c.code === i.code)?.n ?? 0),
    })),
    participation: participation.map((p) => ({
      municipality: p.slug,
      status: p.status as Participation["status"],
      note: p.note,
    })),
    version: t.version,
  };
}

/** The parts of a theme history compares and records. */
function themeFields(t: Pick<ThemeSnapshot, (typeof THEME_FIELDS)[number]>) {
  return {
    title: t.title,
    goal: t.goal,
    intentionsIntro: t.intentionsIntro,
    intentions: t.intentions.map((i) => ({ code: i.code, text: i.text })),
    participation: [...t.participation].sort((a, b) => a.municipality.localeCompare(b.municipality)),
  };
}

/** Changes to a programme's front matter and its themes, each in one transaction with a version check and history. */
function programmeChanges(db: Db) {
  const k = db.kysely;

  return {
    async programme(slug: string): Promise<ProgrammeSnapshot | undefined> {
      return readProgramme(k, { slug });
    },

    async theme(programmeId: number, number: number): Promise<ThemeSnapshot | undefined> {
      return readTheme(k, programmeId, number);
    },

    /** The programme's municipalities (slug and name), in the programme's order: whose participation a theme records. */
    async municipalities(programmeId: number): Promise<{ slug: string; name: string }[]> {
      return k
        .selectFrom("programme_organisation")
        .innerJoin("organisation", "organisation.id", "programme_organisation.organisation_id")
        .select(["organisation.slug", "organisation.name"])
        .where("programme_organisation.programme_id", "=", programmeId)
        .where("programme_organisation.role", "=", "municipality")
        .orderBy("programme_organisation.position")
        .execute();
    },

    /**
     * Changes the programme's title, subtitle, ambition, period or adoption. A new period recomputes
     * the planning years of every action (standing activities cover the whole period).
     */
    async updateProgramme(input: {
      programmeId: number;
      expectedVersion: number;
      patch: ProgrammePatch;
      actor: Actor;
      requestId?: string;
      now: string;
    }): Promise<ProgrammeWriteResult<ProgrammeSnapshot>> {
      return k.transaction().execute(async (trx): Promise<ProgrammeWriteResult<ProgrammeSnapshot>> => {
        const before = await readProgramme(trx, { id: input.programmeId }, db.dialect);
        if (!before) return { status: "not-found" };
        if (before.version !== input.expectedVersion) return { status: "conflict", current: before };
        const next = { ...before, ...input.patch };
        if (next.period.start > next.period.end)
          return { status: "invalid", errors: { period: message("editing.periodOrder") } };
        const changed = PROGRAMME_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f]));
        if (changed.length === 0) return { status: "ok", snapshot: before, changed };
        const version = before.version + 1;
        await trx
          .updateTable("programme")
          .set({
            title: next.title,
            subtitle: next.subtitle,
            ambition: next.ambition,
            period_start: next.period.start,
            period_end: next.period.end,
            adopted_on: next.adoptedOn,
            adopted_by: next.adoptedBy,
            updated_at: input.now,
            version,
          })
          .where("id", "=", before.id)
          .execute();
        if (changed.includes("period")) {
          const actions = await trx
            .selectFrom("action")
            .select(["id", "planning_text"])
            .where("programme_id", "=", before.id)
            .execute();
          for (const a of actions) {
            const { years, milestones } = derivePlanning(a.planning_text, next.period);
            await trx.deleteFrom("action_year").where("action_id", "=", a.id).execute();
            if (years.length)
              await trx
                .insertInto("action_year")
                .values(years.map((year) => ({ action_id: a.id, year })))
                .execute();
            // Open-ended, standing and recurring milestones are read against the programme's period.
            await syncMilestones(trx, {
              actionId: a.id,
              readings: milestones,
              now: input.now,
            });
          }
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: before.id,
          entityType: "programme",
          entityId: before.id,
          entityLabel: next.title,
          operation: "update",
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, next[f]])),
          requestId: input.requestId,
        });
        return { status: "ok", snapshot: (await readProgramme(trx, { id: before.id }))!, changed };
      });
    },

    /**
     * Changes a theme: texts, intentions (listed ones keep their code, new ones get the next code,
     * unlisted ones are removed unless actions still sit under them) and the participation of the
     * programme's municipalities (only what differs from plain participation is stored).
     */
    async updateTheme(input: {
      programmeId: number;
      number: number;
      expectedVersion: number;
      patch: ThemePatch;
      actor: Actor;
      requestId?: string;
      now: string;
    }): Promise<ProgrammeWriteResult<ThemeSnapshot>> {
      return k.transaction().execute(async (trx): Promise<ProgrammeWriteResult<ThemeSnapshot>> => {
        const before = await readTheme(trx, input.programmeId, input.number, db.dialect);
        if (!before) return { status: "not-found" };
        if (before.version !== input.expectedVersion) return { status: "conflict", current: before };
        const errors: FieldErrors = {};

        let intentions = before.intentions.map((i) => ({ code: i.code, text: i.text }));
        if (input.patch.intentions) {
          const known = new Map(before.intentions.map((i) => [i.code, i]));
          const listed = new Set<string>();
          for (const entry of input.patch.intentions) {
            if (entry.code === undefined) continue;
            if (!known.has(entry.code)) errors.intentions ??= message("editing.intentionUnknown", { param: entry.code });
            else if (listed.has(entry.code)) errors.intentions ??= message("edit.duplicate", { param: entry.code });
            listed.add(entry.code);
          }
          const blocked = before.intentions.find((i) => !listed.has(i.code) && i.actions > 0);
          if (blocked) errors.intentions ??= message("editing.intentionHasActions", { param: blocked.code, param2: blocked.actions });
          let last = Math.max(0, ...before.intentions.map((i) => Number(i.code.split(".")[1] ?? 0)));
          intentions = input.patch.intentions.map((entry) => ({
            code: entry.code ?? `${before.number}.${++last}`,
            text: entry.text,
          }));
        }

        let participation = before.participation;
        if (input.patch.participation) {
          const municipalities = await trx
            .selectFrom("programme_organisation")
            .innerJoin("organisation", "organisation.id", "programme_organisation.organisation_id")
            .select(["organisation.id", "organisation.slug"])
            .where("programme_organisation.programme_id", "=", input.programmeId)
            .where("programme_organisation.role", "=", "municipality")
            .execute();
          const slugs = new Set(municipalities.map((m) => m.slug));
          const seen = new Set<string>();
          for (const p of input.patch.participation) {
            if (!slugs.has(p.municipality))
              errors.participation ??= message("editing.municipalityUnknown", { param: p.municipality });
            else if (seen.has(p.municipality)) errors.participation ??= message("edit.duplicate", { param: p.municipality });
            seen.add(p.municipality);
          }
          participation = input.patch.participation
            .filter((p) => p.status !== "participating" || p.note !== null)
            .map((p) => ({ municipality: p.municipality, status: p.status, note: p.note }));
        }
        if (Object.keys(errors).length > 0) return { status: "invalid", errors };

        const next = {
          title: input.patch.title ?? before.title,
          goal: input.patch.goal ?? before.goal,
          intentionsIntro:
            input.patch.intentionsIntro !== undefined ? input.patch.intentionsIntro : before.intentionsIntro,
          intentions,
          participation,
        };
        const b = themeFields(before);
        const n = themeFields({ ...next, intentions: next.intentions.map((i) => ({ ...i, actions: 0 })) });
        const changed = THEME_FIELDS.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(n[f]));
        if (changed.length === 0) return { status: "ok", snapshot: before, changed };

        await trx
          .updateTable("theme")
          .set({
            title: next.title,
            goal: next.goal,
            intentions_intro: next.intentionsIntro,
            version: before.version + 1,
          })
          .where("id", "=", before.id)
          .execute();
        if (changed.includes("intentions")) {
          const rows = await trx
            .selectFrom("intention")
            .select(["id", "code"])
            .where("theme_id", "=", before.id)
            .execute();
          const keep = new Set(next.intentions.map((i) => i.code));
          const gone = rows.filter((r) => !keep.has(r.code)).map((r) => r.id);
          if (gone.length) await trx.deleteFrom("intention").where("id", "in", gone).execute();
          for (const [position, i] of next.intentions.entries()) {
            const row = rows.find((r) => r.code === i.code);
            if (row)
              await trx
                .updateTable("intention")
                .set({ text: i.text, position })
                .where("id", "=", row.id)
                .execute();
            else
              await trx
                .insertInto("intention")
                .values({ theme_id: before.id, code: i.code, text: i.text, position })
                .execute();
          }
        }
        if (changed.includes("participation")) {
          await trx.deleteFrom("theme_participation").where("theme_id", "=", before.id).execute();
          if (next.participation.length) {
            const orgs = await trx
              .selectFrom("organisation")
              .select(["id", "slug"])
              .where(
                "slug",
                "in",
                next.participation.map((p) => p.municipality),
              )
              .execute();
            await trx
              .insertInto("theme_participation")
              .values(
                next.participation.map((p) => ({
                  theme_id: before.id,
                  organisation_id: orgs.find((o) => o.slug === p.municipality)!.id,
                  status: p.status,
                  note: p.note,
                })),
              )
              .execute();
          }
        }
        await recordAudit(trx, {
          actor: input.actor,
          at: input.now,
          programmeId: input.programmeId,
          entityType: "theme",
          entityId: before.id,
          entityLabel: `${before.number}. ${next.title}`,
          operation: "update",
          before: Object.fromEntries(changed.map((f) => [f, b[f]])),
          after: Object.fromEntries(changed.map((f) => [f, n[f]])),
          requestId: input.requestId,
        });
        return { status: "ok", snapshot: (await readTheme(trx, input.programmeId, input.number))!, changed };
      });
    },
  };
}

/** Every programme's SQL: the list, the whole programme (kept in the read cache until the database changes); editing a programme's front matter and its themes. */
export function createProgrammeRepository(db: Db, cache?: ReadCache) {
  return { ...programmeReads(db, cache), ...programmeChanges(db) };
}

export type ProgrammeRepository = ReturnType<typeof createProgrammeRepository>;
