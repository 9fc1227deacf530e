import type { RosterRow, RosterVerdict } from "./roster-protocol";

export type RosterFilter = {
  verdict: RosterVerdict | "all";
  /** An issuer DID, or "all". */
  issuer: string;
  /** A readable type, or "all". */
  type: string;
  /** Free text, matched case-insensitively against reference, subject, issuer, type, code and reason. */
  query: string;
};

export const noRosterFilter: RosterFilter = {
  verdict: "all",
  issuer: "all",
  type: "all",
  query: "",
};

export function filterRosterRows(rows: readonly RosterRow[], filter: RosterFilter): RosterRow[] {
  const q = filter.query.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (filter.verdict === "all" || r.verdict === filter.verdict) &&
      (filter.issuer === "all" || r.issuerDid === filter.issuer) &&
      (filter.type === "all" || r.type === filter.type) &&
      (q === "" ||
        [
          r.reference,
          r.subjectName,
          r.issuerName,
          r.issuerDid,
          r.type,
          r.code,
          r.message,
          r.credentialId,
        ]
          .join("\u0000")
          .toLowerCase()
          .includes(q)),
  );
}
