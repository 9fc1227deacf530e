import type { DecodedCredential } from "@/lib/credentials/schemas";
import type { Check, VerificationResult } from "@/lib/credentials/verification";
import { checkNames } from "./check-names";
import { summarizeCredential } from "./summarize-credential";
import { verdictHeading } from "./verdict-banner";
import { verdictOf, type Verdict } from "./verdict-of";

/**
 * The verifier's "Download JSON": the structured result of one verification, for a credentialing
 * office's file or another system. It says what was decided (verdict and every check with its
 * stable code), about which credential (only what the credential itself states), on what
 * evidence (the ledger anchor and its transaction, the trust registry reading, and the JWT
 * itself, so anyone can run the check again), and when and where it was checked.
 *
 * Nothing is added that the credential does not show: no verifier identity, no IP, no key.
 */

export const VERIFICATION_EXPORT_FORMAT = "vitae-verification-report";

export type AnchorTransaction = { txHash: string; blockNumber: number };

export type VerificationExport = {
  format: typeof VERIFICATION_EXPORT_FORMAT;
  version: 1;
  verdict: Verdict;
  verdictLabel: string;
  verified: boolean;
  checkedAt: string;
  checkedBy: string;
  credential: {
    id: string | null;
    type: string;
    title: string;
    issuer: { did: string; name: string | null };
    holder: { did: string | null; name: string | null };
    validFrom: string | null;
    validUntil: string | null;
    facts: { label: string; value: string; items?: string[] }[];
    conditions: { code: string | null; text: string }[];
    /** The credential lists conditions that could not be read: ask the issuer. */
    conditionsUnreadable: boolean;
  } | null;
  checks: {
    id: Check["id"];
    name: string;
    outcome: "passed" | "failed" | "not checked";
    ok: boolean | null;
    code: string;
    message: string;
    details: NonNullable<Check["details"]>;
  }[];
  anchor: {
    code: string;
    ok: boolean | null;
    version: number | null;
    anchoredAt: string | null;
    ageSeconds: number | null;
    listUrl: string | null;
    lists: number | null;
    transaction: AnchorTransaction | null;
  } | null;
  trust: {
    code: string;
    ok: boolean | null;
    issuerName: string | null;
    accreditedFrom: string | null;
    accreditedUntil: string | null;
    withdrawnAt: string | null;
    registry: string | null;
    chainId: number | null;
    block: number | null;
    readAt: string | null;
  } | null;
  jwt: string;
};

export function buildVerificationExport({
  jwt,
  result,
  checkedAt,
  anchorTransaction = null,
  checkedBy = "Vitae, in the verifier's browser",
}: {
  /** The credential as given (used when it could not be decoded). */
  jwt: string;
  result: VerificationResult<DecodedCredential>;
  checkedAt: Date;
  /** The transaction that anchored the list version the anchor check matched, when read. */
  anchorTransaction?: AnchorTransaction | null;
  checkedBy?: string;
}): VerificationExport {
  const verdict = verdictOf(result);
  const { credential, checks } = result;
  const summary = credential ? summarizeCredential(credential, checks) : undefined;
  const anchor = checks.find((c) => c.id === "anchor");
  const trust = checks.find((c) => c.id === "trust");

  return {
    format: VERIFICATION_EXPORT_FORMAT,
    version: 1,
    verdict,
    verdictLabel: verdictHeading(verdict),
    // The verdict and this flag agree by construction: "valid" needs both.
    verified: verdict === "valid",
    checkedAt: checkedAt.toISOString(),
    checkedBy,
    credential:
      credential && summary
        ? {
            id: summary.credentialId ?? null,
            type: credential.type,
            title: summary.title,
            issuer: { did: summary.issuerDid, name: summary.issuerName ?? null },
            holder: { did: summary.holderDid ?? null, name: summary.holderName ?? null },
            validFrom: summary.validFrom?.toISOString() ?? null,
            validUntil: summary.validUntil?.toISOString() ?? null,
            facts: summary.facts,
            conditions: summary.conditions.items.map((c) => ({
              code: c.code ?? null,
              text: c.text,
            })),
            conditionsUnreadable: summary.conditions.unreadable,
          }
        : null,
    checks: checks.map((c) => ({
      id: c.id,
      name: checkNames[c.id] ?? c.id,
      outcome: c.ok === true ? "passed" : c.ok === false ? "failed" : "not checked",
      ok: c.ok,
      code: c.code,
      message: c.message,
      details: c.details ?? {},
    })),
    anchor: anchor
      ? {
          code: anchor.code,
          ok: anchor.ok,
          version: numberOf(anchor.details?.version),
          anchoredAt: stringOf(anchor.details?.anchoredAt),
          ageSeconds: numberOf(anchor.details?.anchorAgeSeconds),
          listUrl: stringOf(anchor.details?.listUrl),
          lists: numberOf(anchor.details?.lists),
          // Only a transaction for the version that was matched is evidence for this result.
          transaction: anchor.ok === true ? anchorTransaction : null,
        }
      : null,
    trust: trust
      ? {
          code: trust.code,
          ok: trust.ok,
          issuerName: stringOf(trust.details?.issuerName ?? trust.details?.name),
          accreditedFrom: stringOf(trust.details?.accreditedFrom),
          accreditedUntil: stringOf(trust.details?.accreditedUntil),
          withdrawnAt: stringOf(trust.details?.withdrawnAt),
          registry: stringOf(trust.details?.registry),
          chainId: numberOf(trust.details?.registryChainId),
          block: numberOf(trust.details?.registryBlock),
          readAt: stringOf(trust.details?.registryReadAt ?? trust.details?.registryFetchedAt),
        }
      : null,
    jwt: credential?.jwt ?? jwt.trim(),
  };
}

/** A file name that sorts by time and says which credential, without any personal data. */
export function verificationExportFileName(exported: VerificationExport): string {
  const when = exported.checkedAt.replace(/[:.]/g, "-").replace(/-\d{3}Z$/, "Z");
  const id = exported.credential?.id?.replace(/^urn:uuid:/, "").replace(/[^A-Za-z0-9-]/g, "");
  return `vitae-verification-${when}${id ? `-${id.slice(0, 36)}` : ""}.json`;
}

function numberOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function stringOf(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}
