import type { Actor } from "../db/audit";
import type { Db } from "../db/database";
import { ImportBasisChanged, readImportBasis, writeProgrammeImport } from "../db/programme-import";
import { calendarDate } from "../domain/calendar";
import type { ProgrammeDocument } from "../domain/programmes/programme-document";
import { planProgrammeImport, type ProgrammeImportReport } from "../domain/programmes/programme-import";
import { systemClock, timestamp, type Clock } from "../domain/time";

/**
 * Imports a programme document: reads what the database holds that the document is matched against,
 * lets the domain plan the whole import (organisations matched, every derived value computed), then
 * writes the plan in one transaction. When the database changed in between, the import is planned
 * again. Importing the same document twice changes nothing; with `dryRun` nothing is kept.
 */
export async function importProgrammeDocument(
  db: Db,
  doc: ProgrammeDocument,
  options: {
    isDefault?: boolean;
    dryRun?: boolean;
    clock?: Clock;
    /** The imported file's name (no folders), quoted in the decision a re-import records. */
    file?: string | null;
    /** Who imports, for history; "Regie" unless told. */
    actor?: Actor;
  } = {},
): Promise<ProgrammeImportReport> {
  const clock = options.clock ?? systemClock;
  const now = timestamp(clock);
  const file = options.file ?? null;
  for (let attempt = 1; ; attempt++) {
    const basis = await readImportBasis(db, doc);
    const plan = planProgrammeImport(doc, basis, { today: calendarDate(clock.now()), file });
    try {
      return await writeProgrammeImport(db, plan, basis, {
        isDefault: options.isDefault,
        dryRun: options.dryRun,
        now,
        file,
        actor: options.actor ?? { userId: null, label: "Regie" },
      });
    } catch (error) {
      if (!(error instanceof ImportBasisChanged) || attempt >= 3) throw error;
    }
  }
}
