import type { CheckId } from "@/lib/credentials/verification";

/** What each check is called in the report, the printed receipt and the JSON export. */
export const checkNames: Record<CheckId, string> = {
  format: "Format",
  signature: "Signature",
  validity: "Validity period",
  status: "Revocation status",
  anchor: "Ledger anchor",
  trust: "Issuer accreditation",
};
