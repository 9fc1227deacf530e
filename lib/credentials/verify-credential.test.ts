import { createVerifiableCredentialJwt, type JwtCredentialPayload } from "did-jwt-vc";
import { EdDSASigner } from "did-jwt";
import { describe, expect, it, vi } from "vitest";
import { LedgerUnavailableError } from "@/lib/ledger/reader";
import { createBitstring, encodeBitstring, setBit } from "@/lib/status/bitstring";
import type { FetchedList } from "@/lib/status/check-status";
import {
  anchorOf,
  fakeLedger,
  fixtures,
  happyDeps,
  ISSUER_DID,
  ISSUER_DID_URL,
  ISSUER_KID,
  json,
  NOW,
  OTHER_ACCOUNT,
  payloadOf,
  registrySnapshot,
  reissue,
  REVOCATION_LIST_URL,
  ROGUE_DID,
  ROGUE_KID,
  signJwt,
  SUSPENSION_LIST_URL,
} from "./__fixtures__/harness";
import { decodeBase64url, encodeBase64url } from "./base64url";
import { createDidResolver } from "./resolve-did";
import { W3C_CREDENTIALS_V1, VITAE_CONTEXT } from "./schemas";
import { checkIds, type Check, type VerificationResult } from "./verification";
import { verifyCredential } from "./verify-credential";

const { jwts } = fixtures;

function byId(result: VerificationResult) {
  return Object.fromEntries(result.checks.map((c) => [c.id, c])) as Record<
    (typeof checkIds)[number],
    Check
  >;
}

function summary(result: VerificationResult) {
  return result.checks.map((c) => `${c.id}:${String(c.ok)}:${c.code}`);
}

describe("verifyCredential", () => {
  it("passes all six checks, in order, for a valid anchored credential of an accredited issuer", async () => {
    const { deps, calls } = await happyDeps();
    const result = await verifyCredential(jwts.credential, deps);
    expect(summary(result)).toEqual([
      "format:true:FORMAT_OK",
      "signature:true:SIGNATURE_VALID",
      "validity:true:VALIDITY_OK",
      "status:true:STATUS_ACTIVE",
      "anchor:true:ANCHOR_MATCH",
      "trust:true:TRUST_ACCREDITED",
    ]);
    expect(result.checks.map((c) => c.id)).toEqual([...checkIds]);
    expect(result.verified).toBe(true);
    expect(result.credential).toMatchObject({
      issuer: ISSUER_DID,
      type: "MedicalLicenseCredential",
      validUntil: new Date("2030-01-01T00:00:00Z"),
    });
    expect(byId(result).anchor.details).toMatchObject({ version: 1, lists: 2 });
    expect(byId(result).trust.details).toMatchObject({ issuerName: "Demo Medical Board" });
    // one request for the DID document, one per status list
    expect([...calls].sort()).toEqual(
      [ISSUER_DID_URL, REVOCATION_LIST_URL, SUSPENSION_LIST_URL].sort(),
    );
  });

  it("accepts surrounding whitespace from a paste or scan", async () => {
    const { deps } = await happyDeps();
    expect((await verifyCredential(`\n ${jwts.credential}\n`, deps)).verified).toBe(true);
  });

  it("rejects a tampered payload as SIGNATURE_INVALID and trusts nothing else in it", async () => {
    const { deps } = await happyDeps();
    const [h, , s] = jwts.credential.split(".");
    const payload = payloadOf(jwts.credential) as { vc: { credentialSubject: { name: string } } };
    payload.vc.credentialSubject.name = "Dr. Mallory";
    const result = await verifyCredential(`${h}.${json(payload)}.${s}`, deps);
    expect(result.verified).toBe(false);
    expect(summary(result)).toEqual([
      "format:true:FORMAT_OK",
      "signature:false:SIGNATURE_INVALID",
      "validity:null:SIGNATURE_INVALID",
      "status:null:SIGNATURE_INVALID",
      "anchor:null:SIGNATURE_INVALID",
      "trust:null:SIGNATURE_INVALID",
    ]);
  });

  it("rejects alg none without fetching anything", async () => {
    const { deps, calls } = await happyDeps();
    const payload = payloadOf(jwts.credential);
    const result = await verifyCredential(
      `${json({ alg: "none", typ: "JWT" })}.${json(payload)}.`,
      deps,
    );
    expect(byId(result).signature).toMatchObject({ ok: false, code: "ALG_NOT_ALLOWED" });
    expect(calls).toEqual([]);
  });

  it("rejects HS256 keyed with the issuer's public key (alg confusion)", async () => {
    const { deps } = await happyDeps();
    const input = `${json({ alg: "HS256", typ: "JWT", kid: ISSUER_KID })}.${json(payloadOf(jwts.credential))}`;
    const secret = decodeBase64url(fixtures.issuerKey.publicJwk.x).slice();
    const key = await crypto.subtle.importKey(
      "raw",
      secret,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(input)),
    );
    const result = await verifyCredential(`${input}.${encodeBase64url(mac)}`, deps);
    expect(byId(result).signature).toMatchObject({ ok: false, code: "ALG_NOT_ALLOWED" });
    expect(result.verified).toBe(false);
  });

  it("rejects an ES256 header on an Ed25519 key as ALG_KEY_MISMATCH", async () => {
    const { deps } = await happyDeps();
    const [, p, s] = jwts.credential.split(".");
    const result = await verifyCredential(
      `${json({ alg: "ES256", typ: "JWT", kid: ISSUER_KID })}.${p}.${s}`,
      deps,
    );
    expect(byId(result).signature).toMatchObject({ ok: false, code: "ALG_KEY_MISMATCH" });
  });

  it("rejects an unknown kid as KEY_NOT_FOUND", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue(() => undefined, {
      alg: "EdDSA",
      typ: "JWT",
      kid: `${ISSUER_DID}#key-9`,
    });
    const result = await verifyCredential(jwt, deps);
    expect(byId(result).signature).toMatchObject({ ok: false, code: "KEY_NOT_FOUND" });
  });

  it("rejects a kid that belongs to another DID, even when that key really signed", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue(
      () => undefined,
      { alg: "EdDSA", kid: ROGUE_KID },
      fixtures.rogueKey.privateJwk,
    );
    const result = await verifyCredential(jwt, deps);
    expect(byId(result).signature).toMatchObject({ ok: false, code: "KEY_NOT_FOUND" });
  });

  it("still rejects a kid of another DID when both documents are cached (the early start does not count)", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue(
      () => undefined,
      { alg: "EdDSA", kid: ROGUE_KID },
      fixtures.rogueKey.privateJwk,
    );
    // Warm: both DID documents resolved, this header seen. The signature is now started from the
    // header's kid (the rogue DID) before the payload is read, and it holds under that key.
    await verifyCredential(jwts.credential, deps);
    await verifyCredential(jwt, deps);
    expect(deps.resolveDid.peek?.(ROGUE_DID)).toBeUndefined();
    await deps.resolveDid(ROGUE_DID);
    expect(deps.resolveDid.peek?.(ROGUE_DID)).toMatchObject({ ok: true });
    const result = await verifyCredential(jwt, deps);
    expect(byId(result).signature).toMatchObject({ ok: false, code: "KEY_NOT_FOUND" });
    expect(result.verified).toBe(false);
  });

  it("hands a warm credential's signature to WebCrypto before it returns", async () => {
    const { deps } = await happyDeps();
    await verifyCredential(jwts.credential, deps);
    const verify = vi.spyOn(crypto.subtle, "verify");
    const pending = verifyCredential(jwts.credential, deps);
    expect(verify).toHaveBeenCalledTimes(1);
    expect((await pending).verified).toBe(true);
    verify.mockRestore();
  });

  it("rejects vc.issuer ≠ iss as ISSUER_MISMATCH", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue((p) => {
      p.vc.issuer = { id: "did:web:someone-else.test", name: "Someone else" };
    });
    const result = await verifyCredential(jwt, deps);
    expect(summary(result)).toEqual([
      "format:false:ISSUER_MISMATCH",
      "signature:null:ISSUER_MISMATCH",
      "validity:null:ISSUER_MISMATCH",
      "status:null:ISSUER_MISMATCH",
      "anchor:null:ISSUER_MISMATCH",
      "trust:null:ISSUER_MISMATCH",
    ]);
    expect(result.credential).toBeUndefined();
  });

  it("reports a credential expired through vc.expirationDate (no exp) as EXPIRED, still checking the rest", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue((p) => {
      delete p.exp;
      p.vc.expirationDate = "2026-01-01T00:00:00Z";
    });
    const result = await verifyCredential(jwt, deps);
    expect(byId(result).validity).toMatchObject({ ok: false, code: "EXPIRED" });
    expect(byId(result).status.ok).toBe(true);
    expect(byId(result).trust.ok).toBe(true);
    expect(result.verified).toBe(false);
  });

  it("applies the clock skew to nbf: 30 s early passes, 2 min early is NOT_YET_VALID", async () => {
    const { deps } = await happyDeps();
    const nbfIn = (seconds: number) =>
      reissue((p) => {
        p.nbf = NOW.getTime() / 1000 + seconds;
      });
    expect(byId(await verifyCredential(await nbfIn(30), deps)).validity).toMatchObject({
      ok: true,
    });
    expect(byId(await verifyCredential(await nbfIn(120), deps)).validity).toMatchObject({
      ok: false,
      code: "NOT_YET_VALID",
    });
    const strict = await happyDeps({ clockSkewSeconds: 0 });
    expect(byId(await verifyCredential(await nbfIn(30), strict.deps)).validity.code).toBe(
      "NOT_YET_VALID",
    );
  });

  it("reports a revoked credential as REVOKED (and a suspended one as SUSPENDED)", async () => {
    const { deps } = await happyDeps();
    const revoked = await verifyCredential(jwts.revokedCredential, deps);
    expect(byId(revoked).status).toMatchObject({ ok: false, code: "REVOKED" });
    expect(byId(revoked).anchor).toMatchObject({ ok: true, code: "ANCHOR_MATCH" });
    expect(revoked.verified).toBe(false);
    const suspended = await verifyCredential(jwts.suspendedCredential, deps);
    expect(byId(suspended).status).toMatchObject({ ok: false, code: "SUSPENDED" });
  });

  it("refuses a status list issued by another DID (STATUS_LIST_ISSUER_MISMATCH)", async () => {
    const { deps } = await happyDeps({
      routes: { [REVOCATION_LIST_URL]: jwts.rogueRevocationList },
    });
    const result = await verifyCredential(jwts.revokedCredential, deps);
    expect(byId(result).status).toMatchObject({ ok: null, code: "STATUS_LIST_ISSUER_MISMATCH" });
    // the ledger vouches for the real list, not this one
    expect(byId(result).anchor).toMatchObject({ ok: false, code: "ANCHOR_MISMATCH" });
    expect(result.verified).toBe(false);
  });

  it("refuses a status list claiming the issuer but signed with another DID's key", async () => {
    const forged = await signJwt(
      { alg: "EdDSA", typ: "JWT", kid: ROGUE_KID },
      payloadOf(jwts.revocationList),
      fixtures.rogueKey.privateJwk,
    );
    const { deps } = await happyDeps({ routes: { [REVOCATION_LIST_URL]: forged } });
    const result = await verifyCredential(jwts.credential, deps);
    expect(byId(result).status).toMatchObject({ ok: null, code: "STATUS_LIST_ISSUER_MISMATCH" });
  });

  it("fails the anchor when the served list differs from the anchored hash (ANCHOR_MISMATCH)", async () => {
    const { deps } = await happyDeps({
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, "an older version of the list", undefined, 3),
        await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
      ]),
    });
    const result = await verifyCredential(jwts.credential, deps);
    expect(byId(result).status).toMatchObject({ ok: true, code: "STATUS_ACTIVE" });
    expect(byId(result).anchor).toMatchObject({
      ok: false,
      code: "ANCHOR_MISMATCH",
      details: { version: 3, listUrl: REVOCATION_LIST_URL },
    });
    expect(result.verified).toBe(false);
  });

  it("reports a revoked bit and an anchor mismatch side by side", async () => {
    const { deps } = await happyDeps({
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, "x"),
        await anchorOf(SUSPENSION_LIST_URL, "y"),
      ]),
    });
    const result = await verifyCredential(jwts.revokedCredential, deps);
    expect(byId(result).status.code).toBe("REVOKED");
    expect(byId(result).anchor.code).toBe("ANCHOR_MISMATCH");
  });

  it("reports an unreachable ledger as LEDGER_UNAVAILABLE (ok: null) and never as verified", async () => {
    const { deps } = await happyDeps({
      ledger: fakeLedger(() => {
        throw new LedgerUnavailableError("ledger unavailable at 127.0.0.1:8545: fetch failed");
      }),
    });
    const result = await verifyCredential(jwts.credential, deps);
    expect(byId(result).anchor).toMatchObject({ ok: null, code: "LEDGER_UNAVAILABLE" });
    expect(byId(result).anchor.message).toContain("127.0.0.1:8545");
    expect(byId(result).status.ok).toBe(true);
    expect(result.verified).toBe(false);
  });

  it("reports a list never anchored as ANCHOR_NOT_FOUND and a foreign anchor owner as ANCHOR_OWNER_MISMATCH", async () => {
    const empty = await happyDeps({ ledger: fakeLedger([]) });
    expect(byId(await verifyCredential(jwts.credential, empty.deps)).anchor).toMatchObject({
      ok: null,
      code: "ANCHOR_NOT_FOUND",
    });
    const foreign = await happyDeps({
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, jwts.revocationList, OTHER_ACCOUNT),
        await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
      ]),
    });
    expect(byId(await verifyCredential(jwts.credential, foreign.deps)).anchor).toMatchObject({
      ok: false,
      code: "ANCHOR_OWNER_MISMATCH",
    });
  });

  it("cannot confirm the anchor owner when the issuer publishes no ledger account", async () => {
    const doc = structuredClone(fixtures.issuerDid);
    doc.verificationMethod = doc.verificationMethod.filter((m) => !m.id.endsWith("#ledger"));
    const { deps } = await happyDeps({ routes: { [ISSUER_DID_URL]: JSON.stringify(doc) } });
    const result = await verifyCredential(jwts.credential, deps);
    expect(byId(result).anchor).toMatchObject({ ok: null, code: "ANCHOR_OWNER_MISMATCH" });
    expect(byId(result).anchor.message).toMatch(/publishes no ledger account/);
    expect(result.verified).toBe(false);
  });

  it("treats an unsupported status type as unknown: ok null, never verified", async () => {
    const { deps } = await happyDeps();
    const jwt = await reissue((p) => {
      p.vc.credentialStatus = {
        id: "https://issuer.test/status/1#7",
        type: "StatusList2021Entry",
        statusPurpose: "revocation",
        statusListIndex: "7",
        statusListCredential: "https://issuer.test/status/1",
      };
    });
    const result = await verifyCredential(jwt, deps);
    expect(byId(result).status).toMatchObject({ ok: null, code: "STATUS_TYPE_UNSUPPORTED" });
    expect(byId(result).anchor.ok).toBeNull();
    expect(result.verified).toBe(false);
  });

  it("accepts a credential without status: STATUS_NONE and ANCHOR_NOT_APPLICABLE", async () => {
    const { deps, calls } = await happyDeps();
    const jwt = await reissue((p) => {
      delete p.vc.credentialStatus;
    });
    const result = await verifyCredential(jwt, deps);
    expect(byId(result).status).toMatchObject({ ok: true, code: "STATUS_NONE" });
    expect(byId(result).anchor).toMatchObject({ ok: true, code: "ANCHOR_NOT_APPLICABLE" });
    expect(result.verified).toBe(true);
    expect(calls).toEqual([ISSUER_DID_URL]);
  });

  it("reports an unreachable status list as STATUS_LIST_UNAVAILABLE (ok: null)", async () => {
    const { deps } = await happyDeps({ routes: { [SUSPENSION_LIST_URL]: { status: 503 } } });
    const result = await verifyCredential(jwts.credential, deps);
    expect(byId(result).status).toMatchObject({ ok: null, code: "STATUS_LIST_UNAVAILABLE" });
    expect(byId(result).anchor).toMatchObject({ ok: null, code: "STATUS_LIST_UNAVAILABLE" });
  });

  it("times out a status list that never answers", async () => {
    const { deps } = await happyDeps({
      routes: { [SUSPENSION_LIST_URL]: () => new Promise<Response>(() => {}) },
    });
    const { checkStatus } = await import("@/lib/status/check-status");
    const { decodeCredential } = await import("./decode-credential");
    const decoded = decodeCredential(jwts.credential);
    if (!decoded.ok) throw new Error("fixture");
    const { status } = await checkStatus(decoded.credential, { ...deps, timeoutMs: 50 });
    expect(status).toMatchObject({ ok: null, code: "STATUS_LIST_UNAVAILABLE" });
  });

  it("leaves everything after the signature unchecked when the issuer's DID cannot be resolved", async () => {
    const { deps } = await happyDeps({ routes: { [ISSUER_DID_URL]: { status: 404 } } });
    const result = await verifyCredential(jwts.credential, deps);
    expect(summary(result).slice(1)).toEqual([
      "signature:null:DID_NOT_RESOLVED",
      "validity:null:DID_NOT_RESOLVED",
      "status:null:DID_NOT_RESOLVED",
      "anchor:null:DID_NOT_RESOLVED",
      "trust:null:DID_NOT_RESOLVED",
    ]);
  });

  it("reports an issuer missing from the registry as ISSUER_UNKNOWN, and a wrong type as NOT_ACCREDITED_FOR_TYPE", async () => {
    const unknown = await happyDeps({ trust: registrySnapshot([]) });
    const result = await verifyCredential(jwts.credential, unknown.deps);
    expect(byId(result).trust).toMatchObject({ ok: false, code: "ISSUER_UNKNOWN" });
    expect(result.verified).toBe(false);
    const narrow = await happyDeps({
      trust: registrySnapshot([
        { did: ISSUER_DID, name: "Demo", credentialTypes: ["SpecialtyCredential"] },
      ]),
    });
    expect(byId(await verifyCredential(jwts.credential, narrow.deps)).trust.code).toBe(
      "NOT_ACCREDITED_FOR_TYPE",
    );
  });

  it("never passes the trust check when the registry could not be read", async () => {
    const { deps } = await happyDeps({
      trust: {
        state: "unavailable",
        registry: { chainId: 31337, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
        readAt: NOW.toISOString(),
        reason: "trust registry unavailable at 127.0.0.1:1: fetch failed",
      },
    });
    const result = await verifyCredential(jwts.credential, deps);
    expect(byId(result).trust).toMatchObject({ ok: null, code: "TRUST_REGISTRY_UNAVAILABLE" });
    expect(byId(result).status.code).toBe("STATUS_ACTIVE");
    expect(result.verified).toBe(false);
  });

  it("fetches each status list once across a batch that shares a statusListCache", async () => {
    const statusListCache = new Map<string, Promise<FetchedList>>();
    const { deps, calls } = await happyDeps({ statusListCache });
    const results = await Promise.all(
      [jwts.credential, jwts.revokedCredential, jwts.suspendedCredential].map((j) =>
        verifyCredential(j, deps),
      ),
    );
    expect(results.map((r) => byId(r).status.code)).toEqual([
      "STATUS_ACTIVE",
      "REVOKED",
      "SUSPENDED",
    ]);
    expect(calls.filter((u) => u === REVOCATION_LIST_URL)).toHaveLength(1);
    expect(calls.filter((u) => u === SUSPENSION_LIST_URL)).toHaveLength(1);
    expect(calls.filter((u) => u === ISSUER_DID_URL)).toHaveLength(1);
  });

  it("verifies what the server issues: did-jwt-vc credential and status lists (interop)", async () => {
    // Mirrors lib/issuance/sign-jwt-vc.ts, credential-payload.ts and status-lists.ts.
    const issuer = {
      did: ISSUER_DID,
      signer: EdDSASigner(decodeBase64url(fixtures.issuerKey.privateJwk.d)),
      alg: "EdDSA",
    };
    const options = { header: { kid: ISSUER_KID, typ: "JWT" as const } };
    const list = (url: string, purpose: string, revoked: number[]) => {
      const bits = createBitstring();
      for (const i of revoked) setBit(bits, i, true);
      return createVerifiableCredentialJwt(
        {
          nbf: Math.floor(NOW.getTime() / 1000) - 3600,
          jti: url,
          vc: {
            "@context": [W3C_CREDENTIALS_V1],
            type: ["VerifiableCredential", "BitstringStatusListCredential"],
            id: url,
            credentialSubject: {
              id: `${url}#list`,
              type: "BitstringStatusList",
              statusPurpose: purpose,
              encodedList: encodeBitstring(bits),
            },
          },
        },
        issuer,
        options,
      );
    };
    const revocationList = await list(REVOCATION_LIST_URL, "revocation", [5]);
    const suspensionList = await list(SUSPENSION_LIST_URL, "suspension", []);
    const credential = (index: number) =>
      createVerifiableCredentialJwt(
        {
          sub: "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJFZDI1NTE5IiwieCI6IjExcVlBWUt4Q3JmVlNfN1R5V1FIT2c3aGN2UGFwaU1scndJYWFQY0hVUm8ifQ",
          jti: `urn:uuid:00000000-0000-4000-8000-00000000000${index}`,
          nbf: Math.floor(NOW.getTime() / 1000) - 60,
          exp: Math.floor(NOW.getTime() / 1000) + 86400,
          vc: {
            "@context": [W3C_CREDENTIALS_V1, VITAE_CONTEXT],
            type: ["VerifiableCredential", "MedicalLicenseCredential"],
            credentialSubject: {
              name: "Dr. Ada Example",
              licenseNumber: "MD-1",
              jurisdiction: "Testland",
            },
            // did-jwt-vc types credentialStatus as one object; VCDM allows the array we issue
            credentialStatus: (["revocation", "suspension"] as const).map((purpose) => {
              const url = purpose === "revocation" ? REVOCATION_LIST_URL : SUSPENSION_LIST_URL;
              return {
                id: `${url}#${index}`,
                type: "BitstringStatusListEntry",
                statusPurpose: purpose,
                statusListIndex: String(index),
                statusListCredential: url,
              };
            }) as unknown as JwtCredentialPayload["vc"]["credentialStatus"],
          },
        },
        issuer,
        options,
      );
    const { deps } = await happyDeps({
      routes: { [REVOCATION_LIST_URL]: revocationList, [SUSPENSION_LIST_URL]: suspensionList },
      ledger: fakeLedger([
        await anchorOf(REVOCATION_LIST_URL, revocationList, undefined, 2),
        await anchorOf(SUSPENSION_LIST_URL, suspensionList),
      ]),
    });
    const good = await verifyCredential(await credential(4), deps);
    expect(summary(good)).toEqual([
      "format:true:FORMAT_OK",
      "signature:true:SIGNATURE_VALID",
      "validity:true:VALIDITY_OK",
      "status:true:STATUS_ACTIVE",
      "anchor:true:ANCHOR_MATCH",
      "trust:true:TRUST_ACCREDITED",
    ]);
    const revoked = await verifyCredential(await credential(5), deps);
    expect(byId(revoked).status.code).toBe("REVOKED");
  });

  it("shares one resolver across issuers without mixing their documents", async () => {
    const { deps } = await happyDeps();
    const resolveDid = createDidResolver({ fetch: deps.fetch });
    const [a, b] = await Promise.all([
      verifyCredential(jwts.credential, { ...deps, resolveDid }),
      verifyCredential(
        await reissue(
          () => undefined,
          { alg: "EdDSA", kid: ROGUE_KID },
          fixtures.rogueKey.privateJwk,
        ),
        { ...deps, resolveDid },
      ),
    ]);
    expect(a.verified).toBe(true);
    expect(b.verified).toBe(false);
  });
});
