import { ALL_ROLES, type AnyRole, type Principal } from "./roles";

/** Who must have a second factor, from `REQUIRE_SECOND_FACTOR`: a comma-separated list of roles, or "none". */
export function parseSecondFactorRoles(value: string): AnyRole[] | { invalid: string } {
  const parts = value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 1 && parts[0] === "none") return [];
  const unknown = parts.find((p) => !(ALL_ROLES as readonly string[]).includes(p));
  return unknown === undefined ? (parts as AnyRole[]) : { invalid: unknown };
}

/** Whether this person holds a role that must sign in with a second factor. */
export function needsSecondFactor(principal: Principal, required: readonly AnyRole[]): boolean {
  if (!principal.user || required.length === 0) return false;
  if (principal.user.isAdmin && required.includes("admin")) return true;
  for (const roles of principal.roles.values()) for (const role of roles) if (required.includes(role)) return true;
  return false;
}

/** The authenticator secret in groups of four, for typing it over by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** What a person typed at the second step: a six-digit code, a recovery code, or neither. */
export function readSecondFactorCode(value: unknown): { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null {
  if (typeof value !== "string") return null;
  const compact = value.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  if (/^[a-z2-7]{10}$/.test(compact)) return { kind: "recovery", code: compact };
  return null;
}

/** A recovery code as shown: two groups of five. */
export const showRecoveryCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;
