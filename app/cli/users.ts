import { createUserRepository } from "../db/user.repository";
import { createActionRepository } from "../db/action.repository";
import { createOrganisationRepository } from "../db/organisation.repository";
import { createProgrammeRepository } from "../db/programme.repository";
import { createAuthRepository } from "../db/auth.repository";
import { ALL_ROLES, isProgrammeRole, type AnyRole } from "../domain/auth/roles";
import { PASSWORD_MAX, PASSWORD_MIN } from "../domain/auth/schemas";
import { createAuthService } from "../lib/auth/auth-service.server";
import { hashPassword } from "../lib/auth/passwords.server";
import { systemClock, timestamp } from "../domain/time";
import { CliError, type CliContext } from "./context";
import { createSecondFactorRepository } from "../db/second-factor.repository";
import { createSecondFactorService } from "../lib/auth/second-factor.server";

/** Reads the password from standard input (one line; a trailing newline is not part of it). */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** `regie user add --email … --name … --organisation SLUG --role ROLE [--programme SLUG] [--actions 5,17]`; password from stdin. */
export async function addUserCommand(
  ctx: CliContext,
  o: { email?: string; name?: string; organisation?: string; role?: string; programme?: string; actions?: string },
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const { t } = ctx;
  const email = o.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new CliError(t("auth.emailInvalid"), 2);
  const name = o.name?.trim();
  if (!name) throw new CliError(t("auth.nameRequired"), 2);
  if (name.length > 200) throw new CliError(t("auth.fieldTooLong", { max: 200 }), 2);
  const role = o.role as AnyRole | undefined;
  if (!role || !(ALL_ROLES as readonly string[]).includes(role)) throw new CliError(t("cli.roleInvalid", { roles: ALL_ROLES.join(", ") }), 2);

  const db = await ctx.openDb();
  let organisationId: number | null = null;
  if (o.organisation) {
    const id = await createOrganisationRepository(db).idOf(o.organisation);
    if (id === undefined) throw new CliError(t("cli.organisationNotFound", { slug: o.organisation }));
    organisationId = id;
  }
  const programme = await createProgrammeRepository(db).ref(o.programme || undefined);
  if (isProgrammeRole(role) && !programme) throw new CliError(t("cli.programmeNotFound", { slug: o.programme ?? "" }));

  let contactActionIds: number[] = [];
  if (role === "action-contact") {
    const numbers = (o.actions ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (numbers.length === 0 || numbers.some((n) => !/^[1-9]\d{0,5}$/.test(n))) throw new CliError(t("cli.actionsRequired"), 2);
    const rows = await createActionRepository(db).idsOf(programme!.id, numbers.map(Number));
    const missing = numbers.map(Number).filter((n) => !rows.some((r) => r.number === n));
    if (missing.length > 0) throw new CliError(t("cli.actionsNotFound", { numbers: missing.join(", ") }));
    contactActionIds = rows.map((r) => r.id);
  } else if (o.actions) {
    throw new CliError(t("cli.actionsOnlyForContacts"), 2);
  }

  const password = await readPassword(stdin);
  if (password.length < PASSWORD_MIN) throw new CliError(t("auth.passwordTooShort", { min: PASSWORD_MIN }), 2);
  if (password.length > PASSWORD_MAX) throw new CliError(t("auth.passwordTooLong", { max: PASSWORD_MAX }), 2);

  const result = await createUserRepository(db).createUser({
    email,
    name,
    organisationId,
    passwordHash: await hashPassword(password),
    isAdmin: role === "admin",
    roles: isProgrammeRole(role) ? [{ programmeId: programme!.id, role }] : [],
    contactActionIds,
    actor: { userId: null, label: "CLI" },
    now: timestamp(systemClock),
  });
  if (result.status !== "ok") throw new CliError(t("auth.emailTaken"));
  ctx.out(t("cli.userAdded", { email, role: t(`role.${role}`), programme: isProgrammeRole(role) ? programme!.slug : "–" }));
  return 0;
}

/** `regie token create --email … [--name …]`: prints the new token as the last line. */
export async function createTokenCommand(ctx: CliContext, o: { email?: string; name?: string }): Promise<number> {
  const { t } = ctx;
  if (!o.email) throw new CliError(t("auth.emailInvalid"), 2);
  const db = await ctx.openDb();
  const users = createUserRepository(db);
  const user = await users.findByEmail(o.email);
  if (!user?.active) throw new CliError(t("cli.userNotFound", { email: o.email }));
  const auth = createAuthService({ auth: createAuthRepository(db), users, clock: systemClock });
  const name = (o.name ?? "CLI").trim().slice(0, 100) || "CLI";
  const { token } = await auth.createApiToken(user.id, name);
  ctx.out(t("cli.tokenCreated", { email: user.email }));
  ctx.out(token);
  return 0;
}

/** `regie users reset-second-factor EMAIL`: for someone who lost their phone and their recovery codes. */
export async function resetSecondFactorCommand(ctx: CliContext, o: { email?: string }): Promise<number> {
  const { t } = ctx;
  if (!o.email) throw new CliError(t("auth.emailInvalid"), 2);
  const db = await ctx.openDb();
  const user = await createUserRepository(db).findByEmail(o.email.trim().toLowerCase());
  if (!user) throw new CliError(t("cli.userNotFound", { email: o.email }));
  const secondFactors = createSecondFactorService({ store: createSecondFactorRepository(db), auth: createAuthRepository(db), clock: systemClock });
  const reset = await secondFactors.reset({ userId: user.id, actor: { userId: null, label: "CLI" } });
  ctx.out(t(reset ? "cli.secondFactorReset" : "cli.secondFactorNone", { email: user.email }));
  return 0;
}
