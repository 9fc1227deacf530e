import { verifyJWS } from "did-jwt";
import { describe, expect, it, vi } from "vitest";
import { base64url } from "./base64url";
import {
  ClaimError,
  claimCredential,
  createProof,
  readClaimToken,
  type ClaimDeps,
} from "./claim-credential";
import { generateHolderKey } from "./holder-key";
import type { HolderIdentity, StoredCredential } from "./schemas";

const TOKEN = "q9Lx3vT0b8Zk1mN4pR7sW2yA5cE6gH8j";
const ISSUER = "did:web:localhost%3A3000:issuers:gmc";
const NOW = new Date("2026-03-01T10:00:00Z");

async function identity(): Promise<HolderIdentity> {
  return { id: "holder", ...(await generateHolderKey()), createdAt: NOW.toISOString() };
}

/** An unsigned stand-in: the wallet files credentials, it does not verify them at claim time. */
function credentialJwt(sub: string): string {
  const payload = {
    iss: ISSUER,
    sub,
    jti: "urn:uuid:cred-1",
    vc: {
      type: ["VerifiableCredential", "MedicalLicenseCredential"],
      credentialSubject: { name: "Dr Ada Lovelace", licenseNumber: "GMC-1234567" },
    },
  };
  return `${base64url.encodeJson({ alg: "ES256" })}.${base64url.encodeJson(payload)}.c2ln`;
}

const offerBody = {
  offer: {
    credentialId: "cred-1",
    type: "MedicalLicenseCredential",
    issuer: { did: ISSUER, name: "General Medical Council", slug: "gmc" },
    preview: { name: "Dr Ada Lovelace", licenseNumber: "GMC-1234567" },
    expiresAt: "2026-03-08T10:00:00.000Z",
  },
  nonce: "n-0S1gk3KZ",
  audience: ISSUER,
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function deps(holder: HolderIdentity, fetchImpl: ClaimDeps["fetch"]) {
  const stored: StoredCredential[] = [];
  const d = {
    fetch: vi.fn(fetchImpl),
    createIdentity: vi.fn(async () => holder),
    addCredential: vi.fn<ClaimDeps["addCredential"]>(async (input) => {
      const credential: StoredCredential = {
        id: "urn:uuid:cred-1",
        jwt: input.jwt,
        type: "MedicalLicenseCredential",
        issuerDid: ISSUER,
        issuerName: input.issuerName,
        addedAt: NOW.toISOString(),
      };
      stored.push(credential);
      return { credential, added: true };
    }),
    now: () => NOW,
    origin: "http://localhost:3000",
  } satisfies ClaimDeps;
  return { d, stored };
}

describe("readClaimToken", () => {
  it("takes the token from the fragment and rejects mangled ones", () => {
    expect(readClaimToken(`#${TOKEN}`)).toBe(TOKEN);
    expect(readClaimToken("")).toBeNull();
    expect(readClaimToken("#")).toBeNull();
    expect(readClaimToken("#abc")).toBeNull();
    expect(readClaimToken(`#${TOKEN}/../x`)).toBeNull();
  });
});

describe("createProof", () => {
  it("signs an openid4vci proof over the nonce for the issuer, with the holder key", async () => {
    const holder = await identity();
    const proof = await createProof(holder, { audience: ISSUER, nonce: "abc" }, NOW);
    const [h, p] = proof.split(".") as [string, string];
    expect(base64url.decodeJson(h)).toEqual({
      alg: "ES256",
      typ: "openid4vci-proof+jwt",
      kid: `${holder.did}#0`,
    });
    expect(base64url.decodeJson(p)).toEqual({
      iss: holder.did,
      aud: ISSUER,
      nonce: "abc",
      iat: NOW.getTime() / 1000,
    });
    expect(() =>
      verifyJWS(proof, {
        id: holder.kid,
        type: "JsonWebKey2020",
        controller: holder.did,
        publicKeyJwk: holder.publicJwk,
      }),
    ).not.toThrow();
  });
});

describe("claimCredential", () => {
  it("fetches a fresh nonce, proves possession, and files the credential", async () => {
    const holder = await identity();
    const { d, stored } = deps(holder, async (url, init) => {
      expect(String(url)).toBe(`/api/v1/claims/${TOKEN}`);
      if (init?.method !== "POST") return json(200, offerBody);
      const { proof } = JSON.parse(String(init.body)) as { proof: string };
      const payload = base64url.decodeJson(proof.split(".")[1] ?? "") as Record<string, unknown>;
      expect(payload).toMatchObject({ iss: holder.did, aud: ISSUER, nonce: offerBody.nonce });
      return json(200, { id: "cred-1", credential: credentialJwt(holder.did) });
    });

    const outcome = await claimCredential(TOKEN, d);

    expect(outcome.added).toBe(true);
    expect(outcome.identity).toBe(holder);
    expect(stored).toHaveLength(1);
    expect(d.addCredential).toHaveBeenCalledWith({
      jwt: credentialJwt(holder.did),
      issuerName: "General Medical Council",
      fallbackId: "cred-1",
      claimedFrom: "http://localhost:3000",
    });
  });

  it("passes the server's message on for a spent link, and makes no wallet for it", async () => {
    const holder = await identity();
    const message = "This credential has already been claimed. Each claim link works once.";
    const { d } = deps(holder, async () => json(410, { error: { code: "GONE", message } }));

    const error = await claimCredential(TOKEN, d).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ClaimError);
    expect(error).toMatchObject({ code: "GONE", status: 410, message, final: true });
    expect(d.createIdentity).not.toHaveBeenCalled();
    expect(d.addCredential).not.toHaveBeenCalled();
  });

  it("refuses a credential made out to another DID", async () => {
    const holder = await identity();
    const other = await identity();
    const { d } = deps(holder, async (_url, init) =>
      init?.method === "POST"
        ? json(200, { id: "cred-1", credential: credentialJwt(other.did) })
        : json(200, offerBody),
    );
    await expect(claimCredential(TOKEN, d)).rejects.toMatchObject({ code: "WRONG_HOLDER" });
    expect(d.addCredential).not.toHaveBeenCalled();
  });

  it("explains answers that are not the API's", async () => {
    const holder = await identity();
    const gateway = deps(
      holder,
      async () => new Response("<html>Bad gateway</html>", { status: 502 }),
    );
    await expect(claimCredential(TOKEN, gateway.d)).rejects.toMatchObject({
      code: "HTTP",
      status: 502,
      final: false,
    });

    const odd = deps(holder, async () => json(200, { offer: { credentialId: 1 } }));
    await expect(claimCredential(TOKEN, odd.d)).rejects.toMatchObject({ code: "BAD_RESPONSE" });

    const offline = deps(holder, async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(claimCredential(TOKEN, offline.d)).rejects.toMatchObject({ code: "NETWORK" });
  });
});

describe("claimCredential with a recovery key", () => {
  it("sends the recovery key's DID with the proof and files it with the credential", async () => {
    const holder = await identity();
    const recoveryDid = "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6IngiLCJ5IjoieSJ9";
    const posted: unknown[] = [];
    const { d } = deps(holder, async (_url, init) => {
      if (init?.method !== "POST") return json(200, offerBody);
      posted.push(JSON.parse(String(init.body)));
      return json(200, { id: "cred-1", credential: credentialJwt(holder.did) });
    });
    await claimCredential(TOKEN, { ...d, recoveryDid: async () => recoveryDid });
    expect(posted).toEqual([{ proof: expect.any(String), recovery_did: recoveryDid }]);
    expect(d.addCredential.mock.calls[0]![0]).toMatchObject({ recoveryDid });
  });
});
