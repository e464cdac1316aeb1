import type { Principal, ProgrammeRole } from "./roles";

/**
 * Who may do what: one table of operation × role, used by every page and API route.
 * `public` means anyone, also without signing in; `member` any role in the programme.
 * `hidden` operations answer 404 to those who may not use them (they should not learn the
 * page exists); the others answer 403 to signed-in people and ask the public to sign in.
 * `action` scope limits action contacts to the actions they are contact for.
 */
export const PERMISSIONS = {
  "programme.read": { roles: ["public"], scope: "programme" },
  "personal.read": { roles: ["member"], scope: "programme" },
  "history.read": { roles: ["member"], scope: "programme" },
  "history.readAll": { roles: [], scope: "global", hidden: true },
  "programme.edit": { roles: ["programme-manager"], scope: "programme" },
  "action.edit": { roles: ["programme-manager"], scope: "programme" },
  "organisation.edit": { roles: ["programme-manager"], scope: "any-programme" },
  // Organisations are global: their history (who changed what) is for members of any programme.
  "organisation.history": { roles: ["member"], scope: "any-programme" },
  "contacts.manage": { roles: ["programme-manager"], scope: "programme" },
  "contacts.read": { roles: ["programme-manager", "steering-group", "coordination-group", "action-contact"], scope: "programme" },
  "decision.read": { roles: ["public"], scope: "programme" },
  "decision.record": { roles: ["programme-manager", "steering-group"], scope: "programme" },
  // Correcting or withdrawing a recorded decision, and correcting a meeting, is the programme manager's care of the register.
  "decision.edit": { roles: ["programme-manager"], scope: "programme" },
  "meeting.edit": { roles: ["programme-manager"], scope: "programme" },
  // Approved plans are adopted documents and public; drafts, submitted and returned versions are not.
  "plan.readApproved": { roles: ["public"], scope: "programme" },
  "plan.read": { roles: ["programme-manager", "steering-group", "coordination-group", "action-contact"], scope: "programme" },
  "plan.write": { roles: ["programme-manager", "action-contact"], scope: "action" },
  "plan.decide": { roles: ["programme-manager", "steering-group"], scope: "programme" },
  "progress.read": { roles: ["public"], scope: "programme" },
  "progress.readInternal": { roles: ["member"], scope: "programme" },
  "progress.submit": { roles: ["programme-manager", "action-contact"], scope: "action" },
  "milestones.edit": { roles: ["programme-manager"], scope: "programme" },
  "rounds.manage": { roles: ["programme-manager"], scope: "programme" },
  "monitor.import": { roles: ["programme-manager", "analyst"], scope: "programme" },
  "monitor.manage": { roles: ["programme-manager", "analyst"], scope: "programme" },
  // Yearly documents: drafts show today's data to members; a final one is public (it holds no personal data).
  "report.readDraft": { roles: ["member"], scope: "programme" },
  "report.edit": { roles: ["programme-manager"], scope: "programme" },
  "account.self": { roles: ["signed-in"], scope: "global" },
  "users.manage": { roles: [], scope: "global", hidden: true },
  "outbox.read": { roles: [], scope: "global", hidden: true },
} as const satisfies Record<string, Rule>;

type Grantee = ProgrammeRole | "public" | "member" | "signed-in";

interface Rule {
  roles: readonly Grantee[];
  /** programme: a role in the target programme; action: and for contacts, the target action; any-programme: a role in any programme; global: no programme. */
  scope: "programme" | "action" | "any-programme" | "global";
  hidden?: boolean;
}

export type Operation = keyof typeof PERMISSIONS;

export interface Target {
  programmeId?: number;
  actionId?: number;
}

export type Verdict = "allow" | "sign-in" | "forbidden" | "not-found";

/** Decides whether the principal may perform the operation on the target. Administrators may do everything. */
export function decide(principal: Principal, operation: Operation, target: Target = {}): Verdict {
  const rule: Rule = PERMISSIONS[operation];
  if (allowed(principal, rule, target)) return "allow";
  if (rule.hidden) return "not-found";
  return principal.user ? "forbidden" : "sign-in";
}

/** Whether the principal may perform the operation; for showing or hiding controls. */
export function can(principal: Principal, operation: Operation, target: Target = {}): boolean {
  return decide(principal, operation, target) === "allow";
}

function allowed(principal: Principal, rule: Rule, target: Target): boolean {
  if (rule.roles.includes("public")) return true;
  const user = principal.user;
  if (!user) return false;
  if (user.isAdmin) return true;
  if (rule.roles.includes("signed-in")) return true;
  const held = rolesFor(principal, rule, target);
  if (rule.roles.includes("member") && held.size > 0) return true;
  for (const role of held) {
    if (!rule.roles.includes(role)) continue;
    if (rule.scope === "action" && role === "action-contact") {
      if (target.actionId !== undefined && principal.contactActionIds.has(target.actionId)) return true;
      continue;
    }
    return true;
  }
  return false;
}

function rolesFor(principal: Principal, rule: Rule, target: Target): ReadonlySet<ProgrammeRole> {
  if (rule.scope === "any-programme" || (rule.scope === "global" && target.programmeId === undefined)) {
    const all = new Set<ProgrammeRole>();
    for (const roles of principal.roles.values()) for (const r of roles) all.add(r);
    return all;
  }
  if (target.programmeId === undefined) return new Set();
  return principal.roles.get(target.programmeId) ?? new Set();
}
