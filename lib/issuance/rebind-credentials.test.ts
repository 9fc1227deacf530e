import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "@/lib/credentials/decode-jwt";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { createProof } from "@/lib/wallet/claim-credential";
import { generateHolderKey, type HolderKey } from "@/lib/wallet/holder-key";
import {
  createRebindRequest,
  rebindCredentials as rebindInWallet,
} from "@/lib/wallet/rebind-credentials";
import { generateRecoveryKey } from "@/lib/wallet/wallet-crypto";
import type { RecoveryKey } from "@/lib/wallet/schemas";
import { startTestChain, startTestServices, type TestChain } from "@/scripts/support/test-stack";
import { listAuditLog } from "./audit-log";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { changeCredentialStatus } from "./change-status";
import { getClaimOffer, redeemClaim } from "./claim-credential";
import { issueChallenge } from "./issue-challenge";
import { issueCredential } from "./issue-credential";
import { rebindCredentials } from "./rebind-credentials";
import { verifyOnServer } from "./server-verifier";
import type { IssuanceServices } from "./services";

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
let licensing: Issuer;

const subject = {
  name: "Dr Amira Haddad",
  licenseNumber: "EL-2001",
  jurisdiction: "Eastland",
  conditions: [{ code: "NO-SURG", text: "No independent surgery" }],
};

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  close = started.db.close;
  licensing = await findIssuer(svc, "eastland-licensing");
});

afterAll(async () => {
  await close?.();
  await chain?.stop();
});

/** Issues a licence and claims it with `holder`, sending `recovery` as the wallet would. */
async function claimed(holder: HolderKey, recovery?: RecoveryKey) {
  const issued = await issueCredential(svc, licensing, {
    type: "MedicalLicenseCredential",
    subject,
    validUntil: "2030-01-31",
  });
  const token = issued.claimUrl.split("#")[1]!;
  const offer = await getClaimOffer(svc, token);
  const proof = await createProof(holder, { audience: offer.audience, nonce: offer.nonce });
  const result = await redeemClaim(svc, token, proof, new Date(), {
    recoveryDid: recovery?.did,
  });
  return { id: issued.id, jwt: result.credential };
}

async function signedRebind(
  recovery: RecoveryKey,
  holder: HolderKey,
  credentialIds: string[],
  nonce?: string,
) {
  const challenge = nonce ?? (await issueChallenge(svc)).challenge;
  return createRebindRequest(recovery, holder, {
    audience: svc.publicUrl,
    nonce: challenge,
    credentialIds,
  });
}

describe("re-binding a credential to a restored wallet's new key", () => {
  it("re-issues the same credential to the new holder, once per nonce, with an audit entry", async () => {
    const oldHolder = await generateHolderKey();
    const recovery = await generateRecoveryKey();
    const original = await claimed(oldHolder, recovery);

    const newHolder = await generateHolderKey();
    const challenge = (await issueChallenge(svc)).challenge;
    const body = await signedRebind(recovery, newHolder, [original.id], challenge);
    const { holder, results } = await rebindCredentials(svc, body);
    expect(holder).toBe(newHolder.did);
    expect(results).toHaveLength(1);
    const result = results[0]!;
    expect(result).toMatchObject({ credentialId: original.id, ok: true });
    if (!result.ok) throw new Error("unreachable");

    const before = decodeJwt(original.jwt);
    const after = decodeJwt(result.credential);
    if (!before.ok || !after.ok) throw new Error("undecodable");
    expect(after.payload.sub).toBe(newHolder.did);
    // Same credential: id, dates, status entries and claims; only the holder changed.
    const { sub: _a, iat: _b, ...keptBefore } = before.payload;
    const { sub: _c, iat: _d, ...keptAfter } = after.payload;
    expect(keptAfter).toEqual(keptBefore);
    expect((await verifyOnServer(svc, result.credential)).verified).toBe(true);

    // The same signed request again: its nonce is spent.
    await expect(rebindCredentials(svc, body)).rejects.toMatchObject({ code: "NONCE_USED" });

    const log = await listAuditLog(svc, licensing, { limit: 5 });
    const entry = log.entries.find(
      (e) => e.action === "credential.rebound" && e.credentialId === original.id,
    );
    expect(entry).toBeDefined();
    // No DIDs (they identify the doctor's wallets) in the log.
    expect(JSON.stringify(entry)).not.toContain("did:jwk");
  });

  it("refuses with a reason per credential: unknown, no recovery key, wrong key, revoked", async () => {
    const oldHolder = await generateHolderKey();
    const recovery = await generateRecoveryKey();
    const otherRecovery = await generateRecoveryKey();
    const withKey = await claimed(oldHolder, recovery);
    const withoutKey = await claimed(oldHolder);
    const otherKey = await claimed(oldHolder, otherRecovery);
    const revoked = await claimed(oldHolder, recovery);
    await changeCredentialStatus(svc, licensing, revoked.id, "revoke", "surrendered");

    const newHolder = await generateHolderKey();
    const unknownId = "00000000-0000-4000-8000-000000000000";
    const body = await signedRebind(recovery, newHolder, [
      `urn:uuid:${withKey.id}`,
      withoutKey.id,
      otherKey.id,
      revoked.id,
      unknownId,
    ]);
    const { results } = await rebindCredentials(svc, body);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual([
      "ok",
      "NO_RECOVERY_KEY",
      "WRONG_RECOVERY_KEY",
      "REVOKED",
      "UNKNOWN_CREDENTIAL",
    ]);
    for (const r of results) if (!r.ok) expect(r.message.length).toBeGreaterThan(20);
  });

  it("refuses a request whose holder proof is not by the named holder, or not for this server", async () => {
    const recovery = await generateRecoveryKey();
    const original = await claimed(await generateHolderKey(), recovery);
    const newHolder = await generateHolderKey();
    const intruder = await generateHolderKey();
    const nonce = (await issueChallenge(svc)).challenge;
    const good = await signedRebind(recovery, newHolder, [original.id], nonce);
    const forged = await signedRebind(recovery, intruder, [original.id], nonce);
    // The recovery key names newHolder, but the proof is signed by someone else.
    await expect(
      rebindCredentials(svc, { request: good.request, holderProof: forged.holderProof }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });

    const elsewhere = await createRebindRequest(recovery, newHolder, {
      audience: "https://other.example",
      nonce: (await issueChallenge(svc)).challenge,
      credentialIds: [original.id],
    });
    await expect(rebindCredentials(svc, elsewhere)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("addressed to"),
    });
    // A nonce this server never issued.
    const made = await signedRebind(recovery, newHolder, [original.id], "made-up-nonce-1234567");
    await expect(rebindCredentials(svc, made)).rejects.toMatchObject({ code: "NONCE_USED" });
  });

  it("refuses a recovery_did at claim time that is not a P-256 did:jwk", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const token = issued.claimUrl.split("#")[1]!;
    const offer = await getClaimOffer(svc, token);
    const holder = await generateHolderKey();
    const proof = await createProof(holder, { audience: offer.audience, nonce: offer.nonce });
    await expect(
      redeemClaim(svc, token, proof, new Date(), {
        recoveryDid: "did:jwk:bm90LWEta2V5LWF0LWFsbC1qdXN0LXRleHQ",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

describe("the wallet's re-bind client against the real server code", () => {
  /** Routes the wallet's two calls to the server functions, as the route handlers do. */
  const serverFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const body: unknown = JSON.parse(String(init?.body ?? "{}"));
    try {
      const json = url.endsWith("/api/v1/challenges")
        ? await issueChallenge(svc)
        : await rebindCredentials(svc, body as Parameters<typeof rebindCredentials>[1]);
      return Response.json(json);
    } catch (error) {
      const e = error as { code: string; message: string };
      return Response.json({ error: { code: e.code, message: e.message } }, { status: 400 });
    }
  };

  function stored(c: { id: string; jwt: string }, recoveryDid?: string): StoredCredential {
    return {
      id: `urn:uuid:${c.id}`,
      jwt: c.jwt,
      type: "MedicalLicenseCredential",
      issuerDid: licensing.did,
      issuerName: "Eastland Medical Licensing Authority",
      addedAt: new Date().toISOString(),
      claimedFrom: "http://vitae.test",
      ...(recoveryDid ? { recoveryDid } : {}),
    };
  }

  it("re-binds what it can, says why for the rest, and reports offline without losing anything", async () => {
    const oldHolder = await generateHolderKey();
    const recovery = await generateRecoveryKey();
    const a = stored(await claimed(oldHolder, recovery), recovery.did);
    const b = stored(await claimed(oldHolder));
    const newHolder = await generateHolderKey();

    const offline = await rebindInWallet([a], newHolder, [recovery], {
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
      now: () => new Date(),
      defaultOrigin: "http://vitae.test",
    });
    expect(offline).toMatchObject([{ ok: false, code: "NETWORK" }]);

    const outcomes = await rebindInWallet([a, b], newHolder, [recovery], {
      fetch: serverFetch,
      now: () => new Date(),
      defaultOrigin: "http://vitae.test",
    });
    expect(outcomes.map((o) => (o.ok ? "ok" : o.code))).toEqual(["ok", "NO_RECOVERY_KEY"]);
    const first = outcomes[0]!;
    if (!first.ok) throw new Error("unreachable");
    expect(first.credentialId).toBe(a.id);
    const decoded = decodeJwt(first.credential);
    expect(decoded.ok && decoded.payload.sub).toBe(newHolder.did);
  });
});
