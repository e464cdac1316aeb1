// The annual report as a file: how long Word and PDF take for the default programme (aims: under 1 s
// and 3 s) and for the generated 2,000-action programme (aim: under 30 s), with the memory it took.
// Run by bench/run.ts in a process of its own (`node --import tsx bench/documents.ts DATABASE_URL`),
// on the bench's SQLite database after its progress data are seeded, so that memory is this work's.
import { pathToFileURL } from "node:url";
import { createActionRepository } from "../app/db/action.repository";
import { openDatabase } from "../app/db/database";
import { createDecisionRepository } from "../app/db/decision.repository";
import { migrateToLatest } from "../app/db/migrate";
import { createMonitorRepository } from "../app/db/monitor.repository";
import { createProgrammeRepository } from "../app/db/programme.repository";
import { createProgressReadModel } from "../app/db/progress.read-model";
import { createReportRepository } from "../app/db/report.repository";
import { systemClock } from "../app/domain/time";
import { readAnnualReport } from "../app/lib/reports/annual-report.server";
import { annualReportDocument } from "../app/lib/reports/report-document.server";
import { renderDocx } from "../app/lib/reports/report-docx.server";
import { renderPdf } from "../app/lib/reports/report-pdf.server";
import { PROGRAMME, SCALED } from "./cases";

export interface DocumentResult {
  programme: string;
  format: "docx" | "pdf";
  actions: number;
  /** The first run (charts drawn, fonts read) and the next one, in ms. */
  firstMs: number;
  warmMs: number;
  bytes: number;
  /** Resident memory after the run, and the heap's growth during it, in MB. */
  rssMb: number;
  heapDeltaMb: number;
  aimMs: number;
}

const AIMS: Record<string, Record<"docx" | "pdf", number>> = {
  [PROGRAMME]: { docx: 1_000, pdf: 3_000 },
  [SCALED]: { docx: 30_000, pdf: 30_000 },
};

export async function measureDocuments(databaseUrl: string, year = 2014): Promise<DocumentResult[]> {
  const db = openDatabase(databaseUrl);
  await migrateToLatest(db);
  const readers = {
    actions: createActionRepository(db),
    reports: createReportRepository(db),
    decisions: createDecisionRepository(db),
    monitor: createMonitorRepository(db),
    progressViews: createProgressReadModel(db),
    clock: systemClock,
  };
  const programmes = createProgrammeRepository(db);
  const results: DocumentResult[] = [];
  try {
    for (const slug of [PROGRAMME, SCALED]) {
      const programme = await programmes.get(slug);
      if (!programme) continue;
      for (const format of ["docx", "pdf"] as const) {
        const once = async () => {
          const heap = process.memoryUsage().heapUsed;
          const t0 = performance.now();
          const view = await readAnnualReport(readers, programme, year, "nl");
          const document = annualReportDocument(view.model, "nl", view.final);
          const bytes = format === "docx" ? await renderDocx(document) : await renderPdf(document);
          return { ms: performance.now() - t0, bytes: bytes.length, actions: view.model.counts.total, heapDelta: process.memoryUsage().heapUsed - heap };
        };
        const first = await once();
        const warm = await once();
        results.push({
          programme: slug,
          format,
          actions: warm.actions,
          firstMs: Math.round(first.ms),
          warmMs: Math.round(warm.ms),
          bytes: warm.bytes,
          rssMb: Math.round(process.memoryUsage().rss / 1_048_576),
          heapDeltaMb: Math.round(Math.max(first.heapDelta, warm.heapDelta) / 1_048_576),
          aimMs: AIMS[slug]![format],
        });
      }
    }
  } finally {
    await db.close();
  }
  return results;
}

export function formatDocuments(results: readonly DocumentResult[]): string {
  const lines = ["Annual report 2014 as a file (in-process, one request at a time):", "programme | format | actions | first ms | warm ms | size kB | RSS MB | heap +MB | aim"];
  for (const r of results) {
    const verdict = r.warmMs <= r.aimMs ? "PASS" : "MISS";
    lines.push(
      `${r.programme} | ${r.format} | ${r.actions} | ${r.firstMs} | ${r.warmMs} | ${Math.round(r.bytes / 1024)} | ${r.rssMb} | ${r.heapDeltaMb} | ${verdict} (< ${r.aimMs / 1000} s)`,
    );
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.argv[2];
  if (!url) throw new Error("usage: node --import tsx bench/documents.ts DATABASE_URL");
  const results = await measureDocuments(url);
  console.log(JSON.stringify(results));
}
