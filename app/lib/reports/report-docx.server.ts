import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { svgToPng } from "./document-assets.server";
import type { Block, ReportDocument } from "./report-document.server";

/**
 * A yearly document as Word: real heading styles (Heading 1–4), tables whose first row is a
 * repeating header row, charts as PNG pictures with alternative text, so that the result stays an
 * ordinary editable document the programme manager can rework before sending it on.
 */

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

function cell(text: string, header: boolean, numeric: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header })],
      }),
    ],
  });
}

async function blockParts(block: Block): Promise<(Paragraph | Table)[]> {
  switch (block.type) {
    case "heading":
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level - 1] })];
    case "paragraph":
      return [
        new Paragraph({
          children: [
            ...(block.label ? [new TextRun({ text: `${block.label}: `, bold: true })] : []),
            new TextRun({ text: block.text, italics: block.note === true }),
          ],
        }),
      ];
    case "list":
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case "table":
      return [
        new Paragraph({ text: block.caption, style: "Caption" }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: block.head.map((h, i) => cell(h, true, block.numeric[i] ?? false)) }),
            ...block.rows.map((row) => new TableRow({ children: row.map((c, i) => cell(c, false, block.numeric[i] ?? false)) })),
          ],
        }),
        new Paragraph({ text: "" }),
      ];
    case "figure": {
      const png = await svgToPng(block.svg, block.width * 2);
      return [
        new Paragraph({
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: { width: block.width * 0.95, height: block.height * 0.95 },
              altText: { name: block.id, title: block.caption, description: block.alt },
            }),
          ],
        }),
        new Paragraph({ text: `${block.caption}. ${block.source}`, style: "Caption" }),
      ];
    }
  }
}

/** The document as a .docx file. */
export async function renderDocx(document: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const block of document.blocks) children.push(...(await blockParts(block)));
  const doc = new Document({
    creator: "Regie",
    title: document.title,
    subject: document.subtitle,
    styles: {
      default: { document: { run: { font: "DejaVu Sans", size: 20, language: { value: document.locale } } } },
      paragraphStyles: [{ id: "Caption", name: "Caption", basedOn: "Normal", next: "Normal", run: { italics: true, size: 18 } }],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
