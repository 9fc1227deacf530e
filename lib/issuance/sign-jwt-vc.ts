import "server-only";
import { createVerifiableCredentialJwt, type JwtCredentialPayload } from "did-jwt-vc";
import type { Issuer } from "./authenticate-issuer";
import { SIGNING_KEY_FRAGMENT } from "./issuer-did";
import type { IssuanceServices } from "./services";

/**
 * Signs a JWT VC (W3C VCDM 1.1 JWT encoding, via did-jwt-vc) with the issuer's Ed25519 key, which
 * never leaves Veramo's key manager: did-jwt asks, Veramo signs.
 */
export function signJwtVc(
  svc: IssuanceServices,
  issuer: Pick<Issuer, "did" | "signingKid">,
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
    { header: { kid: `${issuer.did}#${SIGNING_KEY_FRAGMENT}`, typ: "JWT" } },
  );
}
