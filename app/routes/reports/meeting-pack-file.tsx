import { renderDocx } from "../../lib/reports/report-docx.server";
import { renderPdf } from "../../lib/reports/report-pdf.server";
import { loadMeetingPack } from "./meeting-pack.server";
import type { Route } from "./+types/meeting-pack-file";

const TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/** The meeting pack as Word or PDF: the page's blocks through the yearly documents' renderers. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const format = new URL(request.url).pathname.endsWith(".pdf") ? "pdf" : "docx";
  const { programme, meeting, document } = await loadMeetingPack(context, request, params.slug, params.id);
  const file = format === "pdf" ? await renderPdf(document) : await renderDocx(document);
  const word = context.language === "nl" ? "vergaderpakket" : "meeting-pack";
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${programme.slug}-${word}-${meeting.heldOn}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
