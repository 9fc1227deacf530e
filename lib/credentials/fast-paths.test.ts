import { describe, expect, it } from "vitest";
import { bitstringStatusListEntrySchema, credentialClaimSchema } from "@/lib/credentials/schemas";
import { parseStatusEntry } from "@/lib/status/check-status";
import { fixtures, happyDeps, ISSUER_DID } from "./__fixtures__/harness";
import {
  Base64urlError,
  decodeBase64url,
  decodeBase64urlToBinary,
  encodeBase64url,
} from "./base64url";
import { parseCredentialClaim } from "./decode-credential";
import { clearHeaderCache, decodeJwt, signingBytes } from "./decode-jwt";
import { parseJson } from "./parse-json";
import { verifyJws } from "./verify-jws";

/**
 * The verifier's shortcuts (see the perf notes in ARCHITECTURE.md) must give exactly the answers
 * of the code they shortcut. Each is held to it here, on the inputs that decide.
 */

function thrown(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(Base64urlError);
    return (err as Error).message;
  }
}

function binaryOf(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

describe("decodeBase64urlToBinary", () => {
  it("decodes every length as decodeBase64url does", () => {
    for (let n = 0; n < 80; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = encodeBase64url(bytes);
      expect(decodeBase64urlToBinary(text)).toBe(binaryOf(decodeBase64url(text)));
    }
  });

  it("refuses what decodeBase64url refuses, with the same reason", () => {
    for (const bad of [
      "QQ==",
      "QQ=",
      "ab+c",
      "ab/c",
      "ab c",
      "abé",
      "ab.c",
      "QR",
      "QUJ",
      "Q",
      "QUJDR",
      "QUJD\n",
      "\u0100AAA",
      "AAAA\u00c1",
    ]) {
      const expected = thrown(() => decodeBase64url(bad));
      expect(expected).not.toBeNull();
      expect(thrown(() => decodeBase64urlToBinary(bad))).toBe(expected);
    }
  });
});

describe("parseJson", () => {
  it("still refuses deep nesting, wherever the brackets are", () => {
    const deep = "[".repeat(33) + "]".repeat(33);
    expect(parseJson(deep)).toMatchObject({ ok: false, message: expect.stringMatching(/deeper/) });
    expect(parseJson("[".repeat(32) + "]".repeat(32))).toMatchObject({ ok: true });
    const wide = JSON.stringify(Array.from({ length: 40 }, () => ({ a: [1] })));
    expect(parseJson(wide)).toMatchObject({ ok: true });
    // brackets inside strings do not nest
    expect(parseJson(JSON.stringify({ s: "[".repeat(100) }))).toMatchObject({ ok: true });
    expect(parseJson('{"a": [1,')).toMatchObject({ ok: false, message: /not valid JSON/ });
  });
});

describe("parseStatusEntry", () => {
  const good = {
    id: "https://issuer.test/api/v1/status-lists/demo-revocation-1#7",
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: "7",
    statusListCredential: "https://issuer.test/api/v1/status-lists/demo-revocation-1",
  };
  const variants: Record<string, unknown>[] = [
    good,
    { ...good, id: undefined },
    { ...good, extra: { nested: true } },
    { ...good, id: 7 },
    { ...good, type: "StatusList2021Entry" },
    { ...good, statusPurpose: "suspension" },
    { ...good, statusPurpose: "message" },
    { ...good, statusListIndex: 7 },
    { ...good, statusListIndex: "07" },
    { ...good, statusListIndex: "0" },
    { ...good, statusListIndex: "12345678901" },
    { ...good, statusListIndex: "-1" },
    { ...good, statusListCredential: "not a url" },
    { ...good, statusListCredential: "ftp://issuer.test/list" },
    { ...good, statusListCredential: "http://localhost:3000/api/v1/status-lists/x" },
    { ...good, statusListCredential: "javascript:alert(1)" },
    { ...good, statusListCredential: "" },
    { ...good, statusListCredential: undefined },
  ];

  it("accepts and refuses exactly what the schema does", () => {
    for (const entry of variants) {
      const fast = parseStatusEntry(entry);
      const schema = bitstringStatusListEntrySchema.safeParse(entry);
      expect(fast.success, JSON.stringify(entry)).toBe(schema.success);
      if (fast.success && schema.success) {
        const { statusListCredential, statusPurpose, statusListIndex } = schema.data;
        expect(fast.data).toMatchObject({ statusListCredential, statusPurpose, statusListIndex });
      }
      // twice: the second answer comes from the memoised URL verdict
      expect(parseStatusEntry(entry).success).toBe(schema.success);
    }
  });
});

describe("signingBytes", () => {
  it("are the JWT's header.payload, made on demand, and follow the bytes once they exist", () => {
    const jwt = fixtures.jwts.credential;
    const decoded = decodeJwt(jwt);
    if (!decoded.ok) throw new Error(decoded.message);
    const expected = new TextEncoder().encode(jwt.slice(0, jwt.lastIndexOf(".")));
    expect(signingBytes(decoded)).toEqual(expected);
    expect(decoded.signingInput).toEqual(expected);
    decoded.signingInput[0] = 0x41;
    expect(signingBytes(decoded)[0]).toBe(0x41);
    const copy = { ...decoded, signingInput: expected };
    expect(signingBytes(copy)).toEqual(expected);
  });

  it("may be reused as soon as verify() returns: WebCrypto has copied them (this runtime)", async () => {
    const { deps } = await happyDeps();
    const resolution = await deps.resolveDid(ISSUER_DID);
    if (!resolution.ok) throw new Error(resolution.message);
    const [a, b] = [fixtures.jwts.credential, fixtures.jwts.revokedCredential].map((jwt) => {
      const d = decodeJwt(jwt);
      if (!d.ok) throw new Error(d.message);
      return d;
    });
    const key = await crypto.subtle.importKey(
      "jwk",
      fixtures.issuerKey.publicJwk,
      { name: "Ed25519" },
      false,
      ["verify"],
    );
    const first = crypto.subtle.verify(
      { name: "Ed25519" },
      key,
      a!.signature.slice(),
      signingBytes(a!),
    );
    // overwrites the scratch space `first` was handed, before it settles
    signingBytes(b!).fill(0);
    expect(await first).toBe(true);
    // and verifyJws, interleaved across a batch, still verifies each JWT
    const results = await Promise.all(
      [a!, b!, a!, b!].map((jws) =>
        verifyJws(jws, {
          kid: String(jws.header.kid),
          document: resolution.document,
          purpose: "assertionMethod",
        }),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
  });
});

describe("verifyJws's signature scratch space", () => {
  it("gives each JWT of a concurrent batch its own answer, a bad signature among good ones too", async () => {
    const { deps } = await happyDeps();
    const resolution = await deps.resolveDid(ISSUER_DID);
    if (!resolution.ok) throw new Error(resolution.message);
    const good = decodeJwt(fixtures.jwts.credential);
    if (!good.ok) throw new Error(good.message);
    const bad = { ...good, signature: good.signature.map((b, i) => (i === 5 ? b ^ 1 : b)) };
    const batch = [good, bad, good, bad, good];
    const results = await Promise.all(
      batch.map((jws) =>
        verifyJws(jws, {
          kid: String(jws.header.kid),
          document: resolution.document,
          purpose: "assertionMethod",
        }),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, true]);
    // the caller's bytes are left as they were
    expect(bad.signature[5]).toBe(good.signature[5]! ^ 1);
  });
});

describe("verifyJws with a document that is not frozen", () => {
  it("uses the document as it is at each call (nothing kept across a change)", async () => {
    const decoded = decodeJwt(fixtures.jwts.credential);
    if (!decoded.ok) throw new Error(decoded.message);
    const document = structuredClone(fixtures.issuerDid) as Parameters<
      typeof verifyJws
    >[1]["document"];
    const options = {
      kid: String(decoded.header.kid),
      document,
      purpose: "assertionMethod" as const,
    };
    expect((await verifyJws(decoded, options)).ok).toBe(true);
    const method = document.verificationMethod.find((m) => m.publicKeyJwk)!;
    method.publicKeyJwk = fixtures.rogueDid.verificationMethod.find((m) => "publicKeyJwk" in m)!
      .publicKeyJwk as typeof method.publicKeyJwk;
    expect(await verifyJws(decoded, options)).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
    });
  });
});

describe("decodeJwt's header cache", () => {
  const enc = (value: unknown) => encodeBase64url(new TextEncoder().encode(JSON.stringify(value)));
  const body = enc({ iss: "did:web:issuer.test", n: 1 });
  const sig = encodeBase64url(new Uint8Array(64));
  const jwtWith = (header: string) => `${header}.${body}.${sig}`;

  it("serves a header only to the exact same header text", () => {
    clearHeaderCache();
    const a = enc({ alg: "EdDSA", typ: "JWT", kid: "did:web:issuer.test#key-1" });
    const b = enc({ alg: "EdDSA", typ: "JWT", kid: "did:web:issuer.test#key-2" });
    const first = decodeJwt(jwtWith(a));
    const again = decodeJwt(jwtWith(a));
    const other = decodeJwt(jwtWith(b));
    if (!first.ok || !again.ok || !other.ok) throw new Error("did not decode");
    expect(again.header).toBe(first.header);
    expect(other.header).not.toBe(first.header);
    expect(other.header.kid).toBe("did:web:issuer.test#key-2");
    // the same JSON spelled differently is another header text, decoded on its own
    const spaced = encodeBase64url(
      new TextEncoder().encode('{"alg": "ES256", "typ":"JWT","kid":"did:web:issuer.test#key-1"}'),
    );
    const es = decodeJwt(jwtWith(spaced));
    expect(es.ok && es.header.alg).toBe("ES256");
  });

  it("never serves a cached header to a text that is refused, and refuses it every time", () => {
    clearHeaderCache();
    const good = enc({ alg: "EdDSA", kid: "k" });
    expect(decodeJwt(jwtWith(good)).ok).toBe(true);
    // one more character: not canonical base64url any more, whatever the cache holds
    for (let round = 0; round < 2; round++) {
      expect(decodeJwt(jwtWith(`${good}A`))).toMatchObject({ ok: false });
      expect(decodeJwt(jwtWith(`${good}=`))).toMatchObject({
        ok: false,
        code: "NON_CANONICAL_BASE64URL",
      });
      const crit = enc({ alg: "EdDSA", kid: "k", crit: ["b64"] });
      expect(decodeJwt(jwtWith(crit))).toMatchObject({ ok: false, code: "MALFORMED_JWT" });
      const none = enc({ alg: "none" });
      expect(decodeJwt(jwtWith(none))).toMatchObject({ ok: true, header: { alg: "none" } });
    }
  });

  it("hands out frozen headers, so one JWT cannot change another's", () => {
    clearHeaderCache();
    const h = enc({ alg: "EdDSA", kid: "k", jwk: { kty: "OKP", x: "abc" } });
    const first = decodeJwt(jwtWith(h));
    const second = decodeJwt(jwtWith(h));
    if (!first.ok || !second.ok) throw new Error("did not decode");
    expect(Object.isFrozen(second.header)).toBe(true);
    expect(Object.isFrozen(second.header.jwk)).toBe(true);
    expect(() => {
      (first.header as { alg: string }).alg = "none";
    }).toThrow(TypeError);
    expect(second.header.alg).toBe("EdDSA");
  });
});

describe("parseCredentialClaim", () => {
  const good = {
    "@context": ["https://www.w3.org/2018/credentials/v1", "https://vitae.example/ctx/v1"],
    type: ["VerifiableCredential", "MedicalLicenseCredential"],
    id: "urn:uuid:1",
    issuer: { id: "did:web:issuer.test", name: "Issuer", logo: "dropped" },
    credentialSubject: { id: "did:key:z6Mk", name: "Dr A", nested: { deep: [1, 2] } },
    credentialStatus: {
      id: "https://issuer.test/list#7",
      type: "BitstringStatusListEntry",
      statusListIndex: "7",
    },
    issuanceDate: "2026-01-01T00:00:00Z",
    expirationDate: "2027-01-01T00:00:00Z",
    validFrom: "2026-01-01T00:00:00Z",
    validUntil: "2027-01-01T00:00:00Z",
    previous: "urn:uuid:0",
    evidence: [{ dropped: true }],
  };
  const variants: unknown[] = [
    good,
    JSON.parse(JSON.stringify(good)),
    { ...good, issuer: "did:web:issuer.test" },
    { ...good, issuer: undefined },
    { ...good, issuer: { id: "did:web:issuer.test" } },
    { ...good, issuer: { name: "no id" } },
    { ...good, issuer: { id: 7 } },
    { ...good, issuer: { id: "did:web:x", name: 7 } },
    { ...good, issuer: ["did:web:x"] },
    { ...good, issuer: null },
    { ...good, credentialStatus: undefined },
    { ...good, credentialStatus: [good.credentialStatus, { type: "Other" }] },
    { ...good, credentialStatus: [] },
    { ...good, credentialStatus: [good.credentialStatus, "text"] },
    { ...good, credentialStatus: "text" },
    { ...good, credentialStatus: null },
    { ...good, "@context": [] },
    { ...good, "@context": "https://www.w3.org/2018/credentials/v1" },
    { ...good, "@context": ["https://www.w3.org/2018/credentials/v1", { "@vocab": "x" }] },
    { ...good, type: [] },
    { ...good, type: "VerifiableCredential" },
    { ...good, type: ["VerifiableCredential", 1] },
    { ...good, credentialSubject: undefined },
    { ...good, credentialSubject: [] },
    { ...good, credentialSubject: "did:key:z6Mk" },
    { ...good, credentialSubject: null },
    { ...good, id: 7 },
    { ...good, issuanceDate: 1 },
    { ...good, expirationDate: null },
    { ...good, validFrom: {} },
    { ...good, validUntil: [] },
    { ...good, previous: false },
    JSON.parse('{"@context":["a"],"type":["b"],"credentialSubject":{"__proto__":{"x":1}}}'),
    JSON.parse('{"@context":["a"],"type":["b"],"credentialSubject":{},"__proto__":{"x":1}}'),
    { "@context": ["a"], type: ["b"], credentialSubject: {} },
    undefined,
    null,
    "vc",
    [good],
  ];

  it("accepts, outputs and refuses exactly what the schema does", () => {
    for (const vc of variants) {
      const fast = parseCredentialClaim(vc);
      const schema = credentialClaimSchema.safeParse(vc);
      const label = JSON.stringify(vc) ?? String(vc);
      expect(fast.success, label).toBe(schema.success);
      if (fast.success && schema.success) expect(fast.data, label).toEqual(schema.data);
      if (!fast.success && !schema.success)
        expect(fast.error.issues[0]?.message, label).toBe(schema.error.issues[0]?.message);
    }
  });

  it("copies what it hands out: the output shares no list or record with the input", () => {
    const input = JSON.parse(JSON.stringify(good)) as typeof good;
    const fast = parseCredentialClaim(input);
    if (!fast.success) throw new Error("refused");
    expect(fast.data.type).not.toBe(input.type);
    expect(fast.data.credentialSubject).not.toBe(input.credentialSubject);
    expect(fast.data.credentialStatus).not.toBe(input.credentialStatus);
    expect(fast.data).not.toHaveProperty("evidence");
    expect(fast.data.issuer).toEqual({ id: "did:web:issuer.test", name: "Issuer" });
  });
});
