import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { AppError } from "@/lib/errors";
import { BULK_MAX_BYTES } from "./bulk-csv";
import { isXlsxUpload, parseXlsx, serialToIsoDate } from "./bulk-xlsx";

/**
 * XLSX reading on workbooks built here (fflate zips the XML parts, as Excel lays them out):
 * shared and inline strings, numbers, booleans, dates by built-in and custom formats in both date
 * systems, sparse cells, and the refusals a bad file gets.
 */

type Cell = { s?: string; inline?: string; n?: number; b?: boolean; style?: number };

function workbook(
  rows: (Cell | null)[][],
  opts: { date1904?: boolean; sheetTarget?: string; extra?: Record<string, string> } = {},
): Uint8Array {
  const shared: string[] = [];
  const col = (i: number) =>
    i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`;
  const rowsXml = rows
    .map((cells, r) => {
      const cellsXml = cells
        .map((c, i) => {
          if (!c) return "";
          const ref = `${col(i)}${r + 1}`;
          const style = c.style !== undefined ? ` s="${c.style}"` : "";
          if (c.s !== undefined) {
            shared.push(c.s);
            return `<c r="${ref}" t="s"${style}><v>${shared.length - 1}</v></c>`;
          }
          if (c.inline !== undefined) {
            return `<c r="${ref}" t="inlineStr"${style}><is><t>${c.inline}</t></is></c>`;
          }
          if (c.b !== undefined) return `<c r="${ref}" t="b"><v>${c.b ? 1 : 0}</v></c>`;
          return `<c r="${ref}"${style}><v>${c.n}</v></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cellsXml}</row>`;
    })
    .join("");
  const sheetTarget = opts.sheetTarget ?? "worksheets/sheet1.xml";
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8("<Types/>"),
    "xl/workbook.xml": strToU8(
      `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${opts.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets><sheet name="Doctors" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships><Relationship Id="rId1" Type="worksheet" Target="${sheetTarget}"/></Relationships>`,
    ),
    "xl/styles.xml": strToU8(
      `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>`,
    ),
    [`xl/${sheetTarget}`]: strToU8(`<worksheet><sheetData>${rowsXml}</sheetData></worksheet>`),
    ...Object.fromEntries(Object.entries(opts.extra ?? {}).map(([k, v]) => [k, strToU8(v)])),
  };
  files["xl/sharedStrings.xml"] = strToU8(
    `<sst>${shared.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join("")}</sst>`,
  );
  return zipSync(files);
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("VALIDATION_FAILED");
    expect((err as AppError).fields?.file?.[0]).toBe((err as AppError).message);
    return err as AppError;
  }
  throw new Error("expected a refusal");
}

describe("parseXlsx", () => {
  it("reads the first sheet into the same table a CSV gives", () => {
    const table = parseXlsx(
      workbook([
        [
          { s: "row_key" },
          { s: "Doctor's full name" },
          { s: "Licence number" },
          { s: "Licensed until" },
          { s: "Hours" },
          { s: "Active" },
        ],
        [
          { s: "K-1" },
          { s: "Dr Ada & Co <MD>" },
          { n: 123456 },
          { n: 47118, style: 1 },
          { n: 1.5, style: 3 },
          { b: true },
        ],
        [
          { inline: "K-2" },
          { s: "Dr Bo" },
          { s: "EL-2" },
          { n: 45474, style: 2 },
          null,
          { b: false },
        ],
        [],
        [{ s: "K-3" }, null, null, { n: 45474.75, style: 1 }],
      ]),
    );
    expect(table.headers).toEqual([
      "row_key",
      "Doctor's full name",
      "Licence number",
      "Licensed until",
      "Hours",
      "Active",
    ]);
    expect(table.rows).toEqual([
      ["K-1", "Dr Ada & Co <MD>", "123456", "2028-12-31", "1.5", "true"],
      ["K-2", "Dr Bo", "EL-2", "2024-07-01", "", "false"],
      ["K-3", "", "", "2024-07-01", "", ""],
    ]);
  });

  it("follows the workbook's relationship to its first sheet, and the 1904 date system", () => {
    const table = parseXlsx(
      workbook(
        [
          [{ s: "row_key" }, { s: "date" }],
          [{ s: "A" }, { n: 0, style: 1 }],
        ],
        {
          date1904: true,
          sheetTarget: "worksheets/doctors.xml",
        },
      ),
    );
    expect(table.rows).toEqual([["A", "1904-01-01"]]);
  });

  it("converts 1900-system serials, Lotus's leap day included", () => {
    expect(serialToIsoDate(1)).toBe("1900-01-01");
    expect(serialToIsoDate(59)).toBe("1900-02-28");
    expect(serialToIsoDate(61)).toBe("1900-03-01");
    expect(serialToIsoDate(45658)).toBe("2025-01-01");
    expect(serialToIsoDate(45658.99)).toBe("2025-01-01");
  });

  it("refuses what it cannot read, on the file field", () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(isXlsxUpload("secret.xlsx", ole)).toBe(true);
    expect(refusal(() => parseXlsx(ole)).message).toContain("password-protected");
    expect(refusal(() => parseXlsx(strToU8("name,licence\n"))).message).toContain(
      "not an Excel workbook",
    );
    const broken = workbook([[{ s: "a" }], [{ s: "b" }]]).slice(0, 60);
    expect(refusal(() => parseXlsx(broken)).message).toContain("damaged");
    expect(
      refusal(() => parseXlsx(zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }))).message,
    ).toBe("The workbook has no worksheet to read.");
    expect(refusal(() => parseXlsx(new Uint8Array(BULK_MAX_BYTES + 1).fill(0x50))).message).toMatch(
      /at most 16 MB/,
    );
    expect(refusal(() => parseXlsx(workbook([[{ s: "only a header" }]]))).message).toBe(
      "The file has a header but no rows.",
    );
    const many = [[{ s: "k" }], ...Array.from({ length: 12 }, (_, i) => [{ n: i }])];
    expect(refusal(() => parseXlsx(workbook(many), 10)).message).toContain("more than 10 rows");
  });

  it("refuses a part that would inflate beyond the limit before inflating it", () => {
    // 300 MB of zeros deflates to a few hundred KB: the declared size alone refuses it.
    const bomb = zipSync(
      { "xl/worksheets/sheet1.xml": new Uint8Array(300 * 1024 * 1024) },
      { level: 1 },
    );
    expect(refusal(() => parseXlsx(bomb)).message).toContain("expands to more than 256 MB");
  });
});
