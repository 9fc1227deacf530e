import { describe, expect, it } from "vitest";
import { json } from "./__fixtures__/harness";
import { decodeJwt, MAX_JWT_BYTES, signingBytes, splitKnownJws } from "./decode-jwt";
import { MAX_JSON_DEPTH, parseJson } from "./parse-json";

const header = json({ alg: "EdDSA", typ: "JWT" });
const payload = json({ iss: "did:web:issuer.test", n: 1 });

describe("decodeJwt", () => {
  it("splits a compact JWS into header, payload, signing input and signature", () => {
    const result = decodeJwt(`${header}.${payload}.AAEC`);
    expect(result).toMatchObject({ ok: true, header: { alg: "EdDSA" }, payload: { n: 1 } });
    if (!result.ok) throw new Error();
    expect(new TextDecoder().decode(result.signingInput)).toBe(`${header}.${payload}`);
    expect(result.signature).toEqual(new Uint8Array([0, 1, 2]));
  });

  it("refuses input above MAX_JWT_BYTES before looking at it", () => {
    const big = `${header}.${"A".repeat(MAX_JWT_BYTES)}.AAAA`;
    expect(decodeJwt(big)).toMatchObject({ ok: false, code: "INPUT_TOO_LARGE" });
  });

  it("refuses anything but three segments", () => {
    expect(decodeJwt(`${header}.${payload}`)).toMatchObject({ ok: false, code: "MALFORMED_JWT" });
    expect(decodeJwt(`${header}.${payload}.AA.AA`)).toMatchObject({
      ok: false,
      code: "MALFORMED_JWT",
    });
    expect(decodeJwt(`.${payload}.AA`)).toMatchObject({ ok: false, code: "MALFORMED_JWT" });
  });

  it("refuses non-canonical base64url in any segment", () => {
    expect(decodeJwt(`${header}=.${payload}.AA`)).toMatchObject({
      ok: false,
      code: "NON_CANONICAL_BASE64URL",
    });
    expect(decodeJwt(`${header}.${payload}.QR`)).toMatchObject({
      ok: false,
      code: "NON_CANONICAL_BASE64URL",
    });
    const standardB64 = Buffer.from(JSON.stringify({ a: "???>>>" }))
      .toString("base64")
      .replace(/=+$/, "");
    expect(standardB64).toMatch(/[+/]/);
    expect(decodeJwt(`${header}.${standardB64}.AA`)).toMatchObject({
      ok: false,
      code: "NON_CANONICAL_BASE64URL",
    });
  });

  it("refuses JSON nested deeper than the limit, and non-object segments", () => {
    const deep = json(JSON.parse("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1)));
    const deepInObject = Buffer.from(`{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`).toString(
      "base64url",
    );
    expect(decodeJwt(`${header}.${deep}.AA`)).toMatchObject({ ok: false, code: "INVALID_JSON" });
    expect(decodeJwt(`${header}.${deepInObject}.AA`)).toMatchObject({
      ok: false,
      code: "INVALID_JSON",
    });
    expect(decodeJwt(`${header}.${json([1])}.AA`)).toMatchObject({
      ok: false,
      code: "INVALID_JSON",
    });
    expect(decodeJwt(`${header}.${Buffer.from("{nope").toString("base64url")}.AA`)).toMatchObject({
      ok: false,
      code: "INVALID_JSON",
    });
    expect(
      decodeJwt(`${header}.${Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url")}.AA`),
    ).toMatchObject({
      ok: false,
      code: "INVALID_JSON",
    });
  });

  it("refuses critical header extensions it cannot honour", () => {
    const crit = json({ alg: "EdDSA", crit: ["b64"], b64: false });
    expect(decodeJwt(`${crit}.${payload}.AA`)).toMatchObject({ ok: false, code: "MALFORMED_JWT" });
  });
});

describe("parseJson", () => {
  it("counts brackets inside strings as text, not nesting", () => {
    const text = JSON.stringify({ s: "[".repeat(100) + '\\"{' });
    expect(parseJson(text)).toMatchObject({ ok: true });
  });

  it("accepts exactly the maximum depth", () => {
    const ok = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
    expect(parseJson(ok).ok).toBe(true);
    expect(parseJson("[" + ok + "]").ok).toBe(false);
  });
});

describe("splitKnownJws", () => {
  it("splits only a JWS whose header decodeJwt already accepted, and agrees with it", () => {
    const known = json({ alg: "EdDSA", typ: "JWT", kid: "did:web:split.test#key-1" });
    const jwt = `${known}.${payload}.AAEC`;
    expect(splitKnownJws(jwt)).toBeUndefined();
    const decoded = decodeJwt(jwt);
    if (!decoded.ok) throw new Error(decoded.message);
    const split = splitKnownJws(jwt);
    expect(split?.header).toBe(decoded.header);
    expect(split?.signature).toEqual(decoded.signature);
    expect(new TextDecoder().decode(signingBytes(split!))).toBe(`${known}.${payload}`);
    expect(new TextDecoder().decode(split!.signingInput)).toBe(`${known}.${payload}`);
  });

  it("gives up on anything that is not three parts with a canonical signature", () => {
    const known = json({ alg: "EdDSA", typ: "JWT", kid: "did:web:split.test#key-2" });
    expect(decodeJwt(`${known}.${payload}.AAEC`).ok).toBe(true);
    for (const bad of [
      `${known}.${payload}`,
      `${known}.${payload}.AAEC.AAEC`,
      `${known}..AAEC`,
      `${known}.${payload}.AA=C`,
      `${known}.${"A".repeat(MAX_JWT_BYTES)}.AAEC`,
    ]) {
      expect(splitKnownJws(bad)).toBeUndefined();
    }
  });
});
