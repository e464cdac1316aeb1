import type { CategoryColour, LinkType, OrganisationKind, SectionDoc } from "./programme-document";

/** Read models of the programme register, as the repositories return them. */

export interface OrganisationSummary {
  slug: string;
  name: string;
  kind: OrganisationKind;
}

export interface OrganisationRefView extends OrganisationSummary {
  qualifier: string | null;
}

export interface Category {
  code: number;
  colour: CategoryColour;
  label: string;
  description: string;
}

export interface Intention {
  code: string;
  text: string;
}

export interface Participation {
  municipality: OrganisationSummary;
  status: "participating" | "undecided" | "not-participating";
  note: string | null;
}

export interface Theme {
  number: number;
  title: string;
  goal: string;
  intentionsIntro: string | null;
  intentions: Intention[];
  participation: Participation[];
}

export interface Programme {
  id: number;
  slug: string;
  title: string;
  subtitle: string;
  language: string;
  period: { start: number; end: number };
  adoptedOn: string | null;
  adoptedBy: string | null;
  isDefault: boolean;
  ambition: string;
  revisionIntervalYears: number | null;
  introduction: SectionDoc[];
  organisationChapter: { number: number; title: string; groups: string[] } | null;
  municipalities: OrganisationSummary[];
  coAuthors: OrganisationSummary[];
  categories: Category[];
  themes: Theme[];
  updatedAt: string;
}

export interface ProgrammeSummary {
  slug: string;
  title: string;
  subtitle: string;
  period: { start: number; end: number };
  isDefault: boolean;
}

export type LinkTargetView =
  { action: number; title: string | null } | { theme: number; title: string | null };

export interface ActionLinkView {
  type: LinkType;
  target: LinkTargetView;
  source: string | null;
}

export interface ActionBacklinkView {
  type: LinkType;
  source: { action: number; title: string };
}

export interface Action {
  id: number;
  number: number;
  title: string;
  description: string;
  notes: string[];
  theme: { number: number; title: string } | null;
  intention: Intention | null;
  group: string | null;
  leads: OrganisationRefView[];
  partners: OrganisationRefView[];
  toInvolve: OrganisationRefView[];
  leadUnknown: boolean;
  intendedResults: string[];
  planningText: string;
  planningYears: number[];
  category: number | null;
  categoryNote: string | null;
  links: ActionLinkView[];
  linkedFrom: ActionBacklinkView[];
  updatedAt: string;
  version: number;
}

export interface CategoryCount {
  category: number | null;
  count: number;
}

export interface ThemeCategoryCount extends CategoryCount {
  theme: number | null;
}

export type ActionRole = "lead" | "partner" | "to-involve";

export interface Organisation extends OrganisationSummary {
  id: number;
  aliases: string[];
  actions: {
    role: ActionRole;
    qualifier: string | null;
    programme: string;
    number: number;
    title: string;
    category: number | null;
  }[];
}

export interface OrganisationListItem extends OrganisationSummary {
  leads: number;
  partners: number;
  toInvolve: number;
}
