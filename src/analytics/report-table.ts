/** A report as a table: what the page shows, what the CSV holds, and what its chart draws. */
export interface ReportTable {
  id: string;
  title: string;
  /** One sentence under the title saying how the figure is counted. */
  note?: string;
  columns: string[];
  rows: (string | number)[][];
  /** Bar or line chart of the first column against one numeric column, or against several (`series`, one line each). */
  chart?: { type: "bar" | "line"; column: number; series?: number[] };
  /** The chart above the table, full width (tables with many columns). */
  wide?: boolean;
}

/** "+12 %", "−5 %", "mới" (nothing before), "–" (nothing either time). */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? "–" : "mới";
  const pct = (100 * (now - before)) / before;
  const text = Math.abs(pct).toLocaleString("vi-VN", { maximumFractionDigits: 0 });
  return pct === 0 ? "0 %" : `${pct > 0 ? "+" : "−"}${text} %`;
}

export function share(part: number, whole: number): string {
  return whole === 0 ? "–" : `${((100 * part) / whole).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} %`;
}

export function minutes(value: number | null): string {
  return value === null ? "–" : `${value.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} phút`;
}

export function ms(value: number | null): string {
  return value === null ? "–" : `${value.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} ms`;
}

/** "2026-11-30" → "30/11/2026"; "2026-11" → "11/2026"; "2026-Q4" → "Quý IV/2026". */
export function periodLabel(p: string): string {
  const q = /^(\d{4})-Q(\d)$/.exec(p);
  if (q) return `Quý ${["I", "II", "III", "IV"][Number(q[2]) - 1]}/${q[1]}`;
  const [y, m, d] = p.split("-");
  return d ? `${d}/${m}/${y}` : `${m}/${y}`;
}
