import type { ApprovedPlanRef } from "../plans/plan-types";
import type { LatestProgress, MilestoneRecord } from "../progress/types";
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
  /** The theme record's version: its texts, intentions and participation. */
  version: number;
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
  /** The programme record's version (its own fields); themes count their own. */
  version: number;
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
  /** The adopted (approved) plan of approach, when there is one; null when not, absent when not read. */
  plan?: ApprovedPlanRef | null;
  /** Milestones read from the planning (or corrected by hand), in document order; absent when not read. */
  milestones?: MilestoneRecord[];
  /** The newest progress update (status, percent, period); null when none, absent when not read. */
  progress?: LatestProgress | null;
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
  /** The organisation record's version (name, kind, aliases, slug). */
  version: number;
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
