import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Reads an uploaded CSV file for bulk issuance: UTF-8 only (a UTF-8 byte-order mark is dropped),
 * RFC 4180 quoting, comma or semicolon separated (whichever the header line uses). Everything
 * that makes the file unusable as a whole (size, encoding, row count, no header) is refused here,
 * before anything is written, as a VALIDATION_FAILED error on the field "file".
 */

export const BULK_MAX_BYTES = 16 * 1024 * 1024;
export const BULK_MAX_ROWS = 20_000;

export type CsvTable = {
  headers: string[];
  /** Data rows (the header excluded), each as long as the header (short rows padded with ""). */
  rows: string[][];
};

function refuse(message: string): never {
  throw new AppError("VALIDATION_FAILED", message, { file: [message] });
}

/** Decodes the bytes as UTF-8, naming the encoding it most likely is when it is not. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) refuse("The file is empty.");
  if (bytes.length > BULK_MAX_BYTES) {
    refuse(
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; at most ${BULK_MAX_BYTES / 1048576} MB (${BULK_MAX_ROWS.toLocaleString("en-GB")} rows) can be issued at once.`,
    );
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    refuse("The file is UTF-16 encoded; save it as CSV UTF-8 and upload it again.");
  }
  // Text in UTF-16 without a byte-order mark has a zero byte in every other position; any other
  // zero byte means a binary file (a spreadsheet, a PDF…), never CSV text.
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  if (zeros > 0) {
    refuse(
      zeros >= sample.length / 4
        ? "The file looks UTF-16 encoded (without a byte-order mark); save it as CSV UTF-8 and upload it again."
        : "The file is not a text file; upload a CSV (comma-separated values, UTF-8).",
    );
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    refuse(
      "The file is not valid UTF-8 (perhaps Windows-1252 or Latin-1); save it as CSV UTF-8 and upload it again.",
    );
  }
}

/** Parses CSV text; refuses more than `maxRows` data rows before building them all. */
export function parseCsv(text: string, maxRows = BULK_MAX_ROWS): CsvTable {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = "";
    // Blank lines (one empty field) are not rows.
    if (record.length > 1 || record[0] !== "") {
      records.push(record);
      if (records.length > maxRows + 1) {
        refuse(
          `The file has more than ${maxRows.toLocaleString("en-GB")} rows; split it into files of at most ${maxRows.toLocaleString("en-GB")} rows. Nothing was issued.`,
        );
      }
    }
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else field += c;
    i++;
  }
  if (quoted) refuse('The file ends inside a quoted value: a closing quote (") is missing.');
  if (field !== "" || record.length > 0) endRecord();

  return tableFromRecords(records);
}

/** The header and rows of parsed records (CSV or a worksheet), checked the same way for both. */
export function tableFromRecords(records: string[][]): CsvTable {
  const [header, ...rows] = records;
  if (!header) refuse("The file has no header line.");
  const headers = header.map((h) => h.trim());
  if (headers.some((h) => h === "")) refuse("Every column needs a name in the header line.");
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h.toLowerCase())) refuse(`The header names the column "${h}" twice.`);
    seen.add(h.toLowerCase());
  }
  if (rows.length === 0) refuse("The file has a header but no rows.");
  return {
    headers,
    rows: rows.map((r) =>
      r.length >= headers.length ? r : [...r, ...Array<string>(headers.length - r.length).fill("")],
    ),
  };
}
