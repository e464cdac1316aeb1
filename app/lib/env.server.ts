import { z } from "zod";
import { parseSecondFactorRoles } from "../domain/auth/second-factor";

/** Settings read from the environment, each with a default; see the README's table. */
const envSchema = z.object({
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default("sqlite:./var/regie.sqlite")
    .refine((v) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(v), {
      message: "DATABASE_URL must start with sqlite:, postgres:// or postgresql://",
    }),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How many proxies in front of Regie to trust (hops): 0 (`false`, the default) trusts none, `true`
   * means 1. The client's address is then the one the outermost trusted proxy saw, never a value
   * further to the left in X-Forwarded-For, which the client itself may have written.
   */
  TRUST_PROXY: z
    .string()
    .default("false")
    .refine((v) => /^(true|false|\d)?$/.test(v.trim()), {
      message: "TRUST_PROXY must be false, true (one proxy) or the number of proxies in front of Regie (0-9)",
    })
    .transform((v) => (v.trim() === "true" ? 1 : v.trim() === "false" || v.trim() === "" ? 0 : Number(v.trim()))),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  /** Memory for pages kept as the public sees them (0: keep none); see server/page-cache.ts. */
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: "SMTP_URL must start with smtp:// or smtps://" }),
  MAIL_FROM: z.string().min(3).default("Regie <regie@localhost>"),
  REGIE_DATA_DIR: z.string().optional(),
  /** When set, start-up also writes the one-time first-administrator link to this file (browser tests read it). */
  REGIE_SETUP_LINK_FILE: z.string().optional(),
  REGIE_SKIP_DEFAULT_DATA: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Roles that must sign in with a second factor (TOTP), comma-separated, or "none". */
  REQUIRE_SECOND_FACTOR: z
    .string()
    .default("admin,programme-manager")
    .transform((v, ctx) => {
      const roles = parseSecondFactorRoles(v);
      if (!Array.isArray(roles)) {
        ctx.addIssue({ code: "custom", message: `REQUIRE_SECOND_FACTOR: unknown role "${roles.invalid}" (use roles such as admin,programme-manager, or none)` });
        return z.NEVER;
      }
      return roles;
    }),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment once; a wrong value stops start-up with a message naming the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigurationError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}
