/**
 * RFC 4180 CSV, both ways, small enough to run in the roster's Web Worker and in the page:
 * quoted fields may hold commas, quotes ("" inside quotes) and line breaks; lines end in CRLF or
 * LF. `parse` stops at `maxRows` so a huge file is refused without building every row.
 */

export type CsvParseResult =
  { ok: true; rows: string[][]; truncated: boolean } | { ok: false; message: string };

function parse(text: string, maxRows = Number.POSITIVE_INFINITY): CsvParseResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = "";
    // Blank lines (a lone empty field) carry nothing; skip them rather than count them.
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      // A quoted field: read to the closing quote.
      const start = line;
      i++;
      for (;;) {
        if (i >= n)
          return { ok: false, message: `A quoted field opened on line ${start} is never closed.` };
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        return { ok: false, message: `Line ${line}: text follows a closing quote.` };
      }
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      endRow();
      if (rows.length > maxRows) return { ok: true, rows, truncated: true };
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      // An unquoted run: slice it whole rather than a character at a time (JWTs are long).
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13) break; // , \n \r
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || row.length > 0) endRow();
  return { ok: true, rows, truncated: rows.length > maxRows };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with CRLF line ends, as RFC 4180 asks; fields quoted only where they need it. */
function stringify(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

export const rosterCsv = { parse, stringify };
