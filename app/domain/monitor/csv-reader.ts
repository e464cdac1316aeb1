/** A small CSV reader (RFC 4180 quoting, `;` or `,`, CRLF or LF, a byte-order mark) that keeps line numbers. */

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

export type CsvReadResult = { ok: true; separator: ";" | ","; rows: CsvRow[] } | { ok: false; line: number };

/** The separator a header line uses: `;` when it has one (CBS and Dutch spreadsheets), else `,`. */
export function detectSeparator(firstLine: string): ";" | "," {
  return firstLine.includes(";") ? ";" : ",";
}

export function readCsv(input: string): CsvReadResult {
  const text = input.replace(/^\uFEFF/, "");
  const firstLineEnd = text.search(/\r?\n/);
  const separator = detectSeparator(firstLineEnd === -1 ? text : text.slice(0, firstLineEnd));
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && atCellStart) {
      quoted = true;
      quoteLine = line;
      atCellStart = false;
      continue;
    }
    if (c === separator) {
      cells.push(cell);
      cell = "";
      atCellStart = true;
      continue;
    }
    if (c === "\r" && text[i + 1] === "\n") continue;
    if (c === "\n" || c === "\r") {
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      atCellStart = true;
      line++;
      rowLine = line;
      continue;
    }
    cell += c;
    atCellStart = false;
  }
  if (quoted) return { ok: false, line: quoteLine };
  cells.push(cell);
  if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
  return { ok: true, separator, rows };
}
