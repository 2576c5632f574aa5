import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Block, ReportDoc } from "./report-doc.js";

/** DejaVu, from the dejavu-fonts-ttf package: TrueType fonts with every Vietnamese letter, embedded (subset) in the file. */
const require = createRequire(import.meta.url);
const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf");
const ITALIC = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf");

const SIZE = 11;
const TABLE_SIZE = 9.5;
const PAD = 4;

type Pdf = PDFKit.PDFDocument;

function table(pdf: Pdf, b: Extract<Block, { kind: "table" }>): void {
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const shares = b.widths ?? b.columns.map(() => 100 / b.columns.length);
  const total = shares.reduce((a, c) => a + c, 0);
  const cols = shares.map((s) => (s / total) * width);
  const row = (cells: string[], bold: boolean) => {
    pdf.font(bold ? "bold" : "regular").fontSize(TABLE_SIZE);
    const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: (cols[i] ?? 40) - 2 * PAD }))) + 2 * PAD;
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const top = pdf.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = cols[i] ?? 40;
      pdf.rect(x, top, w, height).lineWidth(0.5).strokeColor("#777777").stroke();
      pdf.fillColor("#000000").text(c, x + PAD, top + PAD, { width: w - 2 * PAD });
      x += w;
    });
    pdf.x = left;
    pdf.y = top + height;
  };
  row(b.columns, true);
  for (const r of b.rows) row(r, false);
  pdf.moveDown(0.8);
}

function render(pdf: Pdf, b: Block): void {
  const left = pdf.page.margins.left;
  pdf.x = left;
  switch (b.kind) {
    case "heading":
      pdf.moveDown(0.6).font("bold").fontSize(SIZE + 1).text(b.text).moveDown(0.3);
      break;
    case "subheading":
      pdf.moveDown(0.3).font("italic").fontSize(SIZE).text(b.text).moveDown(0.2);
      break;
    case "paragraph":
      pdf.font("regular").fontSize(SIZE).text(b.text, { align: "justify" }).moveDown(0.4);
      break;
    case "bullets":
      pdf.font("regular").fontSize(SIZE);
      for (const item of b.items) pdf.text(`–  ${item}`, left + 8, undefined, { align: "justify", indent: -8 }).moveDown(0.25);
      pdf.moveDown(0.3);
      break;
    case "table":
      table(pdf, b);
      break;
  }
}

/** The report as an A4 PDF with the Vietnamese text embedded (so it can be searched and copied). */
export function toPdf(doc: ReportDoc): Promise<Buffer> {
  const pdf = new PDFDocument({ size: "A4", margins: { top: 56, bottom: 56, left: 70, right: 50 }, info: { Title: doc.title, Creator: "Trợ lý Dịch vụ công" }, lang: "vi-VN" });
  pdf.registerFont("regular", REGULAR);
  pdf.registerFont("bold", BOLD);
  pdf.registerFont("italic", ITALIC);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  doc.header.forEach((h, i) => pdf.font(i === 0 ? "bold" : "regular").fontSize(SIZE).text(h, { align: "center" }));
  pdf.moveDown(1).font("bold").fontSize(SIZE + 3).text(doc.title, { align: "center" });
  pdf.font("regular").fontSize(SIZE).text(doc.subtitle, { align: "center" }).moveDown(1);
  for (const b of doc.blocks) render(pdf, b);
  pdf.end();
  return done;
}
