import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { FONT_FILES } from "./document-assets.server";
import type { Block, ReportDocument } from "./report-document.server";

/**
 * A yearly document as tagged PDF (decision 0019): pdfkit writes the structure tree itself, so that
 * headings, paragraphs, lists, tables and figures (with alternative text) are tagged; the document
 * language and title are set, headings become bookmarks, and the DejaVu fonts are embedded. Charts
 * are drawn as vectors from the same SVG the web page shows.
 */

const SIZES = { 1: 20, 2: 15, 3: 12.5, 4: 11 } as const;
const BODY = 10;

type Struct = PDFKit.PDFStructureElement;
type Outline = PDFKit.PDFOutline;

/** Starts a new page when less than `needed` points are left, so that a heading stays with what follows. */
function keepRoom(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawTable(doc: PDFKit.PDFDocument, root: Struct, block: Extract<Block, { type: "table" }>): void {
  keepRoom(doc, 60);
  root.add(
    doc.struct("Caption", {}, () => {
      doc.font("DejaVu-Bold").fontSize(BODY).text(block.caption);
    }),
  );
  doc.moveDown(0.3);
  doc.font("DejaVu").fontSize(BODY - 1);
  const align = (i: number) => (block.numeric[i] ? "right" : "left");
  const options = {
    structParent: root,
    defaultStyle: { padding: 3, border: 0.5, borderColor: "#888888" },
    data: [
      block.head.map((text, i) => ({ text, type: "TH" as const, scope: "Column", font: { src: "DejaVu-Bold" }, align: { x: align(i) } })),
      ...block.rows.map((row) => row.map((text, i) => ({ text, align: { x: align(i) } }))),
    ],
  };
  doc.table(options as unknown as PDFKit.Mixins.TableOptionsWithData);
  doc.x = doc.page.margins.left;
  doc.moveDown(0.8);
}

function drawBlock(doc: PDFKit.PDFDocument, root: Struct, block: Block, outline: { top: Outline; level2: Outline | null }): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  switch (block.type) {
    case "heading": {
      keepRoom(doc, block.level <= 2 ? 90 : 50);
      if (block.level === 2 && doc.y > doc.page.margins.top + 1) doc.moveDown(0.6);
      root.add(
        doc.struct(`H${block.level}`, {}, () => {
          doc.font("DejaVu-Bold").fontSize(SIZES[block.level]).text(block.text, { width });
        }),
      );
      if (block.level === 2) outline.level2 = outline.top.addItem(block.text);
      else if (block.level === 3) (outline.level2 ?? outline.top).addItem(block.text);
      doc.moveDown(0.3);
      return;
    }
    case "paragraph":
      root.add(
        doc.struct("P", {}, () => {
          doc.fontSize(BODY);
          if (block.label) {
            doc.font("DejaVu-Bold").text(`${block.label}: `, { continued: true, width });
          }
          doc.font(block.note ? "DejaVu-Oblique" : "DejaVu").text(block.text, { width });
        }),
      );
      doc.moveDown(0.3);
      return;
    case "list": {
      const list = doc.struct("L");
      root.add(list);
      for (const item of block.items) {
        const li = doc.struct("LI");
        list.add(li);
        li.add(
          doc.struct("LBody", {}, () => {
            doc.font("DejaVu").fontSize(BODY).text(`• ${item}`, { width, indent: 8 });
          }),
        );
        li.end();
      }
      list.end();
      doc.moveDown(0.3);
      return;
    }
    case "table":
      drawTable(doc, root, block);
      return;
    case "figure": {
      const scale = Math.min(1, width / block.width);
      const height = block.height * scale;
      keepRoom(doc, height + 30);
      const x = doc.page.margins.left;
      const y = doc.y;
      const figure = doc.struct("Figure", { alt: block.alt }, () => {
        SVGtoPDF(doc, block.svg, x, y, {
          width: block.width * scale,
          height,
          assumePt: true,
          fontCallback: (_family: string, bold: boolean) => (bold ? "DejaVu-Bold" : "DejaVu"),
        });
      });
      root.add(figure);
      doc.y = y + height + 4;
      doc.x = x;
      root.add(
        doc.struct("Caption", {}, () => {
          doc.font("DejaVu-Oblique").fontSize(BODY - 1).text(`${block.caption}. ${block.source}`, { width });
        }),
      );
      doc.moveDown(0.6);
      return;
    }
  }
}

/** The document as a tagged PDF. */
export function renderPdf(document: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    pdfVersion: "1.7",
    tagged: true,
    lang: document.locale,
    displayTitle: true,
    bufferPages: false,
    info: { Title: document.title, Subject: document.subtitle, Creator: "Regie", Producer: "Regie" },
    // The standard fonts are neither embedded nor able to show every Dutch character; DejaVu is both.
    font: FONT_FILES.regular,
  });
  doc.registerFont("DejaVu", FONT_FILES.regular);
  doc.registerFont("DejaVu-Bold", FONT_FILES.bold);
  doc.registerFont("DejaVu-Oblique", FONT_FILES.italic);
  doc.font("DejaVu");
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const root = doc.struct("Document");
  doc.addStructure(root);
  const outline = { top: doc.outline, level2: null as Outline | null };
  for (const block of document.blocks) drawBlock(doc, root, block, outline);
  root.end();
  doc.end();
  return done;
}
