import {
  describeCredential,
  type CredentialDescription,
} from "@/lib/credentials/describe-credential";
import type { VerificationResult } from "@/lib/credentials/verification";
import type { DecodedCredential } from "@/lib/credentials/schemas";

export type { PracticeConditionView } from "@/lib/credentials/describe-credential";

export type CredentialSummary = {
  /** Readable type, e.g. "Medical licence". */
  title: string;
  /** The registry's name for the issuer, only when the trust check supplied one. */
  issuerName: string | undefined;
  issuerDid: string;
  holderName: string | undefined;
  holderDid: string | undefined;
  credentialId: string | undefined;
  /** Type-specific facts in display order (licence number, jurisdiction, scope …), then the period. */
  facts: { label: string; value: string; items?: string[] }[];
  validFrom: Date | undefined;
  validUntil: Date | undefined;
  conditions: CredentialDescription["conditions"];
};

/**
 * What the report shows about a decoded credential: the universal describer's reading
 * (lib/credentials/describe-credential.ts, lenient field by field, so a credential that fails a
 * check is still shown and a malformed field never hides the conditions), plus what only the
 * verifier knows: the issuer's registry name and the credential's checked dates.
 */
export function summarizeCredential(
  credential: DecodedCredential,
  checks: VerificationResult["checks"] = [],
): CredentialSummary {
  const subject = credential.vc.credentialSubject;
  const described = describeCredential({ type: credential.type, subject });
  const trustDetails = checks.find((c) => c.id === "trust")?.details;
  const trustName = trustDetails?.issuerName ?? trustDetails?.name;
  const { start, end } = described.period;
  return {
    title: described.title,
    issuerName: typeof trustName === "string" && trustName ? trustName : undefined,
    issuerDid: credential.issuer,
    holderName: described.holderName,
    holderDid: credential.subject ?? (typeof subject.id === "string" ? subject.id : undefined),
    credentialId: credential.id,
    facts: [...described.fields, ...(start ? [start] : []), ...(end ? [end] : [])].map(
      ({ label, value, items }) => (items ? { label, value, items } : { label, value }),
    ),
    validFrom: credential.validFrom ?? credential.issuedAt,
    validUntil: credential.validUntil,
    conditions: described.conditions,
  };
}
