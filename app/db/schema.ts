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
  organisation_former_slug: OrganisationFormerSlugTable;
  action: ActionTable;
  action_organisation: ActionOrganisationTable;
  action_link: ActionLinkTable;
  action_year: ActionYearTable;
  user_account: UserAccountTable;
  role_assignment: RoleAssignmentTable;
  contact: ContactTable;
  action_contact: ActionContactTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  one_time_token: OneTimeTokenTable;
  auth_attempt: AuthAttemptTable;
  mail_outbox: MailOutboxTable;
  audit_event: AuditEventTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  decision: DecisionTable;
  decision_action: DecisionActionTable;
  plan_of_approach: PlanOfApproachTable;
  milestone: MilestoneTable;
  update_round: UpdateRoundTable;
  progress_update: ProgressUpdateTable;
  round_request: RoundRequestTable;
  job: JobTable;
  indicator: IndicatorTable;
  indicator_region: IndicatorRegionTable;
  monitor_import: MonitorImportTable;
  measurement: MeasurementTable;
  server_secret: ServerSecretTable;
  workbook_upload: WorkbookUploadTable;
  report: ReportTable;
  action_lineage: ActionLineageTable;
  second_factor: SecondFactorTable;
  recovery_code: RecoveryCodeTable;
  budget_year: BudgetYearTable;
  budget_source: BudgetSourceTable;
  budget_allocation: BudgetAllocationTable;
  budget_spending: BudgetSpendingTable;
  capacity_commitment: CapacityCommitmentTable;
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
  /** "draft" | "adopted" (migration 0017): a draft edition is not public until the steering group adopts it. */
  status: Generated<string>;
  /** The edition this one follows (migration 0017). */
  previous_id: Generated<number | null>;
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

/** A slug an organisation no longer carries (merged away or changed); it redirects (migration 0007). */
export interface OrganisationFormerSlugTable {
  slug: string;
  organisation_id: number;
  created_at: string;
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
  /** The stems full-text search matches in the title (app/domain/programmes/dutch-search.ts), kept in step by the repository. */
  search_title: string;
  /** The stems of the description, intended results and notes, likewise. */
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

export interface UserAccountTable {
  id: Generated<number>;
  email: string;
  name: string;
  organisation_id: number | null;
  password_hash: string | null;
  is_admin: number;
  active: number;
  language: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
  version: number;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  programme_id: number;
  role: string;
  created_at: string;
}

export interface ContactTable {
  id: Generated<number>;
  name: string;
  email: string;
  organisation_id: number | null;
  user_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ActionContactTable {
  action_id: number;
  contact_id: number;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token: a stolen database holds no usable session. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface OneTimeTokenTable {
  id: Generated<number>;
  /** "first-admin" | "invite" | "password-reset" */
  purpose: string;
  token_hash: string;
  user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthAttemptTable {
  id: Generated<number>;
  /** "account:<email>", "address:<ip>" or "pair:<email>|<ip>" */
  key: string;
  at: string;
}

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body_text: string;
  purpose: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  programme_id: number | null;
  entity_type: string;
  entity_id: number | null;
  entity_label: string;
  operation: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface MeetingTable {
  id: Generated<number>;
  programme_id: number;
  held_on: string;
  title: string;
  agenda: string;
  minutes: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeetingAttendeeTable {
  meeting_id: number;
  organisation_id: number;
}

export interface DecisionTable {
  id: Generated<number>;
  programme_id: number;
  meeting_id: number | null;
  decided_on: string;
  /** "general" | "categories" | "adopt-programme" | "adopt-annual-plan" */
  kind: string;
  /** "taken" | "planned" */
  status: string;
  title: string;
  text: string;
  /** "steering-group" | "import" (migration 0011; the steering group's unless told) */
  source: Generated<string>;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DecisionActionTable {
  decision_id: number;
  action_id: number;
  category_from: number | null;
  category_to: number | null;
}

export interface PlanOfApproachTable {
  id: Generated<number>;
  action_id: number;
  version_no: number;
  /** "draft" | "submitted" | "approved" | "returned" */
  status: string;
  aim: string;
  approach: string;
  deliverables: string;
  milestones: string;
  budget: string;
  capacity: string;
  risks: string;
  author_user_id: number | null;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by_user_id: number | null;
  decision_note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

// ---- The economic monitor (migration 0003) ----

export interface IndicatorTable {
  id: Generated<number>;
  programme_id: number;
  /** The indicator's id in URLs and the API, unique per programme. */
  slug: string;
  theme_number: number;
  position: number;
  name: string;
  definition: string;
  unit: string;
  decimals: number;
  /** "count" | "percentage" | "average" | "ratio" */
  kind: string;
  /** "up" | "down" | "neutral" */
  good_direction: string;
  /** "sum" | "stated" | null */
  region_aggregate: string | null;
  /** "cbs" | "other" */
  source_type: string;
  source_table: string | null;
  source_measure: string | null;
  source_title: string | null;
  source_name: string | null;
  source_url: string | null;
  /** JSON: {v3Keys, dimensions, equivalents} */
  source_detail: string;
  attribution: string;
  baseline_period: string;
  target_value: number | null;
  target_year: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface IndicatorRegionTable {
  indicator_id: number;
  region: string;
  position: number;
}

export interface MonitorImportTable {
  id: Generated<number>;
  programme_id: number;
  imported_at: string;
  /** "web" | "cli" | "cbs-api" | "start-up" */
  channel: string;
  user_id: number | null;
  format: string;
  source_name: string;
  table_id: string | null;
  attribution: string;
  retrieved_at: string | null;
  added: number;
  changed: number;
  unchanged: number;
}

export interface MeasurementTable {
  indicator_id: number;
  region: string;
  /** CBS period code: 2013JJ00, 2014KW02, 2014MM03 */
  period: string;
  value: number | null;
  value_attribute: string;
  /** "final" | "provisional" | "revised-provisional" */
  status: string;
  import_id: number;
  retrieved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MilestoneTable {
  id: Generated<number>;
  action_id: number;
  position: number;
  label: string | null;
  due_text: string;
  due_start: string;
  due_end: string | null;
  /** day | month | quarter | season | half | year | range | open | recurring | none */
  precision: string;
  recurrence: string | null;
  done_on: string | null;
  manual: number;
  /** The planning reading it came from, JSON ["label", "date phrase"] (migration 0009); null when added by hand. */
  source_key: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UpdateRoundTable {
  id: Generated<number>;
  programme_id: number;
  period: string;
  opened_on: string;
  due_on: string;
  closes_on: string;
  reminder_offsets: string;
  /** open | closed */
  status: string;
  opened_by_user_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgressUpdateTable {
  id: Generated<number>;
  action_id: number;
  round_id: number | null;
  period: string;
  /** on-track | at-risk | delayed | done | stopped */
  status: string;
  percent: number | null;
  narrative: string;
  narrative_public: number;
  milestones_reached: string;
  author_user_id: number | null;
  author_contact_id: number | null;
  author_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RoundRequestTable {
  id: Generated<number>;
  round_id: number;
  action_id: number;
  contact_id: number;
  token_hash: string;
  sent_at: string | null;
  last_reminded_at: string | null;
  answered_at: string | null;
  update_id: number | null;
  created_at: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  status: string;
  attempts: number;
  locked_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  /** What the job is about: "round:5/request:12", "round:5" (migration 0009); null when nothing in particular. */
  subject: string | null;
}

export interface ServerSecretTable {
  /** What the secret is for ("csrf"). */
  name: string;
  value: string;
  created_at: string;
}

// ---- Uploaded workbooks awaiting their preview (migration 0014) ----

export interface WorkbookUploadTable {
  /** Random, unguessable: the preview page's address. */
  id: string;
  /** "edits" | "programme" */
  kind: string;
  programme_id: number | null;
  user_id: number;
  file_name: string;
  /** The file, base64. */
  content: string;
  created_at: string;
}

/** A yearly document of a programme (migration 0015): its texts, and once final its snapshot. */
export interface ReportTable {
  id: Generated<number>;
  programme_id: number;
  /** "annual-report" | "annual-programme" */
  kind: string;
  year: number;
  introduction: string;
  /** JSON: { [theme number or "chapter"]: text } */
  theme_texts: string;
  /** "draft" | "final" */
  status: string;
  /** JSON of the assembled document when final; null while a draft. */
  snapshot: string | null;
  finalised_at: string | null;
  finalised_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What became of an action of one edition in the next (migration 0017). */
export interface ActionLineageTable {
  id: Generated<number>;
  from_action_id: number;
  /** Null when the action was dropped. */
  to_action_id: number | null;
  /** "continued" | "merged" | "split" | "dropped" */
  kind: string;
  /** Why it was dropped. */
  reason: string | null;
  created_at: string;
}
// ---- The second factor (migration 0019) ----

export interface SecondFactorTable {
  user_id: number;
  /** The authenticator secret, encrypted with the server's key (never the plain secret). */
  secret: string;
  /** Null until the person confirmed the enrolment with a first code. */
  confirmed_at: string | null;
  /** The last TOTP time step accepted: a code of this step or an earlier one is refused. */
  last_step: Generated<number>;
  /** The new recovery codes, encrypted, until they have been shown once. */
  pending_codes: string | null;
  created_at: string;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

/** A programme's year of money (migration 0016): the mandate, and the row every change to that year's money locks. */
export interface BudgetYearTable {
  programme_id: number;
  year: number;
  mandate_cents: number;
  mandate_decision_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Money coming in: an organisation's contribution, a subsidy or another source (migration 0016). */
export interface BudgetSourceTable {
  id: Generated<number>;
  programme_id: number;
  year: number;
  /** "contribution" | "subsidy" | "other" */
  kind: string;
  organisation_id: number | null;
  name: string;
  amount_cents: number;
  note: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Money set aside for an action or a programme cost (migration 0016). */
export interface BudgetAllocationTable {
  id: Generated<number>;
  programme_id: number;
  year: number;
  action_id: number | null;
  /** "research" | "meetings" | "promotion" | "lobby" | "other"; null for an action */
  cost_kind: string | null;
  amount_cents: number;
  note: string;
  /** "steering-group" | "mandate" */
  decided_by: string;
  decision_id: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Money spent against an allocation (migration 0016). */
export interface BudgetSpendingTable {
  id: Generated<number>;
  allocation_id: number;
  spent_on: string;
  amount_cents: number;
  description: string;
  reference: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What an organisation commits in people to an action in a year (migration 0016). */
export interface CapacityCommitmentTable {
  id: Generated<number>;
  programme_id: number;
  action_id: number;
  organisation_id: number;
  year: number;
  amount_hundredths: number;
  /** "hours" | "fte" */
  unit: string;
  role: string;
  note: string;
  created_at: string;
  updated_at: string;
  version: number;
}
