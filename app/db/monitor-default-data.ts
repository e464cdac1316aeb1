import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { monitorDefinitionFileSchema, type MonitorDefinitionFile } from "../domain/monitor/indicator-definition";
import { describeLocation } from "../domain/monitor/issues";
import { readPeriodStatuses } from "../domain/monitor/parse-files";
import type { Db } from "./database";
import { importMonitorFile } from "./monitor-files";
import { importIndicatorDefinitions, type DefinitionsReport } from "./monitor-import";

/** `data/monitor/default-data.json`: the files loaded into an empty monitor, in order. */
const manifestSchema = z.object({
  $comment: z.string().optional(),
  imports: z.array(
    z.object({
      file: z.string().min(1),
      periodCodes: z.string().min(1).optional(),
      sourceName: z.string().min(1),
      attribution: z.string().min(1).optional(),
      retrievedAt: z.string().datetime().nullable(),
    }),
  ),
});

export function monitorDir(dataDir: string): string {
  return join(dataDir, "monitor");
}

/** Reads and validates an indicator definitions file. */
export function readDefinitionsFile(file: string): MonitorDefinitionFile {
  return monitorDefinitionFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export interface DefaultMonitorReport {
  definitions: DefinitionsReport;
  files: { file: string; added: number }[];
}

/**
 * Loads the shipped indicators and their figures when the programme they belong to has no
 * indicators yet; does nothing otherwise (or when the programme or the files are not there).
 */
export async function loadDefaultMonitorIfEmpty(db: Db, dataDir: string): Promise<DefaultMonitorReport | null> {
  const dir = monitorDir(dataDir);
  const definitionsFile = join(dir, "indicators.json");
  if (!existsSync(definitionsFile)) return null;
  const definitions = readDefinitionsFile(definitionsFile);
  const programme = await db.kysely.selectFrom("programme").select("id").where("slug", "=", definitions.programme).executeTakeFirst();
  if (!programme) return null;
  const existing = await db.kysely.selectFrom("indicator").select("id").where("programme_id", "=", programme.id).limit(1).execute();
  if (existing.length > 0) return null;

  const report: DefaultMonitorReport = { definitions: await importIndicatorDefinitions(db, definitions), files: [] };
  const manifestFile = join(dir, "default-data.json");
  if (!existsSync(manifestFile)) return report;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestFile, "utf8")));
  for (const entry of manifest.imports) {
    const periodStatuses = entry.periodCodes ? readPeriodStatuses(JSON.parse(readFileSync(join(dir, entry.periodCodes), "utf8"))) : undefined;
    const result = await importMonitorFile(db, {
      programmeId: programme.id,
      bytes: readFileSync(join(dir, entry.file)),
      fileName: entry.file,
      periodStatuses,
      channel: "start-up",
      retrievedAt: entry.retrievedAt,
      attribution: entry.attribution,
      sourceName: entry.sourceName,
    });
    if (!result.ok) {
      const lines = result.issues.map((i) => `${i.code} ${JSON.stringify(i.params)} ${describeLocation(i.location, "en")}`);
      throw new Error(`The shipped monitor file ${entry.file} could not be loaded:\n${lines.join("\n")}`);
    }
    report.files.push({ file: entry.file, added: result.report.added });
  }
  return report;
}
