import type { Generated } from "kysely";

/**
 * Table types for Kysely. Conventions that hold on SQLite and PostgreSQL alike:
 * timestamps are ISO-8601 UTC strings written by the application; booleans are 0/1 integers;
 * lists of short texts are JSON arrays stored as text.
 */
export interface Database {
  programme: ProgrammeTable;
  programme_organisation: ProgrammeOrganisationTable;
  category: CategoryTable;
  theme: ThemeTable;
  intention: IntentionTable;
  theme_participation: ThemeParticipationTable;
  organisation: OrganisationTable;
  organisation_alias: OrganisationAliasTable;
  action: ActionTable;
  action_organisation: ActionOrganisationTable;
  action_link: ActionLinkTable;
  action_year: ActionYearTable;
}

export interface ProgrammeTable {
  id: Generated<number>;
  slug: string;
  title: string;
  subtitle: string;
  language: string;
  period_start: number;
  period_end: number;
  adopted_on: string | null;
  adopted_by: string | null;
  is_default: number;
  ambition: string;
  revision_interval_years: number | null;
  /** JSON: SectionDoc[] */
  introduction: string;
  /** JSON: {number,title,groups} or null */
  organisation_chapter: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgrammeOrganisationTable {
  programme_id: number;
  organisation_id: number;
  /** "municipality" | "co-author" */
  role: string;
  position: number;
}

export interface CategoryTable {
  programme_id: number;
  code: number;
  colour: string;
  label: string;
  description: string;
}

export interface ThemeTable {
  id: Generated<number>;
  programme_id: number;
  number: number;
  title: string;
  goal: string;
  intentions_intro: string | null;
  version: number;
}

export interface IntentionTable {
  id: Generated<number>;
  theme_id: number;
  code: string;
  text: string;
  position: number;
}

export interface ThemeParticipationTable {
  theme_id: number;
  organisation_id: number;
  status: string;
  note: string | null;
}

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OrganisationAliasTable {
  organisation_id: number;
  alias: string;
  /** Lower-cased, accents and punctuation folded: the lookup key. */
  normalised: string;
}

export interface ActionTable {
  id: Generated<number>;
  programme_id: number;
  number: number;
  title: string;
  description: string;
  /** JSON: string[] */
  notes: string;
  theme_id: number | null;
  intention_id: number | null;
  group_name: string | null;
  lead_unknown: number;
  /** JSON: string[] */
  intended_results: string;
  planning_text: string;
  category: number | null;
  category_note: string | null;
  /** Text indexed for search (title, description, results, notes), kept in step by the repository. */
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ActionOrganisationTable {
  action_id: number;
  organisation_id: number;
  /** "lead" | "partner" | "to-involve" */
  role: string;
  qualifier: string | null;
  position: number;
}

export interface ActionLinkTable {
  id: Generated<number>;
  action_id: number;
  type: string;
  target_action_id: number | null;
  target_theme_id: number | null;
  source_text: string | null;
  position: number;
}

export interface ActionYearTable {
  action_id: number;
  year: number;
}
