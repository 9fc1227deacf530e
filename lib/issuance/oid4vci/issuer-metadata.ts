import "server-only";
import { credentialTypes, isCredentialTypeName } from "@/lib/credentials/credential-types";
import { PRE_AUTHORIZED_GRANT } from "@/lib/oid4vci/schemas";
import { findIssuer } from "../authenticate-issuer";
import type { IssuanceServices } from "../services";

/**
 * Each Vitae issuer is its own OpenID4VCI credential issuer, identified by
 * `${origin}/issuers/{slug}` (the path of its did:web), and its own authorization server for the
 * pre-authorized code grant. The well-known URLs (next.config.js rewrites) lead here.
 */

export function credentialIssuerId(svc: IssuanceServices, slug: string): string {
  return `${svc.publicUrl}/issuers/${slug}`;
}

export function oid4vciEndpoints(svc: IssuanceServices, slug: string) {
  const base = `${svc.publicUrl}/api/v1/oid4vci/${slug}`;
  return {
    token: `${base}/token`,
    nonce: `${base}/nonce`,
    credential: `${base}/credential`,
  };
}

// GET /.well-known/openid-credential-issuer/issuers/{slug}
export async function issuerMetadata(svc: IssuanceServices, slug: string) {
  const issuer = await findIssuer(svc, slug);
  const endpoints = oid4vciEndpoints(svc, slug);
  const configurations = Object.fromEntries(
    issuer.credentialTypes.filter(isCredentialTypeName).map((type) => {
      const def = credentialTypes[type];
      return [
        type,
        {
          format: "jwt_vc_json",
          scope: type,
          cryptographic_binding_methods_supported: ["did:jwk", "did:key", "jwk"],
          credential_signing_alg_values_supported: ["EdDSA"],
          proof_types_supported: {
            jwt: { proof_signing_alg_values_supported: ["ES256", "EdDSA"] },
          },
          credential_definition: { type: ["VerifiableCredential", ...def.types, type] },
          credential_metadata: {
            display: [{ name: def.title, locale: "en", description: def.description }],
          },
        },
      ];
    }),
  );
  return {
    credential_issuer: credentialIssuerId(svc, slug),
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    display: [{ name: issuer.name, locale: "en" }],
    credential_configurations_supported: configurations,
  };
}

// GET /.well-known/oauth-authorization-server/issuers/{slug}
export async function authorizationServerMetadata(svc: IssuanceServices, slug: string) {
  await findIssuer(svc, slug);
  return {
    issuer: credentialIssuerId(svc, slug),
    token_endpoint: oid4vciEndpoints(svc, slug).token,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    "pre-authorized_grant_anonymous_access_supported": true,
    response_types_supported: [],
  };
}
