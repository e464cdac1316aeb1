import type { OrganisationBody, OrganisationListItemBody } from "../api/organisations/schema";
import type { Organisation, OrganisationListItem } from "../domain/programmes/types";

/** An organisation in a list: who it is and how many actions it takes part in. */
export function presentOrganisationListItem(o: OrganisationListItem): OrganisationListItemBody {
  return {
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    actionCounts: { lead: o.leads, partner: o.partners, toInvolve: o.toInvolve },
  };
}

/** One organisation with its actions grouped by role. */
export function presentOrganisation(o: Organisation): OrganisationBody {
  const byRole = (role: Organisation["actions"][number]["role"]) =>
    o.actions
      .filter((a) => a.role === role)
      .map((a) => ({ programme: a.programme, number: a.number, title: a.title, qualifier: a.qualifier }));
  return {
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    aliases: o.aliases,
    actions: { lead: byRole("lead"), partner: byRole("partner"), toInvolve: byRole("to-involve") },
  };
}
