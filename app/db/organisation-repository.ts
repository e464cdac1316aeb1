import type { Paging } from "../domain/programmes/action-filters";
import type { OrganisationKind } from "../domain/programmes/programme-document";
import type { ActionRole, Organisation, OrganisationListItem } from "../domain/programmes/types";
import type { Db } from "./database";

/** Reads organisations with how they take part in actions. */
export function createOrganisationRepository(db: Db) {
  const k = db.kysely;

  return {
    /**
     * Organisations with their number of actions per role, optionally within one programme or of one
     * kind, by name (slug breaks ties, so pages are stable); `paging` reads one page.
     */
    async list(options: { programmeId?: number; kind?: OrganisationKind; paging?: Paging } = {}): Promise<OrganisationListItem[]> {
      let q = k
        .selectFrom("organisation")
        .leftJoin("action_organisation", "action_organisation.organisation_id", "organisation.id")
        .leftJoin("action", "action.id", "action_organisation.action_id")
        .select((eb) => [
          "organisation.slug",
          "organisation.name",
          "organisation.kind",
          eb.fn.count<number>(eb.case().when("action_organisation.role", "=", "lead").then(1).end()).as("leads"),
          eb.fn.count<number>(eb.case().when("action_organisation.role", "=", "partner").then(1).end()).as("partners"),
          eb.fn.count<number>(eb.case().when("action_organisation.role", "=", "to-involve").then(1).end()).as("to_involve"),
        ])
        .groupBy(["organisation.id", "organisation.slug", "organisation.name", "organisation.kind"])
        .orderBy("organisation.name")
        .orderBy("organisation.slug");
      if (options.kind) q = q.where("organisation.kind", "=", options.kind);
      if (options.paging) q = q.limit(options.paging.limit).offset(options.paging.offset);
      if (options.programmeId !== undefined) {
        const pid = options.programmeId;
        q = q.where((eb) => eb.or([eb("action.programme_id", "=", pid), eb("action.programme_id", "is", null)]));
      }
      const rows = await q.execute();
      return rows.map((r) => ({
        slug: r.slug,
        name: r.name,
        kind: r.kind as OrganisationKind,
        leads: Number(r.leads),
        partners: Number(r.partners),
        toInvolve: Number(r.to_involve),
      }));
    },

    /** One organisation with its aliases and the actions it leads, partners in or is to be involved in. */
    async get(slug: string): Promise<Organisation | undefined> {
      const org = await k.selectFrom("organisation").selectAll().where("slug", "=", slug).executeTakeFirst();
      if (!org) return undefined;
      const [aliases, actions] = await Promise.all([
        k.selectFrom("organisation_alias").select("alias").where("organisation_id", "=", org.id).orderBy("alias").execute(),
        k
          .selectFrom("action_organisation")
          .innerJoin("action", "action.id", "action_organisation.action_id")
          .innerJoin("programme", "programme.id", "action.programme_id")
          .select([
            "action_organisation.role",
            "action_organisation.qualifier",
            "programme.slug as programme",
            "action.number",
            "action.title",
            "action.category",
          ])
          .where("action_organisation.organisation_id", "=", org.id)
          .orderBy("programme.is_default", "desc")
          .orderBy("programme.slug")
          .orderBy("action.number")
          .execute(),
      ]);
      return {
        id: org.id,
        version: org.version,
        slug: org.slug,
        name: org.name,
        kind: org.kind as OrganisationKind,
        aliases: aliases.map((a) => a.alias).filter((a) => a !== org.name),
        actions: actions.map((a) => ({ ...a, role: a.role as ActionRole })),
      };
    },

    /** How many organisations there are, optionally of one kind. */
    async count(options: { kind?: OrganisationKind } = {}): Promise<number> {
      let q = k.selectFrom("organisation").select((eb) => eb.fn.countAll<number>().as("n"));
      if (options.kind) q = q.where("kind", "=", options.kind);
      const row = await q.executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async exists(slug: string): Promise<boolean> {
      const row = await k.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
