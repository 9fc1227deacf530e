import { rosterCsv } from "./roster-csv";
import type { RosterRow, RosterVerdict } from "./roster-protocol";

export const verdictLabels: Record<RosterVerdict, string> = {
  valid: "Valid",
  invalid: "Not valid",
  unknown: "Cannot be checked",
};

const columns: Array<[string, (r: RosterRow) => string]> = [
  ["row", (r) => String(r.row)],
  ["reference", (r) => r.reference],
  ["verdict", (r) => verdictLabels[r.verdict]],
  ["code", (r) => r.code],
  ["message", (r) => r.message],
  ["subject_name", (r) => r.subjectName],
  ["credential_type", (r) => r.type],
  ["issuer_name", (r) => r.issuerName],
  ["issuer_did", (r) => r.issuerDid],
  ["status", (r) => r.status],
  ["credential_id", (r) => r.credentialId],
  ["valid_until", (r) => r.validUntil],
  ["kind", (r) => r.kind],
];

/**
 * The result table as RFC 4180 CSV, one line per row in file order, with a column per key field
 * plus the code and the human message. A cell that a spreadsheet would run as a formula
 * (=, +, -, @ first) is prefixed with an apostrophe, since references come from the uploaded file.
 */
export function rosterExportCsv(rows: readonly RosterRow[]): string {
  const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  return rosterCsv.stringify([
    columns.map(([name]) => name),
    ...sorted.map((r) => columns.map(([, get]) => safe(get(r)))),
  ]);
}
