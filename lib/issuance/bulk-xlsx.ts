import "server-only";
import { strFromU8, unzipSync } from "fflate";
import { AppError } from "@/lib/errors";
import { BULK_MAX_BYTES, BULK_MAX_ROWS, tableFromRecords, type CsvTable } from "./bulk-csv";

/**
 * Reads the first worksheet of an Excel workbook (.xlsx) into the same table the CSV path
 * produces. An .xlsx file is a ZIP of XML parts; only the few needed are inflated (the workbook,
 * its relationships, the shared strings, the styles and the first sheet), each within a size
 * limit, so a "zip bomb" is refused before it is expanded.
 *
 * Cells become text as a person sees them: shared and inline strings as written, numbers in
 * their shortest form, TRUE/FALSE as true/false, and numbers in a date format as the ISO date
 * (YYYY-MM-DD) of their serial in the workbook's date system (1900, or 1904 when it says so).
 * Everything that makes the file unusable (not a workbook, encrypted, too large, no sheet) is
 * refused as a VALIDATION_FAILED error on the field "file", before anything is written.
 */

/** Inflated size allowed for one part: generous for 20,000 rows, far below a zip bomb's. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

function refuse(message: string): never {
  throw new AppError("VALIDATION_FAILED", message, { file: [message] });
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an encrypted (password-protected) workbook, or a legacy .xls. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function isXlsxUpload(fileName: string, bytes: Uint8Array): boolean {
  return /\.xlsx$/i.test(fileName) || startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE_MAGIC);
}

export function parseXlsx(bytes: Uint8Array, maxRows = BULK_MAX_ROWS): CsvTable {
  if (bytes.length === 0) refuse("The file is empty.");
  if (bytes.length > BULK_MAX_BYTES) {
    refuse(
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; at most ${BULK_MAX_BYTES / 1048576} MB can be issued at once.`,
    );
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    refuse(
      "The workbook is password-protected or in the old .xls format; remove the password, save it as .xlsx (or CSV UTF-8) and upload it again.",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    refuse("The file is not an Excel workbook (.xlsx); upload an .xlsx or a CSV UTF-8 file.");
  }

  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        if (
          !/^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(
            file.name,
          )
        ) {
          return false;
        }
        if (file.originalSize > MAX_PART_BYTES) {
          refuse("The workbook expands to more than 256 MB; split it into smaller files.");
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    refuse("The workbook is damaged (its ZIP structure could not be read); save it again.");
  }
  const text = (name: string) => {
    const part = parts[name];
    return part ? strFromU8(part) : undefined;
  };

  const workbook = text("xl/workbook.xml");
  const sheetPath = firstSheetPath(workbook, text("xl/_rels/workbook.xml.rels"));
  const sheet = sheetPath ? text(sheetPath) : undefined;
  if (!workbook || !sheet) refuse("The workbook has no worksheet to read.");
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const shared = sharedStrings(text("xl/sharedStrings.xml"));
  const dateStyles = dateStyleIndexes(text("xl/styles.xml"));

  const records: string[][] = [];
  for (const rowMatch of sheet.matchAll(
    /<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g,
  )) {
    const record: string[] = [];
    let next = 0;
    for (const cell of (rowMatch[1] ?? "").matchAll(
      /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g,
    )) {
      const attrs = cell[1] ?? "";
      const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
      const column = ref ? columnIndex(ref) : next;
      next = column + 1;
      const value = cellText(attrs, cell[2] ?? "", shared, dateStyles, date1904);
      while (record.length < column) record.push("");
      record[column] = value;
    }
    // Empty rows (formatting only) are not rows, as blank lines in a CSV.
    if (record.some((v) => v.trim() !== "")) {
      records.push(record);
      if (records.length > maxRows + 1) {
        refuse(
          `The file has more than ${maxRows.toLocaleString("en-GB")} rows; split it into files of at most ${maxRows.toLocaleString("en-GB")} rows. Nothing was issued.`,
        );
      }
    }
  }
  return tableFromRecords(records);
}

/** The first sheet named in the workbook, through its relationship; else sheet1.xml. */
function firstSheetPath(workbook: string | undefined, rels: string | undefined): string {
  const fallback = "xl/worksheets/sheet1.xml";
  const rid = workbook && /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  if (!rid || !rels) return fallback;
  for (const rel of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attrs = rel[1] ?? "";
    if (/\bId="([^"]+)"/.exec(attrs)?.[1] !== rid) continue;
    const target = /\bTarget="([^"]+)"/.exec(attrs)?.[1];
    if (!target) return fallback;
    return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  }
  return fallback;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  for (const si of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)) {
    strings.push(textRuns(si[1] ?? ""));
  }
  return strings;
}

/** The text of a string item: its <t> runs, without phonetic guides (<rPh>). */
function textRuns(xml: string): string {
  const withoutPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let out = "";
  for (const t of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) {
    out += decodeXml(t[1] ?? "");
  }
  return out;
}

/** Built-in number formats that show a date (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Indexes into cellXfs whose number format is a date. */
function dateStyleIndexes(xml: string | undefined): Set<number> {
  const dates = new Set<number>();
  if (!xml) return dates;
  const customDate = new Set<number>();
  for (const fmt of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const attrs = fmt[1] ?? "";
    const id = Number(/\bnumFmtId="(\d+)"/.exec(attrs)?.[1]);
    const code = decodeXml(/\bformatCode="([^"]*)"/.exec(attrs)?.[1] ?? "");
    // Quoted text, escapes and [colour]/[locale] parts are not date tokens.
    const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
    if (/[dmy]/i.test(bare)) customDate.add(id);
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? "";
  let index = 0;
  for (const xf of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>[\s\S]*?<\/(?:\w+:)?xf>)/g)) {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(xf[1] ?? "")?.[1] ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id) || customDate.has(id)) dates.add(index);
    index++;
  }
  return dates;
}

function cellText(
  attrs: string,
  inner: string,
  shared: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): string {
  const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? "n";
  if (type === "inlineStr") {
    const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1];
    return is ? textRuns(is) : "";
  }
  const raw = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
  if (raw === undefined) return "";
  const v = decodeXml(raw);
  if (type === "s") return shared[Number(v)] ?? "";
  if (type === "str" || type === "e") return v;
  if (type === "b") return v === "1" ? "true" : "false";
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? -1);
  return dateStyles.has(style) ? serialToIsoDate(n, date1904) : String(n);
}

/**
 * A date serial as YYYY-MM-DD. In the 1900 system, serial 1 is 1900-01-01 and serial 60 is the
 * 29 February 1900 that never was (kept from Lotus 1-2-3), so serials from 61 count from
 * 1899-12-30 and earlier ones from 1899-12-31. The 1904 system counts from 1904-01-01.
 */
export function serialToIsoDate(serial: number, date1904 = false): string {
  const days = Math.floor(serial);
  if (!date1904 && days === 60) return "1900-02-29";
  const epoch = date1904
    ? Date.UTC(1904, 0, 1)
    : days > 60
      ? Date.UTC(1899, 11, 30)
      : Date.UTC(1899, 11, 31);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

/** "A" → 0, "Z" → 25, "AA" → 26. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function decodeXml(s: string): string {
  return s
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex, dec, name) => {
      if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
      if (dec) return String.fromCodePoint(Number(dec));
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[(name as string).toLowerCase()]!;
    })
    .replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
