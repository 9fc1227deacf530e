import "server-only";
import { createPrivateKey, sign as cryptoSign, type KeyObject } from "node:crypto";
import { createVerifiableCredentialJwt, type JwtCredentialPayload } from "did-jwt-vc";
import type { Issuer } from "./authenticate-issuer";
import { SIGNING_KEY_FRAGMENT } from "./issuer-did";
import type { IssuanceServices } from "./services";

type SigningIssuer = Pick<Issuer, "did" | "signingKid">;

/**
 * Signs a JWT VC (W3C VCDM 1.1 JWT encoding, via did-jwt-vc) with the issuer's Ed25519 key, which
 * never leaves Veramo's key manager: did-jwt asks, Veramo signs.
 */
export function signJwtVc(
  svc: IssuanceServices,
  issuer: SigningIssuer,
  payload: JwtCredentialPayload,
): Promise<string> {
  const signer = async (data: string | Uint8Array) =>
    svc.agent.keyManagerSign({
      keyRef: issuer.signingKid,
      algorithm: "EdDSA",
      data: typeof data === "string" ? data : new TextDecoder().decode(data),
      encoding: "utf-8",
    });
  return createVerifiableCredentialJwt(
    payload,
    { did: issuer.did, signer, alg: "EdDSA" },
    jwtOptions(issuer),
  );
}

function jwtOptions(issuer: SigningIssuer) {
  return { header: { kid: `${issuer.did}#${SIGNING_KEY_FRAGMENT}`, typ: "JWT" as const } };
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), so node:crypto can sign with it.
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * A signer for many credentials in a row (bulk issuance). Veramo's keyManagerSign costs an
 * agent dispatch, a key store lookup and a fresh key import per call; here the issuer's key is
 * read once from Veramo's own store (Veramo still creates, seals and holds it) and signatures
 * are made by node:crypto's native Ed25519. The JWTs are byte-for-byte what `signJwtVc` makes
 * (Ed25519 signatures are deterministic).
 */
export async function createBatchSigner(
  svc: IssuanceServices,
  issuer: SigningIssuer,
): Promise<(payload: JwtCredentialPayload) => Promise<string>> {
  const managed = await svc.readPrivateKey(issuer.signingKid);
  if (managed.type !== "Ed25519") throw new Error(`Issuer key ${issuer.signingKid} is not Ed25519`);
  // Veramo keeps Ed25519 keys as seed ‖ public key (64 bytes) or as the bare seed (32 bytes).
  const seed = Buffer.from(managed.privateKeyHex.slice(0, 64), "hex");
  const key: KeyObject = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const signer = async (data: string | Uint8Array) =>
    cryptoSign(null, typeof data === "string" ? Buffer.from(data, "utf8") : data, key).toString(
      "base64url",
    );
  const options = jwtOptions(issuer);
  return (payload) =>
    createVerifiableCredentialJwt(payload, { did: issuer.did, signer, alg: "EdDSA" }, options);
}
