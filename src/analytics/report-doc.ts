/** A printable report, independent of the file format: the .docx and PDF writers both render it. */
export type Block =
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; columns: string[]; rows: string[][]; widths?: number[] };

export interface ReportDoc {
  /** Lines above the title, centred (the issuing body, the motto). */
  header: string[];
  title: string;
  subtitle: string;
  blocks: Block[];
}
