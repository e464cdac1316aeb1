import type { Operation } from "../../app/domain/auth/permissions";

/**
 * Every page route and API operation with the operation it needs and a sample request. The
 * permission-matrix test walks this table for every role on both databases, and fails when a
 * route exists that this table does not list.
 *
 * - `route`: the page's route file as in app/routes.ts ("routes/actions/action-edit.tsx"), or for the API
 *   "api METHOD /path/with/:params" exactly as the Express router declares it.
 * - `operation`: the permission it needs (null: open to everyone, like sign-in or a setup link,
 *   which guard themselves with a secret).
 * - `target`: which record the permission is checked against ("programme", "action" = action 17
 *   of the default programme, whose contact in the test is the action-contact user).
 * - `sample`: the request the test sends; `body` for writes (form fields or JSON).
 */
export interface RouteCase {
  route: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  operation: Operation | null;
  target?: "programme" | "action" | "none";
  sample: { path: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> };
  /** What an allowed request answers (default: 200 for GET, 200/302/303 for writes). */
  allowed?: number[];
  /** Writes: true when an allowed request changes the database (refused ones never may). */
  writes?: boolean;
}

const P = "/programmes/kennis-en-werk-071-2013-2015";
const API = "/api/v1";
const PLAN_PARTS = { aim: "Doel", approach: "Aanpak", deliverables: "Resultaat", milestones: "Q1 2014", budget: "n.v.t.", capacity: "0,2 fte", risks: "Geen" };
const PLAN_FORM = { ...PLAN_PARTS, versionNo: "", version: "" };

export const ROUTE_TABLE: RouteCase[] = [
  // Public pages.
  { route: "routes/programmes/home.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: "/" } },
  { route: "routes/programmes/programmes.tsx", method: "GET", operation: "programme.read", target: "none", sample: { path: "/programmes" } },
  { route: "routes/programmes/programme.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: P } },
  { route: "routes/programmes/theme.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/themes/2` } },
  { route: "routes/actions/actions.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/actions` } },
  { route: "routes/actions/action.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/actions/17` } },
  // Progress views: the dashboard, the timeline and the dependency graph (public; members see more on the dashboard).
  { route: "routes/progress/progress-dashboard.tsx", method: "GET", operation: "progress.read", target: "programme", sample: { path: `${P}/dashboard` } },
  { route: "routes/progress/progress-timeline.tsx", method: "GET", operation: "progress.read", target: "programme", sample: { path: `${P}/timeline?theme=3` } },
  { route: "routes/progress/dependencies.tsx", method: "GET", operation: "progress.read", target: "programme", sample: { path: `${P}/dependencies` } },
  { route: "routes/organisations/organisations.tsx", method: "GET", operation: "programme.read", target: "none", sample: { path: "/organisations" } },
  { route: "routes/organisations/organisation.tsx", method: "GET", operation: "programme.read", target: "none", sample: { path: "/organisations/gemeente-leiden" } },
  { route: "routes/site/not-found.tsx", method: "GET", operation: null, sample: { path: "/no/such/page" }, allowed: [404] },
  // Accounts.
  { route: "routes/account/sign-in.tsx", method: "GET", operation: null, sample: { path: "/sign-in" }, allowed: [200, 302] },
  { route: "routes/account/sign-out.tsx", method: "POST", operation: null, sample: { path: "/sign-out", form: {} }, allowed: [302] },
  { route: "routes/account/setup.tsx", method: "GET", operation: null, sample: { path: "/setup/not-a-valid-link" }, allowed: [404] },
  { route: "routes/account/password-forgot.tsx", method: "GET", operation: null, sample: { path: "/password/forgot" } },
  { route: "routes/account/password-reset.tsx", method: "GET", operation: null, sample: { path: "/password/reset/not-a-valid-link" }, allowed: [404] },
  { route: "routes/account/invite.tsx", method: "GET", operation: null, sample: { path: "/invite/not-a-valid-link" }, allowed: [404] },
  { route: "routes/account/account.tsx", method: "GET", operation: "account.self", target: "none", sample: { path: "/account" } },
  // Editing.
  { route: "routes/actions/action-edit.tsx", method: "GET", operation: "action.edit", target: "action", sample: { path: `${P}/actions/17/edit` } },
  { route: "routes/actions/action-new.tsx", method: "GET", operation: "action.edit", target: "programme", sample: { path: `${P}/actions/new` } },
  { route: "routes/programmes/programme-edit.tsx", method: "GET", operation: "programme.edit", target: "programme", sample: { path: `${P}/edit` } },
  { route: "routes/programmes/theme-edit.tsx", method: "GET", operation: "programme.edit", target: "programme", sample: { path: `${P}/themes/2/edit` } },
  { route: "routes/organisations/organisation-new.tsx", method: "GET", operation: "organisation.edit", target: "none", sample: { path: "/organisations/new" } },
  { route: "routes/organisations/organisation-edit.tsx", method: "GET", operation: "organisation.edit", target: "none", sample: { path: "/organisations/gemeente-leiden/edit" } },
  { route: "routes/organisations/organisation-merge.tsx", method: "GET", operation: "organisation.edit", target: "none", sample: { path: "/organisations/gemeente-leiden/merge" } },
  // Plans of approach (action 17, whose contact is the action-contact persona). The writes run in
  // this order on one database: the first allowed persona (admin) writes, submits and approves
  // version 1; later allowed personas find the plan moved on and get 409, never a change.
  { route: "routes/plans/plan.tsx", method: "GET", operation: "plan.readApproved", target: "action", sample: { path: `${P}/actions/17/plan` } },
  { route: "routes/plans/plan-edit.tsx", method: "GET", operation: "plan.write", target: "action", sample: { path: `${P}/actions/17/plan/edit` }, allowed: [200, 409] },
  { route: "routes/plans/plan-version.tsx", method: "GET", operation: "plan.read", target: "action", sample: { path: `${P}/actions/17/plan/versions/1` }, allowed: [200, 404] },
  {
    route: "routes/plans/plan-edit.tsx",
    method: "POST",
    operation: "plan.write",
    target: "action",
    sample: { path: `${P}/actions/17/plan/edit`, form: PLAN_FORM },
    allowed: [302, 409],
    writes: true,
  },
  {
    route: "routes/plans/plan.tsx",
    method: "POST",
    operation: "plan.write",
    target: "action",
    sample: { path: `${P}/actions/17/plan`, form: { intent: "submit", versionNo: "1", version: "1" } },
    allowed: [302, 409],
    writes: true,
  },
  {
    route: "routes/plans/plan.tsx",
    method: "POST",
    operation: "plan.decide",
    target: "action",
    sample: { path: `${P}/actions/17/plan`, form: { intent: "approve", versionNo: "1", version: "2", note: "" } },
    allowed: [302, 409],
    writes: true,
  },
  // The steering group's decisions and meetings: public to read; programme manager and steering group record.
  // Meeting 1 is the document's meeting of 14 October 2013 (seeded with the default programme). The
  // sample writes change no category, so every allowed persona can record one.
  { route: "routes/decisions/decisions.tsx", method: "GET", operation: "decision.read", target: "programme", sample: { path: `${P}/decisions` } },
  { route: "routes/decisions/meetings.tsx", method: "GET", operation: "decision.read", target: "programme", sample: { path: `${P}/meetings` } },
  { route: "routes/decisions/meeting.tsx", method: "GET", operation: "decision.read", target: "programme", sample: { path: `${P}/meetings/1` } },
  { route: "routes/decisions/decision-new.tsx", method: "GET", operation: "decision.record", target: "programme", sample: { path: `${P}/decisions/new` } },
  {
    route: "routes/decisions/decision-new.tsx",
    method: "POST",
    operation: "decision.record",
    target: "programme",
    sample: { path: `${P}/decisions/new`, form: { decidedOn: "2014-03-01", status: "taken", kind: "general", meetingId: "", title: "Matrixbesluit", text: "" } },
    allowed: [302],
    writes: true,
  },
  { route: "routes/decisions/meeting-new.tsx", method: "GET", operation: "decision.record", target: "programme", sample: { path: `${P}/meetings/new` } },
  {
    route: "routes/decisions/meeting-new.tsx",
    method: "POST",
    operation: "decision.record",
    target: "programme",
    sample: { path: `${P}/meetings/new`, form: { heldOn: "2014-03-01", title: "Stuurgroep (matrix)", attendee: "gemeente-leiden", agenda: "", minutes: "" } },
    allowed: [302],
    writes: true,
  },
  // Correcting and withdrawing decisions, correcting meetings: the programme manager only. Decision 3
  // is the document's planned decision about categories 3 and 4 (changing it changes no category).
  // The first allowed persona (admin) corrects it with version 1; later ones find it moved on (409).
  // The withdrawals carry a version the decision never has: allowed personas get 409/412, nothing goes.
  { route: "routes/decisions/decision.tsx", method: "GET", operation: "decision.read", target: "programme", sample: { path: `${P}/decisions/1` } },
  { route: "routes/decisions/decision-edit.tsx", method: "GET", operation: "decision.edit", target: "programme", sample: { path: `${P}/decisions/3/edit` } },
  {
    route: "routes/decisions/decision-edit.tsx",
    method: "POST",
    operation: "decision.edit",
    target: "programme",
    sample: {
      path: `${P}/decisions/3/edit`,
      form: { version: "1", decidedOn: "2014-12-31", status: "planned", kind: "categories", meetingId: "", title: "Besluit over acties in categorie 3 en 4 (matrix)", text: "" },
    },
    allowed: [302, 409],
    writes: true,
  },
  { route: "routes/decisions/decision-withdraw.tsx", method: "GET", operation: "decision.edit", target: "programme", sample: { path: `${P}/decisions/3/withdraw` } },
  {
    route: "routes/decisions/decision-withdraw.tsx",
    method: "POST",
    operation: "decision.edit",
    target: "programme",
    sample: { path: `${P}/decisions/3/withdraw`, form: { version: "999", confirm: "yes" } },
    allowed: [409],
  },
  { route: "routes/decisions/meeting-edit.tsx", method: "GET", operation: "meeting.edit", target: "programme", sample: { path: `${P}/meetings/1/edit` } },
  {
    route: "routes/decisions/meeting-edit.tsx",
    method: "POST",
    operation: "meeting.edit",
    target: "programme",
    sample: {
      path: `${P}/meetings/1/edit`,
      form: { version: "1", heldOn: "2013-10-14", title: "Stuurgroep Economische agenda", attendee: "gemeente-leiden", agenda: "", minutes: "Matrix" },
    },
    allowed: [302, 409],
    writes: true,
  },
  // Administration (hidden: 404 for everyone but administrators), contacts, privacy.
  { route: "routes/admin/admin.tsx", method: "GET", operation: "users.manage", target: "none", sample: { path: "/admin" } },
  { route: "routes/admin/admin-users.tsx", method: "GET", operation: "users.manage", target: "none", sample: { path: "/admin/users" } },
  {
    route: "routes/admin/admin-users.tsx",
    method: "POST",
    operation: "users.manage",
    target: "none",
    sample: { path: "/admin/users", form: { name: "Invited Person", email: "invited@matrix.test", organisation: "", role: "partner", programme: "kennis-en-werk-071-2013-2015", actions: "" } },
    allowed: [302],
    writes: true,
  },
  // Account 1 is the matrix's administrator.
  { route: "routes/admin/admin-user.tsx", method: "GET", operation: "users.manage", target: "none", sample: { path: "/admin/users/1" } },
  {
    route: "routes/admin/admin-user.tsx",
    method: "POST",
    operation: "users.manage",
    target: "none",
    sample: { path: "/admin/users/1", form: { intent: "add-role", role: "analyst", programme: "kennis-en-werk-071-2013-2015", actions: "" } },
    allowed: [302],
    writes: true,
  },
  { route: "routes/admin/admin-outbox.tsx", method: "GET", operation: "outbox.read", target: "none", sample: { path: "/admin/outbox" } },
  // Message 1 exists once the invitation above has been sent; without it the administrator gets the message's own 404.
  { route: "routes/admin/admin-outbox-message.tsx", method: "GET", operation: "outbox.read", target: "none", sample: { path: "/admin/outbox/1" }, allowed: [200, 404] },
  { route: "routes/admin/admin-history.tsx", method: "GET", operation: "history.readAll", target: "none", sample: { path: "/admin/history" } },
  { route: "routes/admin/admin-history-csv.ts", method: "GET", operation: "history.readAll", target: "none", sample: { path: "/admin/history.csv" } },
  { route: "routes/contacts/action-contacts.tsx", method: "GET", operation: "contacts.read", target: "action", sample: { path: `${P}/actions/17/contacts` } },
  {
    route: "routes/contacts/action-contacts.tsx",
    method: "POST",
    operation: "contacts.manage",
    target: "action",
    sample: { path: `${P}/actions/17/contacts`, form: { intent: "add", name: "Matrix Contact", email: "contact@matrix.test", organisation: "gemeente-leiden" } },
    allowed: [302],
    writes: true,
  },
  { route: "routes/contacts/contacts-import.tsx", method: "GET", operation: "contacts.manage", target: "programme", sample: { path: `${P}/contacts/import` } },
  { route: "routes/account/account-data.ts", method: "GET", operation: "account.self", target: "none", sample: { path: "/account/data.json" } },
  // The second factor: the code step of signing in, enrolment and the recovery codes shown once.
  { route: "routes/account/sign-in-code.tsx", method: "GET", operation: null, sample: { path: "/sign-in/code" }, allowed: [200, 302] },
  { route: "routes/account/second-factor.tsx", method: "GET", operation: "account.self", target: "none", sample: { path: "/account/second-factor" } },
  { route: "routes/account/recovery-codes.tsx", method: "GET", operation: "account.self", target: "none", sample: { path: "/account/second-factor/recovery-codes" }, allowed: [302] },
  // Milestones, progress updates and update rounds (action 17, whose contact is the action-contact persona).
  { route: "routes/progress/action-milestones.tsx", method: "GET", operation: "milestones.edit", target: "action", sample: { path: `${P}/actions/17/milestones` } },
  {
    route: "routes/progress/action-milestones.tsx",
    method: "POST",
    operation: "milestones.edit",
    target: "action",
    sample: { path: `${P}/actions/17/milestones`, form: { intent: "add", label: "Matrixmijlpaal", due: "2e kwartaal 2015", doneOn: "" } },
    allowed: [302],
    writes: true,
  },
  { route: "routes/progress/progress-new.tsx", method: "GET", operation: "progress.submit", target: "action", sample: { path: `${P}/actions/17/progress/new` } },
  {
    route: "routes/progress/progress-new.tsx",
    method: "POST",
    operation: "progress.submit",
    target: "action",
    // The first allowed persona reports 2014-H1; later ones sent the form without its version and get 409.
    sample: { path: `${P}/actions/17/progress/new`, form: { period: "2014-H1", version: "", status: "on-track", percent: "50", narrative: "Matrix", narrativePublicShown: "1", narrativePublic: "1" } },
    allowed: [302, 409],
    writes: true,
  },
  { route: "routes/progress/rounds.tsx", method: "GET", operation: "rounds.manage", target: "programme", sample: { path: `${P}/rounds` } },
  {
    route: "routes/progress/rounds.tsx",
    method: "POST",
    operation: "rounds.manage",
    target: "programme",
    // A period that does not exist passes every permission check and is then refused (400): no round, no mail.
    sample: { path: `${P}/rounds`, form: { period: "2014-H3", dueOn: "2099-01-01", closesOn: "", reminders: "-7, 0, 7" } },
    allowed: [400],
  },
  { route: "routes/progress/round.tsx", method: "GET", operation: "rounds.manage", target: "programme", sample: { path: `${P}/rounds/1` }, allowed: [200, 404] },
  { route: "routes/progress/round.tsx", method: "POST", operation: "rounds.manage", target: "programme", sample: { path: `${P}/rounds/999999`, form: { intent: "close" } }, allowed: [404] },
  // The personal link of a round is guarded by its secret, not by a role.
  { route: "routes/progress/respond.tsx", method: "GET", operation: null, sample: { path: "/respond/not-a-valid-link" }, allowed: [404] },
  { route: "routes/progress/respond.tsx", method: "POST", operation: null, sample: { path: `/respond/${"x".repeat(43)}`, form: { status: "delayed", narrative: "x" } }, allowed: [404] },
  { route: "routes/site/privacy.tsx", method: "GET", operation: null, sample: { path: "/privacy" } },
  { route: "routes/site/accessibility.tsx", method: "GET", operation: null, sample: { path: "/accessibility" } },
  // Open-data API.
  { route: "api GET /openapi.json", method: "GET", operation: null, sample: { path: `${API}/openapi.json` } },
  { route: "api GET /programmes", method: "GET", operation: "programme.read", target: "none", sample: { path: `${API}/programmes` } },
  { route: "api GET /programmes/:slug", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}` } },
  { route: "api GET /programmes/:slug/actions", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions` } },
  { route: "api GET /programmes/:slug/actions.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions.csv` } },
  { route: "api GET /programmes/:slug/actions/:number", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions/17` } },
  { route: "api GET /programmes/:slug/actions/:number/plan", method: "GET", operation: "plan.readApproved", target: "action", sample: { path: `${API}${P}/actions/17/plan` } },
  // Plans through the API (action 17), after the pages above approved version 1: the first allowed
  // persona (admin) starts draft 2 with these parts, submits and approves it; later allowed personas
  // write the same parts again (no change) or find the step no longer allowed (409). Nothing is
  // submitted when "return" comes, so every allowed persona gets 409 there.
  {
    route: "api PUT /programmes/:slug/actions/:number/plan",
    method: "PUT",
    operation: "plan.write",
    target: "action",
    sample: { path: `${API}${P}/actions/17/plan`, json: PLAN_PARTS, headers: { "If-Match": "*" } },
    allowed: [200, 201],
    writes: true,
  },
  {
    route: "api POST /programmes/:slug/actions/:number/plan/submit",
    method: "POST",
    operation: "plan.write",
    target: "action",
    sample: { path: `${API}${P}/actions/17/plan/submit`, headers: { "If-Match": "*" } },
    allowed: [200, 409],
    writes: true,
  },
  {
    route: "api POST /programmes/:slug/actions/:number/plan/approve",
    method: "POST",
    operation: "plan.decide",
    target: "action",
    sample: { path: `${API}${P}/actions/17/plan/approve`, json: { note: "Akkoord (matrix)" }, headers: { "If-Match": "*" } },
    allowed: [200, 409],
    writes: true,
  },
  {
    route: "api POST /programmes/:slug/actions/:number/plan/return",
    method: "POST",
    operation: "plan.decide",
    target: "action",
    sample: { path: `${API}${P}/actions/17/plan/return`, json: { note: "Matrix" }, headers: { "If-Match": "*" } },
    allowed: [409],
  },
  { route: "api GET /programmes/:slug/actions/:number/progress", method: "GET", operation: "progress.read", target: "programme", sample: { path: `${API}${P}/actions/17/progress` } },
  { route: "api GET /organisations", method: "GET", operation: "programme.read", target: "none", sample: { path: `${API}/organisations` } },
  { route: "api GET /organisations/:slug", method: "GET", operation: "programme.read", target: "none", sample: { path: `${API}/organisations/gemeente-leiden` } },
  { route: "api GET /programmes/:slug/decisions", method: "GET", operation: "decision.read", target: "programme", sample: { path: `${API}${P}/decisions` } },
  { route: "api GET /programmes/:slug/decisions/:id", method: "GET", operation: "decision.read", target: "programme", sample: { path: `${API}${P}/decisions/1` } },
  {
    route: "api POST /programmes/:slug/decisions",
    method: "POST",
    operation: "decision.record",
    target: "programme",
    sample: { path: `${API}${P}/decisions`, json: { decidedOn: "2014-03-01", kind: "general", title: "Matrixbesluit (API)" } },
    allowed: [201],
    writes: true,
  },
  {
    route: "api PUT /programmes/:slug/decisions/:id",
    method: "PUT",
    operation: "decision.edit",
    target: "programme",
    sample: {
      path: `${API}${P}/decisions/3`,
      json: { decidedOn: "2014-12-31", status: "planned", kind: "categories", title: "Besluit over acties in categorie 3 en 4 (matrix, API)" },
      headers: { "If-Match": "*" },
    },
    writes: true,
  },
  {
    route: "api DELETE /programmes/:slug/decisions/:id",
    method: "DELETE",
    operation: "decision.edit",
    target: "programme",
    sample: { path: `${API}${P}/decisions/3`, headers: { "If-Match": '"decision-3-v999"' } },
    allowed: [412],
  },
  {
    route: "api PATCH /programmes/:slug/actions/:number",
    method: "PATCH",
    operation: "action.edit",
    target: "action",
    sample: { path: `${API}${P}/actions/17`, json: { planningText: "2016" }, headers: { "If-Match": "*" } },
    writes: true,
  },
  // Editing the register (organisations are global: organisation.edit is any programme's manager).
  { route: "api GET /programmes/:slug/themes/:number", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/themes/2` } },
  {
    route: "api PATCH /programmes/:slug",
    method: "PATCH",
    operation: "programme.edit",
    target: "programme",
    sample: { path: `${API}${P}`, json: { adoptedBy: "Matrix: de colleges van B&W" }, headers: { "If-Match": "*" } },
    writes: true,
  },
  {
    route: "api PATCH /programmes/:slug/themes/:number",
    method: "PATCH",
    operation: "programme.edit",
    target: "programme",
    sample: { path: `${API}${P}/themes/2`, json: { intentionsIntro: "Matrix: vier voornemens." }, headers: { "If-Match": "*" } },
    writes: true,
  },
  {
    route: "api POST /programmes/:slug/actions",
    method: "POST",
    operation: "action.edit",
    target: "programme",
    sample: { path: `${API}${P}/actions`, json: { title: "Matrixactie (API)", intentionCode: "2.3" } },
    allowed: [201],
    writes: true,
  },
  {
    route: "api POST /organisations",
    method: "POST",
    operation: "organisation.edit",
    target: "none",
    // Every allowed persona creates one: the name must be free each time, so only the first succeeds.
    sample: { path: `${API}/organisations`, json: { name: "Matrix Organisatie", kind: "other" } },
    allowed: [201, 400],
    writes: true,
  },
  {
    route: "api PATCH /organisations/:slug",
    method: "PATCH",
    operation: "organisation.edit",
    target: "none",
    sample: { path: `${API}/organisations/gemeente-leiden`, json: { aliases: ["Gemeente Leiden", "gem. Leiden"] }, headers: { "If-Match": "*" } },
    writes: true,
  },
  {
    route: "api POST /organisations/:slug/merge",
    method: "POST",
    operation: "organisation.edit",
    target: "none",
    // A merge into itself passes every permission check and is then refused (400): the matrix keeps its organisations.
    sample: { path: `${API}/organisations/gemeente-leiden/merge`, json: { into: "gemeente-leiden" }, headers: { "If-Match": "*" } },
    allowed: [400],
  },
  // Economic monitor.
  { route: "routes/monitor/monitor.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/monitor` } },
  { route: "routes/monitor/monitor.tsx", method: "POST", operation: "monitor.import", target: "programme", sample: { path: `${P}/monitor`, form: { intent: "import" } }, allowed: [400], writes: false },
  { route: "routes/monitor/monitor-indicator.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/monitor/bevolking` } },
  { route: "api GET /programmes/:slug/indicators", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/indicators` } },
  { route: "api GET /programmes/:slug/indicators.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/indicators.csv` } },
  { route: "api GET /programmes/:slug/indicators/:id", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/indicators/bevolking` } },
  { route: "api GET /programmes/:slug/indicators/:id.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/indicators/bevolking.csv` } },
  // Workbooks: downloads (public, as the pages), importing edits (programme manager), a new programme (administrator).
  // The previews ask for an upload id that does not exist: allowed personas get its 404.
  { route: "routes/workbook/workbook-template.ts", method: "GET", operation: null, sample: { path: "/programmes/template.xlsx" } },
  { route: "routes/workbook/programme-workbook.ts", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/export.xlsx` } },
  { route: "routes/workbook/workbook-import.tsx", method: "GET", operation: "action.edit", target: "programme", sample: { path: `${P}/import` } },
  { route: "routes/workbook/workbook-import.tsx", method: "POST", operation: "action.edit", target: "programme", sample: { path: `${P}/import`, form: {} }, allowed: [400], writes: false },
  { route: "routes/workbook/workbook-preview.tsx", method: "GET", operation: "action.edit", target: "programme", sample: { path: `${P}/import/no-such-upload-id` }, allowed: [404] },
  { route: "routes/workbook/programme-import.tsx", method: "GET", operation: "users.manage", target: "none", sample: { path: "/admin/programme-import" } },
  { route: "routes/workbook/programme-import.tsx", method: "POST", operation: "users.manage", target: "none", sample: { path: "/admin/programme-import", form: {} }, allowed: [400], writes: false },
  { route: "routes/workbook/programme-import-preview.tsx", method: "GET", operation: "users.manage", target: "none", sample: { path: "/admin/programme-import/no-such-upload-id" }, allowed: [404] },
  { route: "api GET /programmes/:slug/workbook", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/workbook` } },
  { route: "api GET /workbook-template", method: "GET", operation: null, sample: { path: `${API}/workbook-template` } },
  { route: "api GET /programmes/:slug/indicators/:id.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/indicators/bevolking.csv` } },  // The annual report: the 2014 report stays a draft here (members read it; the programme manager writes
  // its texts). The first allowed persona (admin) saves the texts with version 0; later ones get 409.
  { route: "routes/reports/reports.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/reports` } },
  { route: "routes/reports/report.tsx", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${P}/reports/2014` } },
  { route: "routes/reports/report-edit.tsx", method: "GET", operation: "report.edit", target: "programme", sample: { path: `${P}/reports/2014/edit` } },
  {
    route: "routes/reports/report-edit.tsx",
    method: "POST",
    operation: "report.edit",
    target: "programme",
    sample: { path: `${P}/reports/2014/edit`, form: { version: "0", introduction: "Matrixinleiding" } },
    allowed: [302, 409],
    writes: true,
  },
  // Finalising without ticking the box: refused with 400 for those allowed, nothing written.
  {
    route: "routes/reports/report.tsx",
    method: "POST",
    operation: "report.edit",
    target: "programme",
    sample: { path: `${P}/reports/2014`, form: { version: "1" } },
    allowed: [400],
  },
  { route: "api GET /programmes/:slug/reports/:year", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${API}${P}/reports/2014` } },
  { route: "api GET /programmes/:slug/reports/:year.docx", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${API}${P}/reports/2014.docx` } },
  { route: "api GET /programmes/:slug/reports/:year.pdf", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${API}${P}/reports/2014.pdf` } },
  // The work area: every signed-in person has one.
  { route: "routes/work/work.tsx", method: "GET", operation: "account.self", target: "none", sample: { path: "/work" } },
  // The budget and capacity: amounts are public.
  { route: "routes/budget/budget.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/budget?year=2014` } },
  { route: "api GET /programmes/:slug/budget/sources", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/sources` } },
  { route: "api GET /programmes/:slug/budget/sources.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/sources.csv` } },
  { route: "api GET /programmes/:slug/budget/allocations", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/allocations` } },
  { route: "api GET /programmes/:slug/budget/allocations.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/allocations.csv` } },
  { route: "api GET /programmes/:slug/budget/spending", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/spending` } },
  { route: "api GET /programmes/:slug/budget/spending.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/spending.csv` } },
  { route: "api GET /programmes/:slug/budget/capacity", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/capacity` } },
  { route: "api GET /programmes/:slug/budget/capacity.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/budget/capacity.csv` } },
  // The annual programme and the meeting pack: drafts and packs for members.
  { route: "routes/reports/programme.tsx", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${P}/reports/2015/programme` } },
  { route: "routes/reports/meeting-pack.tsx", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${P}/meetings/1/pack` } },
  { route: "routes/reports/meeting-pack-file.tsx", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${P}/meetings/1/pack.docx` } },
  { route: "api GET /programmes/:slug/reports/:year/programme", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${API}${P}/reports/2015/programme` } },
  { route: "api GET /programmes/:slug/reports/:year/programme.docx", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${API}${P}/reports/2015/programme.docx` } },
  { route: "api GET /programmes/:slug/reports/:year/programme.pdf", method: "GET", operation: "report.readDraft", target: "programme", sample: { path: `${API}${P}/reports/2015/programme.pdf` } },
  // Editions: lineage and differences are public reads.
  { route: "api GET /programmes/:slug/actions/:number/lineage", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions/17/lineage` } },
  { route: "api GET /programmes/:slug/compare/:other", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/compare/kennis-en-werk-071-2013-2015` } },
];
