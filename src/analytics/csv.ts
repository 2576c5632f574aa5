import { redactPersonalData } from "./redact.js";
import type { ReportTable } from "./report-table.js";

/** A byte-order mark: Excel then reads the file as UTF-8 and shows Vietnamese correctly. */
const BOM = "\uFEFF";

function cell(value: string | number): string {
  const text = typeof value === "number" ? String(value) : redactPersonalData(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV (UTF-8 with BOM, CRLF lines); every text cell is redacted once more on the way out. */
export function toCsv(table: ReportTable): string {
  return BOM + [table.columns, ...table.rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
