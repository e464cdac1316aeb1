import type { OrganisationLookup } from "../domain/actions/action-form";
import { nameKey } from "../domain/programmes/organisation-names";
import type { Db } from "./database";

/** Finds organisations by name, alias or slug, as people type them in forms. */
export async function loadOrganisationLookup(db: Db): Promise<OrganisationLookup & { all: { slug: string; name: string }[] }> {
  const [orgs, aliases] = await Promise.all([
    db.kysely.selectFrom("organisation").select(["id", "slug", "name"]).orderBy("name").execute(),
    db.kysely.selectFrom("organisation_alias").select(["organisation_id", "normalised"]).execute(),
  ]);
  const byKey = new Map<string, string>();
  const slugById = new Map(orgs.map((o) => [o.id, o.slug]));
  for (const o of orgs) {
    byKey.set(nameKey(o.name), o.slug);
    byKey.set(nameKey(o.slug), o.slug);
  }
  for (const a of aliases) {
    const slug = slugById.get(a.organisation_id);
    if (slug && !byKey.has(a.normalised)) byKey.set(a.normalised, slug);
  }
  const names = new Map(orgs.map((o) => [o.slug, o.name]));
  return {
    all: orgs.map((o) => ({ slug: o.slug, name: o.name })),
    resolve: (name) => byKey.get(nameKey(name)),
    nameOf: (slug) => names.get(slug) ?? slug,
  };
}
