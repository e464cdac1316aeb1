import type { ActionLink, OrganisationKind, ProgrammeDocument } from "../domain/programmes/programme-document";
import { programmeDocumentSchema } from "../domain/programmes/programme-document";
import type { Db } from "./database";

/** Reads a programme back into its structured document form (what data/programmes/*.json holds). */
export async function exportProgrammeDocument(db: Db, slug: string): Promise<ProgrammeDocument | undefined> {
  const k = db.kysely;
  const p = await k.selectFrom("programme").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!p) return undefined;
  const [progOrgs, categories, themes, intentions, participation, actions, refs, links] = await Promise.all([
    k
      .selectFrom("programme_organisation")
      .innerJoin("organisation", "organisation.id", "programme_organisation.organisation_id")
      .select(["programme_organisation.role", "organisation.slug"])
      .where("programme_id", "=", p.id)
      .orderBy("position")
      .execute(),
    k.selectFrom("category").selectAll().where("programme_id", "=", p.id).orderBy("code").execute(),
    k.selectFrom("theme").selectAll().where("programme_id", "=", p.id).orderBy("number").execute(),
    k
      .selectFrom("intention")
      .innerJoin("theme", "theme.id", "intention.theme_id")
      .select(["intention.id", "intention.theme_id", "intention.code", "intention.text"])
      .where("theme.programme_id", "=", p.id)
      .orderBy("intention.position")
      .execute(),
    k
      .selectFrom("theme_participation")
      .innerJoin("organisation", "organisation.id", "theme_participation.organisation_id")
      .innerJoin("theme", "theme.id", "theme_participation.theme_id")
      .select(["theme_participation.theme_id", "theme_participation.status", "theme_participation.note", "organisation.slug"])
      .where("theme.programme_id", "=", p.id)
      .orderBy("organisation.slug")
      .execute(),
    k.selectFrom("action").selectAll().where("programme_id", "=", p.id).orderBy("number").execute(),
    k
      .selectFrom("action_organisation")
      .innerJoin("action", "action.id", "action_organisation.action_id")
      .innerJoin("organisation", "organisation.id", "action_organisation.organisation_id")
      .select(["action_organisation.action_id", "action_organisation.role", "action_organisation.qualifier", "organisation.slug"])
      .where("action.programme_id", "=", p.id)
      .orderBy("action_organisation.position")
      .execute(),
    k
      .selectFrom("action_link")
      .innerJoin("action", "action.id", "action_link.action_id")
      .leftJoin("action as target", "target.id", "action_link.target_action_id")
      .leftJoin("theme", "theme.id", "action_link.target_theme_id")
      .select([
        "action_link.action_id",
        "action_link.type",
        "action_link.source_text",
        "target.number as target_action",
        "theme.number as target_theme",
      ])
      .where("action.programme_id", "=", p.id)
      .orderBy("action_link.position")
      .execute(),
  ]);
  const orgSlugs = new Set<string>([...progOrgs.map((o) => o.slug), ...participation.map((x) => x.slug), ...refs.map((r) => r.slug)]);
  const orgRows = orgSlugs.size
    ? await k.selectFrom("organisation").select(["id", "slug", "name", "kind"]).where("slug", "in", [...orgSlugs]).orderBy("slug").execute()
    : [];
  const aliases = orgRows.length
    ? await k
        .selectFrom("organisation_alias")
        .select(["organisation_id", "alias"])
        .where("organisation_id", "in", orgRows.map((o) => o.id))
        .orderBy("alias")
        .execute()
    : [];
  const themeNumber = new Map(themes.map((t) => [t.id, t.number]));
  const intentionCode = new Map(intentions.map((i) => [i.id, i.code]));
  const doc: ProgrammeDocument = {
    slug: p.slug,
    title: p.title,
    subtitle: p.subtitle,
    language: p.language,
    period: { start: p.period_start, end: p.period_end },
    adoptedOn: p.adopted_on,
    adoptedBy: p.adopted_by,
    municipalities: progOrgs.filter((o) => o.role === "municipality").map((o) => o.slug),
    coAuthors: progOrgs.filter((o) => o.role === "co-author").map((o) => o.slug),
    revisionIntervalYears: p.revision_interval_years,
    ambition: p.ambition,
    introduction: JSON.parse(p.introduction) as ProgrammeDocument["introduction"],
    categories: categories.map((c) => ({ code: c.code, colour: c.colour as "green", label: c.label, description: c.description })),
    themes: themes.map((t) => ({
      number: t.number,
      title: t.title,
      goal: t.goal,
      intentionsIntro: t.intentions_intro,
      intentions: intentions.filter((i) => i.theme_id === t.id).map((i) => ({ code: i.code, text: i.text })),
      participation: participation
        .filter((x) => x.theme_id === t.id)
        .map((x) => ({ municipality: x.slug, status: x.status as "undecided", note: x.note })),
    })),
    organisationChapter: p.organisation_chapter ? (JSON.parse(p.organisation_chapter) as ProgrammeDocument["organisationChapter"]) : null,
    organisations: orgRows.map((o) => ({
      slug: o.slug,
      name: o.name,
      kind: o.kind as OrganisationKind,
      aliases: aliases.filter((a) => a.organisation_id === o.id && a.alias !== o.name).map((a) => a.alias),
    })),
    actions: actions.map((a) => {
      const mine = refs.filter((r) => r.action_id === a.id);
      const byRole = (role: string) => mine.filter((r) => r.role === role).map((r) => ({ organisation: r.slug, qualifier: r.qualifier }));
      return {
        number: a.number,
        title: a.title,
        description: a.description,
        notes: JSON.parse(a.notes) as string[],
        themeNumber: a.theme_id === null ? null : (themeNumber.get(a.theme_id) ?? null),
        intentionCode: a.intention_id === null ? null : (intentionCode.get(a.intention_id) ?? null),
        group: a.group_name,
        leads: byRole("lead"),
        partners: byRole("partner"),
        toInvolve: byRole("to-involve"),
        leadUnknown: a.lead_unknown === 1,
        intendedResults: JSON.parse(a.intended_results) as string[],
        planningText: a.planning_text,
        category: a.category,
        categoryNote: a.category_note,
        links: links
          .filter((l) => l.action_id === a.id)
          .map(
            (l): ActionLink => ({
              type: l.type as ActionLink["type"],
              target: l.target_action !== null ? { action: l.target_action } : { theme: l.target_theme ?? 0 },
              source: l.source_text,
            }),
          ),
      };
    }),
  };
  return programmeDocumentSchema.parse(doc);
}
