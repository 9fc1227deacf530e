import "server-only";
import type { JwtCredentialPayload } from "did-jwt-vc";
import { credentialTypes, isCredentialTypeName } from "@/lib/credentials/credential-types";
import { VITAE_CONTEXT, W3C_CREDENTIALS_V1, type StatusPurpose } from "@/lib/credentials/schemas";
import type { credentials } from "@/lib/db/schema";
import type { IssuanceServices } from "./services";
import { statusListId, statusListUrl } from "./status-lists";

type CredentialRow = Pick<
  typeof credentials.$inferSelect,
  "id" | "issuerSlug" | "type" | "claims" | "listSeries" | "statusIndex" | "issuedAt" | "validUntil"
> &
  Partial<Pick<typeof credentials.$inferSelect, "previousId">>;

/**
 * The JWT payload of a credential, built from its database row. The same row gives the same
 * payload, so a credential re-signed at claim time (bound to the holder's DID) keeps its id,
 * dates and status entries.
 */
export function credentialPayload(
  svc: IssuanceServices,
  row: CredentialRow,
  subjectDid: string | null,
): JwtCredentialPayload {
  const entry = (purpose: StatusPurpose) => {
    const url = statusListUrl(svc, statusListId(row.issuerSlug, purpose, row.listSeries));
    return {
      id: `${url}#${row.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: purpose,
      statusListIndex: String(row.statusIndex),
      statusListCredential: url,
    };
  };
  // e.g. a competency is also an Open Badges 3.0 AchievementCredential, with the OB3 context.
  const definition = isCredentialTypeName(row.type) ? credentialTypes[row.type] : undefined;
  return {
    ...(subjectDid ? { sub: subjectDid } : {}),
    jti: `urn:uuid:${row.id}`,
    nbf: Math.floor(row.issuedAt.getTime() / 1000),
    ...(row.validUntil ? { exp: Math.floor(row.validUntil.getTime() / 1000) } : {}),
    vc: {
      "@context": [W3C_CREDENTIALS_V1, VITAE_CONTEXT, ...(definition?.contexts ?? [])],
      type: ["VerifiableCredential", ...(definition?.types ?? []), row.type],
      credentialSubject: row.claims,
      // An array of entries (allowed by Bitstring Status List); did-jwt-vc types only one.
      credentialStatus: [entry("revocation"), entry("suspension")] as unknown as NonNullable<
        JwtCredentialPayload["vc"]["credentialStatus"]
      >,
      // A correction names the credential it replaces (which is revoked as "superseded").
      ...(row.previousId ? { previous: `urn:uuid:${row.previousId}` } : {}),
    },
  };
}
