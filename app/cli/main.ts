import { parseArgs } from "node:util";
import { migrateToLatest } from "../db/migrate";
import { openDatabase, type Db } from "../db/database";
import { readEnv } from "../lib/env.server";
import { isLanguage, type Language } from "../lib/i18n";
import { translator } from "../lib/i18n/catalogue.server";
import { backupCommand, restoreCommand } from "./backup";
import { exportProgrammeCommand } from "./export-programme";
import { importProgrammeCommand } from "./import-programme";
import { fetchMonitorCommand, importMonitorCommand } from "./import-monitor";
import { addUserCommand, createTokenCommand, resetSecondFactorCommand } from "./users";
import { reportCommand } from "./report";
import { CliError, type CliContext } from "./context";

/** The interface language of the command line: REGIE_LANG, else LANG when it names English, else Dutch. */
function cliLanguage(env: NodeJS.ProcessEnv): Language {
  const explicit = env.REGIE_LANG;
  if (isLanguage(explicit)) return explicit;
  const lang = (env.LC_ALL || env.LANG || "").toLowerCase();
  return lang.startsWith("en") ? "en" : "nl";
}

/** Runs one command; returns the exit code (0 done, 1 refused or failed, 2 wrong usage). */
export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = defaultIo()): Promise<number> {
  const language = cliLanguage(process.env);
  const t = translator(language);
  const [command, ...rest] = argv;
  let db: Db | undefined;
  const ctx: CliContext = {
    t,
    language,
    out: io.out,
    err: io.err,
    openDb: async () => {
      if (!db) {
        const env = readEnv();
        db = openDatabase(env.DATABASE_URL);
        await migrateToLatest(db);
      }
      return db;
    },
  };
  try {
    switch (command) {
      case "import-programme": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { slug: { type: "string" }, "dry-run": { type: "boolean" }, default: { type: "boolean" } },
        });
        return await importProgrammeCommand(ctx, {
          file: positionals[0],
          slug: values.slug,
          dryRun: values["dry-run"] ?? false,
          isDefault: values.default,
        });
      }
      case "export-programme": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: "string" } } });
        return await exportProgrammeCommand(ctx, { slug: positionals[0], out: values.out });
      }
      case "user": {
        const [sub, ...args] = rest;
        if (sub !== "add") throw new CliError(`${t("cli.unknownCommand", { command: `user ${sub ?? ""}`.trim() })}\n\n${t("cli.usage")}`, 2);
        const { values } = parseArgs({
          args,
          options: {
            email: { type: "string" },
            name: { type: "string" },
            organisation: { type: "string" },
            role: { type: "string" },
            programme: { type: "string" },
            actions: { type: "string" },
          },
        });
        return await addUserCommand(ctx, values);
      }
      case "token": {
        const [sub, ...args] = rest;
        if (sub !== "create") throw new CliError(`${t("cli.unknownCommand", { command: `token ${sub ?? ""}`.trim() })}\n\n${t("cli.usage")}`, 2);
        const { values } = parseArgs({ args, options: { email: { type: "string" }, name: { type: "string" } } });
        return await createTokenCommand(ctx, values);
      }
      case "import-monitor": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: {
            indicator: { type: "string" },
            table: { type: "string" },
            retrieved: { type: "string" },
            programme: { type: "string" },
            "dry-run": { type: "boolean" },
          },
        });
        return await importMonitorCommand(ctx, { file: positionals[0], ...values, dryRun: values["dry-run"] ?? false });
      }
      case "fetch-monitor": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { indicator: { type: "string" }, since: { type: "string" }, programme: { type: "string" }, "dry-run": { type: "boolean" } },
        });
        return await fetchMonitorCommand(ctx, { table: positionals[0], ...values, dryRun: values["dry-run"] ?? false });
      }
      case "backup": {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        return await backupCommand(ctx, { file: positionals[0] });
      }
      case "restore": {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        return await restoreCommand(ctx, { file: positionals[0] });
      }
      case "report": {
        const [kind, ...args] = rest;
        const { values } = parseArgs({
          args,
          options: { year: { type: "string" }, format: { type: "string" }, out: { type: "string" }, programme: { type: "string" }, lang: { type: "string" } },
        });
        return await reportCommand(ctx, { kind, ...values });
      }
      case "migrate": {
        parseArgs({ args: rest, options: {} });
        const env = readEnv();
        db = openDatabase(env.DATABASE_URL);
        const applied = await migrateToLatest(db);
        io.out(applied.length ? t("cli.migrated", { count: applied.length, names: applied.join(", ") }) : t("cli.upToDate"));
        return 0;
      }
      case "users": {
        const [sub, ...args] = rest;
        if (sub !== "reset-second-factor") throw new CliError(`${t("cli.unknownCommand", { command: `users ${sub ?? ""}`.trim() })}\n\n${t("cli.usage")}`, 2);
        const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
        return await resetSecondFactorCommand(ctx, { email: positionals[0] });
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(t("cli.usage"));
        return command === undefined ? 2 : 0;
      default:
        io.err(t("cli.unknownCommand", { command }));
        io.err(t("cli.usage"));
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      io.err(t("cli.badOption", { message: error.message }));
      return 2;
    }
    io.err(t("cli.failed", { message: error instanceof Error ? error.message : String(error) }));
    return 1;
  } finally {
    await db?.close();
  }
}

function defaultIo() {
  return { out: (s: string) => console.log(s), err: (s: string) => console.error(s) };
}
