import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db/database";
import { seedDocumentDecisions } from "../db/decision-seed";
import { createProgrammeRepository } from "../db/programme.repository";
import { importProgrammeDocument } from "./programme-import.server";
import type { ProgrammeImportReport } from "../domain/programmes/programme-import";
import { programmeDocumentSchema, type ProgrammeDocument } from "../domain/programmes/programme-document";

/** The programme Regie shows at `/` on a new installation. */
export const DEFAULT_PROGRAMME_SLUG = "kennis-en-werk-071-2013-2015";

/** Reads and validates a programme document in its structured (JSON) form. */
export function readProgrammeFile(file: string): ProgrammeDocument {
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  return programmeDocumentSchema.parse(raw);
}

/** The structured programme files shipped under data/programmes (not the import hints). */
export function shippedProgrammeFiles(dataDir: string): string[] {
  const dir = join(dataDir, "programmes");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".hints.json"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Loads the shipped programmes into a database that holds none, with the steering-group decisions
 * the default programme's document records. On a database that holds programmes it only adds those
 * decisions where the default programme has none yet (a database made before decisions existed).
 */
export async function loadDefaultDataIfEmpty(db: Db, dataDir: string): Promise<ProgrammeImportReport[]> {
  const existing = await createProgrammeRepository(db).count();
  const reports: ProgrammeImportReport[] = [];
  if (existing === 0) {
    for (const file of shippedProgrammeFiles(dataDir)) {
      const doc = readProgrammeFile(file);
      reports.push(await importProgrammeDocument(db, doc, { isDefault: doc.slug === DEFAULT_PROGRAMME_SLUG }));
    }
  }
  await seedDocumentDecisions(db, DEFAULT_PROGRAMME_SLUG);
  return reports;
}
