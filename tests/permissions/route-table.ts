import type { Operation } from "../../app/domain/auth/permissions";

/**
 * Every page route and API operation with the operation it needs and a sample request. The
 * permission-matrix test walks this table for every role on both databases, and fails when a
 * route exists that this table does not list.
 *
 * - `route`: the page's route file as in app/routes.ts ("routes/action-edit.tsx"), or for the API
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

export const ROUTE_TABLE: RouteCase[] = [
  // Public pages.
  { route: "routes/home.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: "/" } },
  { route: "routes/programmes.tsx", method: "GET", operation: "programme.read", target: "none", sample: { path: "/programmes" } },
  { route: "routes/programme.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: P } },
  { route: "routes/theme.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/themes/2` } },
  { route: "routes/actions.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/actions` } },
  { route: "routes/action.tsx", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${P}/actions/17` } },
  { route: "routes/organisations.tsx", method: "GET", operation: "programme.read", target: "none", sample: { path: "/organisations" } },
  { route: "routes/organisation.tsx", method: "GET", operation: "programme.read", target: "none", sample: { path: "/organisations/gemeente-leiden" } },
  { route: "routes/not-found.tsx", method: "GET", operation: null, sample: { path: "/no/such/page" }, allowed: [404] },
  // Accounts.
  { route: "routes/sign-in.tsx", method: "GET", operation: null, sample: { path: "/sign-in" }, allowed: [200, 302] },
  { route: "routes/sign-out.tsx", method: "POST", operation: null, sample: { path: "/sign-out", form: {} }, allowed: [302] },
  { route: "routes/setup.tsx", method: "GET", operation: null, sample: { path: "/setup/not-a-valid-link" }, allowed: [404] },
  { route: "routes/password-forgot.tsx", method: "GET", operation: null, sample: { path: "/password/forgot" } },
  { route: "routes/password-reset.tsx", method: "GET", operation: null, sample: { path: "/password/reset/not-a-valid-link" }, allowed: [404] },
  { route: "routes/invite.tsx", method: "GET", operation: null, sample: { path: "/invite/not-a-valid-link" }, allowed: [404] },
  { route: "routes/account.tsx", method: "GET", operation: "account.self", target: "none", sample: { path: "/account" } },
  // Editing.
  { route: "routes/action-edit.tsx", method: "GET", operation: "action.edit", target: "action", sample: { path: `${P}/actions/17/edit` } },
  // Open-data API.
  { route: "api GET /openapi.json", method: "GET", operation: null, sample: { path: `${API}/openapi.json` } },
  { route: "api GET /programmes", method: "GET", operation: "programme.read", target: "none", sample: { path: `${API}/programmes` } },
  { route: "api GET /programmes/:slug", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}` } },
  { route: "api GET /programmes/:slug/actions", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions` } },
  { route: "api GET /programmes/:slug/actions.csv", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions.csv` } },
  { route: "api GET /programmes/:slug/actions/:number", method: "GET", operation: "programme.read", target: "programme", sample: { path: `${API}${P}/actions/17` } },
  { route: "api GET /organisations", method: "GET", operation: "programme.read", target: "none", sample: { path: `${API}/organisations` } },
  { route: "api GET /organisations/:slug", method: "GET", operation: "programme.read", target: "none", sample: { path: `${API}/organisations/gemeente-leiden` } },
  {
    route: "api PATCH /programmes/:slug/actions/:number",
    method: "PATCH",
    operation: "action.edit",
    target: "action",
    sample: { path: `${API}${P}/actions/17`, json: { planningText: "2016" }, headers: { "If-Match": "*" } },
    writes: true,
  },
];
