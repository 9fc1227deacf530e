import { decodeCredential } from "@/lib/credentials/decode-credential";
import {
  practitionerFromCredentials,
  type PractitionerResult,
} from "@/lib/credentials/fhir-practitioner";
import type { StoredCredential } from "./schemas";

/**
 * The wallet's FHIR export: a `Practitioner` resource (lib/credentials/fhir-practitioner.ts) from
 * the chosen credentials, with each issuer named as the wallet filed it. A credential that does
 * not decode is refused by name rather than silently left out of the doctor's record.
 */
export function practitionerExport(
  credentials: StoredCredential[],
): PractitionerResult | { ok: false; code: "UNREADABLE_CREDENTIAL"; message: string } {
  const decoded = [];
  for (const stored of credentials) {
    const result = decodeCredential(stored.jwt);
    if (!result.ok) {
      return {
        ok: false,
        code: "UNREADABLE_CREDENTIAL",
        message: `A credential from ${stored.issuerName} could not be read (${result.message}), so it cannot be exported.`,
      };
    }
    decoded.push(result.credential);
  }
  const names = new Map(credentials.map((c) => [c.issuerDid, c.issuerName]));
  return practitionerFromCredentials(decoded, { issuerName: (did) => names.get(did) });
}
