import type { AuthRepository } from "../../db/auth.repository";
import type { UserRepository } from "../../db/user.repository";
import { PUBLIC, type AnyRole, type Principal } from "../../domain/auth/roles";
import { needsSecondFactor } from "../../domain/auth/second-factor";
import { timestamp, type Clock } from "../../domain/time";
import { hashPassword, verifyPassword } from "./passwords.server";
import { hashSecret, isSignedToken, newSecret, signedToken } from "./secrets.server";

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** Sign-in throttling: failures per account and per address within the window. */
export const THROTTLE = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 20 } as const;
const TOUCH_EVERY_MS = 60 * 1000;

export const ONE_TIME_TTL_MS = {
  "first-admin": 24 * 60 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
  "password-reset": 60 * 60 * 1000,
} as const;
export type OneTimePurpose = keyof typeof ONE_TIME_TTL_MS;

export type SignInResult =
  | { ok: true; sessionToken: string; csrfToken: string; principal: Principal }
  | { ok: false; reason: "invalid" }
  /** The password was right; the code of the second factor comes next, on this signed pending state. */
  | { ok: false; reason: "second-factor"; pending: string }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
  idHash: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Sign-in, sessions, API tokens and one-time links. */
export function createAuthService(deps: {
  auth: AuthRepository;
  users: UserRepository;
  clock: Clock;
  /** Who has a second factor, and the roles that must have one (none unless given). */
  secondFactors?: { isEnrolled(userId: number): Promise<boolean>; pendingToken(userId: number): Promise<string> };
  requireSecondFactor?: readonly AnyRole[];
}) {
  const { auth, users, clock, secondFactors } = deps;
  const required = deps.requireSecondFactor ?? [];
  const now = () => clock.now().getTime();

  /** Seconds until the oldest attempt under a key leaves the window (at least 1). */
  const waitFor = (oldest: string | null) =>
    oldest ? Math.max(1, Math.ceil((new Date(oldest).getTime() + THROTTLE.windowMs - now()) / 1000)) : THROTTLE.windowMs / 1000;

  /** A session, unless the person has a second factor: then the pending state for its code. */
  async function afterFirstFactor(userId: number): Promise<SignInResult> {
    if (secondFactors && (await secondFactors.isEnrolled(userId))) return { ok: false, reason: "second-factor", pending: await secondFactors.pendingToken(userId) };
    return startSession(userId, "session");
  }

  async function startSession(userId: number, via: Principal["via"]): Promise<SignInResult> {
    const principal = await users.principal(userId, via);
    if (!principal) return { ok: false, reason: "invalid" };
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    await auth.createSession({
      idHash: hashSecret(sessionToken),
      userId,
      csrfToken,
      now: timestamp(clock),
      expiresAt: iso(now() + SESSION_MAX_MS),
    });
    return { ok: true, sessionToken, csrfToken, principal };
  }

  let visitorKey: Promise<string> | undefined;
  /** The key that signs visitors' anti-forgery tokens: made once, kept in the database. */
  const visitorTokenKey = () => {
    visitorKey ??= auth.serverSecret("csrf", newSecret(), timestamp(clock)).catch((error: unknown) => {
      visitorKey = undefined;
      throw error;
    });
    return visitorKey;
  };

  return {
    visitorTokenKey,
    /** A new anti-forgery token for a visitor without a session. */
    issueVisitorToken: async () => signedToken(await visitorTokenKey()),
    /** Whether a visitor's anti-forgery cookie holds a token this server issued. */
    isVisitorToken: async (token: string) => isSignedToken(await visitorTokenKey(), token),

    /** Checks email and password, with throttling that answers the same for known and unknown accounts. */
    async signIn(input: { email: string; password: string; address: string }): Promise<SignInResult> {
      const email = input.email.trim().toLowerCase();
      const account = `account:${email}`;
      const address = `address:${input.address}`;
      // Failures on this account from this address: an address over its limit because of attempts
      // on other accounts (colleagues behind one office address, or someone who tried many accounts
      // from it) does not keep out a person who has not failed from there.
      const pair = `pair:${email}|${input.address}`;
      // Housekeeping: attempts older than the window and ended sessions are personal data without a purpose.
      await auth.pruneAttempts(iso(now() - THROTTLE.windowMs));
      await auth.deleteExpiredSessions(timestamp(clock), iso(now() - SESSION_IDLE_MS));
      let addressBlocked: string | null = null;
      const reservation = await auth.reserveAttempt({
        keys: [account, address, pair],
        at: timestamp(clock),
        since: iso(now() - THROTTLE.windowMs),
        decide: (counts) => {
          const a = counts[account]!;
          if (a.count >= THROTTLE.perAccount) return waitFor(a.oldest);
          const from = counts[address]!;
          if (from.count >= THROTTLE.perAddress) {
            if (counts[pair]!.count > 0) return waitFor(from.oldest);
            addressBlocked = from.oldest;
          }
          return null;
        },
      });
      if ("refused" in reservation) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.refused };
      // The attempt is recorded before the password is checked, so that parallel attempts count it;
      // a right password takes it back.
      const user = await users.findByEmail(email);
      const valid = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
      if (!user || !valid) {
        if (addressBlocked !== null) return { ok: false, reason: "throttled", retryAfterSeconds: waitFor(addressBlocked) };
        return { ok: false, reason: "invalid" };
      }
      await auth.releaseAttempts(reservation.reserved);
      await auth.clearAttempts(account);
      await auth.clearAttempts(pair);
      return afterFirstFactor(user.id);
    },

    /**
     * A new session for a user who just proved who they are some other way (a one-time link); one
     * with a second factor is asked for its code first.
     */
    startSession: (userId: number) => afterFirstFactor(userId),
    /** A session after the second factor's code was right. */
    startSessionAfterSecondFactor: (userId: number) => startSession(userId, "session"),

    /** The principal behind a session cookie, or undefined when it is unknown, idle too long or too old. */
    async resolveSession(sessionToken: string): Promise<ResolvedSession | undefined> {
      const idHash = hashSecret(sessionToken);
      const session = await auth.findSession(idHash);
      if (!session) return undefined;
      const t = now();
      if (new Date(session.expires_at).getTime() <= t || new Date(session.last_seen_at).getTime() + SESSION_IDLE_MS <= t) {
        await auth.deleteSession(idHash);
        return undefined;
      }
      const principal = await users.principal(session.user_id, "session");
      if (!principal) {
        await auth.deleteSessionsOf(session.user_id);
        return undefined;
      }
      if (t - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) await auth.touchSession(idHash, timestamp(clock));
      if (secondFactors && needsSecondFactor(principal, required) && !(await secondFactors.isEnrolled(principal.user!.id)))
        return { principal: { ...principal, enrolmentRequired: true }, csrfToken: session.csrf_token, idHash };
      return { principal, csrfToken: session.csrf_token, idHash };
    },

    async signOut(sessionToken: string): Promise<void> {
      await auth.deleteSession(hashSecret(sessionToken));
    },

    /** Ends every session of a user (deactivation, password change). */
    endSessionsOf: (userId: number) => auth.deleteSessionsOf(userId),

    /** A personal API token; only its hash is kept, so it is shown once. */
    async createApiToken(userId: number, name: string): Promise<{ id: number; token: string }> {
      const token = `regie_${newSecret()}`;
      const id = await auth.createToken({ userId, name, tokenHash: hashSecret(token), now: timestamp(clock) });
      return { id, token };
    },

    listTokens: (userId: number) => auth.listTokens(userId),
    revokeToken: (userId: number, id: number) => auth.revokeToken(userId, id, timestamp(clock)),

    async resolveApiToken(token: string): Promise<Principal | undefined> {
      const row = await auth.findToken(hashSecret(token));
      if (!row) return undefined;
      const principal = await users.principal(row.user_id, "token");
      if (!principal) return undefined;
      await auth.touchToken(row.id, timestamp(clock));
      return principal;
    },

    /** A one-time link's secret for a purpose; only the hash is stored. */
    async issueOneTimeToken(purpose: OneTimePurpose, userId: number | null): Promise<string> {
      const token = newSecret();
      await auth.createOneTimeToken({
        purpose,
        tokenHash: hashSecret(token),
        userId,
        now: timestamp(clock),
        expiresAt: iso(now() + ONE_TIME_TTL_MS[purpose]),
      });
      return token;
    },

    /** A one-time token that is known, unused and not expired; undefined otherwise. */
    async checkOneTimeToken(purpose: OneTimePurpose, token: string) {
      const row = await auth.findOneTimeToken(purpose, hashSecret(token));
      if (!row || row.used_at || new Date(row.expires_at).getTime() <= now()) return undefined;
      return row;
    },

    hashPassword,
    public: PUBLIC,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
