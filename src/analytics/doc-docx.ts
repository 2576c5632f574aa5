import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Block, ReportDoc } from "./report-doc.js";

/** Times New Roman 13 pt, as Vietnamese administrative documents are set (Nghị định 30/2020/NĐ-CP). */
const FONT = "Times New Roman";
const SIZE = 26;

const line = { style: BorderStyle.SINGLE, size: 4, color: "777777" };
const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 24 })] })],
  });
}

function table(b: Extract<Block, { kind: "table" }>): Table {
  const widths = b.widths ?? b.columns.map(() => 100 / b.columns.length);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: b.columns.map((c, i) => cell(c, widths[i] ?? 10, true)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, widths[i] ?? 10)) })),
    ],
  });
}

function render(b: Block): (Paragraph | Table)[] {
  const run = (text: string, bold = false) => new TextRun({ text, bold, font: FONT, size: SIZE });
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: b.text, bold: true, font: FONT, size: SIZE, color: "000000" })] })];
    case "subheading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 160, after: 60 }, children: [new TextRun({ text: b.text, bold: true, italics: true, font: FONT, size: SIZE, color: "000000" })] })];
    case "paragraph":
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 }, children: [run(b.text)] })];
    case "bullets":
      return b.items.map((t) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 80 }, children: [run(t)] }));
    case "table":
      return [table(b), new Paragraph({ children: [] })];
  }
}

/** The report as a Word document (A4, Vietnamese administrative margins). */
export async function toDocx(doc: ReportDoc): Promise<Buffer> {
  const centred = (text: string, bold: boolean, size = SIZE) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, font: FONT, size })] });
  const file = new Document({
    creator: "Trợ lý Dịch vụ công",
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: [
          ...doc.header.map((h, i) => centred(h, i === 0, 24)),
          new Paragraph({ children: [] }),
          centred(doc.title, true, 28),
          centred(doc.subtitle, false),
          new Paragraph({ children: [] }),
          ...doc.blocks.flatMap(render),
        ],
      },
    ],
  });
  return Packer.toBuffer(file);
}
