import { z } from "zod";

/**
 * OpenID for Verifiable Credential Issuance 1.0 — the messages of the pre-authorized code flow,
 * as both sides read them: Vitae's issuer parses requests with these, and the wallet parses any
 * issuer's answers with them (loose objects: a standard issuer may send more than we use).
 * Universal: no server or browser imports.
 */

export const PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
export const PROOF_JWT_TYPE = "openid4vci-proof+jwt";
export const OFFER_SCHEME = "openid-credential-offer://";

const httpsUrl = z.url({ protocol: /^https?$/ });

export const txCodeSchema = z.looseObject({
  input_mode: z.enum(["numeric", "text"]).optional(),
  length: z.number().int().positive().optional(),
  description: z.string().max(300).optional(),
});

export const preAuthorizedGrantSchema = z.looseObject({
  "pre-authorized_code": z.string().min(1).max(4096),
  tx_code: txCodeSchema.optional(),
  authorization_server: httpsUrl.optional(),
});

// §4.1.1 Credential Offer Parameters
export const credentialOfferSchema = z.looseObject({
  credential_issuer: httpsUrl,
  credential_configuration_ids: z.array(z.string().min(1)).min(1).max(50),
  grants: z.looseObject({ [PRE_AUTHORIZED_GRANT]: preAuthorizedGrantSchema.optional() }).optional(),
});
export type CredentialOffer = z.infer<typeof credentialOfferSchema>;

const displaySchema = z.looseObject({
  name: z.string().optional(),
  locale: z.string().optional(),
  description: z.string().optional(),
  logo: z.looseObject({ uri: z.string(), alt_text: z.string().optional() }).optional(),
});
export type Display = z.infer<typeof displaySchema>;

export const credentialConfigurationSchema = z.looseObject({
  format: z.string().min(1),
  scope: z.string().optional(),
  cryptographic_binding_methods_supported: z.array(z.string()).optional(),
  credential_signing_alg_values_supported: z.array(z.union([z.string(), z.number()])).optional(),
  proof_types_supported: z
    .record(
      z.string(),
      z.looseObject({ proof_signing_alg_values_supported: z.array(z.string()).optional() }),
    )
    .optional(),
  credential_definition: z.looseObject({ type: z.array(z.string()).optional() }).optional(),
  credential_metadata: z.looseObject({ display: z.array(displaySchema).optional() }).optional(),
  /** Drafts before 1.0 put display here. */
  display: z.array(displaySchema).optional(),
});
export type CredentialConfiguration = z.infer<typeof credentialConfigurationSchema>;

// §12.2 Credential Issuer Metadata
export const credentialIssuerMetadataSchema = z.looseObject({
  credential_issuer: httpsUrl,
  authorization_servers: z.array(httpsUrl).optional(),
  credential_endpoint: httpsUrl,
  nonce_endpoint: httpsUrl.optional(),
  display: z.array(displaySchema).optional(),
  credential_configurations_supported: z.record(z.string(), credentialConfigurationSchema),
});
export type CredentialIssuerMetadata = z.infer<typeof credentialIssuerMetadataSchema>;

// RFC 8414 Authorization Server Metadata (what the pre-authorized flow needs of it)
export const authorizationServerMetadataSchema = z.looseObject({
  issuer: httpsUrl,
  token_endpoint: httpsUrl,
  "pre-authorized_grant_anonymous_access_supported": z.boolean().optional(),
});
export type AuthorizationServerMetadata = z.infer<typeof authorizationServerMetadataSchema>;

// §6.1 Token Request (form-encoded), as the issuer parses it
export const tokenRequestSchema = z.object({
  grant_type: z.string().min(1),
  "pre-authorized_code": z.string().min(1).max(4096).optional(),
  tx_code: z.string().max(256).optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

// §6.2 Token Response
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().regex(/^bearer$/i, "only Bearer tokens are supported"),
  expires_in: z.number().optional(),
  /** Drafts before 1.0 returned the first nonce here. */
  c_nonce: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// §7.2 Nonce Response
export const nonceResponseSchema = z.looseObject({ c_nonce: z.string().min(1).max(1024) });

const proofJwtSchema = z
  .string()
  .min(10)
  .max(16 * 1024);

// §8.2 Credential Request (1.0 `proofs`; the single `proof` of earlier drafts is also read)
export const credentialRequestSchema = z.looseObject({
  credential_configuration_id: z.string().min(1).max(200).optional(),
  credential_identifier: z.string().min(1).max(200).optional(),
  proofs: z.looseObject({ jwt: z.array(proofJwtSchema).min(1).max(10) }).optional(),
  proof: z.looseObject({ proof_type: z.literal("jwt"), jwt: proofJwtSchema }).optional(),
  /**
   * Vitae extension, ignored by other issuers: the did:jwk of the wallet's recovery key, recorded
   * with the credential so the wallet can re-bind it after a restore (POST /api/v1/rebind).
   */
  recovery_did: z
    .string()
    .max(1024)
    .regex(/^did:jwk:[A-Za-z0-9_-]{40,}$/, "must be a did:jwk")
    .optional(),
});
export type CredentialRequest = z.infer<typeof credentialRequestSchema>;

// §8.3 Credential Response (1.0 `credentials`; the single `credential` of earlier drafts too)
export const credentialResponseSchema = z.looseObject({
  credentials: z
    .array(z.looseObject({ credential: z.unknown() }))
    .min(1)
    .optional(),
  credential: z.unknown().optional(),
  transaction_id: z.string().optional(),
});
export type CredentialResponse = z.infer<typeof credentialResponseSchema>;

/** RFC 6749 §5.2 / OID4VCI §8.3.1.2 error body. */
export const oauthErrorSchema = z.looseObject({
  error: z.string().min(1).max(100),
  error_description: z.string().max(2000).optional(),
});
export type OAuthErrorBody = z.infer<typeof oauthErrorSchema>;
