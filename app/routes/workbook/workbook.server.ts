import type { TFunction } from "i18next";
import type { AppLoadContext } from "react-router";
import type { EditPlan } from "../../domain/workbook/edit-plan";
import { ACTION_COLUMNS, MAX_ROWS_PER_SHEET } from "../../domain/workbook/layout";
import type { WorkbookError } from "../../domain/workbook/read-workbook";
import { translator } from "../../lib/i18n/catalogue.server";
import { workbookErrorText, type EditPreview } from "../../lib/workbook.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A workbook as a download. */
export function xlsxResponse(bytes: Buffer, fileName: string, cache: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": cache,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export type Received = { ok: true; bytes: Uint8Array; fileName: string } | { ok: false; error: string };

/** The uploaded file of a form, within the upload limit. */
export async function receiveWorkbook(context: AppLoadContext, form: FormData): Promise<Received> {
  const t = translator(context.language);
  const maxMb = context.services.env.MAX_UPLOAD_MB;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, error: t("workbookPages.noFile") };
  if (file.size > maxMb * 1024 * 1024) return { ok: false, error: t("workbookPages.tooLarge", { mb: maxMb }) };
  const fileName = (file.name || "werkmap.xlsx").replace(/[\\/]/g, "_").slice(0, 200);
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), fileName };
}

export function uploadLimits(context: AppLoadContext) {
  return { mb: context.services.env.MAX_UPLOAD_MB, rows: MAX_ROWS_PER_SHEET };
}

export function errorTexts(language: AppLoadContext["language"], errors: WorkbookError[]): string[] {
  const t = translator(language);
  return errors.slice(0, 200).map((e) => workbookErrorText(t, e));
}

export interface PreviewView {
  edits: { number: number; title: string; fields: { label: string; before: string; after: string }[] }[];
  creates: { number: number; title: string; fields: { label: string; after: string }[] }[];
  organisations: { key: string; name: string; status: "matched" | "new"; match: string | null }[];
  unchanged: number;
  fieldCount: number;
  fingerprint: string;
}

/** The preview as the page shows it: field labels in the reader's language. */
export function previewView(plan: EditPlan, t: TFunction, language: string): PreviewView {
  const label = (field: string) => {
    const c = ACTION_COLUMNS.find((x) => x.key === field);
    return c ? (language === "en" ? c.en : c.nl) : field;
  };
  void t;
  return {
    edits: plan.edits.map((e) => ({ number: e.number, title: e.title, fields: e.fields.map((f) => ({ label: label(f.field), before: f.before, after: f.after })) })),
    creates: plan.creates.map((c) => ({ number: c.number, title: c.title, fields: c.fields.map((f) => ({ label: label(f.field), after: f.after })) })),
    organisations: plan.organisations.map((o) => ({ key: o.key, name: o.name, status: o.status, match: o.match?.name ?? null })),
    unchanged: plan.unchanged,
    fieldCount: plan.edits.reduce((n, e) => n + e.fields.length, 0),
    fingerprint: plan.fingerprint,
  };
}

export function previewOrErrors(context: AppLoadContext, preview: EditPreview): { preview: PreviewView | null; errors: string[] } {
  if (!preview.ok) return { preview: null, errors: errorTexts(context.language, preview.errors) };
  return { preview: previewView(preview.plan, translator(context.language), context.language), errors: [] };
}
