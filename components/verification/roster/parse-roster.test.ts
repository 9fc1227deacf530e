import { describe, expect, it } from "vitest";
import { parseRoster } from "./parse-roster";
import { rosterCsv } from "./roster-csv";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ROSTER_MAX_ENTRIES, rosterErrorCodes } from "./schemas";

const bytes = (text: string) => new TextEncoder().encode(text);
const jwt = (n: number) => `eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.sig${n}`;

describe("parseRoster", () => {
  it("reads a headerless CSV with one credential per line", () => {
    const r = parseRoster(bytes(`${jwt(1)}\r\n${jwt(2)}\n\nVITAE1:0123\n`), "list.csv");
    expect(r).toEqual({
      ok: true,
      format: "csv",
      entries: [
        { reference: "", text: jwt(1) },
        { reference: "", text: jwt(2) },
        { reference: "", text: "VITAE1:0123" },
      ],
    });
  });

  it("reads credential and reference columns by their header, in any order, with quoting", () => {
    const csv = `Staff ID,Notes,Credential\r\n"A-1","says ""hi"", twice",${jwt(1)}\r\nA-2,"two\nlines",${jwt(2)}\r\n`;
    const r = parseRoster(bytes(csv), "roster.csv");
    expect(r.ok && r.entries).toEqual([
      { reference: "A-1", text: jwt(1) },
      { reference: "A-2", text: jwt(2) },
    ]);
  });

  it("finds the credential column by its content when the header does not name it", () => {
    const r = parseRoster(bytes(`who,what\nRef 7,${jwt(7)}\n`), "x.csv");
    expect(r.ok && r.entries).toEqual([{ reference: "", text: jwt(7) }]);
  });

  it("reads JSON arrays of strings and of objects", () => {
    expect(parseRoster(bytes(JSON.stringify([jwt(1)])), "a.json")).toMatchObject({
      ok: true,
      format: "json",
      entries: [{ reference: "", text: jwt(1) }],
    });
    const objects = [{ reference: 12, credential: jwt(2) }, { credential: jwt(3) }];
    expect(parseRoster(bytes(JSON.stringify(objects)), "a.json")).toMatchObject({
      ok: true,
      entries: [
        { reference: "12", text: jwt(2) },
        { reference: "", text: jwt(3) },
      ],
    });
  });

  it.each([
    ["", "x.csv", "ROSTER_EMPTY"],
    ["name\nDr A\n", "x.csv", "ROSTER_NO_CREDENTIAL_COLUMN"],
    ['"never closed\n', "x.csv", "ROSTER_INVALID_CSV"],
    ["[1, 2", "x.json", "ROSTER_INVALID_JSON"],
    ['{"credential": "x"}', "x.json", "ROSTER_INVALID_SHAPE"],
    ["[1, 2]", "x.json", "ROSTER_INVALID_SHAPE"],
    ["[]", "x.json", "ROSTER_EMPTY"],
  ])("refuses %j with %s", (text, name, code) => {
    const r = parseRoster(bytes(text), name);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe(code);
    expect(!r.ok && r.message.length).toBeGreaterThan(10);
  });

  it("refuses a file that is not UTF-8 text", () => {
    const r = parseRoster(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]), "x.xlsx");
    expect(!r.ok && r.code).toBe("ROSTER_NOT_UTF8");
  });

  it("refuses more than the limit in CSV and JSON, and accepts exactly the limit", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => jwt(i)).join("\n");
    expect(parseRoster(bytes(lines(ROSTER_MAX_ENTRIES)), "x.csv")).toMatchObject({ ok: true });
    const over = parseRoster(bytes(lines(ROSTER_MAX_ENTRIES + 1)), "x.csv");
    expect(!over.ok && over.code).toBe("ROSTER_TOO_MANY_ENTRIES");
    const json = JSON.stringify(Array.from({ length: ROSTER_MAX_ENTRIES + 1 }, (_, i) => jwt(i)));
    const overJson = parseRoster(bytes(json), "x.json");
    expect(!overJson.ok && overJson.code).toBe("ROSTER_TOO_MANY_ENTRIES");
    expect(!overJson.ok && overJson.message).toContain("10,001");
  });
});

describe("rosterCsv", () => {
  it("round-trips fields with commas, quotes and line breaks (RFC 4180)", () => {
    const rows = [
      ["row", "message"],
      ["1", 'He said "no", twice'],
      ["2", "line one\nline two"],
      ["3", ""],
    ];
    const text = rosterCsv.stringify(rows);
    expect(text).toBe(
      'row,message\r\n1,"He said ""no"", twice"\r\n2,"line one\nline two"\r\n3,\r\n',
    );
    expect(rosterCsv.parse(text)).toEqual({ ok: true, rows, truncated: false });
  });
});

describe("roster file codes", () => {
  it("are all documented in the Rosters section of docs/verification-codes.md", () => {
    const doc = readFileSync(
      fileURLToPath(new URL("../../../docs/verification-codes.md", import.meta.url)),
      "utf8",
    );
    const section = doc.split(/^## Rosters$/m)[1] ?? "";
    const documented = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(rosterErrorCodes).sort());
  });
});
