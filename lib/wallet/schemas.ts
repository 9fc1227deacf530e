import { z } from "zod";
import { didSchema } from "@/lib/credentials/schemas";

/**
 * What the wallet receives from the claim API and keeps in IndexedDB. Every response is parsed
 * with these before the wallet acts on it; a server that answers something else gets a clear
 * error instead of a half-rendered page.
 */

/** The claim token travels in the link's fragment: base64url, ~32 characters. */
export const claimTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/);

export const compactJwtSchema = z
  .string()
  .max(64_000)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "must be a compact JWT");

export const claimOfferSchema = z.object({
  credentialId: z.string().min(1),
  type: z.string().min(1),
  issuer: z.object({ did: didSchema, name: z.string().min(1), slug: z.string().min(1) }),
  /** A few claims to show before accepting; display only, the credential itself is what counts. */
  preview: z.looseObject({ name: z.string().optional() }),
  /** Null when the link does not expire. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ClaimOffer = z.infer<typeof claimOfferSchema>;

// GET /api/v1/claims/[token]
export const claimOfferResponseSchema = z.object({
  offer: claimOfferSchema,
  nonce: z.string().min(1),
  audience: didSchema,
});
export type ClaimOfferResponse = z.infer<typeof claimOfferResponseSchema>;

// POST /api/v1/claims/[token]
export const claimResultSchema = z.object({
  id: z.string().min(1),
  credential: compactJwtSchema,
});
export type ClaimResult = z.infer<typeof claimResultSchema>;

/** The body of every API error (lib/errors.ts `AppError.toJSON`). */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The holder's public key as it appears in its did:jwk, members in this order. */
export const holderPublicJwkSchema = z.object({
  crv: z.literal("P-256"),
  kty: z.literal("EC"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type HolderPublicJwk = z.infer<typeof holderPublicJwkSchema>;

/** The one `identity` record. The key pair is a structured-cloned CryptoKeyPair (private key non-extractable). */
export type HolderIdentity = {
  id: "holder";
  did: string;
  kid: string;
  publicJwk: HolderPublicJwk;
  keyPair: CryptoKeyPair;
  createdAt: string;
};

export const storedCredentialSchema = z.object({
  /** The credential's own id (`jti`, else `vc.id`), so the same credential is stored once. */
  id: z.string().min(1),
  jwt: compactJwtSchema,
  type: z.string().min(1),
  issuerDid: z.string().min(1),
  issuerName: z.string().min(1),
  subjectName: z.string().optional(),
  addedAt: z.iso.datetime(),
  /** The origin of the Vitae instance the credential was claimed from. */
  claimedFrom: z.string().optional(),
});
export type StoredCredential = z.infer<typeof storedCredentialSchema>;
