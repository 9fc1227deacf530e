import { describe, expect, it } from "vitest";
import { rosterCsv, type CsvParseResult } from "./roster-csv";

/** The parser as it was before it searched natively: one character at a time, the reference. */
function referenceParse(text: string, maxRows = Number.POSITIVE_INFINITY): CsvParseResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = "";
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === "") {
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
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) endRow();
  return { ok: true, rows, truncated: rows.length > maxRows };
}

describe("rosterCsv.parse", () => {
  it("gives the reference parser's answer, rows, truncation and error lines alike", () => {
    // A small alphabet so that quotes, doubled quotes, CRLF and blank lines all turn up often.
    const alphabet = ["a", "bc", ",", "\n", "\r", "\r\n", '"', '""', "x"];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let failures = 0;
    for (let round = 0; round < 5_000; round++) {
      const parts = Array.from(
        { length: Math.floor(random() * 24) },
        () => alphabet[Math.floor(random() * alphabet.length)]!,
      );
      const text = parts.join("");
      const max = random() < 0.3 ? Math.floor(random() * 3) : undefined;
      const expected = referenceParse(text, max);
      expect(rosterCsv.parse(text, max), JSON.stringify(text)).toEqual(expected);
      if (!expected.ok) failures++;
    }
    // the fuzz reached the error paths too
    expect(failures).toBeGreaterThan(100);
  });

  it("reads a quoted field over several lines and counts lines after it", () => {
    const text = 'a,"one\ntwo\nthree"\nb,c\n"open';
    expect(rosterCsv.parse(text)).toEqual({
      ok: false,
      message: "A quoted field opened on line 5 is never closed.",
    });
    expect(rosterCsv.parse('a,"x\ny"z')).toEqual({
      ok: false,
      message: "Line 2: text follows a closing quote.",
    });
  });

  it("reads a long file with no line end after its last row", () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => [`r${i}`, `eyJ${"x".repeat(50)}.${i}`]);
    const text = rows.map((r) => r.join(",")).join("\n");
    expect(rosterCsv.parse(text)).toEqual({ ok: true, rows, truncated: false });
  });
});
