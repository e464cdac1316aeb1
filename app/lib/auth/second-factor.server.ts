import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt } from "node:crypto";
import { generateURI, verify } from "otplib";
import type { AuthRepository } from "../../db/auth.repository";
import type { Actor } from "../../db/audit";
import type { SecondFactorRepository } from "../../db/second-factor.repository";
import { showRecoveryCode } from "../../domain/auth/second-factor";
import { timestamp, type Clock } from "../../domain/time";
import { THROTTLE } from "./auth-service.server";
import { hashSecret, newSecret, sameSecret } from "./secrets.server";

/** RFC 6238 as authenticator apps use it: 30-second steps, six digits, one step either side. */
const STEP_SECONDS = 30;
const TOLERANCE_SECONDS = STEP_SECONDS;
/** How long the step between a right password and the code may take. */
export const PENDING_TTL_MS = 5 * 60 * 1000;
const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const ENROLMENT_NONCE = /^[A-Za-z0-9_-]{22}$/;

/** RFC 4648 base32 (no padding), the alphabet authenticator apps take secrets in. */
function base32(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export type SecondFactorCheck =
  | { ok: true; userId: number; usedRecoveryCode: boolean }
  | { ok: false; reason: "expired" | "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * The second factor: enrolment, the check at sign-in (after the password, on a signed pending state
 * that holds no session), recovery codes and resets. Secrets are kept encrypted (AES-256-GCM) with a
 * key the server makes once, so that a copy of the tables alone does not give them away.
 */
export function createSecondFactorService(deps: { store: SecondFactorRepository; auth: AuthRepository; clock: Clock }) {
  const { store, auth, clock } = deps;
  const nowMs = () => clock.now().getTime();
  const epoch = () => Math.floor(nowMs() / 1000);

  let keys: Promise<{ cipher: Buffer; pending: string }> | undefined;
  const serverKeys = () => {
    keys ??= Promise.all([
      auth.serverSecret("second-factor-cipher", newSecret(), timestamp(clock)),
      auth.serverSecret("second-factor-pending", newSecret(), timestamp(clock)),
    ]).then(
      ([cipher, pending]) => ({ cipher: createHash("sha256").update(cipher).digest(), pending }),
      (error: unknown) => {
        keys = undefined;
        throw error;
      },
    );
    return keys;
  };

  async function seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", (await serverKeys()).cipher, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
  }
  async function open(sealed: string): Promise<string> {
    const [version, iv, body, tag] = sealed.split(".");
    if (version !== "v1" || !iv || !body || !tag) throw new Error("Unreadable second-factor secret");
    const decipher = createDecipheriv("aes-256-gcm", (await serverKeys()).cipher, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }

  /** The time step of a code that is right now (one step either side), or null. */
  async function stepOf(secret: string, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({ secret, token: code, epoch: epoch(), period: STEP_SECONDS, epochTolerance: TOLERANCE_SECONDS });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  }

  async function enrolmentSecret(userId: number, nonce: string): Promise<string> {
    const bytes = createHmac("sha256", (await serverKeys()).cipher).update(`regie-second-factor-enrol:${userId}:${nonce}`).digest().subarray(0, 20);
    return base32(bytes);
  }

  const newRecoveryCode = () => Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");

  const pendingMac = async (payload: string) => createHmac("sha256", (await serverKeys()).pending).update(`regie-second-factor:${payload}`).digest("base64url");

  async function pendingToken(userId: number): Promise<string> {
    const payload = `${userId}.${nowMs() + PENDING_TTL_MS}.${randomBytes(9).toString("base64url")}`;
    return `${payload}.${await pendingMac(payload)}`;
  }
  async function pendingUser(token: string | null | undefined): Promise<number | null> {
    const match = token ? /^(\d{1,10})\.(\d{1,15})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
    if (!match) return null;
    const payload = `${match[1]}.${match[2]}.${match[3]}`;
    if (!sameSecret(match[4]!, await pendingMac(payload))) return null;
    if (Number(match[2]) <= nowMs()) return null;
    return Number(match[1]);
  }

  return {
    /** Makes the server's keys now (at start), so that no page view writes them later. */
    prepare: async () => {
      await serverKeys();
    },
    isEnrolled: (userId: number) => store.isConfirmed(userId),
    unusedRecoveryCodes: (userId: number) => store.unusedRecoveryCodes(userId),

    /**
     * The secret to enrol with. Nothing is stored until the first code is right: the secret follows
     * from the server's key, the person and a random value the enrolment page carries (`k`), so that
     * the page shown again (a wrong code, a reload) shows the same secret, and a new visit a new one.
     */
    async enrolment(user: { id: number; email: string }, k: string | null): Promise<{ k: string; secret: string; uri: string } | { enrolled: true }> {
      if (await store.isConfirmed(user.id)) return { enrolled: true };
      const nonce = k && ENROLMENT_NONCE.test(k) ? k : randomBytes(16).toString("base64url");
      const secret = await enrolmentSecret(user.id, nonce);
      return { k: nonce, secret, uri: generateURI({ issuer: "Regie", label: user.email, secret, period: STEP_SECONDS }) };
    },

    /** Confirms the enrolment with a first code; the recovery codes wait to be shown once. */
    async confirm(input: { userId: number; k: string; code: string; actor: Actor; requestId?: string | null }): Promise<"ok" | "wrong-code" | "enrolled"> {
      if (!ENROLMENT_NONCE.test(input.k)) return "wrong-code";
      if (await store.isConfirmed(input.userId)) return "enrolled";
      const secret = await enrolmentSecret(input.userId, input.k);
      const step = await stepOf(secret, input.code);
      if (step === null) return "wrong-code";
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      const enrolled = await store.enrol({
        userId: input.userId,
        secret: await seal(secret),
        step,
        codeHashes: codes.map(hashSecret),
        pendingCodes: await seal(JSON.stringify(codes)),
        actor: input.actor,
        now: timestamp(clock),
        requestId: input.requestId,
      });
      return enrolled ? "ok" : "enrolled";
    },

    /** The new recovery codes, once: a second look finds none. */
    async takeRecoveryCodes(userId: number): Promise<string[] | null> {
      const sealed = await store.takePendingCodes(userId);
      if (!sealed) return null;
      return (JSON.parse(await open(sealed)) as string[]).map(showRecoveryCode);
    },

    /** The signed state between a right password and the code: who, until when; no session. */
    pendingToken,
    pendingUser,

    /**
     * Checks the code of the second step: a TOTP code not used before, or an unused recovery code.
     * Wrong codes count like wrong passwords (same window and limit, per account).
     */
    async check(input: { pending: string | null | undefined; code: { kind: "totp" | "recovery"; code: string } | null }): Promise<SecondFactorCheck> {
      const userId = await pendingUser(input.pending);
      if (userId === null) return { ok: false, reason: "expired" };
      const key = `second-factor:${userId}`;
      const since = new Date(nowMs() - THROTTLE.windowMs).toISOString();
      const reservation = await auth.reserveAttempt({
        keys: [key],
        at: timestamp(clock),
        since,
        decide: (counts) => {
          const c = counts[key]!;
          if (c.count < THROTTLE.perAccount) return null;
          return c.oldest ? Math.max(1, Math.ceil((new Date(c.oldest).getTime() + THROTTLE.windowMs - nowMs()) / 1000)) : THROTTLE.windowMs / 1000;
        },
      });
      if ("refused" in reservation) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.refused };
      let right = false;
      const row = await store.find(userId);
      if (row?.confirmed_at && input.code) {
        if (input.code.kind === "totp") {
          const step = await stepOf(await open(row.secret), input.code.code);
          right = step !== null && (await store.useStep(userId, step));
        } else {
          right = await store.useRecoveryCode(userId, hashSecret(input.code.code), timestamp(clock));
        }
      }
      if (!right) return { ok: false, reason: "invalid" };
      await auth.releaseAttempts(reservation.reserved);
      await auth.clearAttempts(key);
      return { ok: true, userId, usedRecoveryCode: input.code!.kind === "recovery" };
    },

    /** Removes a person's second factor; they enrol again. */
    reset: (input: { userId: number; actor: Actor; requestId?: string | null }) => store.reset({ ...input, now: timestamp(clock) }),

  };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;
