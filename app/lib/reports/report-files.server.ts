import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { AnnualProgramme } from "../../domain/reports/annual-programme";
import type { AnnualReport } from "../../domain/reports/annual-report";
import type { Language } from "../i18n";
import { annualProgrammeDocument } from "./annual-programme-document.server";
import { annualReportDocument, type ReportDocument } from "./report-document.server";
import { renderDocx } from "./report-docx.server";
import { renderPdf } from "./report-pdf.server";

/**
 * Files already written, by what they show: a document takes seconds to write, so the same model
 * (same data, texts, day and language) is answered from memory. Keyed by content, not by the
 * database's change stamp, so that unrelated writes (a sign-in) do not throw them away.
 */
const files = new LRUCache<string, Buffer>({ max: 40, maxSize: 200 * 1024 * 1024, sizeCalculation: (b) => b.length || 1 });

async function cachedFile(model: object, language: Language, final: boolean, format: "docx" | "pdf", blocks: () => ReportDocument): Promise<Buffer> {
  const key = createHash("sha256").update(JSON.stringify([model, language, final, format])).digest("base64url");
  const hit = files.get(key);
  if (hit) return hit;
  const document = blocks();
  const file = format === "docx" ? await renderDocx(document) : await renderPdf(document);
  files.set(key, file);
  return file;
}

export function annualReportFile(model: AnnualReport, language: Language, final: boolean, format: "docx" | "pdf"): Promise<Buffer> {
  return cachedFile(model, language, final, format, () => annualReportDocument(model, language, final));
}

export function annualProgrammeFile(model: AnnualProgramme, language: Language, final: boolean, format: "docx" | "pdf"): Promise<Buffer> {
  return cachedFile(model, language, final, format, () => annualProgrammeDocument(model, language, final));
}
