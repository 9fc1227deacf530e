import type { IKey } from "@veramo/core-types";

/**
 * did:web identifiers in path form: `did:web:<host%3Aport>:issuers:<slug>` resolves to
 * `<origin>/issuers/<slug>/did.json`. The document lists the signing key and the issuer's ledger
 * account (`#ledger`), which verifiers compare with the owner of each anchored status list.
 */

export function issuerDidAlias(publicUrl: string, slug: string): string {
  return `${encodeURIComponent(new URL(publicUrl).host)}:issuers:${slug}`;
}

export function issuerDid(publicUrl: string, slug: string): string {
  return `did:web:${issuerDidAlias(publicUrl, slug)}`;
}

export const SIGNING_KEY_FRAGMENT = "key-1";
export const LEDGER_FRAGMENT = "ledger";

function hexToBase64url(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64url");
}

export function issuerDidDocument(opts: {
  did: string;
  signingKey: Pick<IKey, "publicKeyHex" | "type">;
  ledgerAddress: string;
  chainId: number;
}) {
  const { did } = opts;
  if (opts.signingKey.type !== "Ed25519") {
    throw new Error(`Unsupported issuer key type ${opts.signingKey.type}`);
  }
  const keyId = `${did}#${SIGNING_KEY_FRAGMENT}`;
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: did,
    verificationMethod: [
      {
        id: keyId,
        type: "JsonWebKey2020",
        controller: did,
        publicKeyJwk: {
          kty: "OKP",
          crv: "Ed25519",
          x: hexToBase64url(opts.signingKey.publicKeyHex),
        },
      },
      {
        id: `${did}#${LEDGER_FRAGMENT}`,
        type: "EcdsaSecp256k1RecoveryMethod2020",
        controller: did,
        blockchainAccountId: `eip155:${opts.chainId}:${opts.ledgerAddress}`,
      },
    ],
    assertionMethod: [keyId],
    authentication: [keyId],
  };
}
