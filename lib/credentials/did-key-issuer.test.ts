import { describe, expect, it } from "vitest";
import {
  happyDeps,
  NOW,
  payloadOf,
  fixtures,
  registrySnapshot,
  signJwt,
} from "./__fixtures__/harness";
import { jwkToMultikey } from "./multikey";
import type { PublicJwk } from "./schemas";
import { verifyCredential } from "./verify-credential";

/**
 * A credential from an issuer outside Vitae, whose DID is a did:key (no web origin, no status
 * list): it verifies through the same universal core, with its accreditation still required.
 */
async function didKeyIssuer(algorithm: "Ed25519" | "P-256") {
  const params: EcKeyGenParams | Algorithm =
    algorithm === "Ed25519" ? { name: "Ed25519" } : { name: "ECDSA", namedCurve: "P-256" };
  const pair = (await crypto.subtle.generateKey(params as EcKeyGenParams, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const publicJwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const multikey = jwkToMultikey(publicJwk as PublicJwk);
  const did = `did:key:${multikey}`;
  return {
    did,
    kid: `${did}#${multikey}`,
    privateJwk,
    alg: algorithm === "Ed25519" ? "EdDSA" : "ES256",
  };
}

async function credentialFrom(issuer: Awaited<ReturnType<typeof didKeyIssuer>>) {
  const payload = structuredClone(payloadOf(fixtures.jwts.credential)) as Record<
    string,
    unknown
  > & {
    vc: Record<string, unknown>;
  };
  payload.iss = issuer.did;
  payload.vc.issuer = issuer.did;
  delete payload.vc.credentialStatus;
  return signJwt({ alg: issuer.alg, typ: "JWT", kid: issuer.kid }, payload, issuer.privateJwk);
}

function summary(checks: { id: string; ok: boolean | null; code: string }[]) {
  return checks.map((c) => `${c.id}:${String(c.ok)}:${c.code}`);
}

describe("a JWT VC from a did:key issuer", () => {
  for (const algorithm of ["Ed25519", "P-256"] as const) {
    it(`verifies with a ${algorithm} did:key when the issuer is accredited`, async () => {
      const issuer = await didKeyIssuer(algorithm);
      const jwt = await credentialFrom(issuer);
      const trust = registrySnapshot([
        { did: issuer.did, name: "Outside Board", credentialTypes: ["MedicalLicenseCredential"] },
      ]);
      const { deps, calls } = await happyDeps({ trust, now: () => NOW });
      const result = await verifyCredential(jwt, deps);
      expect(summary(result.checks)).toEqual([
        "format:true:FORMAT_OK",
        "signature:true:SIGNATURE_VALID",
        "validity:true:VALIDITY_OK",
        "status:true:STATUS_NONE",
        "anchor:true:ANCHOR_NOT_APPLICABLE",
        "trust:true:TRUST_ACCREDITED",
      ]);
      expect(result.verified).toBe(true);
      expect(result.credential?.issuer).toBe(issuer.did);
      // did:key is computed from the DID itself: nothing is fetched.
      expect(calls).toEqual([]);
    });

    it(`names a ${algorithm} did:key issuer that is not in the registry as ISSUER_UNKNOWN`, async () => {
      const issuer = await didKeyIssuer(algorithm);
      const { deps } = await happyDeps();
      const result = await verifyCredential(await credentialFrom(issuer), deps);
      expect(result.verified).toBe(false);
      expect(result.checks.find((c) => c.id === "signature")).toMatchObject({ ok: true });
      expect(result.checks.find((c) => c.id === "trust")).toMatchObject({
        ok: false,
        code: "ISSUER_UNKNOWN",
      });
    });

    it(`rejects a ${algorithm} did:key credential signed by another key`, async () => {
      const issuer = await didKeyIssuer(algorithm);
      const impostor = await didKeyIssuer(algorithm);
      const jwt = await credentialFrom({ ...issuer, privateJwk: impostor.privateJwk });
      const trust = registrySnapshot([
        { did: issuer.did, name: "Outside Board", credentialTypes: ["MedicalLicenseCredential"] },
      ]);
      const { deps } = await happyDeps({ trust });
      const result = await verifyCredential(jwt, deps);
      expect(result.verified).toBe(false);
      expect(result.checks.find((c) => c.id === "signature")).toMatchObject({
        ok: false,
        code: "SIGNATURE_INVALID",
      });
    });
  }
});
