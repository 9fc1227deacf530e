import { describe, expect, it } from "vitest";
import { decodeJwt as decodeCompact } from "@/lib/credentials/decode-jwt";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { VITAE_CONTEXT, W3C_CREDENTIALS_V1 } from "@/lib/credentials/schemas";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import { verifyJws } from "@/lib/credentials/verify-jws";
import type { LedgerReader } from "@/lib/ledger/reader";
import { credentialOfferByValue, parseCredentialOffer } from "@/lib/oid4vci/credential-offer-uri";
import { PRE_AUTHORIZED_GRANT } from "@/lib/oid4vci/schemas";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import { generateHolderKey } from "./holder-key";
import {
  OfferError,
  previewCredentialOffer,
  receiveCredentialOffer,
  type ReceiveDeps,
} from "./receive-credential-offer";
import type { HolderIdentity, StoredCredential } from "./schemas";
import { signJwt } from "./sign-jwt";

/**
 * The wallet's OpenID4VCI client against a tiny issuer that is not Vitae and speaks the older
 * draft forms a real one may still use: offer by value, metadata only at the appended
 * well-known path, a separate authorization server, no nonce endpoint (c_nonce in the token
 * response) and the single `credential` in the answer. The issuer checks the proof as the spec
 * says; the wallet checks the credential with the universal core before filing it.
 */

const ISSUER = "https://issuer.example/tenant-7";
const AS = "https://auth.example";
const CODE = "pre-auth-code-0001";

const resolveDid = createDidResolver({ fetch: () => Promise.reject(new Error("offline")) });
const trust: TrustSnapshot = {
  state: "unavailable",
  registry: { chainId: 31337, address: "0x0000000000000000000000000000000000000001" },
  readAt: new Date().toISOString(),
  reason: "not read in this test",
};
// The credentials here carry no status, so the core never reads the ledger.
const ledger = {} as LedgerReader;
const verify = (jwt: string) =>
  verifyCredential(jwt, { resolveDid, fetch, ledger, trust, now: () => new Date() });

type Tweak = { tamper?: boolean; sub?: string; refuseProof?: boolean };

async function foreignIssuer(tweak: Tweak = {}) {
  const issuerKey = await generateHolderKey();
  const log: string[] = [];
  let nonce = "n-1";
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  const fetchFn: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    log.push(`${req.method} ${url.href}`);
    if (url.href === `${ISSUER}/.well-known/openid-credential-issuer`) {
      return json({
        credential_issuer: ISSUER,
        authorization_servers: [AS],
        credential_endpoint: `${ISSUER}/credential`,
        display: [{ name: "Northern Medical School", locale: "en-GB" }],
        credential_configurations_supported: {
          degree: {
            format: "jwt_vc_json",
            display: [{ name: "Medical degree (Northern)", locale: "en-GB" }],
          },
        },
      });
    }
    if (url.href === `${AS}/.well-known/oauth-authorization-server`) {
      return json({ issuer: AS, token_endpoint: `${AS}/token` });
    }
    if (url.href === `${AS}/token` && req.method === "POST") {
      const form = new URLSearchParams(await req.text());
      if (
        form.get("grant_type") !== PRE_AUTHORIZED_GRANT ||
        form.get("pre-authorized_code") !== CODE
      ) {
        return json({ error: "invalid_grant", error_description: "Unknown code." }, 400);
      }
      if (form.get("tx_code") !== "493817") {
        return json({ error: "invalid_grant", error_description: "Wrong transaction code." }, 400);
      }
      return json({ access_token: "at-1", token_type: "bearer", c_nonce: nonce });
    }
    if (url.href === `${ISSUER}/credential` && req.method === "POST") {
      if (req.headers.get("authorization") !== "Bearer at-1") {
        return json({ error: "invalid_token" }, 401);
      }
      const body = (await req.json()) as {
        credential_configuration_id: string;
        proofs: { jwt: string[] };
      };
      const proof = decodeCompact(body.proofs.jwt[0]!);
      if (!proof.ok) return json({ error: "invalid_proof" }, 400);
      const kid = String(proof.header.kid);
      const holderDid = kid.split("#")[0]!;
      const doc = await resolveDid(holderDid);
      const sig = doc.ok
        ? await verifyJws(proof, { kid, document: doc.document, purpose: "authentication" })
        : { ok: false };
      if (
        tweak.refuseProof ||
        !sig.ok ||
        proof.header.typ !== "openid4vci-proof+jwt" ||
        proof.payload.aud !== ISSUER ||
        proof.payload.nonce !== nonce
      ) {
        return json({ error: "invalid_proof", error_description: "The proof does not hold." }, 400);
      }
      nonce = "spent";
      let credential = await signJwt(
        { alg: "ES256", typ: "JWT", kid: issuerKey.kid },
        {
          iss: issuerKey.did,
          sub: tweak.sub ?? holderDid,
          jti: "urn:uuid:7f0e2c1a-0000-4000-8000-000000000001",
          nbf: Math.floor(Date.now() / 1000) - 60,
          vc: {
            "@context": [W3C_CREDENTIALS_V1, VITAE_CONTEXT],
            type: ["VerifiableCredential", "MedicalDegreeCredential"],
            credentialSubject: {
              name: "Dr Amira Haddad",
              degree: "MBBS",
              programme: "Bachelor of Medicine, Bachelor of Surgery",
              institution: "Northern Medical School",
              graduationDate: "2016-07-14",
            },
          },
        },
        issuerKey.keyPair.privateKey,
      );
      if (tweak.tamper) {
        // Another signature of the right length: the issuer's key did not make it.
        const [h, p, sig] = credential.split(".");
        credential = `${h}.${p}.${sig!.slice(0, 10)}${sig![10] === "A" ? "B" : "A"}${sig!.slice(11)}`;
      }
      return json({ credential });
    }
    return json({ error: "not_found" }, 404);
  };
  const offer = credentialOfferByValue({
    credential_issuer: ISSUER,
    credential_configuration_ids: ["degree"],
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        "pre-authorized_code": CODE,
        tx_code: { input_mode: "numeric", length: 6, description: "Sent to you by SMS" },
      },
    },
  });
  return { fetchFn, offer, log, issuerKey };
}

async function identity(): Promise<HolderIdentity> {
  return { id: "holder", ...(await generateHolderKey()), createdAt: new Date().toISOString() };
}

function deps(fetchFn: typeof fetch, id: HolderIdentity, filed: StoredCredential[]): ReceiveDeps {
  return {
    fetch: fetchFn,
    createIdentity: async () => id,
    addCredential: async (input) => {
      const credential = {
        id: "c",
        jwt: input.jwt,
        type: "t",
        issuerDid: "d",
        issuerName: input.issuerName,
        addedAt: new Date().toISOString(),
        ...(input.claimedFrom ? { claimedFrom: input.claimedFrom } : {}),
      };
      filed.push(credential);
      return { credential, added: true };
    },
    verify,
    now: () => new Date(),
  };
}

describe("parseCredentialOffer", () => {
  it("reads offers by value and by reference, and says what is wrong with the rest", () => {
    const ref = parseCredentialOffer(
      "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example%2Foffers%2F1",
    );
    expect(ref).toEqual({ ok: true, kind: "reference", uri: "https://a.example/offers/1" });
    const json = parseCredentialOffer(
      JSON.stringify({ credential_issuer: ISSUER, credential_configuration_ids: ["x"] }),
    );
    expect(json.ok && json.kind).toBe("value");
    expect(parseCredentialOffer("")).toMatchObject({ ok: false, message: /Paste/ });
    expect(parseCredentialOffer("hello")).toMatchObject({
      ok: false,
      message: /not a credential offer/,
    });
    expect(
      parseCredentialOffer(
        "openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fevil.example%2F1",
      ),
    ).toMatchObject({ ok: false, message: /https/ });
    expect(
      parseCredentialOffer(
        `openid-credential-offer://?credential_offer=${encodeURIComponent("{}")}`,
      ),
    ).toMatchObject({ ok: false, message: /incomplete/ });
  });
});

describe("receiving from an issuer that is not Vitae", () => {
  it("follows the spec end to end and files a credential that verifies", async () => {
    const { fetchFn, offer, log, issuerKey } = await foreignIssuer();
    const preview = await previewCredentialOffer(offer, fetchFn);
    expect(preview.issuerName).toBe("Northern Medical School");
    expect(preview.credentialName).toBe("Medical degree (Northern)");
    expect(preview.txCode).toEqual({
      inputMode: "numeric",
      length: 6,
      description: "Sent to you by SMS",
    });

    const wallet = await identity();
    const filed: StoredCredential[] = [];
    await expect(
      receiveCredentialOffer(preview, deps(fetchFn, wallet, filed)),
    ).rejects.toMatchObject({
      code: "TX_CODE_REQUIRED",
    });
    const outcome = await receiveCredentialOffer(preview, deps(fetchFn, wallet, filed), "493817");
    expect(filed).toHaveLength(1);
    expect(filed[0]!.claimedFrom).toBe("https://issuer.example");
    const checks = Object.fromEntries(outcome.verification.checks.map((c) => [c.id, c.ok]));
    expect(checks).toMatchObject({ format: true, signature: true, validity: true });
    expect(decodeCompact(filed[0]!.jwt).ok && issuerKey.did).toBeTruthy();
    // Inserted well-known first (404 here), then the appended form the issuer serves.
    expect(log.slice(0, 2)).toEqual([
      "GET https://issuer.example/.well-known/openid-credential-issuer/tenant-7",
      "GET https://issuer.example/tenant-7/.well-known/openid-credential-issuer",
    ]);
  });

  it("does not file a credential whose signature fails, or one made out to someone else", async () => {
    for (const [tweak, code] of [
      [{ tamper: true }, "NOT_VERIFIED"],
      [{ sub: "did:jwk:someone-else" }, "WRONG_HOLDER"],
      [{ refuseProof: true }, "invalid_proof"],
    ] as const) {
      const { fetchFn, offer } = await foreignIssuer(tweak);
      const filed: StoredCredential[] = [];
      const preview = await previewCredentialOffer(offer, fetchFn);
      const err = await receiveCredentialOffer(
        preview,
        deps(fetchFn, await identity(), filed),
        "493817",
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OfferError);
      expect((err as OfferError).code).toBe(code);
      expect(filed).toHaveLength(0);
    }
  });

  it("refuses metadata that names another issuer", async () => {
    const { fetchFn, offer } = await foreignIssuer();
    const lying: typeof fetch = async (input, init) => {
      const res = await fetchFn(input, init);
      if (!String(input).endsWith("openid-credential-issuer")) return res;
      const body = (await res.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, credential_issuer: "https://other.example" }));
    };
    await expect(previewCredentialOffer(offer, lying)).rejects.toThrow(/different issuer/);
  });
});
