import type { CheckId, PresentationCheck } from "@/lib/credentials/verification";

/** What each check is called in the report, the printed receipt and the JSON export. */
export const checkNames: Record<CheckId | PresentationCheck["id"], string> = {
  // a presentation's own checks (lib/credentials/verify-presentation.ts)
  challenge: "Bound to this request",
  audience: "Addressed to",
  holder: "Holder is the subject",
  credentials: "Credentials",
  // a credential's checks
  format: "Format",
  signature: "Signature",
  validity: "Validity period",
  status: "Revocation status",
  anchor: "Ledger anchor",
  trust: "Issuer accreditation",
};
