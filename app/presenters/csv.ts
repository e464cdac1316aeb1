/**
 * CSV as Dutch Excel opens it: UTF-8 with a byte-order mark, `;` between cells, CRLF between rows.
 * Cells that a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvCell).join(";"));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
