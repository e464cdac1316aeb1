import { join } from "node:path";
import { DEFAULT_PROGRAMME_SLUG, readProgrammeFile } from "../../app/lib/default-data.server";
import type { ProgrammeDocument } from "../../app/domain/programmes/programme-document";

export { DEFAULT_PROGRAMME_SLUG };

/** The shipped default programme document (data/programmes), validated; a fresh copy on every call. */
export function defaultProgrammeDocument(): ProgrammeDocument {
  return readProgrammeFile(
    join(import.meta.dirname, "..", "..", "data", "programmes", `${DEFAULT_PROGRAMME_SLUG}.json`),
  );
}
