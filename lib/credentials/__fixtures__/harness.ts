import type { AnchorRecord, LedgerReader } from "@/lib/ledger/reader";
import { sha256Hex, statusListKey } from "@/lib/ledger/reader";
import type { Accreditation, TrustSnapshot } from "@/lib/trust/schemas";
import { encodeBase64url } from "../base64url";
import { P256_N, bigIntToBytes, bytesToBigInt } from "../p256";
import { createDidResolver } from "../resolve-did";
import type { VerifyCredentialDeps } from "../verify-credential";
import issuerDid from "./issuer-did.json";
import issuerKey from "./issuer-key.json";
import jwts from "./jwts.json";
import rogueDid from "./rogue-did.json";
import rogueKey from "./rogue-key.json";

/**
 * Test support for the universal verification core: the committed fixed-key vectors, a `fetch`
 * that serves from a map (tests never touch the network), a fake ledger and a signer. No node:*
 * here, so the same harness can drive the suite in a browser.
 */

export const ISSUER_DID = "did:web:issuer.test:issuers:demo";
export const ISSUER_KID = `${ISSUER_DID}#key-1`;
export const ISSUER_DID_URL = "https://issuer.test/issuers/demo/did.json";
export const ROGUE_DID = "did:web:rogue.test:issuers:demo";
export const ROGUE_KID = `${ROGUE_DID}#key-1`;
export const ROGUE_DID_URL = "https://rogue.test/issuers/demo/did.json";
export const LEDGER_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as const;
export const OTHER_ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
export const REVOCATION_LIST_URL = "https://issuer.test/api/v1/status-lists/demo-revocation-1";
export const SUSPENSION_LIST_URL = "https://issuer.test/api/v1/status-lists/demo-suspension-1";
export const HOLDER_DID = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
/** A moment inside every fixture's validity period. */
export const NOW = new Date("2026-06-01T12:00:00Z");

export const fixtures = { issuerDid, issuerKey, rogueDid, rogueKey, jwts };

export function json(value: unknown): string {
  return encodeBase64url(new TextEncoder().encode(JSON.stringify(value)));
}

/** Signs a compact JWS with WebCrypto (EdDSA for OKP keys, ES256 with low-S for EC keys). */
export async function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateJwk: JsonWebKey,
): Promise<string> {
  const input = `${json(header)}.${json(payload)}`;
  const data = new TextEncoder().encode(input);
  let signature: Uint8Array;
  if (privateJwk.kty === "OKP") {
    const key = await crypto.subtle.importKey("jwk", privateJwk, { name: "Ed25519" }, false, [
      "sign",
    ]);
    signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key, data));
  } else {
    const key = await crypto.subtle.importKey(
      "jwk",
      privateJwk,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["sign"],
    );
    signature = toLowS(
      new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, data)),
    );
  }
  return `${input}.${encodeBase64url(signature)}`;
}

/** (r, s) ↔ (r, n − s): the malleable twin of an ECDSA signature. */
export function flipS(signature: Uint8Array): Uint8Array {
  const out = signature.slice();
  out.set(bigIntToBytes(P256_N - bytesToBigInt(signature.subarray(32)), 32), 32);
  return out;
}

export function toLowS(signature: Uint8Array): Uint8Array {
  return bytesToBigInt(signature.subarray(32)) > P256_N >> 1n ? flipS(signature) : signature;
}

export type Route = string | { status: number; body?: string } | (() => Promise<Response>);

/** A `fetch` that serves a fixed map of URLs and records every request. */
export function mapFetch(routes: Map<string, Route> | Record<string, Route>) {
  const table = routes instanceof Map ? routes : new Map(Object.entries(routes));
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    const route = table.get(url);
    if (route === undefined) return new Response("not found", { status: 404 });
    if (typeof route === "function") return route();
    if (typeof route === "string") return new Response(route, { status: 200 });
    return new Response(route.body ?? "", { status: route.status });
  };
  return { fetch, calls };
}

export async function anchorOf(
  url: string,
  served: string,
  owner: `0x${string}` = LEDGER_ACCOUNT,
  version = 1,
): Promise<[`0x${string}`, AnchorRecord]> {
  return [
    statusListKey(url),
    {
      owner,
      version,
      hash: await sha256Hex(served),
      uri: url,
      anchoredAt: new Date("2025-01-01T00:05:00Z"),
    },
  ];
}

/** A ledger answering from a map (or throwing, to stand for an unreachable chain). */
export function fakeLedger(
  records: Iterable<[`0x${string}`, AnchorRecord]> | (() => never),
): LedgerReader & { queries: string[] } {
  const queries: string[] = [];
  const table = typeof records === "function" ? null : new Map(records);
  return {
    queries,
    async latest(listKey) {
      queries.push(listKey);
      if (typeof records === "function") records();
      return table?.get(listKey) ?? null;
    },
    async history() {
      return [];
    },
  };
}

/** A registry reading with these accreditations (in force 2025–2030 unless overridden). */
export function registrySnapshot(
  issuers: Array<Partial<Accreditation> & Pick<Accreditation, "did" | "name" | "credentialTypes">>,
): TrustSnapshot {
  return {
    state: "read",
    registry: { chainId: 31337, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
    governance: OTHER_ACCOUNT,
    blockNumber: 7,
    readAt: "2026-06-01T00:00:00.000Z",
    issuers: issuers.map((i) => ({
      validFrom: "2025-01-01T00:00:00.000Z",
      validUntil: "2030-01-01T00:00:00.000Z",
      withdrawnAt: null,
      withdrawalReason: null,
      updatedAt: "2025-01-01T00:00:00.000Z",
      ...i,
    })),
  };
}

export const trustSnapshot: TrustSnapshot = registrySnapshot([
  { did: ISSUER_DID, name: "Demo Medical Board", credentialTypes: ["MedicalLicenseCredential"] },
]);

/** Everything the happy path needs: both DID documents and both lists served, both lists anchored. */
export async function happyDeps(
  overrides: Partial<VerifyCredentialDeps> & { routes?: Record<string, Route> } = {},
) {
  const { routes: extraRoutes, ...rest } = overrides;
  const routes: Record<string, Route> = {
    [ISSUER_DID_URL]: JSON.stringify(issuerDid),
    [ROGUE_DID_URL]: JSON.stringify(rogueDid),
    [REVOCATION_LIST_URL]: jwts.revocationList,
    [SUSPENSION_LIST_URL]: jwts.suspensionList,
    ...extraRoutes,
  };
  const served = mapFetch(routes);
  const ledger = fakeLedger([
    await anchorOf(REVOCATION_LIST_URL, jwts.revocationList),
    await anchorOf(SUSPENSION_LIST_URL, jwts.suspensionList),
  ]);
  const deps: VerifyCredentialDeps = {
    resolveDid: createDidResolver({ fetch: served.fetch }),
    fetch: served.fetch,
    ledger,
    trust: trustSnapshot,
    now: () => NOW,
    ...rest,
  };
  return { deps, calls: served.calls, ledger };
}

/** The payload of a committed JWT, to derive variants from. */
export function payloadOf(jwt: string): Record<string, unknown> {
  const segment = jwt.split(".")[1]!;
  const bytes = Uint8Array.from(atob(segment.replace(/-/g, "+").replace(/_/g, "/")), (c) =>
    c.charCodeAt(0),
  );
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** Signs a variant of the fixture credential with the issuer's key. */
export function reissue(
  change: (payload: Record<string, unknown> & { vc: Record<string, unknown> }) => void,
  header: Record<string, unknown> = { alg: "EdDSA", typ: "JWT", kid: ISSUER_KID },
  privateJwk: JsonWebKey = issuerKey.privateJwk,
): Promise<string> {
  const payload = structuredClone(payloadOf(jwts.credential)) as Record<string, unknown> & {
    vc: Record<string, unknown>;
  };
  change(payload);
  return signJwt(header, payload, privateJwk);
}
