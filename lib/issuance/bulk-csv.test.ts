import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { BULK_MAX_ROWS, decodeCsvBytes, parseCsv } from "./bulk-csv";
import {
  autoMapping,
  bulkFields,
  defaultRowKeyColumn,
  missingColumns,
  validateBulkRows,
} from "./bulk-rows";

const enc = (s: string) => new TextEncoder().encode(s);

function fileError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.fields?.file?.[0]).toBe(e.message);
    return e.message;
  }
  throw new Error("expected the file to be refused");
}

describe("reading a CSV upload", () => {
  it("reads UTF-8 with or without a byte-order mark, quotes, CRLF and semicolons", () => {
    const text = decodeCsvBytes(enc('\ufeffname;licenseNumber\r\n"Dr Ní Bhriain; Aoife";EL-1\r\n'));
    expect(parseCsv(text)).toEqual({
      headers: ["name", "licenseNumber"],
      rows: [["Dr Ní Bhriain; Aoife", "EL-1"]],
    });
    expect(parseCsv('a,b\n"say ""hi""",\n\n').rows).toEqual([['say "hi"', ""]]);
  });

  it("refuses UTF-16 (with or without BOM), Latin-1 and binary files with a field-level error", () => {
    const utf16 = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
    expect(fileError(() => decodeCsvBytes(new Uint8Array([0xff, 0xfe, ...utf16("a,b")])))).toMatch(
      /UTF-16/,
    );
    expect(fileError(() => decodeCsvBytes(utf16("name,licenseNumber\nDr A,EL-1\n")))).toMatch(
      /UTF-16.*without a byte-order mark/,
    );
    expect(
      fileError(() => decodeCsvBytes(new Uint8Array(Buffer.from("name\nDr Müller\n", "latin1")))),
    ).toMatch(/not valid UTF-8/);
    const zip = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
      0x49, 0x4a,
    ]);
    expect(fileError(() => decodeCsvBytes(zip))).toMatch(/not a text file/);
    expect(fileError(() => decodeCsvBytes(new Uint8Array()))).toMatch(/empty/);
  });

  it("refuses a file over the row limit before building its rows", () => {
    const big = `name,licenseNumber\n${"Dr A,EL-1\n".repeat(100_000)}`;
    expect(fileError(() => parseCsv(big))).toMatch(
      new RegExp(`more than ${BULK_MAX_ROWS.toLocaleString("en-GB")} rows.*Nothing was issued`),
    );
    expect(parseCsv(`n\n${"x\n".repeat(BULK_MAX_ROWS)}`).rows).toHaveLength(BULK_MAX_ROWS);
  });

  it("refuses a header with a blank or repeated column, an open quote, or no rows", () => {
    expect(fileError(() => parseCsv("a,,b\n1,2,3\n"))).toMatch(/needs a name/);
    expect(fileError(() => parseCsv("a,A\n1,2\n"))).toMatch(/twice/);
    expect(fileError(() => parseCsv('a,b\n"1,2\n'))).toMatch(/closing quote/);
    expect(fileError(() => parseCsv("a,b\n"))).toMatch(/no rows/);
  });
});

describe("mapping and checking rows", () => {
  const fields = bulkFields("MedicalLicenseCredential");

  it("matches headers to fields by name or label and picks the licence number as row key", () => {
    const headers = [
      "Doctor's full name",
      "Licence number",
      "jurisdiction",
      "valid_until",
      "Conditions on practice",
    ];
    const mapping = autoMapping(headers, fields);
    expect(mapping).toEqual({
      name: "Doctor's full name",
      licenseNumber: "Licence number",
      jurisdiction: "jurisdiction",
      validUntil: "valid_until",
      conditions: "Conditions on practice",
    });
    expect(defaultRowKeyColumn(headers, mapping)).toBe("Licence number");
    expect(defaultRowKeyColumn(["row_key", ...headers], mapping)).toBe("row_key");
  });

  it("names a required field without a column", () => {
    const headers = ["name", "licenseNumber"];
    expect(missingColumns(fields, autoMapping(headers, fields), headers)).toEqual({
      "mapping.jurisdiction": ["Jurisdiction is required: choose the column that holds it"],
    });
  });

  it("reports each bad row with its row number, field and column", () => {
    const table = parseCsv(
      [
        "name,licenseNumber,jurisdiction,validUntil,conditions",
        "Dr Amira Haddad,EL-1,Eastland,2031-06-30,SUP-REQ: Supervision required; No night shifts",
        "Dr Tomasz Kowalski,EL-2,Eastland,30/06/2031,",
        ",EL-3,Eastland,,",
        "Dr Mei Chen,EL-1,Eastland,,",
        "Dr Old,EL-4,Eastland,2001-01-01,",
        "Dr No Key,,Eastland,,",
      ].join("\n"),
    );
    const mapping = autoMapping(table.headers, fields);
    const result = validateBulkRows(table, "MedicalLicenseCredential", mapping, "licenseNumber");
    expect(result.valid).toEqual([
      {
        rowNumber: 2,
        rowKey: "EL-1",
        subject: {
          name: "Dr Amira Haddad",
          licenseNumber: "EL-1",
          jurisdiction: "Eastland",
          validUntil: "2031-06-30",
          conditions: [
            { code: "SUP-REQ", text: "Supervision required" },
            { text: "No night shifts" },
          ],
        },
      },
    ]);
    expect(result.invalidRows).toBe(5);
    expect(result.errors).toEqual([
      {
        row: 3,
        field: "validUntil",
        column: "validUntil",
        message: "must be a date as YYYY-MM-DD, e.g. 2025-06-30",
      },
      { row: 4, field: "name", column: "name", message: "is required" },
      { row: 5, field: "rowKey", column: "licenseNumber", message: 'row key "EL-1" repeats row 2' },
      { row: 6, field: "validUntil", column: "validUntil", message: "must lie in the future" },
      { row: 7, field: "rowKey", column: "licenseNumber", message: "row key is empty" },
      { row: 7, field: "licenseNumber", column: "licenseNumber", message: "is required" },
    ]);
  });
});
