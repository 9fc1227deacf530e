import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { credentials } from "@/lib/db/schema";
import { findIssuer, type Issuer } from "@/lib/issuance/authenticate-issuer";
import { getClaimOffer } from "@/lib/issuance/claim-credential";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { verifyOnServer } from "@/lib/issuance/server-verifier";
import { parseCredentialOffer } from "@/lib/oid4vci/credential-offer-uri";
import { PRE_AUTHORIZED_GRANT } from "@/lib/oid4vci/schemas";
import { decodeJwt } from "@/lib/wallet/decode-jwt";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import {
  OfferError,
  previewCredentialOffer,
  receiveCredentialOffer,
  type ReceiveDeps,
} from "@/lib/wallet/receive-credential-offer";
import type { HolderIdentity, StoredCredential } from "@/lib/wallet/schemas";
import { signJwt } from "@/lib/wallet/sign-jwt";
import { startRouteTestStack } from "@/scripts/support/route-request";
import { TEST_PUBLIC_URL } from "@/scripts/support/test-stack";
import { GET as getOffer } from "../credential-offers/[token]/route";
import { GET as getAsMetadata } from "./[slug]/authorization-server/route";
import { OPTIONS as preflight, POST as postCredential } from "./[slug]/credential/route";
import { GET as getIssuerMetadata } from "./[slug]/credential-issuer/route";
import { POST as postNonce } from "./[slug]/nonce/route";
import { POST as postToken } from "./[slug]/token/route";

/**
 * The OpenID4VCI pre-authorized code flow end to end on the real stack (anvil + PGlite): Vitae's
 * route handlers as the issuer, reached through their public URLs (next.config.js rewrites
 * included), and the wallet's OID4VCI client driving them with a real P-256 key, starting from
 * nothing but the offer URI. Then the refusals: twice, expired, someone else's, bad proofs.
 */

const stack = startRouteTestStack();
let licensing: Issuer;
const ISSUER_ID = `${TEST_PUBLIC_URL}/issuers/eastland-licensing`;
const API = `${TEST_PUBLIC_URL}/api/v1/oid4vci/eastland-licensing`;

beforeAll(async () => {
  licensing = await findIssuer(stack.svc, "eastland-licensing");
});

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
const routes: Array<[RegExp, string, Handler]> = [
  [/^\/api\/v1\/oid4vci\/(?<slug>[^/]+)\/credential-issuer$/, "GET", getIssuerMetadata as Handler],
  [/^\/api\/v1\/oid4vci\/(?<slug>[^/]+)\/authorization-server$/, "GET", getAsMetadata as Handler],
  [/^\/api\/v1\/oid4vci\/(?<slug>[^/]+)\/token$/, "POST", postToken as Handler],
  [/^\/api\/v1\/oid4vci\/(?<slug>[^/]+)\/nonce$/, "POST", postNonce as Handler],
  [/^\/api\/v1\/oid4vci\/(?<slug>[^/]+)\/credential$/, "POST", postCredential as Handler],
  [/^\/api\/v1\/credential-offers\/(?<token>[^/]+)$/, "GET", getOffer as Handler],
];

/** The app's rewrites, applied as Next applies them: `:slug` segments. */
type Rewrite = { source: string; destination: string };
const configUrl = new URL("../../../../next.config.js", import.meta.url).href;
const nextConfig = (await import(configUrl)) as { default: { rewrites(): Promise<Rewrite[]> } };
const rewrites = (await nextConfig.default.rewrites()).map((r) => ({
  source: new RegExp(`^${r.source.replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`),
  destination: r.destination,
}));

/** fetch() against this server's public URL, answered by the route handlers. */
const vitaeFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.origin !== TEST_PUBLIC_URL) throw new TypeError(`no route to ${url.origin}`);
  let path = url.pathname;
  for (const r of rewrites) {
    const m = r.source.exec(path);
    if (m) path = r.destination.replace(/:(\w+)/g, (_: string, k: string) => m.groups![k]!);
  }
  for (const [pattern, method, handler] of routes) {
    const m = pattern.exec(path);
    if (m && request.method === method) {
      return handler(request, { params: Promise.resolve({ ...m.groups }) });
    }
  }
  return new Response(JSON.stringify({ error: "not_found" }), { status: 404 });
};

async function identity(): Promise<HolderIdentity> {
  const key = await generateHolderKey();
  return { id: "holder", ...key, createdAt: new Date().toISOString() };
}

function walletDeps(id: HolderIdentity, filed: StoredCredential[]): ReceiveDeps {
  return {
    fetch: vitaeFetch,
    createIdentity: async () => id,
    // IndexedDB is the browser's (Playwright covers it); here the filing is recorded.
    addCredential: async (input) => {
      const credential: StoredCredential = {
        id: String(filed.length),
        jwt: input.jwt,
        type: "x",
        issuerDid: "x",
        issuerName: input.issuerName,
        addedAt: new Date().toISOString(),
      };
      filed.push(credential);
      return { credential, added: true };
    },
    verify: (jwt) => verifyOnServer(stack.svc, jwt),
    now: () => new Date(),
  };
}

async function issueLicence(extra: { subject?: Record<string, unknown>; now?: Date } = {}) {
  return issueCredential(
    stack.svc,
    licensing,
    {
      type: "MedicalLicenseCredential",
      subject: {
        name: "Dr Amira Haddad",
        licenseNumber: `EL-${Math.floor(Math.random() * 1e6)}`,
        jurisdiction: "Eastland",
        ...extra.subject,
      },
    },
    extra.now,
  );
}

async function form(url: string, body: Record<string, string>) {
  const res = await vitaeFetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const tokenFor = (code: string) =>
  form(`${API}/token`, { grant_type: PRE_AUTHORIZED_GRANT, "pre-authorized_code": code });

async function nonce(api = API): Promise<string> {
  const res = await vitaeFetch(`${api}/nonce`, { method: "POST" });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  return ((await res.json()) as { c_nonce: string }).c_nonce;
}

async function proofFor(
  id: HolderIdentity,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { kid: id.kid },
) {
  return signJwt(
    { alg: "ES256", typ: "openid4vci-proof+jwt", ...header },
    { aud: ISSUER_ID, iat: Math.floor(Date.now() / 1000), ...claims },
    id.keyPair.privateKey,
  );
}

async function requestCredential(accessToken: string | undefined, body: unknown) {
  const res = await vitaeFetch(`${API}/credential`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as {
      error?: string;
      error_description?: string;
      credentials?: Array<{ credential: string }>;
    },
  };
}

const codeOf = (issued: { claimUrl: string }) => issued.claimUrl.split("#")[1]!;

describe("issuer metadata", () => {
  it("publishes credential issuer and authorization server metadata at both well-known forms", async () => {
    for (const url of [
      `${TEST_PUBLIC_URL}/.well-known/openid-credential-issuer/issuers/eastland-licensing`,
      `${ISSUER_ID}/.well-known/openid-credential-issuer`,
    ]) {
      const res = await vitaeFetch(url);
      expect(res.status).toBe(200);
      const meta = (await res.json()) as {
        credential_issuer: string;
        credential_endpoint: string;
        nonce_endpoint: string;
        display: Array<{ name: string }>;
        credential_configurations_supported: Record<
          string,
          {
            format: string;
            proof_types_supported: unknown;
            credential_definition: { type: string[] };
            credential_metadata: { display: Array<{ name: string }> };
          }
        >;
      };
      expect(meta.credential_issuer).toBe(ISSUER_ID);
      expect(meta.credential_endpoint).toBe(`${API}/credential`);
      expect(meta.nonce_endpoint).toBe(`${API}/nonce`);
      expect(meta.display[0]!.name).toBe(licensing.name);
      const licence = meta.credential_configurations_supported.MedicalLicenseCredential!;
      expect(licence.format).toBe("jwt_vc_json");
      expect(licence.proof_types_supported).toEqual({
        jwt: { proof_signing_alg_values_supported: ["ES256", "EdDSA"] },
      });
      expect(licence.credential_definition.type).toContain("MedicalLicenseCredential");
      expect(licence.credential_metadata.display[0]!.name).toBe("Medical licence");
    }
    const as = await vitaeFetch(
      `${TEST_PUBLIC_URL}/.well-known/oauth-authorization-server/issuers/eastland-licensing`,
    );
    const asMeta = (await as.json()) as Record<string, unknown>;
    expect(asMeta.issuer).toBe(ISSUER_ID);
    expect(asMeta.token_endpoint).toBe(`${API}/token`);
    expect(asMeta["pre-authorized_grant_anonymous_access_supported"]).toBe(true);

    const unknown = await vitaeFetch(
      `${TEST_PUBLIC_URL}/.well-known/openid-credential-issuer/issuers/nobody-here`,
    );
    expect(unknown.status).toBe(404);
  });
});

describe("the wallet claims through OpenID4VCI, starting from the offer URI only", () => {
  it("receives a verified credential bound to its key, and the claim is spent everywhere", async () => {
    const issued = await issueLicence();
    expect(issued.credentialOfferUri).toMatch(
      /^openid-credential-offer:\/\/\?credential_offer_uri=/,
    );
    const parsed = parseCredentialOffer(issued.credentialOfferUri);
    expect(parsed).toEqual({
      ok: true,
      kind: "reference",
      uri: `${TEST_PUBLIC_URL}/api/v1/credential-offers/${codeOf(issued)}`,
    });

    const preview = await previewCredentialOffer(issued.credentialOfferUri, vitaeFetch);
    expect(preview.issuerName).toBe(licensing.name);
    expect(preview.credentialName).toBe("Medical licence");
    expect(preview.offer.credential_configuration_ids).toEqual(["MedicalLicenseCredential"]);
    expect(preview.txCode).toBeUndefined();

    await stack.svc.anchoring.sweep();
    const wallet = await identity();
    const filed: StoredCredential[] = [];
    // Vitae's extension: the wallet's recovery key DID travels with the request and is stored.
    const recoveryDid = (await identity()).did;
    const outcome = await receiveCredentialOffer(preview, {
      ...walletDeps(wallet, filed),
      recoveryDid: async () => recoveryDid,
    });
    expect(filed).toHaveLength(1);
    expect(outcome.verification.verified).toBe(true);
    const payload = decodeJwt(filed[0]!.jwt)!.payload;
    expect(payload.sub).toBe(wallet.did);
    expect(filed[0]!.issuerName).toBe(licensing.name);

    const [row] = await stack.svc.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, issued.id));
    expect(row!.claimedAt).not.toBeNull();
    expect(row!.subjectDid).toBe(wallet.did);
    expect(row!.recoveryDid).toBe(recoveryDid);

    // Twice: the offer, the token endpoint and the old claim link all say so; nothing is filed.
    const again = await previewCredentialOffer(issued.credentialOfferUri, vitaeFetch).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(OfferError);
    expect((again as OfferError).code).toBe("GONE");
    expect((again as OfferError).message).toMatch(/already been claimed/);
    const replay = await receiveCredentialOffer(preview, walletDeps(await identity(), filed)).catch(
      (e: unknown) => e,
    );
    expect((replay as OfferError).code).toBe("invalid_grant");
    expect((replay as OfferError).final).toBe(true);
    expect((replay as OfferError).message).toMatch(/already been claimed/);
    expect(filed).toHaveLength(1);
    await expect(getClaimOffer(stack.svc, codeOf(issued))).rejects.toThrow(/already been claimed/);
  });

  it("a credential claimed by its link is refused to OpenID4VCI, and vice versa", async () => {
    const issued = await issueLicence();
    const token = await tokenFor(codeOf(issued));
    expect(token.status).toBe(200);
    // The link is used in the meantime…
    const { redeemClaim } = await import("@/lib/issuance/claim-credential");
    const { createProof } = await import("@/lib/wallet/claim-credential");
    const linkWallet = await identity();
    const offer = await getClaimOffer(stack.svc, codeOf(issued));
    await redeemClaim(stack.svc, codeOf(issued), await createProof(linkWallet, offer));
    // …so the access token obtained before gets a refusal, not a second credential.
    const other = await identity();
    const res = await requestCredential(token.json.access_token as string, {
      credential_configuration_id: "MedicalLicenseCredential",
      proofs: { jwt: [await proofFor(other, { nonce: await nonce() })] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe("credential_request_denied");
    expect(res.json.error_description).toMatch(/already been claimed/);
  });
});

describe("the token endpoint", () => {
  it("exchanges a code once, refuses unknown grants, expired and unknown codes", async () => {
    const issued = await issueLicence();
    const first = await tokenFor(codeOf(issued));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    expect(typeof first.json.access_token).toBe("string");

    const second = await tokenFor(codeOf(issued));
    expect(second).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(second.json.error_description).toMatch(/already been used/);

    const wrongGrant = await form(`${API}/token`, {
      grant_type: "authorization_code",
      code: codeOf(issued),
    });
    expect(wrongGrant).toMatchObject({ status: 400, json: { error: "unsupported_grant_type" } });

    const unknown = await tokenFor("A".repeat(32));
    expect(unknown).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(unknown.json.error_description).toMatch(/not valid/);

    const json = await vitaeFetch(`${API}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: PRE_AUTHORIZED_GRANT }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe("invalid_request");

    const old = await issueLicence({ now: new Date(Date.now() - 8 * 24 * 3600 * 1000) });
    const expired = await tokenFor(codeOf(old));
    expect(expired).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect(expired.json.error_description).toMatch(/expired on/);

    // Another issuer's token endpoint does not take Eastland's code.
    const elsewhere = await form(`${TEST_PUBLIC_URL}/api/v1/oid4vci/northbridge-medicine/token`, {
      grant_type: PRE_AUTHORIZED_GRANT,
      "pre-authorized_code": codeOf(await issueLicence()),
    });
    expect(elsewhere.json.error).toBe("invalid_grant");
  });
});

describe("the credential endpoint", () => {
  it("refuses missing tokens, bad proofs and reused nonces with the spec's codes", async () => {
    const issued = await issueLicence();
    const access = (await tokenFor(codeOf(issued))).json.access_token as string;
    const wallet = await identity();
    const request = (jwt: string, id = "MedicalLicenseCredential") => ({
      credential_configuration_id: id,
      proofs: { jwt: [jwt] },
    });

    const noToken = await requestCredential(undefined, request("aaaa.bbbb.cccc"));
    expect(noToken.status).toBe(401);
    expect(noToken.json.error).toBe("invalid_token");
    expect(noToken.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    const badToken = await requestCredential("nope", request("aaaa.bbbb.cccc"));
    expect(badToken.json.error).toBe("invalid_token");

    const wrongConfig = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: await nonce() }), "MedicalDegreeCredential"),
    );
    expect(wrongConfig.json.error).toBe("unknown_credential_configuration");

    const noProof = await requestCredential(access, {
      credential_configuration_id: "MedicalLicenseCredential",
    });
    expect(noProof.json.error).toBe("invalid_proof");

    const wrongAud = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: await nonce(), aud: "https://elsewhere.example" })),
    );
    expect(wrongAud.json.error).toBe("invalid_proof");
    expect(wrongAud.json.error_description).toMatch(/addressed to/);

    const wrongTyp = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: await nonce() }, { kid: wallet.kid, typ: "JWT" })),
    );
    expect(wrongTyp.json.error).toBe("invalid_proof");

    // A proof signed by one key but naming another.
    const impostor = await identity();
    const forged = await signJwt(
      { alg: "ES256", typ: "openid4vci-proof+jwt", kid: wallet.kid },
      { aud: ISSUER_ID, iat: Math.floor(Date.now() / 1000), nonce: await nonce() },
      impostor.keyPair.privateKey,
    );
    expect((await requestCredential(access, request(forged))).json.error).toBe("invalid_proof");

    const made = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: "made-up" })),
    );
    expect(made.json.error).toBe("invalid_nonce");
    // A nonce from another issuer's endpoint is not this issuer's.
    const foreign = await nonce(`${TEST_PUBLIC_URL}/api/v1/oid4vci/northbridge-medicine`);
    const crossIssuer = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: foreign })),
    );
    expect(crossIssuer.json.error).toBe("invalid_nonce");

    // Finally a good request, with the key in the `jwk` header this time.
    const used = await nonce();
    const good = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: used }, { jwk: wallet.publicJwk })),
    );
    expect(good.json.error_description).toBeUndefined();
    expect(good.status).toBe(200);
    expect(good.headers.get("cache-control")).toContain("no-store");
    // Browser wallets on other origins may call the endpoints (no cookies are involved).
    expect(good.headers.get("access-control-allow-origin")).toBe("*");
    const pre = preflight();
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(decodeJwt(good.json.credentials![0]!.credential)!.payload.sub).toBe(wallet.did);

    // The access token is spent with the credential, and so is the nonce.
    const replay = await requestCredential(
      access,
      request(await proofFor(wallet, { nonce: used })),
    );
    expect(replay.json.error).toBe("invalid_token");
  });

  it("refuses a proof from another key when the credential was issued to a known DID", async () => {
    const owner = await identity();
    const issued = await issueLicence({ subject: { id: owner.did } });
    const access = (await tokenFor(codeOf(issued))).json.access_token as string;
    const stranger = await identity();
    const res = await requestCredential(access, {
      credential_configuration_id: "MedicalLicenseCredential",
      proofs: { jwt: [await proofFor(stranger, { nonce: await nonce() })] },
    });
    expect(res.json.error).toBe("credential_request_denied");
    expect(res.json.error_description).toMatch(/different wallet key/);
    const [row] = await stack.svc.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, issued.id));
    expect(row!.claimedAt).toBeNull();

    // The right wallet, through the client, still gets it.
    const filed: StoredCredential[] = [];
    const fresh = await issueLicence({ subject: { id: owner.did } });
    const preview = await previewCredentialOffer(fresh.credentialOfferUri, vitaeFetch);
    await receiveCredentialOffer(preview, walletDeps(owner, filed));
    expect(filed).toHaveLength(1);
  });
});
