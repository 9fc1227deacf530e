import { describe, expect, it } from "vitest";
import { filterRosterRows, noRosterFilter } from "./filter-roster-rows";
import { rosterCsv } from "./roster-csv";
import { rosterExportCsv } from "./roster-export-csv";
import type { RosterRow } from "./roster-protocol";

const row = (over: Partial<RosterRow>): RosterRow => ({
  row: 1,
  reference: "",
  kind: "credential",
  verdict: "valid",
  code: "VERIFIED",
  message: "All checks passed.",
  subjectName: "Dr A",
  type: "Medical licence",
  issuerName: "Eastland Medical Council",
  issuerDid: "did:web:a",
  status: "active",
  credentialId: "urn:uuid:1",
  validUntil: "2030-01-01",
  ...over,
});

const rows = [
  row({ row: 2, reference: '=HYPERLINK("x")', subjectName: 'Dr O\'Brien, "Jr"' }),
  row({
    row: 1,
    verdict: "invalid",
    code: "REVOKED",
    message: "Revoked,\nfor cause.",
    status: "revoked",
  }),
  row({
    row: 3,
    verdict: "unknown",
    code: "LEDGER_UNAVAILABLE",
    issuerDid: "did:web:b",
    type: "Medical degree",
  }),
];

describe("rosterExportCsv", () => {
  it("writes one quoted line per row in file order, with code and message", () => {
    const parsed = rosterCsv.parse(rosterExportCsv(rows));
    expect(parsed.ok).toBe(true);
    const [header, ...body] = parsed.ok ? parsed.rows : [];
    expect(header).toEqual([
      "row",
      "reference",
      "verdict",
      "code",
      "message",
      "subject_name",
      "credential_type",
      "issuer_name",
      "issuer_did",
      "status",
      "credential_id",
      "valid_until",
      "kind",
    ]);
    expect(body.map((r) => [r[0], r[2], r[3]])).toEqual([
      ["1", "Not valid", "REVOKED"],
      ["2", "Valid", "VERIFIED"],
      ["3", "Cannot be checked", "LEDGER_UNAVAILABLE"],
    ]);
    expect(body[0]![4]).toBe("Revoked,\nfor cause.");
    expect(body[1]![5]).toBe('Dr O\'Brien, "Jr"');
    // A formula from the uploaded file is defused.
    expect(body[1]![1]).toBe('\'=HYPERLINK("x")');
  });
});

describe("filterRosterRows", () => {
  it("filters by verdict, issuer, type and text together", () => {
    expect(filterRosterRows(rows, noRosterFilter)).toHaveLength(3);
    expect(
      filterRosterRows(rows, { ...noRosterFilter, verdict: "invalid" }).map((r) => r.row),
    ).toEqual([1]);
    expect(
      filterRosterRows(rows, { ...noRosterFilter, issuer: "did:web:b" }).map((r) => r.row),
    ).toEqual([3]);
    expect(filterRosterRows(rows, { ...noRosterFilter, type: "Medical licence" })).toHaveLength(2);
    expect(
      filterRosterRows(rows, { ...noRosterFilter, query: "o'brien" }).map((r) => r.row),
    ).toEqual([2]);
    expect(
      filterRosterRows(rows, { ...noRosterFilter, query: "revoked", verdict: "valid" }),
    ).toEqual([]);
  });
});
