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
  // Where the next comma, LF, CR and quote are (n when there is none). Found with the engine's
  // native search and searched for again only once passed, so each is one pass over the file:
  // a JS loop per character would run 10 million times for a full roster, mostly before the
  // engine has optimised it (each roster runs in a fresh worker).
  let nextComma = -1;
  let nextLf = -1;
  let nextCr = -1;
  let nextQuote = -1;
  const find = (what: string, from: number) => {
    const at = text.indexOf(what, from);
    return at < 0 ? n : at;
  };
  const endRow = () => {
    row.push(field);
    field = "";
    // Blank lines (a lone empty field) carry nothing; skip them rather than count them.
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && field === "") {
      // A quoted field: read to the closing quote ("" inside stands for one quote).
      const start = line;
      i++;
      for (;;) {
        if (nextQuote < i) nextQuote = find('"', i);
        const q = nextQuote;
        if (q >= n)
          return { ok: false, message: `A quoted field opened on line ${start} is never closed.` };
        if (nextLf < i) nextLf = find("\n", i);
        while (nextLf < q) {
          line++;
          nextLf = find("\n", nextLf + 1);
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        return { ok: false, message: `Line ${line}: text follows a closing quote.` };
      }
      continue;
    }
    if (c === 44 /* , */) {
      row.push(field);
      field = "";
      i++;
    } else if (c === 10 /* \n */ || c === 13 /* \r */) {
      endRow();
      if (rows.length > maxRows) return { ok: true, rows, truncated: true };
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
    } else {
      // An unquoted run, up to the next delimiter, sliced whole.
      if (nextComma < i) nextComma = find(",", i);
      if (nextLf < i) nextLf = find("\n", i);
      if (nextCr < i) nextCr = find("\r", i);
      const j = Math.min(nextComma, nextLf, nextCr);
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
