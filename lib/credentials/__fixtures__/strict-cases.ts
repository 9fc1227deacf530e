import { MAX_JWT_BYTES } from "../decode-jwt";
import { MAX_PRESENTATION_BYTES, MAX_PRESENTATION_CREDENTIALS } from "../decode-presentation";
import { createNonceStore } from "../nonce-store";
import { W3C_CREDENTIALS_V1 } from "../schemas";
import type { VerificationResult } from "../verification";
import { DEFAULT_CLOCK_SKEW_SECONDS, verifyCredential } from "../verify-credential";
import {
  verifyPresentation,
  type PresentationRequest,
  type PresentationVerificationResult,
  type VerifyPresentationDeps,
} from "../verify-presentation";
import {
  fixtures,
  flipS,
  happyDeps,
  ISSUER_DID,
  ISSUER_KID,
  json,
  NOW,
  payloadOf,
  reissue,
  ROGUE_DID,
  ROGUE_KID,
  signJwt,
} from "./harness";

/**
 * The strict suite: every input the issue says widely used libraries accept and Vitae must refuse,
 * each with the code it must be refused with, for credentials and presentations alike. It is one
 * table of universal code, run by Vitest in Node (lib/credentials/strict-suite.test.ts) and by
 * Playwright in Chromium (e2e/core/strict-suite.spec.ts), which also checks that both runtimes
 * report exactly the same checks for every case. Inputs are built at run time from the committed
 * fixture keys (plus a fresh P-256 holder key, as a wallet has), so nothing touches the network.
 */

export type StrictCase = {
  name: string;
  kind: "credential" | "presentation";
  /** Whether the input must come out verified (a few controls and skew cases must). */
  verified: boolean;
  /** `check:ok:code` entries the answer must contain; `cN.check:…` for embedded credential N. */
  expect: string[];
  run: (env: StrictEnv) => Promise<Outcome>;
};

export type Outcome = {
  verified: boolean;
  /** Every check of the answer as `id:ok:code`, embedded credentials as `cN.id:ok:code`. */
  checks: string[];
};

export type CaseReport = {
  name: string;
  kind: StrictCase["kind"];
  expectedVerified: boolean;
  expect: string[];
} & Outcome;

type Holder = { did: string; kid: string; privateJwk: JsonWebKey };

export type StrictEnv = {
  holder: Holder;
  other: Holder;
  /** A P-256 did:jwk issuer, for the ES256 high-S credential case. */
  p256Issuer: Holder;
};

export const DOMAIN = "https://hospital.example";
const SKEW = DEFAULT_CLOCK_SKEW_SECONDS;
const nowSeconds = NOW.getTime() / 1000;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

async function newHolder(): Promise<Holder> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const { kty, crv, x, y, d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const did = `did:jwk:${json({ crv, kty, x, y })}`;
  return { did, kid: `${did}#0`, privateJwk: { kty, crv, x, y, d } };
}

export async function createStrictEnv(): Promise<StrictEnv> {
  const [holder, other, p256Issuer] = await Promise.all([newHolder(), newHolder(), newHolder()]);
  return { holder, other, p256Issuer };
}

function summarize(result: VerificationResult | PresentationVerificationResult): Outcome {
  const checks = result.checks.map((c) => `${c.id}:${String(c.ok)}:${c.code}`);
  if ("credentials" in result) {
    result.credentials.forEach((r, i) =>
      checks.push(...r.checks.map((c) => `c${i + 1}.${c.id}:${String(c.ok)}:${c.code}`)),
    );
  }
  return { verified: result.verified, checks };
}

// ——— inputs ———

type Payload = Record<string, unknown> & { vc: Record<string, unknown> };

function atIndex(payload: Payload, index: number): void {
  const entries = payload.vc.credentialStatus as Array<Record<string, unknown>>;
  for (const entry of entries) {
    entry.statusListIndex = String(index);
    entry.id = `${String(entry.statusListCredential)}#${index}`;
  }
}

/** The fixture licence, made out to `subject` (a wallet's did:jwk), after `change`. */
function licence(subject: string | undefined, change: (p: Payload) => void = () => undefined) {
  return reissue((p) => {
    if (subject === undefined) delete p.sub;
    else p.sub = subject;
    change(p);
  });
}

function tamper(jwt: string): string {
  const [h, , s] = jwt.split(".");
  const payload = payloadOf(jwt) as Payload;
  (payload.vc.credentialSubject as Record<string, unknown>).name = "Dr. Mallory";
  return `${h}.${json(payload)}.${s}`;
}

function withHeader(jwt: string, header: Record<string, unknown>): string {
  const [, p, s] = jwt.split(".");
  return `${json(header)}.${p}.${s}`;
}

/** Sets an unused trailing bit of the signature: same bytes, a second spelling. */
function nonCanonical(jwt: string): string {
  const last = jwt.at(-1)!;
  return jwt.slice(0, -1) + ALPHABET[ALPHABET.indexOf(last) | 1]!;
}

function highS(jwt: string): string {
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const bytes = Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) =>
    c.charCodeAt(0),
  );
  return `${h}.${p}.${encodeBytes(flipS(bytes))}`;
}

function encodeBytes(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function nested(depth: number): unknown {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
}

async function hs256(header: Record<string, unknown>, payload: Record<string, unknown>) {
  const input = `${json(header)}.${json(payload)}`;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(fixtures.issuerKey.publicJwk.x),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(input));
  return `${input}.${encodeBytes(new Uint8Array(mac))}`;
}

type VpOptions = {
  signer?: Holder;
  /** The DID named as `iss`; defaults to the signer's. */
  iss?: string;
  header?: Record<string, unknown>;
  nonce?: string | undefined;
  aud?: unknown;
  iat?: number;
  exp?: number | undefined;
  vp?: Record<string, unknown>;
};

function presentation(
  env: StrictEnv,
  credentials: unknown[],
  nonce: string,
  options: VpOptions = {},
): Promise<string> {
  const signer = options.signer ?? env.holder;
  const iss = options.iss ?? signer.did;
  const payload: Record<string, unknown> = {
    iss,
    aud: "aud" in options ? options.aud : DOMAIN,
    nonce: "nonce" in options ? options.nonce : nonce,
    iat: options.iat ?? nowSeconds - 10,
    exp: "exp" in options ? options.exp : nowSeconds + 300,
    jti: "urn:uuid:5d6c1a58-7a53-4c8e-9e2b-000000000001",
    vp: {
      "@context": [W3C_CREDENTIALS_V1],
      type: ["VerifiablePresentation"],
      holder: iss,
      verifiableCredential: credentials,
      ...options.vp,
    },
  };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  const header = options.header ?? { alg: "ES256", typ: "JWT", kid: `${iss}#0` };
  return signJwt(header, payload, signer.privateJwk);
}

// ——— running ———

async function credentialCase(
  jwt: string | Promise<string>,
  deps?: Parameters<typeof happyDeps>[0],
): Promise<Outcome> {
  const { deps: d } = await happyDeps(deps);
  return summarize(await verifyCredential(await jwt, d));
}

type PresentationRun = {
  /** Defaults to a challenge issued by a real nonce store, with DOMAIN as the audience. */
  request?: (challenge: string) => PresentationRequest;
  deps?: Partial<VerifyPresentationDeps>;
  /** How many times the same presentation is verified; the last answer counts (replay). */
  times?: number;
};

async function presentationCase(
  make: (challenge: string) => Promise<string>,
  run: PresentationRun = {},
): Promise<Outcome> {
  const store = createNonceStore({ now: () => NOW });
  const { challenge } = store.issue(DOMAIN);
  const { deps } = await happyDeps();
  const full: VerifyPresentationDeps = {
    ...deps,
    consumeNonce: (n) => store.consume(n),
    ...run.deps,
  };
  const request = run.request?.(challenge) ?? { challenge, domain: DOMAIN };
  const jwt = await make(challenge);
  let result = await verifyPresentation(jwt, request, full);
  for (let i = 1; i < (run.times ?? 1); i++) result = await verifyPresentation(jwt, request, full);
  return summarize(result);
}

const ALL_PRESENTATION_OK = [
  "format:true:PRESENTATION_FORMAT_OK",
  "signature:true:HOLDER_SIGNATURE_VALID",
  "validity:true:PRESENTATION_VALIDITY_OK",
  "challenge:true:NONCE_OK",
  "audience:true:AUDIENCE_OK",
  "holder:true:HOLDER_IS_SUBJECT",
  "credentials:true:CREDENTIALS_VERIFIED",
];

export const strictCases: StrictCase[] = [
  // ——— credentials ———
  {
    name: "credential: the untouched fixture verifies (control)",
    kind: "credential",
    verified: true,
    expect: ["signature:true:SIGNATURE_VALID", "trust:true:TRUST_ACCREDITED"],
    run: () => credentialCase(fixtures.jwts.credential),
  },
  {
    name: "credential: vc.issuer differs from iss",
    kind: "credential",
    verified: false,
    expect: ["format:false:ISSUER_MISMATCH"],
    run: () => credentialCase(reissue((p) => (p.vc.issuer = ROGUE_DID))),
  },
  {
    name: "credential: past vc.expirationDate without exp",
    kind: "credential",
    verified: false,
    expect: ["validity:false:EXPIRED", "signature:true:SIGNATURE_VALID"],
    run: () =>
      credentialCase(
        reissue((p) => {
          delete p.exp;
          p.vc.expirationDate = "2026-05-01T00:00:00Z";
        }),
      ),
  },
  {
    name: "credential: past vc.validUntil without exp",
    kind: "credential",
    verified: false,
    expect: ["validity:false:EXPIRED"],
    run: () =>
      credentialCase(
        reissue((p) => {
          delete p.exp;
          p.vc.validUntil = "2026-05-31T00:00:00Z";
        }),
      ),
  },
  {
    name: "credential: nbf in the future",
    kind: "credential",
    verified: false,
    expect: ["validity:false:NOT_YET_VALID"],
    run: () => credentialCase(reissue((p) => (p.nbf = nowSeconds + 3600))),
  },
  {
    name: "credential: vc.validFrom in the future without nbf",
    kind: "credential",
    verified: false,
    expect: ["validity:false:NOT_YET_VALID"],
    run: () =>
      credentialCase(
        reissue((p) => {
          delete p.nbf;
          p.vc.validFrom = "2026-06-02T00:00:00Z";
        }),
      ),
  },
  {
    name: `credential: clock skew — nbf ${SKEW / 2} s ahead is tolerated`,
    kind: "credential",
    verified: true,
    expect: ["validity:true:VALIDITY_OK"],
    run: () => credentialCase(reissue((p) => (p.nbf = nowSeconds + SKEW / 2))),
  },
  {
    name: `credential: clock skew — nbf ${SKEW * 2} s ahead is not`,
    kind: "credential",
    verified: false,
    expect: ["validity:false:NOT_YET_VALID"],
    run: () => credentialCase(reissue((p) => (p.nbf = nowSeconds + SKEW * 2))),
  },
  {
    name: `credential: clock skew — expired ${SKEW / 2} s ago is tolerated`,
    kind: "credential",
    verified: true,
    expect: ["validity:true:VALIDITY_OK"],
    run: () => credentialCase(reissue((p) => (p.exp = nowSeconds - SKEW / 2))),
  },
  {
    name: `credential: clock skew — expired ${SKEW * 2} s ago is not`,
    kind: "credential",
    verified: false,
    expect: ["validity:false:EXPIRED"],
    run: () => credentialCase(reissue((p) => (p.exp = nowSeconds - SKEW * 2))),
  },
  {
    name: "credential: an unsupported credentialStatus type is unknown, not valid",
    kind: "credential",
    verified: false,
    expect: ["status:null:STATUS_TYPE_UNSUPPORTED"],
    run: () =>
      credentialCase(
        reissue(
          (p) =>
            (p.vc.credentialStatus = {
              id: "https://issuer.test/status/1#7",
              type: "StatusList2021Entry",
              statusPurpose: "revocation",
              statusListIndex: "7",
              statusListCredential: "https://issuer.test/status/1",
            }),
        ),
      ),
  },
  {
    name: "credential: revoked",
    kind: "credential",
    verified: false,
    expect: ["status:false:REVOKED", "anchor:true:ANCHOR_MATCH"],
    run: () => credentialCase(fixtures.jwts.revokedCredential),
  },
  {
    name: "credential: suspended",
    kind: "credential",
    verified: false,
    expect: ["status:false:SUSPENDED"],
    run: () => credentialCase(fixtures.jwts.suspendedCredential),
  },
  {
    name: "credential: issuer not accredited for the type",
    kind: "credential",
    verified: false,
    expect: ["trust:false:NOT_ACCREDITED_FOR_TYPE", "signature:true:SIGNATURE_VALID"],
    run: () =>
      credentialCase(
        reissue((p) => (p.vc.type = ["VerifiableCredential", "SpecialtyCertificationCredential"])),
      ),
  },
  {
    name: "credential: issuer not in the trust registry",
    kind: "credential",
    verified: false,
    expect: ["trust:false:ISSUER_UNKNOWN", "signature:true:SIGNATURE_VALID"],
    run: () =>
      credentialCase(
        reissue(
          (p) => {
            p.iss = ROGUE_DID;
            delete p.vc.credentialStatus;
          },
          { alg: "EdDSA", typ: "JWT", kid: ROGUE_KID },
          fixtures.rogueKey.privateJwk,
        ),
      ),
  },
  {
    name: "credential: tampered payload",
    kind: "credential",
    verified: false,
    expect: ["signature:false:SIGNATURE_INVALID", "status:null:SIGNATURE_INVALID"],
    run: () => credentialCase(tamper(fixtures.jwts.credential)),
  },
  {
    name: "credential: alg none",
    kind: "credential",
    verified: false,
    expect: ["signature:false:ALG_NOT_ALLOWED"],
    run: () =>
      credentialCase(
        `${json({ alg: "none", typ: "JWT" })}.${fixtures.jwts.credential.split(".")[1]}.`,
      ),
  },
  {
    name: "credential: HS256 keyed with the issuer's public key",
    kind: "credential",
    verified: false,
    expect: ["signature:false:ALG_NOT_ALLOWED"],
    run: () =>
      credentialCase(
        hs256({ alg: "HS256", typ: "JWT", kid: ISSUER_KID }, payloadOf(fixtures.jwts.credential)),
      ),
  },
  {
    name: "credential: ES256 header over the issuer's Ed25519 key",
    kind: "credential",
    verified: false,
    expect: ["signature:false:ALG_KEY_MISMATCH"],
    run: () =>
      credentialCase(
        withHeader(fixtures.jwts.credential, { alg: "ES256", typ: "JWT", kid: ISSUER_KID }),
      ),
  },
  {
    name: "credential: unknown kid",
    kind: "credential",
    verified: false,
    expect: ["signature:false:KEY_NOT_FOUND"],
    run: () =>
      credentialCase(
        reissue(() => undefined, { alg: "EdDSA", typ: "JWT", kid: `${ISSUER_DID}#key-9` }),
      ),
  },
  {
    name: "credential: kid of another DID whose key really signed",
    kind: "credential",
    verified: false,
    expect: ["signature:false:KEY_NOT_FOUND"],
    run: () =>
      credentialCase(
        reissue(
          () => undefined,
          { alg: "EdDSA", typ: "JWT", kid: ROGUE_KID },
          fixtures.rogueKey.privateJwk,
        ),
      ),
  },
  {
    name: "credential: high-S twin of a valid ES256 signature",
    kind: "credential",
    verified: false,
    expect: ["signature:false:SIGNATURE_INVALID"],
    run: async (env) => {
      const payload = payloadOf(fixtures.jwts.credential) as Payload;
      payload.iss = env.p256Issuer.did;
      delete payload.vc.credentialStatus;
      const header = { alg: "ES256", typ: "JWT", kid: env.p256Issuer.kid };
      const lowS = await signJwt(header, payload, env.p256Issuer.privateJwk);
      // The low-S original passes the signature check (and fails trust: a did:jwk is unaccredited).
      const control = await credentialCase(lowS);
      if (!control.checks.includes("signature:true:SIGNATURE_VALID")) return control;
      return credentialCase(highS(lowS));
    },
  },
  {
    name: "credential: non-canonical base64url signature",
    kind: "credential",
    verified: false,
    expect: ["format:false:NON_CANONICAL_BASE64URL"],
    run: () => credentialCase(nonCanonical(fixtures.jwts.credential)),
  },
  {
    name: `credential: oversize input (> ${MAX_JWT_BYTES / 1024} KiB)`,
    kind: "credential",
    verified: false,
    expect: ["format:false:INPUT_TOO_LARGE"],
    run: () =>
      credentialCase(
        reissue(
          (p) => (p.vc.credentialSubject = { name: "x".repeat(MAX_JWT_BYTES), licenseNumber: "1" }),
        ),
      ),
  },
  {
    name: "credential: JSON nested too deep",
    kind: "credential",
    verified: false,
    expect: ["format:false:INVALID_JSON"],
    run: () => credentialCase(reissue((p) => (p.vc.credentialSubject = { deep: nested(40) }))),
  },

  // ——— presentations ———
  {
    name: "presentation: holder's own valid licence, with nonce and audience (control)",
    kind: "presentation",
    verified: true,
    expect: [...ALL_PRESENTATION_OK, "c1.status:true:STATUS_ACTIVE"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(env.holder.did)], nonce)),
  },
  {
    name: "presentation: embeds a tampered credential",
    kind: "presentation",
    verified: false,
    expect: [
      "credentials:false:CREDENTIAL_NOT_VERIFIED",
      "c2.signature:false:SIGNATURE_INVALID",
      "holder:null:CREDENTIAL_NOT_VERIFIED",
    ],
    run: (env) =>
      presentationCase(async (nonce) => {
        const good = await licence(env.holder.did);
        return presentation(env, [good, tamper(good)], nonce);
      }),
  },
  {
    name: "presentation: embeds an expired credential",
    kind: "presentation",
    verified: false,
    expect: ["credentials:false:CREDENTIAL_NOT_VERIFIED", "c1.validity:false:EXPIRED"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(
          env,
          [await licence(env.holder.did, (p) => (p.exp = nowSeconds - 86_400))],
          nonce,
        ),
      ),
  },
  {
    name: "presentation: embeds a revoked credential",
    kind: "presentation",
    verified: false,
    expect: ["credentials:false:CREDENTIAL_NOT_VERIFIED", "c1.status:false:REVOKED"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did, (p) => atIndex(p, 42))], nonce),
      ),
  },
  {
    name: "presentation: embeds a wrongly issued credential (issuer not accredited for the type)",
    kind: "presentation",
    verified: false,
    expect: ["credentials:false:CREDENTIAL_NOT_VERIFIED", "c1.trust:false:NOT_ACCREDITED_FOR_TYPE"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(
          env,
          [
            await licence(
              env.holder.did,
              (p) => (p.vc.type = ["VerifiableCredential", "HospitalPrivilegesCredential"]),
            ),
          ],
          nonce,
        ),
      ),
  },
  {
    name: "presentation: embeds a credential whose status is unknown — the presentation is unknown",
    kind: "presentation",
    verified: false,
    expect: ["credentials:null:CREDENTIAL_UNKNOWN", "c1.status:null:STATUS_TYPE_UNSUPPORTED"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(
          env,
          [
            await licence(env.holder.did, (p) => {
              (p.vc.credentialStatus as Array<Record<string, unknown>>)[1]!.type =
                "StatusList2021Entry";
            }),
          ],
          nonce,
        ),
      ),
  },
  {
    name: "presentation: signer is not the subject of the credential",
    kind: "presentation",
    verified: false,
    expect: ["holder:false:HOLDER_NOT_SUBJECT", "credentials:true:CREDENTIALS_VERIFIED"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(env.other.did)], nonce)),
  },
  {
    name: "presentation: a credential with no subject is not bound to the holder",
    kind: "presentation",
    verified: false,
    expect: ["holder:false:HOLDER_NOT_SUBJECT"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(undefined)], nonce)),
  },
  {
    name: "presentation: non-subject holder, explicitly allowed by the request",
    kind: "presentation",
    verified: true,
    expect: ["holder:true:HOLDER_BINDING_WAIVED"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(env.other.did)], nonce), {
        request: (challenge) => ({ challenge, domain: DOMAIN, allowNonSubjectHolder: true }),
      }),
  },
  {
    name: "presentation: no nonce although a challenge was given",
    kind: "presentation",
    verified: false,
    expect: ["challenge:false:NONCE_MISSING"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, { nonce: undefined }),
      ),
  },
  {
    name: "presentation: answers another challenge",
    kind: "presentation",
    verified: false,
    expect: ["challenge:false:NONCE_MISMATCH"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, { nonce: `${nonce}x` }),
      ),
  },
  {
    name: "presentation: replay of a used nonce",
    kind: "presentation",
    verified: false,
    expect: ["challenge:false:NONCE_REPLAYED", "signature:true:HOLDER_SIGNATURE_VALID"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(env.holder.did)], nonce), {
        times: 2,
      }),
  },
  {
    name: "presentation: a nonce this verifier never issued",
    kind: "presentation",
    verified: false,
    expect: ["challenge:false:NONCE_REPLAYED"],
    run: (env) =>
      presentationCase(
        async () => presentation(env, [await licence(env.holder.did)], "self-invented-nonce"),
        { request: () => ({ challenge: "self-invented-nonce", domain: DOMAIN }) },
      ),
  },
  {
    name: "presentation: a challenge without a nonce store cannot rule out replay",
    kind: "presentation",
    verified: false,
    expect: ["challenge:null:NONCE_UNCHECKED"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(env.holder.did)], nonce), {
        deps: { consumeNonce: undefined },
      }),
  },
  {
    name: "presentation: the nonce store fails — unknown, not valid",
    kind: "presentation",
    verified: false,
    expect: ["challenge:null:NONCE_UNCHECKED"],
    run: (env) =>
      presentationCase(async (nonce) => presentation(env, [await licence(env.holder.did)], nonce), {
        deps: {
          consumeNonce: () => Promise.reject(new Error("store down")),
        },
      }),
  },
  {
    name: "presentation: no audience although a domain was given",
    kind: "presentation",
    verified: false,
    expect: ["audience:false:AUDIENCE_MISSING"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, { aud: undefined }),
      ),
  },
  {
    name: "presentation: addressed to another verifier",
    kind: "presentation",
    verified: false,
    expect: ["audience:false:AUDIENCE_MISMATCH"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          aud: "https://insurer.example",
        }),
      ),
  },
  {
    name: "presentation: no credentials",
    kind: "presentation",
    verified: false,
    expect: ["format:false:PRESENTATION_EMPTY"],
    run: (env) => presentationCase((nonce) => presentation(env, [], nonce)),
  },
  {
    name: `presentation: more than ${MAX_PRESENTATION_CREDENTIALS} credentials`,
    kind: "presentation",
    verified: false,
    expect: ["format:false:TOO_MANY_CREDENTIALS"],
    run: (env) =>
      presentationCase(async (nonce) => {
        const one = await licence(env.holder.did);
        return presentation(
          env,
          Array.from({ length: MAX_PRESENTATION_CREDENTIALS + 1 }, () => one),
          nonce,
        );
      }),
  },
  {
    name: "presentation: a credential JWT passed off as a presentation",
    kind: "presentation",
    verified: false,
    expect: ["format:false:NOT_A_PRESENTATION"],
    run: () => presentationCase(async () => fixtures.jwts.credential),
  },
  {
    name: "presentation: vp.holder differs from the signer",
    kind: "presentation",
    verified: false,
    expect: ["format:false:HOLDER_MISMATCH"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          vp: { holder: env.other.did },
        }),
      ),
  },
  {
    name: "presentation: signed by another key than the holder DID it names",
    kind: "presentation",
    verified: false,
    expect: ["signature:false:SIGNATURE_INVALID", "credentials:null:SIGNATURE_INVALID"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          signer: env.other,
          iss: env.holder.did,
        }),
      ),
  },
  {
    name: "presentation: expired",
    kind: "presentation",
    verified: false,
    expect: ["validity:false:PRESENTATION_EXPIRED"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          iat: nowSeconds - 3600,
          exp: nowSeconds - 3000,
        }),
      ),
  },
  {
    name: `presentation: clock skew — expired ${SKEW / 2} s ago is tolerated`,
    kind: "presentation",
    verified: true,
    expect: ["validity:true:PRESENTATION_VALIDITY_OK"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          iat: nowSeconds - 300,
          exp: nowSeconds - SKEW / 2,
        }),
      ),
  },
  {
    name: `presentation: clock skew — issued ${SKEW * 2} s in the future is not`,
    kind: "presentation",
    verified: false,
    expect: ["validity:false:PRESENTATION_NOT_YET_VALID"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, { iat: nowSeconds + SKEW * 2 }),
      ),
  },
  {
    name: "presentation: older than the request's maximum age",
    kind: "presentation",
    verified: false,
    expect: ["validity:false:PRESENTATION_EXPIRED"],
    run: (env) =>
      presentationCase(
        async (nonce) =>
          presentation(env, [await licence(env.holder.did)], nonce, {
            iat: nowSeconds - 900,
            exp: nowSeconds + 900,
          }),
        { request: (challenge) => ({ challenge, domain: DOMAIN, maxAgeSeconds: 300 }) },
      ),
  },
  {
    name: "presentation: alg none",
    kind: "presentation",
    verified: false,
    expect: ["signature:false:ALG_NOT_ALLOWED"],
    run: (env) =>
      presentationCase(async (nonce) => {
        const signed = await presentation(env, [await licence(env.holder.did)], nonce);
        return `${json({ alg: "none", typ: "JWT" })}.${signed.split(".")[1]}.`;
      }),
  },
  {
    name: "presentation: HS256",
    kind: "presentation",
    verified: false,
    expect: ["signature:false:ALG_NOT_ALLOWED"],
    run: (env) =>
      presentationCase(async (nonce) => {
        const signed = await presentation(env, [await licence(env.holder.did)], nonce);
        return hs256({ alg: "HS256", typ: "JWT", kid: env.holder.kid }, payloadOf(signed));
      }),
  },
  {
    name: "presentation: EdDSA header over the holder's P-256 key",
    kind: "presentation",
    verified: false,
    expect: ["signature:false:ALG_KEY_MISMATCH"],
    run: (env) =>
      presentationCase(async (nonce) =>
        withHeader(await presentation(env, [await licence(env.holder.did)], nonce), {
          alg: "EdDSA",
          typ: "JWT",
          kid: env.holder.kid,
        }),
      ),
  },
  {
    name: "presentation: unknown kid",
    kind: "presentation",
    verified: false,
    expect: ["signature:false:KEY_NOT_FOUND"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          header: { alg: "ES256", typ: "JWT", kid: `${env.holder.did}#1` },
        }),
      ),
  },
  {
    name: "presentation: high-S twin of the holder's signature",
    kind: "presentation",
    verified: false,
    expect: ["signature:false:SIGNATURE_INVALID"],
    run: (env) =>
      presentationCase(async (nonce) =>
        highS(await presentation(env, [await licence(env.holder.did)], nonce)),
      ),
  },
  {
    name: "presentation: non-canonical base64url signature",
    kind: "presentation",
    verified: false,
    expect: ["format:false:NON_CANONICAL_BASE64URL"],
    run: (env) =>
      presentationCase(async (nonce) =>
        nonCanonical(await presentation(env, [await licence(env.holder.did)], nonce)),
      ),
  },
  {
    name: `presentation: oversize input (> ${MAX_PRESENTATION_BYTES / 1024} KiB)`,
    kind: "presentation",
    verified: false,
    expect: ["format:false:INPUT_TOO_LARGE"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, {
          vp: { padding: "x".repeat(MAX_PRESENTATION_BYTES) },
        }),
      ),
  },
  {
    name: "presentation: JSON nested too deep",
    kind: "presentation",
    verified: false,
    expect: ["format:false:INVALID_JSON"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [await licence(env.holder.did)], nonce, { vp: { extra: nested(40) } }),
      ),
  },
  {
    name: "presentation: an embedded credential that is not a JWT string",
    kind: "presentation",
    verified: false,
    expect: ["format:false:NOT_A_PRESENTATION"],
    run: (env) =>
      presentationCase(async (nonce) =>
        presentation(env, [{ "@context": [W3C_CREDENTIALS_V1] }], nonce),
      ),
  },
];

/** Runs every case (or those named) and reports what each produced, for both runtimes alike. */
export async function runStrictSuite(names?: string[]): Promise<CaseReport[]> {
  const env = await createStrictEnv();
  const reports: CaseReport[] = [];
  for (const c of strictCases) {
    if (names && !names.includes(c.name)) continue;
    const outcome = await c.run(env);
    reports.push({
      name: c.name,
      kind: c.kind,
      expectedVerified: c.verified,
      expect: c.expect,
      ...outcome,
    });
  }
  return reports;
}

/** Why a report does not meet its case, or null when it does. */
export function mismatch(report: CaseReport): string | null {
  if (report.verified !== report.expectedVerified) {
    return `verified is ${report.verified}, expected ${report.expectedVerified} (${report.checks.join(", ")})`;
  }
  const missing = report.expect.filter((e) => !report.checks.includes(e));
  return missing.length ? `missing ${missing.join(", ")} in ${report.checks.join(", ")}` : null;
}
