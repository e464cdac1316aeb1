import type { TFunction } from "i18next";
import type { Db } from "../db/database";
import type { Language } from "../lib/i18n";

export interface CliContext {
  t: TFunction;
  language: Language;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Opens DATABASE_URL and applies pending migrations, once. */
  openDb: () => Promise<Db>;
}

/** A refusal with a message for the user, already translated. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
