import { renderToStaticMarkup } from "react-dom/server";
import { ReportBlocks } from "../../components/reports/report-blocks";
import type { ReportDocument } from "./report-document.server";

/** A standalone stylesheet: the file is opened from disk or mail, without Regie's own CSS. */
const STYLE = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
table { border-collapse: collapse; margin-block: 0.5rem 1.25rem; }
caption { text-align: start; font-weight: bold; padding-block: 0.25rem; }
th, td { border: 1px solid #8a8a8a; padding: 0.2rem 0.5rem; text-align: start; vertical-align: top; }
.regie-num { text-align: end; }
.regie-report__label { font-weight: bold; }
.regie-report__note { font-style: italic; }
figure { margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
@media print { h2 { break-before: page; } h2, h3, h4 { break-after: avoid; } table, figure { break-inside: avoid; } }
`;

/** The document as one HTML file (for the command line): the same blocks as the page, Word and PDF. */
export function renderHtml(document: ReportDocument): string {
  const body = renderToStaticMarkup(
    <main>
      <ReportBlocks blocks={document.blocks} />
    </main>,
  );
  const title = document.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html>\n<html lang="${document.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}
