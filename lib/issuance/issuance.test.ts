import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProof } from "@/lib/wallet/claim-credential";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import { decodeJwt } from "@/lib/credentials/decode-jwt";
import { AppError } from "@/lib/errors";
import { startTestChain, startTestServices, type TestChain } from "@/scripts/support/test-stack";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { changeCredentialStatus } from "./change-status";
import { getClaimOffer, redeemClaim } from "./claim-credential";
import { issueCredential } from "./issue-credential";
import { listIssuedCredentials } from "./list-issued-credentials";
import { verifyOnServer } from "./server-verifier";
import type { IssuanceServices } from "./services";
import { servedVersion } from "./status-lists";
import { sha256Hex, statusListKey } from "@/lib/ledger/reader";
import { credentialTypeNames } from "@/lib/credentials/credential-types";
import { subjectExamples } from "@/lib/credentials/credential-types/examples";
import { demoIssuers } from "./demo-issuers";

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
let licensing: Issuer;

const subject = {
  name: "Dr Amira Haddad",
  licenseNumber: "EL-1001",
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

function codes(result: { checks: Array<{ id: string; code: string; ok: boolean | null }> }) {
  return Object.fromEntries(result.checks.map((c) => [c.id, `${c.ok}:${c.code}`]));
}

describe("issuing, verifying and revoking on the real chain and database", () => {
  it("issues a licence that verifies in full, anchored on the chain", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    // A new list's first version is anchored by the worker right away; wait for it.
    await svc.anchoring.sweep();
    const result = await verifyOnServer(svc, issued.jwt);
    expect(codes(result)).toEqual({
      format: "true:FORMAT_OK",
      signature: "true:SIGNATURE_VALID",
      validity: "true:VALIDITY_OK",
      status: "true:STATUS_ACTIVE",
      anchor: "true:ANCHOR_MATCH",
      trust: "true:TRUST_ACCREDITED",
    });
    expect(result.verified).toBe(true);

    // The served list is byte for byte what the chain vouches for.
    const served = await servedVersion(svc, issued.status.listId);
    const onChain = await svc.ledger.reader.latest(
      statusListKey(`${svc.publicUrl}/api/v1/status-lists/${issued.status.listId}`),
    );
    expect(onChain?.hash).toBe(await sha256Hex(served.jwt));
    expect(onChain?.version).toBe(served.version);
  });

  it("gives each credential a different random index", async () => {
    const indexes = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const issued = await issueCredential(svc, licensing, {
        type: "MedicalLicenseCredential",
        subject,
      });
      indexes.add(issued.status.index);
    }
    expect(indexes.size).toBe(5);
  });

  it("revokes: new list version anchored, verification says REVOKED", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const before = await servedVersion(svc, issued.status.listId);
    const change = await changeCredentialStatus(svc, licensing, issued.id, "revoke", "surrendered");
    expect(change.state).toBe("anchored");
    expect(change.version).toBe(before.version + 1);
    expect(change.anchorTx).toMatch(/^0x[0-9a-f]{64}$/);
    const result = await verifyOnServer(svc, issued.jwt);
    expect(result.verified).toBe(false);
    expect(codes(result).status).toBe("false:REVOKED");
    expect(codes(result).anchor).toBe("true:ANCHOR_MATCH");

    // Repeating it changes nothing; reinstating a revoked credential is refused.
    const again = await changeCredentialStatus(svc, licensing, issued.id, "revoke", undefined);
    expect(again.version).toBe(change.version);
    await expect(
      changeCredentialStatus(svc, licensing, issued.id, "reinstate", undefined),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("suspends and reinstates through the suspension list", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const suspended = await changeCredentialStatus(
      svc,
      licensing,
      issued.id,
      "suspend",
      "under review",
    );
    expect(suspended.listId).toBe("eastland-licensing-suspension-1");
    expect(codes(await verifyOnServer(svc, issued.jwt)).status).toBe("false:SUSPENDED");
    await changeCredentialStatus(svc, licensing, issued.id, "reinstate", undefined);
    expect((await verifyOnServer(svc, issued.jwt)).verified).toBe(true);
  });

  it("refuses another issuer's credential and types an issuer may not issue", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const hospital = await findIssuer(svc, "st-aurelia-hospital");
    await expect(
      changeCredentialStatus(svc, hospital, issued.id, "revoke", undefined),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      issueCredential(svc, hospital, { type: "MedicalLicenseCredential", subject }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      issueCredential(svc, licensing, { type: "MedicalLicenseCredential", subject: { name: "" } }),
    ).rejects.toBeInstanceOf(AppError);
  });
});

describe("claiming with proof of possession", () => {
  it("binds the credential to the wallet's DID, once", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const token = issued.claimUrl.split("#")[1]!;
    const holder = await generateHolderKey();
    const offer = await getClaimOffer(svc, token);
    expect(offer.offer.issuer.name).toBe("Eastland Medical Licensing Authority");
    expect(offer.audience).toBe(licensing.did);

    const proof = await createProof(holder, { audience: offer.audience, nonce: offer.nonce });
    const claimed = await redeemClaim(svc, token, proof);
    const decoded = decodeJwt(claimed.credential);
    expect(decoded.ok && decoded.payload.sub).toBe(holder.did);
    expect((await verifyOnServer(svc, claimed.credential)).verified).toBe(true);

    await expect(redeemClaim(svc, token, proof)).rejects.toMatchObject({ code: "GONE" });
    await expect(getClaimOffer(svc, token)).rejects.toMatchObject({ code: "GONE" });
  });

  it("refuses a stale nonce, a proof for another issuer, and an unknown link", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    const token = issued.claimUrl.split("#")[1]!;
    const holder = await generateHolderKey();
    const first = await getClaimOffer(svc, token);
    await getClaimOffer(svc, token); // a newer offer replaces the nonce
    await expect(
      redeemClaim(
        svc,
        token,
        await createProof(holder, { audience: first.audience, nonce: first.nonce }),
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const current = await getClaimOffer(svc, token);
    await expect(
      redeemClaim(
        svc,
        token,
        await createProof(holder, { audience: "did:web:elsewhere.test", nonce: current.nonce }),
      ),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(getClaimOffer(svc, "A".repeat(32))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a wallet other than the one the credential was issued to", async () => {
    const intended = await generateHolderKey();
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject: { ...subject, id: intended.did },
    });
    const token = issued.claimUrl.split("#")[1]!;
    const stranger = await generateHolderKey();
    const offer = await getClaimOffer(svc, token);
    await expect(
      redeemClaim(
        svc,
        token,
        await createProof(stranger, { audience: offer.audience, nonce: offer.nonce }),
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the registry of issued credentials", () => {
  it("shows the anchor behind each credential's current status", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject,
    });
    await svc.anchoring.sweep();
    const fresh = (await listIssuedCredentials(svc, licensing)).find((c) => c.id === issued.id);
    expect(fresh?.anchor).toMatchObject({ state: "anchored", listId: issued.status.listId });

    const change = await changeCredentialStatus(svc, licensing, issued.id, "suspend", "review");
    const row = (await listIssuedCredentials(svc, licensing)).find((c) => c.id === issued.id);
    expect(row?.anchor).toMatchObject({
      listId: "eastland-licensing-suspension-1",
      version: change.version,
      state: "anchored",
      anchorTx: change.anchorTx,
    });
  });
});

describe("every doctor credential type", () => {
  it.each(credentialTypeNames)(
    "%s is issued by an accredited issuer and verifies in full",
    async (type) => {
      const demo = demoIssuers.find((d) => (d.credentialTypes as readonly string[]).includes(type));
      if (!demo) throw new Error(`no demo issuer issues ${type}`);
      const issuer = await findIssuer(svc, demo.slug);
      const issued = await issueCredential(svc, issuer, { type, subject: subjectExamples[type] });
      const decoded = decodeJwt(issued.jwt);
      if (!decoded.ok) throw new Error(decoded.message);
      const vc = decoded.payload.vc as Record<string, unknown>;
      expect(vc.type).toEqual(
        type === "CompetencyCredential"
          ? ["VerifiableCredential", "AchievementCredential", type]
          : ["VerifiableCredential", type],
      );
      expect(
        (vc["@context"] as string[]).includes(
          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ),
      ).toBe(type === "CompetencyCredential");
      const result = await verifyOnServer(svc, issued.jwt);
      expect(codes(result)).toMatchObject({
        trust: "true:TRUST_ACCREDITED",
        status: "true:STATUS_ACTIVE",
      });
      expect(result.credential?.type).toBe(type);
    },
  );

  it("ends a credential with its subject's end date, and refuses one already past", async () => {
    const issued = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject: { ...subject, validUntil: "2099-12-31" },
    });
    const decoded = decodeJwt(issued.jwt);
    expect(decoded.ok && decoded.payload.exp).toBe(Date.parse("2099-12-31T23:59:59Z") / 1000);
    await expect(
      issueCredential(svc, licensing, {
        type: "MedicalLicenseCredential",
        subject: { ...subject, validUntil: "2001-01-01" },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { "subject.validUntil": ["must lie in the future"] },
    });
  });

  it("refuses a type the issuer is not accredited for, and names nested fields in errors", async () => {
    await expect(
      issueCredential(svc, licensing, {
        type: "ClinicalPrivilegesCredential",
        subject: subjectExamples.ClinicalPrivilegesCredential,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const hospital = await findIssuer(svc, "st-aurelia-hospital");
    await expect(
      issueCredential(svc, hospital, {
        type: "CompetencyCredential",
        subject: {
          ...subjectExamples.CompetencyCredential,
          achievement: { achievementType: "Competency" },
        },
      }),
    ).rejects.toMatchObject({
      fields: {
        "subject.achievement.name": ["is required"],
        "subject.achievement.criteria": [expect.any(String)],
      },
    });
  });
});
