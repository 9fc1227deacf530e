import type { VerificationResult } from "@/lib/credentials/verification";
import type { DecodedCredential } from "@/lib/credentials/schemas";

export type PracticeConditionView = { code: string | undefined; text: string };

export type CredentialSummary = {
  /** Readable type, e.g. "Medical licence". */
  title: string;
  /** The registry's name for the issuer, only when the trust check supplied one. */
  issuerName: string | undefined;
  issuerDid: string;
  holderName: string | undefined;
  holderDid: string | undefined;
  credentialId: string | undefined;
  /** Type-specific facts in display order (licence number, jurisdiction, scope …). */
  facts: { label: string; value: string }[];
  validFrom: Date | undefined;
  validUntil: Date | undefined;
  conditions: {
    items: PracticeConditionView[];
    /** The credential lists conditions that could not be read: the verifier must be told. */
    unreadable: boolean;
  };
};

const titles: Record<string, string> = {
  MedicalLicenseCredential: "Medical licence",
};

const factFields: Record<string, { key: string; label: string }[]> = {
  MedicalLicenseCredential: [
    { key: "licenseNumber", label: "Licence number" },
    { key: "jurisdiction", label: "Jurisdiction" },
    { key: "scope", label: "Scope of practice" },
  ],
};

/**
 * What the report shows about a decoded credential. Fields are read leniently, one by one,
 * rather than through the subject schema: a credential that fails a check is still shown (marked
 * unconfirmed), and a malformed field must not hide the others, above all not the conditions on
 * practice.
 */
export function summarizeCredential(
  credential: DecodedCredential,
  checks: VerificationResult["checks"] = [],
): CredentialSummary {
  const subject = credential.vc.credentialSubject;
  const trustDetails = checks.find((c) => c.id === "trust")?.details;
  const trustName = trustDetails?.issuerName ?? trustDetails?.name;
  return {
    title: titles[credential.type] ?? titleFromType(credential.type),
    issuerName: typeof trustName === "string" && trustName ? trustName : undefined,
    issuerDid: credential.issuer,
    holderName: text(subject.name),
    holderDid: credential.subject ?? text(subject.id),
    credentialId: credential.id,
    facts: (factFields[credential.type] ?? []).flatMap(({ key, label }) => {
      const value = text(subject[key]);
      return value ? [{ label, value }] : [];
    }),
    validFrom: credential.validFrom ?? credential.issuedAt,
    validUntil: credential.validUntil,
    conditions: readConditions(subject.conditions),
  };
}

/** "SpecialtyCertificateCredential" → "Specialty certificate", for types without a set title. */
function titleFromType(type: string): string {
  const words = type
    .replace(/Credential$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Credential";
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function readConditions(raw: unknown): CredentialSummary["conditions"] {
  if (raw === undefined || raw === null) return { items: [], unreadable: false };
  if (!Array.isArray(raw)) return { items: [], unreadable: true };
  const items: PracticeConditionView[] = [];
  let unreadable = false;
  for (const entry of raw) {
    const body = typeof entry === "object" && entry !== null ? text(entry.text) : undefined;
    if (body) items.push({ code: text(entry.code), text: body });
    else unreadable = true;
  }
  return { items, unreadable };
}
